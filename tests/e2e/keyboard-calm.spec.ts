import type { Page } from 'playwright/test';
import { expect, seedTitle, test } from './fixtures';
import { pasteDocument } from './reader-helpers';

/** A long document of numbered paragraphs, each long enough to wrap, so a layout change moves lines. */
const longDocument = [
  '# Field log',
  ...Array.from(
    { length: 80 },
    (_, index) =>
      `Entry ${index + 1}: the heron stood in the shallows while the light changed over the reeds, and the water kept its slow count of the hours.`,
  ),
].join('\n\n');

/**
 * How far (px) the start of `phrase` sits below the top of the reader in the next painted frame, or null when it
 * is not in the document. Measuring at once would force a layout of settings the page has not yet drawn: the
 * place is put back by a ResizeObserver in the frame's rendering steps, before paint, which is what a reader sees.
 */
function distanceFromTop(page: Page, phrase: string): Promise<number | null> {
  return page.evaluate(async (phrase) => {
    await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
    const reader = document.querySelector('main')!;
    const walker = document.createTreeWalker(document.querySelector('.document-body')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = (node as Text).data.indexOf(phrase);
      if (index === -1) continue;
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      return range.getBoundingClientRect().top - reader.getBoundingClientRect().top;
    }
    return null;
  }, phrase);
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('article')).toBeVisible();
  // The notes pane shows the document note once the whole document is rendered and its highlights anchored.
  await expect(page.getByRole('complementary', { name: 'Notes' }).getByRole('textbox', { name: 'Document note' })).toBeVisible();
}

