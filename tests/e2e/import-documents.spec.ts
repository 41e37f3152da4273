import { expect, test } from './fixtures';
import { addThroughFileChooser } from './reader-helpers';

test('documents come in through Add documents…, a drop and a paste; duplicates and wrong files are reported, nothing lost', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  const notices = page.getByRole('status', { name: 'Notices' });

  await addThroughFileChooser(page, [
    {
      name: 'field-notes.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from('---\ntitle: Field notes\nauthor: A. Walker\n---\n# Field notes\n\nThe heron waited at the edge of the reeds.\n'),
    },
    { name: 'cover.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]) },
  ]);
  await expect(notices).toContainText('Added “Field notes”.');
  await expect(notices).toContainText(
    'cover.png: Gloss imports Markdown (.md), plain text (.txt), HTML (.html) and EPUB (.epub) files, not .png.',
  );
  await expect(library.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Field notes');
  await expect(page.getByRole('article')).toContainText('The heron waited at the edge of the reeds.');

  // The same file dropped on the window is recognised.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(
      new File(
        ['---\ntitle: Field notes\nauthor: A. Walker\n---\n# Field notes\n\nThe heron waited at the edge of the reeds.\n'],
        'copy.md',
        { type: 'text/markdown' },
      ),
    );
    data.items.add(new File(['Letters\n\nDear *friend*, # not a heading.'], 'letters.txt', { type: 'text/plain' }));
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await expect(notices).toContainText('copy.md is already in your library as “Field notes”; nothing was added.');
  await expect(notices).toContainText('Added “Letters”.');
  await expect(page.getByRole('article')).toContainText('Dear *friend*, # not a heading.');
  await expect(library.getByRole('listitem')).toHaveCount(3);

  // Pasting outside a text box adds the clipboard's text.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '# Pasted thoughts\n\nSomething worth keeping.');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(notices).toContainText('Added “Pasted thoughts”.');
  await expect(library.getByRole('listitem')).toHaveCount(4);
});

test('a batch import shows how far it is, "Importing 3 of 8…" with a determinate bar, in the polite notices', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const notices = page.getByRole('status', { name: 'Notices' });
  await expect(notices).toHaveAttribute('aria-live', 'polite');
  // Every state the busy notice's bar and words go through, as the page shows them.
  await page.evaluate(() => {
    const seen: { value: number; max: number; text: string }[] = [];
    (window as unknown as { importProgressSeen: typeof seen }).importProgressSeen = seen;
    const record = () => {
      const bar = document.querySelector<HTMLProgressElement>('.notices .notice-busy progress');
      const text = document.querySelector('.notices .notice-busy .notice-message')?.textContent ?? '';
      if (bar?.hasAttribute('value')) seen.push({ value: bar.value, max: bar.max, text });
    };
    new MutationObserver(record).observe(document.querySelector('.notices')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });

  // Eight files, each large enough (about 2 MB) to take a moment.
  const files = Array.from({ length: 8 }, (_, index) => ({
    name: `chapter-${index + 1}.md`,
    mimeType: 'text/markdown',
    buffer: Buffer.from(
      `# Chapter ${index + 1}\n\n${Array.from({ length: 6000 }, (_, line) => `Line ${line} of chapter ${index + 1}: the river kept its slow count of the hours and the reeds leaned with the wind.`).join('\n\n')}\n`,
    ),
  }));
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add documents…' }).focus();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(files);
  await expect(notices).toContainText('Added “Chapter 8”.', { timeout: 60_000 });

  const seen = await page.evaluate(
    () => (window as unknown as { importProgressSeen: { value: number; max: number; text: string }[] }).importProgressSeen,
  );
  test.info().annotations.push({
    type: 'import progress seen',
    description: seen.map((state) => `${state.value}/${state.max} "${state.text}"`).join(', '),
  });
  const values = [...new Set(seen.map((state) => state.value))];
  expect(values.length).toBeGreaterThanOrEqual(3);
  expect(values).toEqual([...values].sort((a, b) => a - b));
  expect(new Set(seen.map((state) => state.max))).toEqual(new Set([8]));
  expect(seen.map((state) => state.text)).toContain(`Importing ${values[1]! + 1} of 8…`);
});

test('Cancel on the busy notice stops an import: the long page being converted and the files after it are left out, the library as it was', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('listitem')).toHaveCount(1);
  // A web page long enough that converting it (in main's worker thread) takes far longer than this test waits.
  const paragraphs = Array.from({ length: 40_000 }, (_, index) => `<p>Paragraph ${index} of a very long page.</p>`).join('');
  const files = [
    { name: 'long.html', mimeType: 'text/html', buffer: Buffer.from(`<html><body><article>${paragraphs}</article></body></html>`) },
    { name: 'after.md', mimeType: 'text/markdown', buffer: Buffer.from('# After\n\nNever reached.\n') },
  ];
  await addThroughFileChooser(page, files);

  const notices = page.getByRole('status', { name: 'Notices' });
  const cancel = notices.getByRole('button', { name: 'Cancel' });
  await cancel.click({ timeout: 30_000 });
  await expect(notices).toContainText('Import cancelled: 2 files were not added; what was added before stays.', { timeout: 30_000 });
  await expect(library.getByRole('listitem')).toHaveCount(1);
  // The app answers as before: another import works at once.
  await addThroughFileChooser(page, [
    { name: 'next.md', mimeType: 'text/markdown', buffer: Buffer.from('# Next\n\nAdded after the cancel.\n') },
  ]);
  await expect(notices).toContainText('Added “Next”.');
  await expect(library.getByRole('listitem')).toHaveCount(2);
});

test('a Kindle clippings file added through Add documents… becomes its books, with their highlights, placed in the import worker', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const clippings = [
    'The Art of Reading (Jane Doe)',
    '- Your Highlight on page 12 | Location 180-182 | Added on Sunday, March 3, 2024 10:15:32 PM',
    '',
    "Reading is thinking with someone else's head instead of one's own.",
    '==========',
    'The Art of Reading (Jane Doe)',
    '- Your Highlight on page 14 | Location 200-203 | Added on Sunday, March 3, 2024 10:20:00 PM',
    '',
    'A book is a garden carried in the pocket.',
    '==========',
    '',
  ].join('\r\n');
  await addThroughFileChooser(page, [{ name: 'My Clippings.txt', mimeType: 'text/plain', buffer: Buffer.from(clippings) }]);

  const notices = page.getByRole('status', { name: 'Notices' });
  await expect(notices).toContainText('My Clippings.txt: 2 highlights added, 1 new document.');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('listitem').filter({ hasText: 'The Art of Reading' })).toContainText('2 highlights');
  await expect(page.getByRole('heading', { name: 'The Art of Reading', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(2);
});
