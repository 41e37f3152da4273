import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmitEvent, Highlight } from '../../../../common/contract';
import { createGlossService, type GlossService } from '../../../../main/core/service';
import { DurableJsonFile } from '../../../../main/core/storage/durable-file';
import { dataLayout } from '../../../../main/core/storage/layout';

const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));

let parent: string;
let dataDir: string;
let vault: string;
let dialogAnswer: string | null;
const running: GlossService[] = [];

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'gloss-vault-'));
  dataDir = join(parent, 'data');
  vault = join(parent, 'vault');
  await mkdir(vault);
  dialogAnswer = vault;
});

afterEach(async () => {
  for (const service of running.splice(0)) await service.close();
  await rm(parent, { recursive: true, force: true });
});

/** Starts the service; `onEvent` hears every event it sends the page. */
function start(onEvent: EmitEvent = vi.fn()) {
  const service = createGlossService({
    dataDir,
    seedArticlePath,
    openExternal: async () => undefined,
    chooseExportDestination: async () => dialogAnswer,
    appVersion: 'test',
    onReadyToClose: () => undefined,
    emit: onEvent,
    vaultSyncDebounceMs: 5,
  });
  running.push(service);
  return service;
}

function highlight(id: string, exact: string, start: number, note = ''): Highlight {
  const at = '2024-01-02T10:00:00.000Z';
  return {
    id,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
    revision: 0,
    color: 'yellow',
    note,
    tags: [],
    createdAt: at,
    updatedAt: at,
  };
}

async function onlyFile(): Promise<{ name: string; text: string }> {
  const names = (await readdir(vault)).filter((name) => !name.startsWith('.'));
  expect(names).toHaveLength(1);
  return { name: names[0]!, text: await readFile(join(vault, names[0]!), 'utf8') };
}

const first = highlight('aaaaaaaa-0001-4000-8000-000000000001', 'global cooperation', 20, 'A first note');

