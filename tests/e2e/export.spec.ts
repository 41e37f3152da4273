import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, seedTitle, test } from './fixtures';
import { selectTextWithMouse } from './reader-helpers';

const phrase = 'China has kept its promises.';

test('the Export dialog previews and saves Readwise CSV of the open document, with its note', async ({ launch, dataDir }) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, phrase);
  await page.keyboard.press('h');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Promises, "kept" — with a comma');

  await page.keyboard.press('Control+Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Export highlights' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption('csv');
  await expect(dialog.getByRole('radio', { name: /This document/ })).toBeChecked();
  await expect(dialog.getByRole('status')).toHaveText('1 highlight from 1 document: one file.');
  await expect(dialog.getByLabel('Preview')).toContainText('Highlight,Title,Author,URL,Note,Location,Date');

  const target = join(dataDir, 'export.csv');
  await app.answerNextSaveDialog(target);
  await dialog.getByRole('button', { name: 'Save…' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Saved 1 highlight in 1 file to ${target}`);

  const rows = parse(await readFile(target, 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows).toEqual([expect.objectContaining({ Highlight: phrase, Title: seedTitle, Note: 'Promises, "kept" — with a comma' })]);
  await expect(dialog.getByLabel('Preview')).toContainText(phrase);
});

test('Markdown of the whole library goes into a chosen folder, one file per document; cancelling writes nothing', async ({
  launch,
  dataDir,
}) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, phrase);
  await page.keyboard.press('2');

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export highlights' });
  await dialog.getByRole('radio', { name: 'The whole library' }).check();
  await expect(dialog.getByRole('status')).toContainText('one Markdown file per document, saved into a folder');
  // The rule is said before the folder is chosen.
  await expect(dialog.getByRole('status')).toContainText('any other file is left as it is');

  await app.answerNextSaveDialog(null);
  await dialog.getByRole('button', { name: 'Choose folder and save…' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Export cancelled; nothing was written.');

  const folder = join(dataDir, 'vault');
  await app.answerNextSaveDialog(folder);
  await dialog.getByRole('button', { name: 'Choose folder and save…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved 1 highlight in 1 file');
  const [file] = await readdir(folder);
  const markdown = await readFile(join(folder, file!), 'utf8');
  expect(markdown).toContain(`title: ${seedTitle}`);
  // The seed article has no author and no source: those keys are left out, never written as `null`.
  expect(markdown.split('\n---')[0]).not.toMatch(/^(author|source):/m);
  expect(markdown).not.toMatch(/: null$/m);
  expect(markdown).toMatch(/> China has kept its promises\\?\. \^gloss-[0-9a-f]{8}/);

  // A file of the user's under the same name is not overwritten, and the dialog says so.
  await writeFile(join(folder, file!), 'My own page.\n');
  await app.answerNextSaveDialog(folder);
  await dialog.getByRole('button', { name: 'Choose folder and save…' }).click();
  await expect(dialog.getByRole('status')).toContainText(`Nothing was written to ${folder}. Left alone: ${file} was not written by Gloss`);
  expect(await readFile(join(folder, file!), 'utf8')).toBe('My own page.\n');
});