test('text size, line height, width, font and theme changes from the keyboard keep the first visible line in place', async ({ launch }) => {
  const { page } = await launch();
  await settled(page);
  await pasteDocument(page, longDocument);
  await expect(page.getByRole('heading', { level: 1, name: 'Field log' }).first()).toBeVisible();
  await settled(page);
  // Entry 40 at the top of the reader, the way a reader scrolls there.
  await page.evaluate(() => {
    const entry = Array.from(document.querySelectorAll('.document-body p')).find((p) => p.textContent?.startsWith('Entry 40:'))!;
    const reader = document.querySelector('main')!;
    reader.scrollTop += entry.getBoundingClientRect().top - reader.getBoundingClientRect().top;
  });
  await expect.poll(() => distanceFromTop(page, 'Entry 40:')).toBeLessThan(2);

  await page.getByRole('button', { name: 'Reading settings' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Reading settings' });
  await expect(dialog.getByRole('combobox', { name: 'Font' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('slider', { name: 'Text size' })).toBeFocused();
  for (let step = 0; step < 7; step++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Tab');
  for (let step = 0; step < 3; step++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  for (let step = 0; step < 5; step++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Still Entry 40 at the top: within one line of where it was.
  const after = await distanceFromTop(page, 'Entry 40:');
  expect(after).not.toBeNull();
  expect(Math.abs(after!)).toBeLessThan(30);
});

test('notices sit beside the text, dismiss themselves, stay while they offer Undo, and Escape dismisses them', async ({ launch }) => {
  const { page } = await launch();
  await settled(page);
  const notices = page.getByRole('status', { name: 'Notices' });
  await pasteDocument(page, '# Short note\n\nA line to add.');
  const added = notices.getByText('Added “Short note”.');
  await expect(added).toBeVisible();

  // Beside the text, not over it: the notice's box and the article's text column do not meet.
  // The pasted document opens at the same time as its notice shows: measure once both are laid out.
  const boxes = () => Promise.all([added.boundingBox(), page.locator('.document-body').boundingBox()]);
  await expect.poll(async () => (await boxes()).every((box) => box !== null)).toBe(true);
  const [noticeBox, textBox] = await boxes();
  expect(noticeBox!.x).toBeGreaterThanOrEqual(textBox!.x + textBox!.width);
  // Gone by itself, without a click.
  await expect(added).toBeHidden({ timeout: 15_000 });

  await pasteDocument(page, '# Another note\n\nA second line.');
  await expect(notices.getByText('Added “Another note”.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(notices.getByRole('paragraph')).toHaveCount(0);
});

test('after deleting, undoing with Ctrl+Z, adding a file and exporting, the keyboard is never left on <body>', async ({
  launch,
  dataDir,
}) => {
  const app = await launch();
  const { page } = app;
  await settled(page);
  const library = page.getByRole('navigation', { name: 'Library' });
  const focusedTag = () => page.evaluate(() => document.activeElement?.tagName);

  // Adding a file through the file chooser: focus goes to the new document.
  await page
    .locator('.add-documents-input')
    .setInputFiles({ name: 'pond.md', mimeType: 'text/markdown', buffer: Buffer.from('# Pond\n\nStill water.') });
  await expect(page.locator('#document-title')).toHaveText('Pond');
  await expect.poll(focusedTag).toBe('MAIN');

  // Deleting from the keyboard: the row goes away with the focus on it.
  const pondItem = library.getByRole('listitem').filter({ hasText: 'Pond' });
  await pondItem.getByRole('button', { name: 'Delete document' }).focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Delete “Pond”?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: /^Delete/ }).focus();
  await page.keyboard.press('Enter');
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await expect.poll(focusedTag).toBe('MAIN');
  await page.keyboard.press('PageDown');

  // Ctrl+Z undoes the delete, like the notice's Undo; the Undo notice was still there after 9 seconds.
  await page.waitForTimeout(9_000);
  await expect(page.getByRole('status', { name: 'Notices' }).getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(library.getByRole('listitem')).toHaveCount(2);
  await expect(page.locator('#document-title')).toHaveText('Pond');
  await expect.poll(focusedTag).toBe('MAIN');

  // Export's Save… keeps the focus on itself once the file is written.
  await page.keyboard.press('Control+Shift+E');
  const exportDialog = page.getByRole('dialog', { name: 'Export highlights' });
  await expect(exportDialog).toBeVisible();
  await app.answerNextSaveDialog(`${dataDir}/pond-export.md`);
  await exportDialog.getByRole('button', { name: 'Save…' }).focus();
  await page.keyboard.press('Enter');
  await expect(exportDialog.getByRole('status')).toContainText('Saved');
  await expect(exportDialog.getByRole('button', { name: 'Save…' })).toBeFocused();
});

test('Escape leaves a note and the search box for the article', async ({ launch }) => {
  const { page } = await launch();
  await settled(page);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('h');
  await page.keyboard.press('Enter');
  const note = page.getByRole('complementary', { name: 'Notes' }).getByRole('textbox', { name: 'Note', exact: true });
  await expect(note).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(note).not.toBeFocused();
  await expect(page.getByRole('main')).toBeFocused();

  await page.keyboard.press('Control+k');
  const search = page.getByRole('searchbox', { name: 'Search library' });
  await expect(search).toBeFocused();
  await page.keyboard.type('heron');
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');
  await expect(search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('main')).toBeFocused();
});

test('the file chooser offers HTML and EPUB, and its button says so', async ({ launch }) => {
  const { page } = await launch();
  await settled(page);
  const accept = (await page.locator('.add-documents-input').getAttribute('accept'))!.split(',');
  expect(accept).toEqual(expect.arrayContaining(['.md', '.txt', '.html', '.htm', '.xhtml', '.epub', '.csv']));
  await expect(page.getByRole('button', { name: 'Add documents…' })).toHaveAttribute('title', /HTML or EPUB/);
});

test('Edit details refuses 2024-13-45 with a message and saves nothing', async ({ launch }) => {
  const { page } = await launch();
  await settled(page);
  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('listitem').filter({ hasText: seedTitle }).getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Document details' });
  const date = dialog.getByRole('textbox', { name: 'Date' });
  await date.fill('2024-13-45');
  await expect(dialog).toContainText('“2024-13-45” has no month 13.');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeVisible();
  await date.fill('2024-02-29');
  await expect(date).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('article').locator('time')).toHaveAttribute('datetime', '2024-02-29');
});

test('with five documents, Reading settings is in view without scrolling; the selected highlight’s buttons are scrolled into view', async ({
  launch,
}) => {
  const { page } = await launch();
  await settled(page);
  for (const name of ['Alder', 'Birch', 'Cedar', 'Damson']) {
    await pasteDocument(page, `# ${name}\n\nA tree called ${name.toLowerCase()}.`);
    await expect(page.locator('#document-title')).toHaveText(name);
  }
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('listitem')).toHaveCount(5);
  const settingsButton = page.getByRole('button', { name: 'Reading settings' });
  const box = (await settingsButton.boundingBox())!;
  const viewport = page.viewportSize() ?? (await page.evaluate(() => ({ width: innerWidth, height: innerHeight })));
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height - 4);
  // Nothing covers it: the point at its middle is the button itself.
  expect(
    await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.textContent, {
      x: box.x + box.width / 2,
      y: box.y + box.height / 2,
    }),
  ).toBe('Reading settings');

  // Many highlights in the seed article, then ] to the last: its Delete button is inside the notes pane's view.
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: seedTitle }).click();
  await settled(page);
  await page.getByRole('main').focus();
  for (let paragraph = 0; paragraph < 14; paragraph++) {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('h');
  }
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(14);
  await page.keyboard.press('Escape');
  await page.keyboard.press('[');
  const selected = page.locator('.entry[aria-current="true"]');
  const deleteButton = selected.getByRole('button', { name: 'Delete highlight' });
  await expect(deleteButton).toBeVisible();
  const pane = (await page.getByRole('complementary', { name: 'Notes' }).boundingBox())!;
  await expect.poll(async () => (await deleteButton.boundingBox())!.y + 10).toBeLessThan(pane.y + pane.height);
});

test('smaller things: the title once, 24 px library buttons, a drop target while dragging', async ({ launch }) => {
  const { page } = await launch();
  await settled(page);

  // A frontmatter title and the same opening heading: shown once.
  await pasteDocument(page, '---\ntitle: Tidepools\n---\n# Tidepools\n\nAnemones close when the tide goes out.');
  await expect(page.locator('#document-title')).toHaveText('Tidepools');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('article')).toHaveAccessibleName('Tidepools');

  // ✎ and ✕ are at least 24 × 24 px.
  const item = page.getByRole('navigation', { name: 'Library' }).getByRole('listitem').filter({ hasText: 'Tidepools' });
  for (const name of ['Edit details', 'Delete document']) {
    const box = (await item.getByRole('button', { name }).boundingBox())!;
    expect({ name, width: box.width >= 24, height: box.height >= 24 }).toEqual({ name, width: true, height: true });
  }

  // Files dragged over the window: a target shows, and goes when the drag leaves.
  const drag = (type: 'dragenter' | 'dragleave') =>
    page.evaluate((type) => {
      const data = new DataTransfer();
      data.items.add(new File(['# Dragged'], 'dragged.md', { type: 'text/markdown' }));
      document.querySelector('main')!.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, type);
  const dropTarget = () => page.evaluate(() => getComputedStyle(document.documentElement, '::after').content);
  expect(await dropTarget()).toBe('none');
  await drag('dragenter');
  expect(await dropTarget()).toBe('"Drop to add to your library"');
  await drag('dragleave');
  expect(await dropTarget()).toBe('none');
});
