import { generateListedLibrary } from '../support/generated-library';
import { expect, seedTitle, test } from './fixtures';
import { pasteDocument, selectTextWithMouse } from './reader-helpers';

test('deleting a document asks how many highlights go with it, and Undo brings it back with its highlights, also after a relaunch', async ({
  launch,
}) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  await selectTextWithMouse(page, 'global cooperation, how are countries');
  await page.keyboard.press('h');
  await selectTextWithMouse(page, 'act instead of just watching');
  await page.keyboard.press('h');
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(2);
  await pasteDocument(page, '# Field notes\n\nThe heron waited at the edge of the reeds.');
  await expect(library.getByRole('listitem')).toHaveCount(2);
  const seedItem = library.getByRole('listitem').filter({ hasText: seedTitle });
  await expect(seedItem).toContainText('2 highlights');

  // Cancel first: nothing changes.
  await seedItem.getByRole('button', { name: 'Delete document' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete “${seedTitle}”?` });
  await expect(confirm).toContainText('Its 2 highlights and their notes will be deleted with it.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(library.getByRole('listitem')).toHaveCount(2);

  await seedItem.getByRole('button', { name: 'Delete document' }).click();
  await confirm.getByRole('button', { name: 'Delete with 2 highlights' }).click();
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await expect(library).not.toContainText(seedTitle);
  const notices = page.getByRole('status', { name: 'Notices' });
  await expect(notices).toContainText(`Deleted “${seedTitle}” and its 2 highlights.`);
  // Search no longer finds it.
  await page.getByRole('searchbox', { name: 'Search library' }).fill('spectators');
  await expect(page.getByRole('search')).toContainText('No matches.');
  await page.getByRole('searchbox', { name: 'Search library' }).fill('');

  await notices.getByRole('button', { name: 'Undo' }).click();
  await expect(library.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText(seedTitle);
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(2);
  await app.close();

  app = await launch();
  page = app.page;
  await expect(page.getByRole('article')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: seedTitle }).click();
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(2);
});

test('the library sorts by title, added or opened, filters by tag, and shows progress and highlight counts', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  await pasteDocument(page, '# Aardvark habits\n\nThey dig at night, the aardvarks do.');
  await expect(library.getByRole('listitem')).toHaveCount(2);
  await pasteDocument(page, '# Zebra crossings\n\nStripes for the road.');
  await expect(library.getByRole('listitem')).toHaveCount(3);
  const titles = library.locator('.library-item-title');

  await library.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Title' });
  await expect(titles).toHaveText(['Aardvark habits', seedTitle, 'Zebra crossings']);
  await library.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Recently added' });
  await expect(titles).toHaveText(['Zebra crossings', 'Aardvark habits', seedTitle]);
  await library.getByRole('button', { name: 'Aardvark habits' }).click();
  await library.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Recently opened' });
  await expect(titles.first()).toHaveText('Aardvark habits');

  // A tag on a highlight makes the tag filter appear.
  await selectTextWithMouse(page, 'They dig at night');
  await page.keyboard.press('h');
  const notes = page.getByRole('complementary', { name: 'Notes' });
  await notes.getByRole('textbox', { name: 'Tags' }).fill('animals');
  await notes.getByRole('textbox', { name: 'Tags' }).press('Tab');
  await expect(notes.getByRole('status')).toHaveText('Saved');
  await library.getByRole('button', { name: 'Zebra crossings' }).click();
  await library.getByRole('combobox', { name: 'Tag' }).selectOption({ label: '#animals' });
  await expect(titles).toHaveText(['Aardvark habits']);
  await expect(library.getByRole('listitem')).toContainText('1 highlight');
  await library.getByRole('combobox', { name: 'Tag' }).selectOption({ label: 'All documents' });
  await expect(titles).toHaveCount(3);
  await expect(library.getByRole('listitem').filter({ hasText: seedTitle })).toContainText('0% read');
});

test('a document can be renamed and its author and date corrected; the reader, the list and search show the new details after a relaunch', async ({
  launch,
}) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('listitem').filter({ hasText: seedTitle }).getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  await expect(dialog.getByRole('textbox', { name: 'Title' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Title' }).fill('Working together');
  await dialog.getByRole('textbox', { name: 'Author' }).fill('Staff reporter');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Working together');
  await expect(page.getByRole('article')).toContainText('Staff reporter');
  await expect(library.getByRole('listitem')).toContainText('Working together');
  await app.close();

  app = await launch();
  page = app.page;
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Working together');
  await page.getByRole('searchbox', { name: 'Search library' }).fill('working together');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Title/ })).toHaveCount(1);
});

test('the library list follows highlight edits in the open document', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const seedItem = page.getByRole('navigation', { name: 'Library' }).getByRole('listitem').filter({ hasText: seedTitle });
  await expect(seedItem).toContainText('0 highlights');
  await selectTextWithMouse(page, 'global cooperation, how are countries');
  await page.keyboard.press('h');
  await expect(seedItem).toContainText('1 highlight');
  await page.keyboard.press('Control+z');
  await expect(seedItem).toContainText('0 highlights');
});

test('“% read” is how far the reader got: scrolling back up does not lower it, and a relaunch keeps it', async ({ launch }) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  const entries = Array.from({ length: 60 }, (_, index) => `Entry ${index + 1}: the tide came in over the flats and went out again.`);
  await pasteDocument(page, ['# Tide log', ...entries].join('\n\n'));
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Tide log');
  const item = () => page.getByRole('navigation', { name: 'Library' }).getByRole('listitem').filter({ hasText: 'Tide log' });
  const percentRead = async () => Number(/(\d+)% read/.exec((await item().textContent()) ?? '')?.[1] ?? NaN);
  await expect.poll(percentRead).toBe(0);

  // Down with the keyboard, about two thirds of the way.
  const reader = page.getByRole('main');
  await reader.focus();
  const scrolled = () => reader.evaluate((main) => main.scrollTop / (main.scrollHeight - main.clientHeight));
  while ((await scrolled()) < 0.6) await page.keyboard.press('PageDown');
  await expect.poll(percentRead).toBeGreaterThanOrEqual(60);
  await expect(reader).toHaveAttribute('data-position-state', 'saved');
  const furthest = await percentRead();

  // Back up to the top: the figure does not fall.
  // The reader marks each save it finishes; clear the mark so the next one is this scroll's.
  await reader.evaluate((main) => (main.dataset.positionState = 'idle'));
  await page.keyboard.press('Home');
  await expect.poll(scrolled).toBe(0);
  await expect(reader).toHaveAttribute('data-position-state', 'saved');
  expect(await percentRead()).toBe(furthest);

  await app.close();
  app = await launch();
  page = app.page;
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Tide log');
  await expect.poll(percentRead).toBe(furthest);
});

test('a library of hundreds of documents shows a page of rows at once and the rest as the reader scrolls or asks', async ({
  launch,
  dataDir,
}) => {
  await generateListedLibrary(dataDir, 250);
  const { page } = await launch();
  const library = page.getByRole('navigation', { name: 'Library' });
  const rows = library.getByRole('listitem');
  await expect(rows).toHaveCount(100);
  // Screen readers hear each row's place in the whole library, not in the page.
  await expect(rows.first()).toHaveAttribute('aria-setsize', '250');
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  await expect(rows.first()).toContainText('10 highlights');
  await expect(rows.first().locator('.library-item')).toHaveAttribute('aria-current', 'page');
  const showMore = library.getByRole('button', { name: /^Show more/ });
  await expect(showMore).toHaveText('Show more · 150 of 250 not shown yet');

  // Arrowing to the last row brings it into view, and the next page with it.
  await rows.first().getByRole('button').first().focus();
  await page.keyboard.press('End');
  await expect(rows).toHaveCount(200);
  await expect(rows.nth(199)).toHaveAttribute('aria-posinset', '200');
  await expect(showMore).toHaveText('Show more · 50 of 250 not shown yet');
  // The button itself, for whoever Tabs to it.
  await showMore.focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(250);
  await expect(showMore).toBeHidden();

  // Another order starts again from its first page, and the open document's row is always among those shown.
  const sort = library.getByRole('combobox', { name: 'Sort' });
  await sort.selectOption('added');
  await expect(rows.first()).toContainText('Generated article 249');
  // A page, or two when the sidebar was left scrolled to its end and so at the button that brings the next.
  const shownAfterSort = await rows.count();
  expect(shownAfterSort % 100).toBe(0);
  expect(shownAfterSort).toBeLessThan(250);
  // The open one, the list's top row at launch (none had been opened), is the last by title.
  await sort.selectOption('title');
  await expect(rows).toHaveCount(250);
  await expect(rows.last().locator('.library-item')).toHaveAttribute('aria-current', 'page');
  await expect(rows.first()).toContainText('Generated article 0');
});
