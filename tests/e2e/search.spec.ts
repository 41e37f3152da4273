import type { Page } from 'playwright/test';
import { expect, seedTitle, test } from './fixtures';
import { pasteDocument, selectTextWithMouse } from './reader-helpers';
import { generateListedLibrary } from '../support/generated-library';

/** Whether the passage flashed after a jump is on screen inside the reader. */
function flashedPassageInView(page: Page): Promise<{ text: string; inView: boolean } | null> {
  return page.evaluate(() => {
    const flash = CSS.highlights.get('gloss-flash');
    const range = flash ? (Array.from(flash as unknown as Iterable<AbstractRange>)[0] ?? null) : null;
    if (!range) return null;
    const live = document.createRange();
    live.setStart(range.startContainer, range.startOffset);
    live.setEnd(range.endContainer, range.endOffset);
    const box = live.getBoundingClientRect();
    const reader = document.querySelector('main.reader')!.getBoundingClientRect();
    return { text: live.toString(), inView: box.top >= reader.top && box.bottom <= reader.bottom };
  });
}

test('Ctrl+K search finds a phrase inside a highlight’s note and opens the document there, with the highlight selected', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const phrase = 'a firm commitment to their global responsibilities';
  await selectTextWithMouse(page, phrase);
  await page.keyboard.press('h');
  const notes = page.getByRole('complementary', { name: 'Notes' });
  await notes.getByRole('textbox', { name: 'Note', exact: true }).fill('Echoes the Bretton Woods argument about shared duties.');
  await notes.getByRole('textbox', { name: 'Note', exact: true }).press('Tab');
  await expect(notes.getByRole('status')).toHaveText('Saved');

  // Another document is open when the search starts.
  await pasteDocument(
    page,
    '# Field notes\n\nThe heron waited at the edge of the reeds.\n\n' + 'Filler paragraph about the marsh. '.repeat(40),
  );
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Field notes');

  await page.keyboard.press('Control+K');
  const search = page.getByRole('searchbox', { name: 'Search library' });
  await expect(search).toBeFocused();
  // Case and accents do not matter.
  await search.fill('BRETTON wóods');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('listitem').first()).toContainText(seedTitle);
  const hit = results.getByRole('button', { name: /Note on a highlight/ });
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark')).toHaveText('Bretton Woods');

  await page.keyboard.press('ArrowDown');
  await expect(hit).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText(seedTitle);
  const entry = notes.getByRole('list', { name: 'Highlights' }).getByRole('listitem').first();
  await expect(entry).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => flashedPassageInView(page)).toEqual({ text: phrase, inView: true });
});

test('search finds text in every document, grouped by document, and opens the document scrolled to the match', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await pasteDocument(
    page,
    `# Marsh diary\n\n${'Filler paragraph about nothing much. '.repeat(60)}\n\nThe heron waited for global cooperation at the edge of the reeds.`,
  );
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Marsh diary');
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: seedTitle }).click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText(seedTitle);

  const search = page.getByRole('searchbox', { name: 'Search library' });
  await search.fill('global cooperation');
  const results = page.getByRole('list', { name: 'Search results' });
  const documents = results.locator(':scope > li');
  await expect(documents).toHaveCount(2);
  // The seed article has the phrase in its title: it ranks first.
  await expect(documents.nth(0).getByRole('heading')).toContainText(seedTitle);
  await expect(documents.nth(1).getByRole('heading')).toContainText('Marsh diary');

  await documents
    .nth(1)
    .getByRole('button', { name: /heron waited/ })
    .click();
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Marsh diary');
  await expect.poll(() => flashedPassageInView(page)).toEqual({ text: 'global cooperation', inView: true });

  // Escape in the box clears it and gives the library list back.
  await search.focus();
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(results).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Library' }).locator('.library-list')).toBeVisible();
});

test('result snippets show a Markdown note as the words one reads, with the match marked, never `**thesis**`', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, 'a firm commitment to their global responsibilities');
  await page.keyboard.press('h');
  const notes = page.getByRole('complementary', { name: 'Notes' });
  const note = notes.getByRole('textbox', { name: 'Note', exact: true });
  await note.focus();
  await page.keyboard.type('The **thesis** of the _speech_, see [the report](https://example.com/r).');
  await page.keyboard.press('Tab');
  await expect(notes.getByRole('status')).toHaveText('Saved');

  await page.keyboard.press('Control+K');
  await page.keyboard.type('thesis');
  const hit = page.getByRole('list', { name: 'Search results' }).getByRole('button', { name: /Note on a highlight/ });
  await expect(hit).toHaveCount(1);
  await expect(hit.locator('mark')).toHaveText('thesis');
  await expect(hit.locator('.search-snippet')).toHaveText('The thesis of the speech, see the report.');
  await expect(hit).not.toContainText('*');
  await expect(hit).not.toContainText('](');
});

test('the notes pane’s search marks what it matched in the listed quotes and notes, and the marks go when it is cleared', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const notes = page.getByRole('complementary', { name: 'Notes' });
  await selectTextWithMouse(page, 'a firm commitment to their global responsibilities');
  await page.keyboard.press('h');
  const note = notes.getByRole('textbox', { name: 'Note', exact: true });
  await note.focus();
  await page.keyboard.type('Global duties, as in **Bretton Woods**.');
  await page.keyboard.press('Tab');
  await expect(notes.getByRole('status')).toHaveText('Saved');
  await selectTextWithMouse(page, 'act instead of just watching');
  await page.keyboard.press('2');
  await page.keyboard.press('Escape');
  const entries = notes.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  await expect(entries).toHaveCount(2);

  await notes.getByRole('searchbox', { name: 'Search notes' }).focus();
  await page.keyboard.type('GLOBAL');
  await expect(entries).toHaveCount(1);
  // In the quote and in the rendered note, whatever the case.
  await expect(entries.first().locator('mark')).toHaveText(['global', 'Global']);

  await page.keyboard.press('Control+a');
  await page.keyboard.type('woods');
  await expect(entries.first().locator('mark')).toHaveText(['Woods']);
  await expect(entries.first().locator('strong mark')).toHaveCount(1);

  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect(entries).toHaveCount(2);
  await expect(notes.locator('.entries mark')).toHaveCount(0);
});

test('a search typed while a big library is first indexed answers from what is read so far, says so, and is run again when all is read', async ({
  launch,
  dataDir,
}) => {
  // The list's details kept in the index, as after any earlier launch: the list shows at once, the search index is read after it.
  await generateListedLibrary(dataDir, 5_000);
  const { page } = await launch();
  // Searched for as soon as the box is there: the read starts two seconds after launch, or with this search if it comes first.
  const search = page.getByRole('searchbox', { name: 'Search library' });
  await search.fill('generated article');
  await search.press('Enter');
  const status = page.locator('.search-status');
  // Five thousand documents take seconds to read: the answer comes at once, from those read so far.
  await expect(status).toHaveText(/ so far: still reading the library \([\d,]+ of 5,000 documents\)\.$/, { timeout: 30_000 });
  await expect(status).toHaveText('50+ documents match.', { timeout: 60_000 });
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
});
