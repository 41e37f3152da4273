import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { paintedHighlights, selectTextWithMouse } from './reader-helpers';

const firstParagraph =
  'The coronavirus outbreak has raised a question about global cooperation, how are countries working together, even in the face of unresolved disputes or disagreements?';
const phrase = 'act instead of just watching as spectators';

/** The text under the reading focus (its CSS highlight), or '' when there is none. */
function readingFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const ranges = Array.from((CSS.highlights.get('gloss-reading-focus') ?? []) as unknown as Iterable<AbstractRange>);
    return ranges
      .map((range) => {
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        return live.toString();
      })
      .join('');
  });
}

/** The stored selectors of the open document's highlights, as main has them. */
async function storedSelectors(page: Page): Promise<unknown[]> {
  return page.evaluate(async () => {
    const library = await window.gloss.getLibrary();
    if (!library.ok) throw new Error(library.error.message);
    const opened = await window.gloss.openDocument(library.value.documents[0]!.id);
    if (!opened.ok) throw new Error(opened.error.message);
    return opened.value.highlights.map((highlight) => ({ quote: highlight.quote, position: highlight.position }));
  });
}

async function openedAndSettled(page: Page): Promise<void> {
  await expect(page.getByRole('article')).toBeVisible();
  // The notes pane shows the document note once the whole document is rendered and its highlights anchored.
  await expect(page.getByRole('complementary', { name: 'Notes' }).getByRole('textbox', { name: 'Document note' })).toBeVisible();
}

test('a highlight is made from the keyboard alone: focus a paragraph, narrow to words, extend, Tab to the toolbar, pick a color', async ({
  launch,
}) => {
  const { page } = await launch();
  await openedAndSettled(page);
  const announcer = page.locator('.announcer');

  // The keyboard starts in the article; from the library, the first Tab stop of the page, Skip to the article, leads back.
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('searchbox', { name: 'Search library' })).toBeFocused();
  const skipLink = page.getByRole('link', { name: 'Skip to the article' });
  expect(await page.evaluate(() => document.querySelector('a[href], button, input, select, textarea, [tabindex="0"]')?.textContent)).toBe(
    'Skip to the article',
  );
  await skipLink.focus();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await page.keyboard.press('ArrowDown');
  expect(await readingFocus(page)).toBe(firstParagraph);
  await expect(announcer).toHaveText(firstParagraph);
  await page.keyboard.press('h');
  expect(await paintedHighlights(page)).toEqual({ yellow: [firstParagraph] });
  await expect(announcer).toHaveText(`Highlighted in yellow: ${firstParagraph}`);

  // Down to “We need to act…”, then word by word to “act”, then Shift extends over the phrase.
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowDown');
  expect(await readingFocus(page)).toBe('“We need to act instead of just watching as spectators,” he added.');
  await page.keyboard.press('Control+ArrowRight');
  expect(await readingFocus(page)).toBe('We');
  for (let step = 0; step < 3; step++) await page.keyboard.press('Control+ArrowRight');
  expect(await readingFocus(page)).toBe('act');
  for (let step = 0; step < 6; step++) await page.keyboard.press('Shift+Control+ArrowRight');
  expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(phrase);

  // Tab reaches the selection toolbar instead of dismissing it; arrows move along it.
  const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
  await expect(toolbar).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(toolbar.getByRole('button', { name: 'Highlight' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Green' })).toBeFocused();
  await page.keyboard.press('Enter');

  expect(await paintedHighlights(page)).toEqual({ yellow: [firstParagraph], green: [phrase] });
  await expect(announcer).toHaveText(`Highlighted in green: ${phrase}`);
  await expect(toolbar).toBeHidden();
  // The keyboard is back in the article, not on <body>: the focus keeps moving.
  await expect(page.getByRole('main')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  expect(await readingFocus(page)).not.toBe('');
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(2);
});

test('Ctrl+A in the article selects the article’s text only, and 3 highlights it in blue', async ({ launch }) => {
  const { page } = await launch();
  await openedAndSettled(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+a');
  // Range.toString() is the text as the TextMap sees it (Selection.toString() adds line breaks between blocks).
  const { selected, body } = await page.evaluate(() => ({
    selected: document.getSelection()?.getRangeAt(0).toString() ?? '',
    body: document.querySelector('.document-body')?.textContent ?? '',
  }));
  expect(selected).toBe(body);
  expect(selected).not.toContain('Library');
  await page.keyboard.press('3');
  const painted = await paintedHighlights(page);
  expect(painted.blue?.[0]?.startsWith('The coronavirus outbreak')).toBe(true);
});

test('a keyboard selection and a mouse selection of the same words store the same selectors', async ({ launch }) => {
  const { page } = await launch();
  await openedAndSettled(page);
  for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowDown');
  for (let step = 0; step < 4; step++) await page.keyboard.press('Control+ArrowRight');
  for (let step = 0; step < 6; step++) await page.keyboard.press('Shift+Control+ArrowRight');
  await page.keyboard.press('h');
  await expect(page.locator('.save-status')).toHaveText('Saved');
  const byKeyboard = await storedSelectors(page);
  expect(byKeyboard).toHaveLength(1);

  await page.keyboard.press('Control+z');
  await expect(page.getByText('No highlights yet.')).toBeVisible();
  await selectTextWithMouse(page, phrase);
  await page.keyboard.press('h');
  await expect(page.locator('.save-status')).toHaveText('Saved');
  expect(await storedSelectors(page)).toEqual(byKeyboard);
});

test('the ? sheet lists the reading focus keys', async ({ launch }) => {
  const { page } = await launch();
  await openedAndSettled(page);
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toContainText('Reading focus: next / previous paragraph');
  await expect(sheet).toContainText('Reading focus: next / previous word');
});