describe('vault folder sync', () => {
  it('writes every document when the folder is chosen, then follows highlight and note changes, keeping the user’s text', async () => {
    const changed = vi.fn();
    const service = start(changed);
    const documentId = (await service.getLibrary()).documents[0]!.id;
    const status = await service.chooseVaultFolder();
    expect(status).toMatchObject({ folder: vault, state: 'synced', fileCount: 1, conflicts: [], error: null });
    expect(changed).toHaveBeenCalled();
    // The page hears the new status itself, not a bare "changed".
    expect(changed).toHaveBeenLastCalledWith('vaultSyncChanged', expect.objectContaining({ folder: vault, state: 'synced', fileCount: 1 }));

    await service.putHighlight(documentId, first);
    await service.flush();
    const synced = await onlyFile();
    const name = synced.name;
    let text = synced.text;
    expect(text).toContain('A first note');
    await writeFile(join(vault, name), `${text.replace('---\n\n<!-- gloss:begin', '---\nMine above\n<!-- gloss:begin')}\nMine below\n`);

    await service.putHighlight(documentId, { ...first, note: 'An edited note' });
    await service.flush();
    ({ text } = await onlyFile());
    expect(text).toContain('An edited note');
    expect(text).not.toContain('A first note');
    expect(text).toMatch(/\n---\nMine above\n<!-- gloss:begin id=/);
    expect(text.endsWith('<!-- gloss:end -->\n\nMine below\n')).toBe(true);

    await service.deleteHighlight(documentId, first.id);
    await service.flush();
    ({ text } = await onlyFile());
    expect(text).not.toContain('An edited note');
    expect(text).toContain('Mine above');
  });

  it('leaves a file it did not write alone, reports it, and writes under another name once the user agrees', async () => {
    const service = start();
    const documentId = (await service.getLibrary()).documents[0]!.id;
    await service.chooseVaultFolder();
    const { name } = await onlyFile();
    await service.stopVaultSync();
    const foreign = 'My own note with the same name\n';
    await writeFile(join(vault, name), foreign);

    const status = await service.chooseVaultFolder();
    expect(status?.state).toBe('error');
    expect(status?.conflicts).toEqual([
      expect.objectContaining({
        documentId,
        fileName: name,
        alternativeName: name.replace(/\.md$/, ' (Gloss).md'),
        message: expect.stringContaining('was not written by Gloss'),
      }),
    ]);
    expect(await readFile(join(vault, name), 'utf8')).toBe(foreign);

    const resolved = await service.resolveVaultConflict(documentId);
    expect(resolved).toMatchObject({ state: 'synced', conflicts: [], fileCount: 1 });
    expect(await readFile(join(vault, name), 'utf8')).toBe(foreign);
    expect(await readFile(join(vault, name.replace(/\.md$/, ' (Gloss).md')), 'utf8')).toContain('<!-- gloss:begin id=');
  });

  it('remembers the folder across restarts in its own versioned file, and stops when asked', async () => {
    let service = start();
    const documentId = (await service.getLibrary()).documents[0]!.id;
    await service.chooseVaultFolder();
    await service.close();
    running.length = 0;
    expect(JSON.parse(await readFile(dataLayout(dataDir).vaultSync, 'utf8'))).toMatchObject({ schemaVersion: 1, folder: vault });

    service = start();
    expect(await service.getVaultSyncStatus()).toMatchObject({ folder: vault });
    await service.putHighlight(documentId, first);
    await service.flush();
    expect((await onlyFile()).text).toContain('A first note');

    // A change still waiting to be written when sync stops is dropped, and not counted as pending afterwards.
    await service.putHighlight(documentId, { ...first, note: 'Waiting' });
    expect(await service.stopVaultSync()).toMatchObject({ folder: null, state: 'off' });
    const before = (await onlyFile()).text;
    await service.putHighlight(documentId, { ...first, note: 'Not synced' });
    await service.flush();
    expect((await onlyFile()).text).toBe(before);
    expect(await service.chooseVaultFolder()).toMatchObject({ state: 'synced' });
    expect((await onlyFile()).text).toContain('Not synced');
  });

  it('leaves a file whose content did not change untouched when the app starts again', async () => {
    const service = start();
    await service.chooseVaultFolder();
    await service.close();
    running.length = 0;
    const before = await onlyFile();
    const again = start();
    await again.getVaultSyncStatus();
    await again.flush();
    expect(await onlyFile()).toEqual(before);
  });

  it('refuses a settings file from a newer Gloss and never rewrites it', async () => {
    const newer = '{"schemaVersion": 99, "folder": null, "fileNames": {}}\n';
    await mkdir(dataDir, { recursive: true });
    await writeFile(dataLayout(dataDir).vaultSync, newer);
    const service = start();
    expect(await service.getVaultSyncStatus()).toMatchObject({ state: 'off', error: expect.stringContaining('newer version of Gloss') });
    await expect(service.chooseVaultFolder()).rejects.toThrow('newer version of Gloss');
    expect(await readFile(dataLayout(dataDir).vaultSync, 'utf8')).toBe(newer);
  });

  it('does nothing when the folder dialog is cancelled', async () => {
    dialogAnswer = null;
    const service = start();
    expect(await service.chooseVaultFolder()).toBeNull();
    expect(await service.getVaultSyncStatus()).toMatchObject({ state: 'off', folder: null });
  });
});

