import { expect, test } from './fixtures';
import { clickText, paintedHighlights, selectTextWithMouse } from './reader-helpers';

const phrase = 'act instead of just watching as spectators';

test('a phrase highlighted with the mouse and given a note is still exactly there after a relaunch', async ({ launch }) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();

  await selectTextWithMouse(page, phrase);
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight' }).click();

  expect(await paintedHighlights(page)).toEqual({ yellow: [phrase] });
  const notes = page.getByRole('complementary', { name: 'Notes' });
  await expect(notes.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);
  await notes.getByRole('textbox', { name: 'Note', exact: true }).fill('Spectators vs **actors**: compare with the 2019 speech.');
  await notes.getByRole('textbox', { name: 'Tags' }).fill('quotes, governance');
  await notes.getByRole('textbox', { name: 'Tags' }).press('Tab');
  await expect(notes.getByRole('status')).toHaveText('Saved');
  await app.close();

  app = await launch();
  page = app.page;
  await expect(page.getByRole('article')).toBeVisible();
  await expect.poll(() => paintedHighlights(page)).toEqual({ yellow: [phrase] });
  const entry = page.getByRole('complementary', { name: 'Notes' }).getByRole('listitem');
  await expect(entry).toContainText(phrase);
  await expect(entry.locator('.entry-note strong')).toHaveText('actors');
  await expect(entry).toContainText('#quotes #governance');
});

test('overlapping highlights both stay visible, and a click selects the one under the pointer', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();

  await selectTextWithMouse(page, 'global cooperation, how are countries');
  await page.keyboard.press('h');
  await selectTextWithMouse(page, 'how are countries working together');
  await page.keyboard.press('2');

  expect(await paintedHighlights(page)).toEqual({
    yellow: ['global cooperation, how are countries'],
    green: ['how are countries working together'],
  });
  const entries = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  await expect(entries).toHaveCount(2);

  await clickText(page, 'global cooperation');
  await expect(entries.nth(0)).toHaveAttribute('aria-current', 'true');
  await clickText(page, 'working together');
  await expect(entries.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(entries.nth(0)).not.toHaveAttribute('aria-current', 'true');
});

test('create, recolor, note edits and delete can be undone and redone, and what remains is saved', async ({ launch }) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  const entries = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  const undo = () => page.keyboard.press('Control+z');
  const redo = () => page.keyboard.press('Control+Shift+z');

  await selectTextWithMouse(page, phrase);
  await page.keyboard.press('h');
  await expect(entries).toHaveCount(1);
  await undo();
  expect(await paintedHighlights(page)).toEqual({});
  await expect(page.getByText('No highlights yet.')).toBeVisible();
  await redo();
  expect(await paintedHighlights(page)).toEqual({ yellow: [phrase] });

  await entries.first().getByRole('button').first().click();
  await entries.first().getByRole('radio', { name: 'Blue' }).click();
  expect(await paintedHighlights(page)).toEqual({ blue: [phrase] });
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await undo();
  expect(await paintedHighlights(page)).toEqual({ yellow: [phrase] });

  await entries.first().getByRole('button').first().click();
  const note = page.getByRole('textbox', { name: 'Note', exact: true });
  await note.fill('first thought');
  await note.blur();
  await undo();
  await expect(note).toHaveValue('');
  await redo();
  await expect(note).toHaveValue('first thought');

  await entries.first().getByRole('button').first().click();
  await page.getByRole('button', { name: 'Delete highlight' }).click();
  await expect(entries).toHaveCount(0);
  await undo();
  await expect(entries).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: /Saved/ })).toBeVisible();
  await app.close();

  app = await launch();
  page = app.page;
  await expect.poll(() => paintedHighlights(page)).toEqual({ yellow: [phrase] });
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toContainText('first thought');
});

test('highlights can be reached, annotated and removed from the keyboard, and ? lists the shortcuts', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, 'China has kept its promises.');
  await page.keyboard.press('5');
  await selectTextWithMouse(page, 'global cooperation');
  await page.keyboard.press('3');
  expect(await paintedHighlights(page)).toEqual({ purple: ['China has kept its promises.'], blue: ['global cooperation'] });

  await page.keyboard.press('Escape');
  const entries = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  await expect(entries.nth(0)).not.toHaveAttribute('aria-current', 'true');
  await page.keyboard.press(']');
  await expect(entries.nth(0)).toHaveAttribute('aria-current', 'true');
  await expect(entries.nth(0)).toContainText('global cooperation');
  await page.keyboard.press(']');
  await expect(entries.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toBeFocused();
  await page.keyboard.type('typed without a mouse');
  await page.keyboard.press('Escape');
  await page.getByRole('textbox', { name: 'Note', exact: true }).blur();
  await page.keyboard.press('Delete');
  await expect(entries).toHaveCount(1);
  expect(await paintedHighlights(page)).toEqual({ blue: ['global cooperation'] });

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Undo');
  await expect(help).toContainText('In the library or the contents: next / previous item');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
});

test('the notes pane jumps to a passage, filters by color and tag, and searches quotes and notes', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, 'global cooperation');
  await page.keyboard.press('1');
  await page.getByRole('textbox', { name: 'Tags' }).fill('theme');
  await page.getByRole('textbox', { name: 'Tags' }).press('Tab');
  await selectTextWithMouse(page, 'carbon neutrality by 2060');
  await page.keyboard.press('3');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Compare with the EU target');
  await page.getByRole('textbox', { name: 'Note', exact: true }).blur();
  const entries = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  await expect(entries).toHaveCount(2);

  // Jumping: the reader scrolls to the passage and flashes it.
  await page.getByRole('main').evaluate((reader) => (reader.scrollTop = reader.scrollHeight));
  await entries.first().getByRole('button').first().click();
  const flashed = () =>
    page.evaluate(() =>
      Array.from(CSS.highlights.get('gloss-flash') ?? [], (range) => {
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        return live.toString();
      }),
    );
  await expect.poll(flashed).toEqual(['global cooperation']);
  const visible = await page.evaluate(() => {
    const flash = Array.from(CSS.highlights.get('gloss-flash') ?? [])[0] as AbstractRange;
    const range = document.createRange();
    range.setStart(flash.startContainer, flash.startOffset);
    range.setEnd(flash.endContainer, flash.endOffset);
    const box = range.getBoundingClientRect();
    const reader = document.querySelector('main')!.getBoundingClientRect();
    return box.top >= reader.top && box.bottom <= reader.bottom;
  });
  expect(visible).toBe(true);

  const notes = page.getByRole('complementary', { name: 'Notes' });
  await notes.getByRole('combobox', { name: 'Color' }).selectOption('blue');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('carbon neutrality by 2060');
  await notes.getByRole('combobox', { name: 'Color' }).selectOption('');
  await notes.getByRole('combobox', { name: 'Tag' }).selectOption('theme');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('global cooperation');
  await notes.getByRole('combobox', { name: 'Tag' }).selectOption('');
  await notes.getByRole('searchbox', { name: 'Search notes' }).fill('eu TARGET');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toContainText('carbon neutrality by 2060');
});

test('a note typed just before the window closes is not lost', async ({ launch }) => {
  let app = await launch();
  await expect(app.page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(app.page, phrase);
  await app.page.keyboard.press('h');
  await app.page.getByRole('textbox', { name: 'Note', exact: true }).fill('the last words before closing');
  // No wait for "Saved": the window closes while the note is still waiting to be written.
  await app.close();

  app = await launch();
  await expect(app.page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toContainText('the last words before closing');
});
