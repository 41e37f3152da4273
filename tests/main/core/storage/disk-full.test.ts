import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../../main/core/dispatch';
import { GlossError, StorageWriteError } from '../../../../main/core/errors';
import { createGlossService } from '../../../../main/core/service';
import { writeFileDurably } from '../../../../main/core/storage/durable-file';
import { LibraryStore } from '../../../../main/core/storage/library-store';
import { recordFigure } from '../../../support/figures';
import { highlight } from '../export/fixture';
import { importFiles } from '../../../../main/core/import/import-files';
import { type ImportWork, importOnThisThread, type PlanRequest } from '../../../../main/core/import/work';

/**
 * A disk that refuses writes: while `refusal` is set, opening a file for
 * writing fails with that system error, as a full, read-only or forbidden
 * disk does. Reads are untouched, so the tests can look at what is on disk.
 */
let refusal: string | null = null;
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open = vi.fn(async (...args: Parameters<typeof actual.open>) => {
    const [path, flags] = args;
    if (refusal !== null && flags === 'w')
      throw Object.assign(new Error(`${refusal}: simulated, open '${String(path)}'`), { code: refusal });
    return actual.open(...args);
  });
  return { ...actual, open };
});

const realFs = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));
const refusals = [
  ['ENOSPC', 'the disk is full'],
  ['EDQUOT', 'disk quota'],
  ['EROFS', 'read-only'],
  ['EACCES', 'not allowed'],
] as const;

/** What was measured, for the line `npm test` prints. */
const refused = { typedAndUntouched: [] as string[], keptAndSavedLater: 0 };
afterAll(() => {
  recordFigure('disk-full', {
    line:
      `disk full / read-only: ${refused.typedAndUntouched.length} refusals (${refused.typedAndUntouched.join(', ')}) typed with the file untouched, ` +
      `${refused.keptAndSavedLater} changes kept in memory and saved once writes worked again`,
    values: { typedAndUntouched: refused.typedAndUntouched.length, keptAndSavedLater: refused.keptAndSavedLater },
  });
});

let dataDir: string;
beforeEach(async () => {
  refusal = null;
  dataDir = await realFs.mkdtemp(join(tmpdir(), 'gloss-disk-full-'));
});
afterEach(async () => {
  refusal = null;
  await realFs.rm(dataDir, { recursive: true, force: true });
});

