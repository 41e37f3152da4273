import { expect, test } from './fixtures';

test('documents come in through Add documents…, a drop and a paste; duplicates and wrong files are reported, nothing lost', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  const notices = page.getByRole('status', { name: 'Notices' });

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add documents…' }).click();
  await (
    await chooser
  ).setFiles([
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
