import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGlossService, type GlossService } from '../../../../main/core/service';
import { dataFolderNames, dataLayout } from '../../../../main/core/storage/layout';

const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));

let parent: string;
let dataDir: string;
let service: GlossService;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'gloss-layout-'));
  dataDir = join(parent, 'data');
  service = createGlossService({
    dataDir,
    seedArticlePath,
    openExternal: async () => undefined,
    chooseExportDestination: async () => join(parent, 'vault'),
    appVersion: 'test',
    onReadyToClose: () => undefined,
    vaultSyncDebounceMs: 1,
  });
});

afterEach(async () => {
  await service.close();
  await rm(parent, { recursive: true, force: true });
});

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe('the data folder layout', () => {
  it('is where the library, its documents, settings, sync state, trash and backups are written', async () => {
    const layout = dataLayout(dataDir);
    const seedId = (await service.getLibrary()).documents[0]!.id;
    const [added] = await service.importDocuments([{ name: 'second.md', content: '# Second\n\nSome text.' }]);
    const secondId = added!.status === 'added' ? added!.documentId : '';
    await service.saveSettings({ fontFamily: 'sans', fontSize: 20, lineHeight: 1.8, columnWidth: 40, theme: 'sepia', verticalLines: true });
    await service.chooseVaultFolder();
    const { trashId } = await service.deleteDocument(secondId);
    // Reopening a document keeps a backup copy of its data file.
    await service.openDocument(seedId);
    await service.flush();

    for (const path of [layout.library, layout.openRecord, layout.settings, layout.vaultSync, layout.lock]) {
      expect(existsSync(path), path).toBe(true);
    }
    expect(existsSync(layout.document(seedId).data)).toBe(true);
    expect(existsSync(layout.document(seedId).body)).toBe(true);
    expect(existsSync(layout.document(secondId).folder)).toBe(false);
    expect(existsSync(layout.trashed(trashId).data)).toBe(true);
    expect(existsSync(layout.trashed(trashId).body)).toBe(true);

    // Every file Gloss wrote is one the layout names: nothing is written from a path spelled elsewhere.
    const id = '[A-Za-z0-9-]+';
    const names = Object.fromEntries(Object.entries(dataFolderNames).map(([key, name]) => [key, name.replaceAll('.', '\\.')]));
    const inFolder = (path: string): string => relative(dataDir, path).split(sep).join('/');
    const known = [
      names.library,
      names.openRecord,
      names.settings,
      names.vaultSync,
      names.lock,
      `${names.documents}/${id}/(${names.documentData}|${names.documentBody})`,
      `${names.trash}/[0-9TZ-]+-${id}/(${names.documentData}|${names.documentBody})`,
      `${inFolder(layout.libraryBackups)}/[^/]+\\.json`,
      `${inFolder(layout.documentBackups('ID'))}/[^/]+\\.json`.replace('ID', id),
    ].map((pattern) => new RegExp(`^(${pattern})$`));
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThanOrEqual(8);
    expect(files.filter((file) => !known.some((pattern) => pattern.test(file)))).toEqual([]);
  });

  it('keeps a document image under its folder, where the app serves it from', () => {
    const layout = dataLayout('/data');
    expect(layout.documentAsset('a1', 'cover.png')).toBe(join(layout.document('a1').assets, 'cover.png'));
    expect(relative('/data', layout.document('a1').assets).split(sep)).toEqual(['documents', 'a1', 'assets']);
  });
});