describe('writeFileDurably on a disk that refuses writes', () => {
  it.each(refusals)('throws a typed storage error for %s, leaves the file untouched and no temporary file behind', async (code, words) => {
    const target = join(dataDir, 'document.json');
    await realFs.writeFile(target, '{"old":true}\n');
    refusal = code;

    const error = await writeFileDurably(target, '{"new":true}\n').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StorageWriteError);
    expect(error).toMatchObject({ code: 'storage', systemCode: code, filePath: target });
    expect((error as Error).message).toMatch(/^Gloss can't save: /);
    expect((error as Error).message).toContain(words);
    expect(await realFs.readFile(target, 'utf8')).toBe('{"old":true}\n');
    expect(await realFs.readdir(dataDir)).toEqual(['document.json']);
    refused.typedAndUntouched.push(code);
  });

  it('passes other failures on as they are (they are not the disk refusing)', async () => {
    await expect(writeFileDurably(join(dataDir, 'missing', 'file.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('the library on a full disk', () => {
  async function openWithDocument() {
    const store = await LibraryStore.open({ dataDir, seedArticlePath });
    const documentId = store.state().documents[0]!.id;
    await store.openDocument(documentId);
    await store.flush();
    const file = join(dataDir, 'documents', documentId, 'document.json');
    return { store, documentId, file, before: await realFs.readFile(file, 'utf8') };
  }

  it('refuses a highlight with a typed error, keeps the file as it was, and saves the same highlight once there is room', async () => {
    const { store, documentId, file, before } = await openWithDocument();
    const kept = highlight({
      id: 'd15cf011-0001-4000-8000-000000000001',
      quote: 'global cooperation',
      start: 20,
      note: 'written while the disk was full',
    });
    refusal = 'ENOSPC';

    await expect(store.putHighlight(documentId, kept)).rejects.toBeInstanceOf(StorageWriteError);
    await expect(store.setDocumentNote(documentId, 'also written while full')).rejects.toMatchObject({ code: 'storage' });
    expect(await realFs.readFile(file, 'utf8')).toBe(before);

    refusal = null;
    // What the page's save queue does: send the same calls again.
    await store.putHighlight(documentId, kept);
    await store.setDocumentNote(documentId, 'also written while full');
    const saved = JSON.parse(await realFs.readFile(file, 'utf8')) as {
      highlights: { id: string; note: string }[];
      documentNote: { text: string };
    };
    expect(saved.highlights).toEqual([expect.objectContaining({ id: kept.id, note: 'written while the disk was full' })]);
    expect(saved.documentNote.text).toBe('also written while full');

    const reopened = await LibraryStore.open({ dataDir, seedArticlePath });
    expect((await reopened.openDocument(documentId)).highlights.map(({ id }) => id)).toEqual([kept.id]);
    refused.keptAndSavedLater += 2;
  });

  it('plans an annotation import against memory while it holds a highlight the full disk refused, and against the files once they have it', async () => {
    const { store, documentId } = await openWithDocument();
    const libraries: PlanRequest['library'][] = [];
    const work: ImportWork = {
      ...importOnThisThread,
      plan: (request) => (libraries.push(request.library), importOnThisThread.plan(request)),
    };
    const kept = highlight({ id: 'd15cf011-0003-4000-8000-000000000003', quote: 'global cooperation', start: 20, note: 'mine' });
    refusal = 'ENOSPC';
    await expect(store.putHighlight(documentId, kept)).rejects.toBeInstanceOf(StorageWriteError);
    expect(await store.holdsUnsavedChanges()).toBe(true);
    refusal = null;
    const title = store.state().documents[0]!.title;
    const csv = {
      name: 'readwise.csv',
      content: `Highlight,Title,Author,URL,Note,Location,Date\n"global cooperation",${title},,,,,2024-01-01 10:00:00\n`,
    };
    await importFiles(store, dataDir, [csv], { work });
    // Planned against the store's memory, where the refused highlight is (the files do not have it).
    const planned = libraries[0]!;
    expect('documents' in planned && planned.documents.find(({ summary }) => summary.id === documentId)?.highlights).toEqual([
      expect.objectContaining({ id: kept.id }),
    ]);
    expect(await store.holdsUnsavedChanges()).toBe(false);

    await importFiles(store, dataDir, [csv], { work });
    expect(libraries[1]).toEqual({ dataDir, summaries: store.state().documents });
  });

  it('lets a delete that failed on a full disk be sent again, and the highlight stays deleted', async () => {
    const { store, documentId, file } = await openWithDocument();
    const doomed = highlight({ id: 'd15cf011-0002-4000-8000-000000000002', quote: 'question', start: 40 });
    await store.putHighlight(documentId, doomed);
    refusal = 'ENOSPC';
    await expect(store.deleteHighlight(documentId, doomed.id)).rejects.toBeInstanceOf(StorageWriteError);
    expect(await realFs.readFile(file, 'utf8')).toContain(doomed.id);

    refusal = null;
    await store.deleteHighlight(documentId, doomed.id);
    expect(await realFs.readFile(file, 'utf8')).not.toContain(doomed.id);
    refused.keptAndSavedLater += 1;
    // Once saved, deleting it again is the usual not-found.
    await expect(store.deleteHighlight(documentId, doomed.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('answers the page with a storage error whose message says what happened, never an internal one', async () => {
    const service = createGlossService({
      dataDir,
      seedArticlePath,
      openExternal: async () => undefined,
      chooseExportDestination: async () => null,
      appVersion: 'test',
      onReadyToClose: () => undefined,
    });
    const dispatch = createDispatcher(service, () => undefined);
    const library = await dispatch('library:get', []);
    const documentId = library.ok ? (library.value as { documents: { id: string }[] }).documents[0]!.id : '';
    await dispatch('document:open', [documentId]);
    refusal = 'EROFS';

    const result = await dispatch('document:set-note', [documentId, 'kept in memory']);

    expect(result).toEqual({ ok: false, error: { code: 'storage', message: "Gloss can't save: its data folder is on a read-only disk." } });
    refusal = null;
    expect(await dispatch('document:set-note', [documentId, 'kept in memory'])).toEqual({ ok: true, value: undefined });
    await service.close();
  });

  it('is a GlossError, so every caller that reports GlossErrors to the user reports this one', () => {
    expect(new StorageWriteError('/x', 'ENOSPC')).toBeInstanceOf(GlossError);
  });
});