describe('copy all highlights and export progress', () => {
  it('gives the document’s highlights and notes as Markdown, or one highlight with where it is from', async () => {
    const service = start();
    const documentId = (await service.getLibrary()).documents[0]!.id;
    await service.putHighlight(documentId, first);
    const all = await service.clipboardMarkdown(documentId, null);
    expect(all).toMatch(/^## The coronavirus outbreak/);
    expect(all).toContain('> global cooperation\n\nA first note');
    expect(await service.clipboardMarkdown(documentId, first.id)).toMatch(
      /^> global cooperation\n\n— The coronavirus outbreak .*\n\nA first note$/,
    );
    await expect(service.clipboardMarkdown(documentId, 'no-such-highlight')).rejects.toThrow('no longer exists');
  });

  it('reports documents read, then written, out of the total while a library export runs, and nothing after', async () => {
    const seen: unknown[] = [];
    const service = start((event, payload) => void (event === 'exportProgress' && seen.push(payload)));
    await service.importDocuments([
      { name: 'b.md', content: '# Second\n\nText.' },
      { name: 'c.md', content: '# Third\n\nMore.' },
    ]);
    dialogAnswer = join(parent, 'export');
    const exporting = service.exportToFile({ format: 'markdown', scope: { kind: 'library' } });
    expect(await exporting).toMatchObject({ fileCount: 3 });
    const reported = seen.length;
    // Each event counts the 3 documents, one more each time: read, then written from none to all.
    expect(seen).toEqual([
      ...[1, 2, 3].map((done) => ({ stage: 'reading', done, total: 3 })),
      ...[0, 1, 2, 3].map((done) => ({ stage: 'writing', done, total: 3 })),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.length).toBe(reported);
  });
});

describe('a first sync of a large library', () => {
  it('writes every file, then the names once rather than after each file, and tells the page a few times, not twice a file', async () => {
    const statuses: unknown[] = [];
    const service = start((event, payload) => void (event === 'vaultSyncChanged' && statuses.push(payload)));
    const files = Array.from({ length: 300 }, (_, index) => ({
      name: `note-${index}.md`,
      content: `# Note ${index}\n\nWords ${index}.\n`,
    }));
    await service.importDocuments(files);
    const settingsPath = dataLayout(dataDir).vaultSync;
    const writes = vi.spyOn(DurableJsonFile.prototype, 'write');
    expect(await service.chooseVaultFolder()).toMatchObject({ state: 'synced', fileCount: 301 });
    const settingsWrites = writes.mock.contexts.filter((file) => (file as DurableJsonFile<unknown>).filePath === settingsPath).length;
    writes.mockRestore();
    expect((await readdir(vault)).filter((name) => name.endsWith('.md'))).toHaveLength(301);
    const saved = JSON.parse(await readFile(settingsPath, 'utf8')) as { fileNames: Record<string, string> };
    expect(Object.keys(saved.fileNames)).toHaveLength(301);
    // Before: 301 writes of a growing file, and 602 statuses each counting every file.
    expect(settingsWrites).toBeLessThan(5);
    expect(statuses.length).toBeLessThan(40);
    expect(statuses.at(-1)).toMatchObject({ state: 'synced', fileCount: 301 });

    // Names not yet written when the app stopped (a crash) are given again, the same, and find their files.
    await service.close();
    running.splice(0);
    await writeFile(settingsPath, JSON.stringify({ schemaVersion: 1, folder: vault, fileNames: {} }));
    const again = start();
    await again.getVaultSyncStatus();
    await again.flush();
    expect(await again.getVaultSyncStatus()).toMatchObject({ state: 'synced', fileCount: 301, conflicts: [], error: null });
    expect((await readdir(vault)).filter((name) => name.endsWith('.md'))).toHaveLength(301);
  });
});

describe('vault-sync.json from elsewhere', () => {
  it.each(['../outside/x.md', 'sub/x.md', 'sub\\x.md', '..'])(
    'sets aside a settings file naming %j and writes nothing outside the folder',
    async (name) => {
      const service = start();
      const documentId = (await service.getLibrary()).documents[0]!.id;
      await service.close();
      running.splice(0);
      await writeFile(
        dataLayout(dataDir).vaultSync,
        JSON.stringify({ schemaVersion: 1, folder: vault, fileNames: { [documentId]: name } }),
      );

      const again = start();
      await again.putHighlight(documentId, first);
      const status = await again.getVaultSyncStatus();
      expect(status.error).toContain('damaged');
      expect(await readdir(parent)).toEqual(expect.arrayContaining(['data', 'vault']));
      expect((await readdir(parent)).filter((entry) => entry !== 'data' && entry !== 'vault')).toEqual([]);
      expect((await readdir(vault)).filter((entry) => entry.includes('sub'))).toEqual([]);
    },
  );
});
