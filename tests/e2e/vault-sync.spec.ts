import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, seedTitle, test } from './fixtures';
import { selectTextWithMouse } from './reader-helpers';

const phrase = 'China has kept its promises.';

test('a synced folder gets the document’s file, follows note edits and deletions, and keeps what the user wrote around Gloss’s region', async ({
  launch,
  dataDir,
}) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  const vault = join(dataDir, 'vault');
  await mkdir(vault);

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export highlights' });
  const sync = dialog.getByRole('region', { name: 'Folder sync' });
  await expect(sync).toContainText('Not syncing.');
  await app.answerNextSaveDialog(vault);
  await sync.getByRole('button', { name: 'Sync to folder…' }).click();
  await expect(sync).toContainText(`Syncing to ${vault} (1 file, last synced`);
  await expect(sync).toContainText('Up to date.');
  await expect(sync.getByRole('button', { name: 'Stop syncing' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();

  const [name] = await readdir(vault);
  expect(name).toMatch(/^The coronavirus outbreak .* \([0-9a-f]{8}\)\.md$/);
  const file = join(vault, name!);
  const synced = (): Promise<string> => readFile(file, 'utf8');
  expect(await synced()).toContain(`title: ${seedTitle}`);

  await selectTextWithMouse(page, phrase);
  await page.keyboard.press('h');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('First thought');
  await expect.poll(synced).toContain('First thought');
  expect(await synced()).toMatch(/> China has kept its promises\\?\. \^gloss-[0-9a-f]{8}/);

  // The user writes above and below Gloss's region, in their own editor.
  const above = 'My summary, written in Obsidian.\n\n';
  const below = '\n## Follow-up\n\n- [ ] read the sources\n';
  await writeFile(file, (await synced()).replace('<!-- gloss:begin', `${above}<!-- gloss:begin`) + below);

  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Second thought');
  await expect.poll(synced).toContain('Second thought');
  let text = await synced();
  expect(text).not.toContain('First thought');
  expect(text).toContain(`---\n\n${above}<!-- gloss:begin`);
  expect(text.endsWith(`<!-- gloss:end -->\n${below}`)).toBe(true);

  await page.getByRole('button', { name: 'Delete highlight' }).click();
  await expect.poll(synced).not.toContain('Second thought');
  text = await synced();
  expect(text).not.toMatch(/> China has kept its promises/);
  expect(text).toContain(above);
  expect(text.endsWith(below)).toBe(true);
});

test('Copy all puts the document’s highlights and notes on the clipboard as Markdown', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, phrase);
  await page.keyboard.press('h');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Worth *remembering*');

  await page.getByRole('button', { name: 'Copy all highlights as Markdown' }).click();
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Copied 1 highlight as Markdown.');
  const copied = await app.readClipboard();
  expect(copied).toMatch(new RegExp(`^## ${seedTitle}`));
  expect(copied).toMatch(/> China has kept its promises\\?\.\n\nWorth \*remembering\*/);

  // Copy quote uses the same Markdown for one highlight: the quote, where it is from, the note.
  await page.getByRole('button', { name: 'Copy quote' }).click();
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Quote copied.');
  expect(await app.readClipboard()).toMatch(
    new RegExp(`^> China has kept its promises\\\\?\\.\n\n— ${seedTitle}\n\nWorth \\*remembering\\*$`),
  );
});
