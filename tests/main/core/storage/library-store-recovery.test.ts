import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedArticlePath } from '../../../../main/config';
import { LibraryStore } from '../../../../main/core/storage/library-store';

const projectRoot = new URL('../../../..', import.meta.url).pathname;
let dataDir: string;
const open = () => LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-recovery-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A document folder as an import leaves it just before adding it to the index. */
async function unlistedFolder(id: string, files: { document?: object | string; body?: string }): Promise<string> {
  const folder = join(dataDir, 'documents', id);
  await mkdir(folder, { recursive: true });
  if (files.body !== undefined) await writeFile(join(folder, 'body.md'), files.body);
  if (files.document !== undefined) {
    await writeFile(join(folder, 'document.json'), typeof files.document === 'string' ? files.document : JSON.stringify(files.document));
  }
  return folder;
}

const documentData = (id: string, schemaVersion = 2) => ({
  schemaVersion,
  id,
  title: 'Finished by a crash',
  author: null,
  date: null,
  source: null,
  addedAt: '2026-01-01T00:00:00.000Z',
  readingPosition: null,
  revision: 0,
  documentNote: null,
  highlights: [],
});

describe('opening a library after a crash', () => {
  it('removes the temporary files a killed write left, and nothing else', async () => {
    const first = await open();
    const id = first.state().documents[0]!.id;
    await first.flush();
    const strayTop = join(dataDir, '.library.json.0b6f8a52-8d7e-4d36-9a57-7f3c2a1e9b10.tmp');
    const strayDocument = join(dataDir, 'documents', id, '.document.json.1b6f8a52-8d7e-4d36-9a57-7f3c2a1e9b10.tmp');
    await writeFile(strayTop, '{"half');
    await writeFile(strayDocument, '{"half');

    const store = await open();
    await store.openDocument(id);
    expect(existsSync(strayTop)).toBe(false);
    expect(existsSync(strayDocument)).toBe(false);
    expect(existsSync(join(dataDir, 'library.json'))).toBe(true);
  });

  it('adds a complete document folder the index does not list, and says so', async () => {
    await (await open()).flush();
    const id = '6f1c1e8e-0000-4000-8000-00000000000a';
    await unlistedFolder(id, { body: 'Text of the interrupted import.', document: documentData(id) });

    const store = await open();
    expect(store.state().documents.map((summary) => summary.id)).toContain(id);
    expect(store.notices).toContainEqual({
      level: 'info',
      message: '“Finished by a crash”, whose import was interrupted, has been added to the library.',
    });
    expect((await store.openDocument(id)).markdown).toBe('Text of the interrupted import.');
  });

  it('moves a half-written document folder aside, untouched', async () => {
    await (await open()).flush();
    const id = '6f1c1e8e-0000-4000-8000-00000000000b';
    await unlistedFolder(id, { body: 'Only the body made it.' });

    const store = await open();
    expect(store.state().documents.map((summary) => summary.id)).not.toContain(id);
    expect(await readFile(join(dataDir, 'backups', 'interrupted-imports', id, 'body.md'), 'utf8')).toBe('Only the body made it.');
    expect(existsSync(join(dataDir, 'documents', id))).toBe(false);
  });

  it('leaves a folder from a newer Gloss exactly where it is and names it', async () => {
    await (await open()).flush();
    const id = '6f1c1e8e-0000-4000-8000-00000000000c';
    const newer = JSON.stringify(documentData(id, 99));
    await unlistedFolder(id, { body: 'Body.', document: newer });

    const store = await open();
    expect(store.notices).toContainEqual({ level: 'warning', message: expect.stringContaining(`documents/${id} could not be read`) });
    expect(await readFile(join(dataDir, 'documents', id, 'document.json'), 'utf8')).toBe(newer);
    expect(await readdir(join(dataDir, 'documents', id))).toEqual(['body.md', 'document.json']);
  });
});

describe('overlapping opens', () => {
  it('remember the document asked for last, whichever finishes last', async () => {
    const store = await open();
    const other = await store.importMarkdown('# Other\n\nText.');
    const seedId = store.state().documents[0]!.id;
    await store.flush();

    const reopened = await open();
    // The seed's first open loads and backs up its file; the second is already loaded.
    await reopened.openDocument(other.id);
    const slow = reopened.openDocument(seedId);
    const fast = reopened.openDocument(other.id);
    await Promise.all([slow, fast]);
    expect(reopened.state().lastOpenedDocumentId).toBe(other.id);
  });
});

describe('an open that never finishes', () => {
  it('does not stop an earlier, finished open from being remembered', async () => {
    const store = await open();
    const seedId = store.state().documents[0]!.id;
    const other = await store.importMarkdown('# Other\n\nText.');
    await store.flush();
    // The second open fails (its text is gone), the first must still count.
    await rm(join(dataDir, 'documents', other.id, 'body.md'));
    const reopened = await open();
    const first = reopened.openDocument(seedId);
    // The expectation is attached at once: the failing open may reject before the first one finishes.
    const failing = expect(reopened.openDocument(other.id)).rejects.toMatchObject({ code: 'not-found' });
    await first;
    await failing;
    expect(reopened.state().lastOpenedDocumentId).toBe(seedId);
  });
});
