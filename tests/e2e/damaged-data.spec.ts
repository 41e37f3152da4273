import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, seedTitle, test } from './fixtures';

test('a damaged library file is kept aside untouched, reported, and the app still opens', async ({ launch, dataDir }) => {
  let app = await launch();
  await expect(app.page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(seedTitle);
  await app.close();

  const damaged = '{"schemaVersion": 1, "documents": [{"id": ';
  await writeFile(join(dataDir, 'library.json'), damaged);

  app = await launch();
  await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('The library index was damaged');
  await expect(app.page.getByRole('status', { name: 'Notices' })).toContainText('kept aside as library.json.corrupt-');
  await expect(app.page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(seedTitle);
  await expect(app.page.getByRole('navigation', { name: 'Library' }).getByRole('listitem')).toHaveCount(1);

  const asideFiles = (await readdir(dataDir)).filter((name) => name.startsWith('library.json.corrupt-'));
  expect(asideFiles).toHaveLength(1);
  expect(await readFile(join(dataDir, asideFiles[0]!), 'utf8')).toBe(damaged);
});

test('a library written by a newer Gloss is refused with a clear message and left as it is', async ({ launch, dataDir }) => {
  const newer = `${JSON.stringify({ schemaVersion: 99, documents: [], lastOpenedDocumentId: null, shelves: [] })}\n`;
  await writeFile(join(dataDir, 'library.json'), newer);

  const app = await launch();
  await expect(app.page.getByRole('alert')).toContainText(
    'was written by a newer version of Gloss (format 99; this version reads up to 2)',
  );
  await app.close();
  expect(await readFile(join(dataDir, 'library.json'), 'utf8')).toBe(newer);
});
