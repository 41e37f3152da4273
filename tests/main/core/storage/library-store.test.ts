import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentSummary, ReadingPosition } from '../../../../common/contract';
import { GlossError, NewerSchemaError } from '../../../../main/core/errors';
import { LibraryStore, shippedArticleId } from '../../../../main/core/storage/library-store';
import { readLibrary } from '../../../../main/core/storage/library-reader';
import { documentFormat, libraryFormat } from '../../../../main/core/storage/schema';

const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));
const seedTitle = 'The coronavirus outbreak has raised a question about global cooperation';
const seedDate = '2021-06-16';

const isoPattern = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/;
const stampPattern = /\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z/;

/** A clock that moves one second forward on every reading, so every stamp it gives is distinct. */
function steppingClock(start = '2026-03-01T08:00:00.000Z') {
  let time = Date.parse(start);
  return {
    now: () => new Date((time += 1000)),
    /** The last time handed out, without advancing. */
    last: () => time,
  };
}

let dataDir: string;
let clock: ReturnType<typeof steppingClock>;
const openedStores: LibraryStore[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-library-'));
  clock = steppingClock();
});

afterEach(async () => {
  await Promise.allSettled(openedStores.splice(0).map((store) => store.flush()));
  await rm(dataDir, { recursive: true, force: true });
});

async function openStore(): Promise<LibraryStore> {
  const store = await LibraryStore.open({ dataDir, seedArticlePath, now: clock.now });
  openedStores.push(store);
  return store;
}

const libraryPath = () => join(dataDir, 'library.json');
const openRecordPath = () => join(dataDir, 'opened.json');
const documentFolder = (id: string) => join(dataDir, 'documents', id);
const documentPath = (id: string) => join(documentFolder(id), 'document.json');
const bodyPath = (id: string) => join(documentFolder(id), 'body.md');

function onlyDocument(store: LibraryStore): DocumentSummary {
  const { documents } = store.state();
  expect(documents).toHaveLength(1);
  return documents[0]!;
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

interface FileState {
  bytes: Buffer;
  ino: number;
  mtimeMs: number;
}

/** Every file under `root` with its bytes, inode and mtime (a durable rewrite changes the inode). */
async function snapshot(root: string): Promise<Map<string, FileState>> {
  const files = new Map<string, FileState>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else {
        const info = await stat(path);
        files.set(relative(root, path), { bytes: await readFile(path), ino: info.ino, mtimeMs: info.mtimeMs });
      }
    }
  };
  await walk(root);
  return files;
}

/** The metadata an index rebuild must preserve (it cannot know when a document was last opened). */
function metadataOf({ openedAt: _openedAt, ...rest }: DocumentSummary) {
  return rest;
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

const position: ReadingPosition = { blockIndex: 7, blockOffset: 0.25, progress: 0.4 };

async function gloss(promise: Promise<unknown>): Promise<GlossError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GlossError);
  return error as GlossError;
}

describe('LibraryStore on a new data folder', () => {
  it('imports the seed article as its one document, with a derived title and the date from its frontmatter', async () => {
    const store = await openStore();

    const state = store.state();
    const seed = onlyDocument(store);
    expect(seed.title).toBe(seedTitle);
    expect(seed.date).toBe(seedDate);
    expect(seed.author).toBeNull();
    expect(seed.openedAt).toBeNull();
    expect(seed.addedAt).toMatch(isoPattern);
    expect(state.lastOpenedDocumentId).toBeNull();
    expect(state.notices).toEqual([]);
  });

  it('gives the seed article the same id in every new library, so two fresh devices that sync hold one copy', async () => {
    const first = onlyDocument(await openStore()).id;
    const otherDataDir = await mkdtemp(join(tmpdir(), 'gloss-library-'));
    try {
      const other = await LibraryStore.open({ dataDir: otherDataDir, seedArticlePath, now: clock.now });
      openedStores.push(other);
      expect(other.state().documents.map(({ id }) => id)).toEqual([first]);
    } finally {
      await Promise.allSettled(openedStores.splice(0).map((store) => store.flush()));
      await rm(otherDataDir, { recursive: true, force: true });
    }
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Derived from the text: another text gives another id.
    expect(shippedArticleId('Another article.')).not.toBe(first);
    expect(shippedArticleId(await readFile(seedArticlePath, 'utf8'))).toBe(first);
  });

  it('writes the library index, the document file and the body to disk', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.flush();

    const library = await readJson(libraryPath());
    expect(library).toMatchObject({
      schemaVersion: libraryFormat.currentVersion,
      lastOpenedDocumentId: null,
      documents: [{ id, title: seedTitle, date: seedDate }],
    });
    expect(await readJson(documentPath(id))).toMatchObject({ id, title: seedTitle, date: seedDate, readingPosition: null });
    const seedText = await readFile(seedArticlePath, 'utf8');
    const body = await readFile(bodyPath(id), 'utf8');
    expect(body.startsWith('The coronavirus outbreak')).toBe(true);
    expect(seedText.endsWith(body)).toBe(true);
    expect(body).not.toContain(`date: ${seedDate}`);
  });

  it('does not import the seed again when it is opened a second time', async () => {
    const first = await openStore();
    const { id } = onlyDocument(first);
    await first.flush();

    const second = await openStore();

    expect(second.state().documents.map((document) => document.id)).toEqual([id]);
    expect(await readdir(join(dataDir, 'documents'))).toEqual([id]);
  });
});

describe('LibraryStore.importMarkdownAll', () => {
  const ids = ['0000000a-0000-4000-8000-000000000001', '0000000a-0000-4000-8000-000000000002', '0000000a-0000-4000-8000-000000000003'];
  const book = (index: number) => ({ text: `# Book ${index}\n\nIts text.\n`, options: { id: ids[index]! } });

  it('lists the documents in the order given, each with its note in its first write', async () => {
    const store = await openStore();
    const added = await store.importMarkdownAll([
      book(2),
      { ...book(0), options: { ...book(0).options, documentNote: { text: 'Kept with the book.', updatedAt: '2024-05-01T00:00:00.000Z' } } },
      { ...book(1), options: { ...book(1).options, documentNote: { text: 'Stamped now.' } } },
    ]);
    expect(added.map(({ title }) => title)).toEqual(['Book 2', 'Book 0', 'Book 1']);
    expect(store.state().documents.map(({ title }) => title)).toEqual([seedTitle, 'Book 2', 'Book 0', 'Book 1']);
    expect((await readJson(documentPath(ids[0]!))).documentNote).toEqual({
      text: 'Kept with the book.',
      updatedAt: '2024-05-01T00:00:00.000Z',
    });
    expect((await readJson(documentPath(ids[1]!))).documentNote).toEqual({
      text: 'Stamped now.',
      updatedAt: expect.stringMatching(isoPattern),
    });
    expect((await readJson(documentPath(ids[2]!))).documentNote).toBeNull();
    await store.flush();
    const reopened = await openStore();
    expect(reopened.state().documents.map(({ title }) => title)).toEqual([seedTitle, 'Book 2', 'Book 0', 'Book 1']);
  });

  it('writes nothing when one of them cannot be added', async () => {
    const store = await openStore();
    await store.flush();
    const before = await snapshot(dataDir);
    const refused = await gloss(store.importMarkdownAll([book(0), book(1), { ...book(2), options: { id: ids[0]! } }]));
    expect(refused.message).toBe(`A document with id ${ids[0]} is already in the library.`);
    expect(store.state().documents.map(({ title }) => title)).toEqual([seedTitle]);
    expect(await snapshot(dataDir)).toEqual(before);
  });

  it('lists those written when writing one fails, and says why', async () => {
    const store = await openStore();
    // A folder of that name already there (left by something else): never merged into.
    await mkdir(documentFolder(ids[1]!));
    await writeFile(join(documentFolder(ids[1]!), 'mine.txt'), 'not Gloss’s');
    await expect(store.importMarkdownAll([book(0), book(1), book(2)])).rejects.toMatchObject({ code: 'EEXIST' });
    expect(store.state().documents.map(({ title }) => title)).toEqual([seedTitle, 'Book 0', 'Book 2']);
    expect(await readdir(documentFolder(ids[1]!))).toEqual(['mine.txt']);
    await store.flush();
    expect((await openStore()).state().documents.map(({ title }) => title)).toEqual([seedTitle, 'Book 0', 'Book 2']);
  });
});

describe('LibraryStore.openDocument', () => {
  it('returns the Markdown body without its frontmatter and no reading position yet', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);

    const opened = await store.openDocument(id);

    expect(opened.markdown).toBe(await readFile(bodyPath(id), 'utf8'));
    expect(opened.markdown.startsWith('The coronavirus outbreak')).toBe(true);
    expect(opened.markdown).not.toMatch(/^---/);
    expect(opened.readingPosition).toBeNull();
    expect(opened.notices).toEqual([]);
    expect(opened.summary).toMatchObject({ id, title: seedTitle, date: seedDate });
    expect(opened.summary.openedAt).toMatch(isoPattern);
  });

  it('gives the language, direction and vertical writing mode its frontmatter declared, also after a re-open', async () => {
    const store = await openStore();
    const seed = onlyDocument(store);
    const { id } = await store.importMarkdown(
      '---\ntitle: 雪国\nlang: ja\ndir: ltr\nwriting-mode: vertical-rl\n---\n国境の長いトンネルを抜けると雪国であった。\n',
    );
    await store.flush();
    expect(await readJson(documentPath(id))).toMatchObject({ schemaVersion: 5, lang: 'ja', dir: 'ltr', writingMode: 'vertical-rl' });

    const reopened = await openStore();
    expect(await reopened.openDocument(id)).toMatchObject({ lang: 'ja', dir: 'ltr', writingMode: 'vertical-rl' });
    expect(await reopened.readDocument(id)).toMatchObject({ writingMode: 'vertical-rl' });
    // A document that declares none has none: the reader sets it across.
    expect(await reopened.openDocument(seed.id)).not.toHaveProperty('writingMode');
  });

  it('remembers the document as last opened, also for a new store on the same folder', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);

    const opened = await store.openDocument(id);
    expect(store.state().lastOpenedDocumentId).toBe(id);

    const reopened = await openStore();
    expect(reopened.state().lastOpenedDocumentId).toBe(id);
    expect(onlyDocument(reopened).openedAt).toBe(opened.summary.openedAt);
  });

  it('records an open in the small open record, not the index, and folds it into the index on flush', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    const second = await store.importMarkdown('# Second\n\nAnother text.');
    await store.flush();
    const indexBefore = await readFile(libraryPath(), 'utf8');

    const opened = await store.openDocument(second.id);
    expect(await readFile(libraryPath(), 'utf8')).toBe(indexBefore);
    expect(await readJson(openRecordPath())).toEqual({
      schemaVersion: 1,
      lastOpenedDocumentId: second.id,
      openedAt: { [second.id]: opened.summary.openedAt },
    });
    // A store that did not flush (a crash) still knows, from the record.
    const afterCrash = await openStore();
    expect(afterCrash.state().lastOpenedDocumentId).toBe(second.id);
    expect(afterCrash.state().documents.find((summary) => summary.id === second.id)?.openedAt).toBe(opened.summary.openedAt);
    expect(afterCrash.state().documents.find((summary) => summary.id === id)?.openedAt).toBeNull();

    await store.flush();
    expect(await readJson(libraryPath())).toMatchObject({ lastOpenedDocumentId: second.id });
    expect(await readJson(openRecordPath())).toEqual({ schemaVersion: 1, lastOpenedDocumentId: second.id, openedAt: {} });
  });

  it('lets readers of the data folder (gloss list, exports) see opens the index does not hold yet, and ignore a damaged record', async () => {
    const store = await openStore();
    const second = await store.importMarkdown('# Second\n\nAnother text.');
    await store.flush();
    const opened = await store.openDocument(second.id);
    const openedAtAsRead = async () => (await readLibrary(dataDir)).find(({ summary }) => summary.id === second.id)?.summary.openedAt;

    expect(await openedAtAsRead()).toBe(opened.summary.openedAt);
    await writeFile(openRecordPath(), '{"schemaVersion": 1, "openedAt": ');
    expect(await openedAtAsRead()).toBeNull();
    expect(await readFile(openRecordPath(), 'utf8')).toBe('{"schemaVersion": 1, "openedAt": ');
  });

  it('keeps a damaged open record aside, says so, and opens the library as its index last saved it', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.openDocument(id);
    await store.flush();
    await writeFile(openRecordPath(), '{"schemaVersion": 1, "openedAt": ');

    const reopened = await openStore();
    expect(reopened.state().lastOpenedDocumentId).toBe(id);
    expect(reopened.notices).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/^The record of recently opened documents was damaged/) }),
    ]);
    expect((await readdir(dataDir)).filter((name) => name.startsWith('opened.json.corrupt-'))).toHaveLength(1);
  });

  it('reports a document whose body.md is missing as not-found and does not mark it opened', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.flush();
    await rm(bodyPath(id));

    const error = await gloss(store.openDocument(id));

    expect(error.code).toBe('not-found');
    expect(error.message).toContain('body.md');
    expect(store.state().lastOpenedDocumentId).toBeNull();
    expect((await openStore()).state().lastOpenedDocumentId).toBeNull();
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'not-in-this-library'])('reports the unknown id %s as not-found', async (unknownId) => {
    const store = await openStore();

    const error = await gloss(store.openDocument(unknownId));

    expect(error.code).toBe('not-found');
    expect(store.state().lastOpenedDocumentId).toBeNull();
    expect(existsSync(documentFolder(unknownId))).toBe(false);
  });

  it('refuses a document file written by a newer Gloss and leaves it byte-identical', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.flush();
    const newer = Buffer.from(JSON.stringify({ ...(await readJson(documentPath(id))), schemaVersion: 99 }));
    await writeFile(documentPath(id), newer);

    const reopened = await openStore();
    const error = await gloss(reopened.openDocument(id));
    await reopened.flush();

    expect(error).toBeInstanceOf(NewerSchemaError);
    expect(await readFile(documentPath(id))).toEqual(newer);
    expect(await readdir(documentFolder(id))).toEqual(['body.md', 'document.json']);
  });
});

describe('LibraryStore.saveReadingPosition', () => {
  it('keeps the position across a re-open of the library', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.openDocument(id);

    await store.saveReadingPosition(id, position);

    const reopened = await openStore();
    expect((await reopened.openDocument(id)).readingPosition).toEqual(position);
  });

  it('keeps the furthest point reached when the reader scrolls back up, across a re-open', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.openDocument(id);

    await store.saveReadingPosition(id, { blockIndex: 9, blockOffset: 0, progress: 0.8 });
    const stored = await store.saveReadingPosition(id, { blockIndex: 1, blockOffset: 0, progress: 0.1 });

    expect(stored).toEqual({ blockIndex: 1, blockOffset: 0, progress: 0.1, furthest: 0.8 });
    const reopened = await openStore();
    expect((await reopened.openDocument(id)).readingPosition).toEqual(stored);
  });

  it('rewrites only documents/<id>/document.json, leaving library.json, body.md and every other file byte-identical', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.openDocument(id);
    // Read further first: going back then changes where the reader is, not how far they read (the list's "% read").
    await store.saveReadingPosition(id, { ...position, progress: 0.9 });
    await store.flush();
    const before = await snapshot(dataDir);
    const documentFile = join('documents', id, 'document.json');

    await store.saveReadingPosition(id, position);
    await store.flush();

    const after = await snapshot(dataDir);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [path, state] of before) {
      if (path === documentFile) continue;
      expect(after.get(path), path).toEqual(state);
    }
    expect(after.get(documentFile)!.bytes).not.toEqual(before.get(documentFile)!.bytes);
    expect(JSON.parse(after.get(documentFile)!.bytes.toString('utf8'))).toMatchObject({
      id,
      readingPosition: { ...position, furthest: 0.9 },
    });
    expect(before.has(join('documents', id, 'body.md'))).toBe(true);
    expect(before.has('library.json')).toBe(true);
  });

  it('ends with the last of many positions saved in quick succession', async () => {
    const store = await openStore();
    const { id } = onlyDocument(store);
    await store.openDocument(id);

    const saves = Array.from({ length: 20 }, (_, n) =>
      store.saveReadingPosition(id, { blockIndex: n, blockOffset: 0.5, progress: n / 20 }),
    );
    await Promise.all(saves);
    await store.flush();

    expect((await readJson(documentPath(id))).readingPosition).toEqual({ blockIndex: 19, blockOffset: 0.5, progress: 0.95 });
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'missing'])(
    'reports the unknown id %s as not-found and writes nothing',
    async (unknownId) => {
      const store = await openStore();
      await store.flush();
      const before = await snapshot(dataDir);

      const error = await gloss(store.saveReadingPosition(unknownId, position));
      await store.flush();

      expect(error.code).toBe('not-found');
      expect(await snapshot(dataDir)).toEqual(before);
    },
  );
});

describe('LibraryStore with a damaged library.json', () => {
  const damages: Array<[string, (original: Buffer) => Buffer]> = [
    ['truncated JSON', (original) => original.subarray(0, Math.floor(original.length / 2))],
    ['zero bytes', () => Buffer.alloc(0)],
    ['NUL bytes', (original) => Buffer.alloc(original.length)],
    ['valid JSON of the wrong shape', () => Buffer.from(JSON.stringify({ schemaVersion: 1, documents: {}, lastOpenedDocumentId: null }))],
    [
      'valid JSON with an entry missing its title',
      (original) => {
        const library = JSON.parse(original.toString('utf8')) as { documents: Array<Record<string, unknown>> };
        delete library.documents[0]!.title;
        return Buffer.from(JSON.stringify(library));
      },
    ],
    ['a JSON array', () => Buffer.from('[]')],
  ];

  it.each(damages)(
    'with %s is set aside untouched and rebuilt from the document folders without losing a document',
    async (_label, damage) => {
      const first = await openStore();
      const seedId = onlyDocument(first).id;
      await first.importMarkdown('---\ntitle: Second article\nauthor: A. Writer\ndate: 2024-02-29\n---\nBody two.\n');
      await first.importMarkdown('# Third article\n\nBody three.\n');
      await first.openDocument(seedId);
      await first.saveReadingPosition(seedId, position);
      await first.flush();
      const expected = first.state().documents.map(metadataOf).sort(byId);
      expect(expected).toHaveLength(3);
      const damaged = damage(await readFile(libraryPath()));
      await writeFile(libraryPath(), damaged);

      const reopened = await openStore();

      // The damaged file, kept aside byte for byte.
      const asideNames = (await readdir(dataDir)).filter((name) => name.startsWith('library.json.corrupt-'));
      expect(asideNames).toHaveLength(1);
      expect(asideNames[0]).toMatch(new RegExp(`^library\\.json\\.corrupt-${stampPattern.source}$`));
      expect(await readFile(join(dataDir, asideNames[0]!))).toEqual(damaged);
      // Every document, rebuilt.
      const state = reopened.state();
      expect(state.documents.map(metadataOf).sort(byId)).toEqual(expected);
      expect(state.notices).toHaveLength(1);
      expect(state.notices[0]!.level).toBe('warning');
      expect(state.notices[0]!.message).toContain(asideNames[0]);
      // The rebuilt index is on disk and the documents keep their data.
      await reopened.flush();
      const rebuilt = (await readJson(libraryPath())) as { schemaVersion: number; documents: DocumentSummary[] };
      expect(rebuilt.schemaVersion).toBe(libraryFormat.currentVersion);
      expect(rebuilt.documents.map(metadataOf).sort(byId)).toEqual(expected);
      expect((await reopened.openDocument(seedId)).readingPosition).toEqual(position);
      // And a later launch finds a sound library with nothing to report.
      await reopened.flush();
      const later = await openStore();
      expect(later.state().notices).toEqual([]);
      expect(later.state().documents.map(metadataOf).sort(byId)).toEqual(expected);
    },
  );

  it('accounts for every document folder, even one whose document.json it cannot read', async () => {
    const first = await openStore();
    const second = await first.importMarkdown('# Written by a newer Gloss\n\nBody.\n');
    await first.flush();
    const newerDocument = Buffer.from(JSON.stringify({ ...(await readJson(documentPath(second.id))), schemaVersion: 99 }));
    await writeFile(documentPath(second.id), newerDocument);
    await writeFile(libraryPath(), '{"schemaVersion": 1, "documents": [');

    let outcome: 'refused' | 'listed' | 'reported' | 'silently dropped';
    try {
      const reopened = await openStore();
      const state = reopened.state();
      if (state.documents.some((document) => document.id === second.id)) outcome = 'listed';
      else if (state.notices.some((notice) => notice.message.includes(second.id) || notice.message.includes(second.title)))
        outcome = 'reported';
      else outcome = 'silently dropped';
    } catch (error) {
      expect(error).toBeInstanceOf(NewerSchemaError);
      outcome = 'refused';
    }

    expect(outcome).not.toBe('silently dropped');
    expect(await readFile(documentPath(second.id))).toEqual(newerDocument);
  });

  it('reports a document found damaged during the rebuild once, with the library notices, and rebuilds it from its text', async () => {
    const first = await openStore();
    const seed = onlyDocument(first);
    await first.flush();
    await writeFile(documentPath(seed.id), Buffer.alloc(64));
    await writeFile(libraryPath(), '');

    const reopened = await openStore();

    const { documents, notices } = reopened.state();
    expect(documents.map((document) => document.id)).toEqual([seed.id]);
    expect(documents[0]!.title).toBe(seedTitle);
    expect(notices).toHaveLength(2);
    expect(notices.every((notice) => notice.level === 'warning')).toBe(true);
    expect(notices.filter((notice) => notice.message.includes(seedTitle))).toHaveLength(1);
    expect((await reopened.openDocument(seed.id)).notices).toEqual([]);
    expect(reopened.state().notices).toHaveLength(2);
  });

  it('with schemaVersion 99 makes open reject with NewerSchemaError and leaves the file byte-identical', async () => {
    const first = await openStore();
    await first.flush();
    const newer = Buffer.from(JSON.stringify({ ...(await readJson(libraryPath())), schemaVersion: 99 }, null, 2));
    await writeFile(libraryPath(), newer);
    const namesBefore = (await readdir(dataDir)).sort();

    const error = await LibraryStore.open({ dataDir, seedArticlePath, now: clock.now }).then(
      () => null,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(NewerSchemaError);
    expect((error as NewerSchemaError).foundVersion).toBe(99);
    expect((error as NewerSchemaError).message).toContain('99');
    expect(await readFile(libraryPath())).toEqual(newer);
    expect((await readdir(dataDir)).sort()).toEqual(namesBefore);
  });

  it('that is missing is rebuilt from the document folders with an info notice, without importing the seed again', async () => {
    const first = await openStore();
    await first.importMarkdown('# Another one\n\nText.\n');
    await first.flush();
    const expected = first.state().documents.map(metadataOf).sort(byId);
    await rm(libraryPath());

    const reopened = await openStore();

    expect(reopened.state().documents.map(metadataOf).sort(byId)).toEqual(expected);
    expect(reopened.state().notices).toEqual([{ level: 'info', message: expect.stringContaining('2') }]);
    expect(existsSync(libraryPath())).toBe(true);
  });
});

describe('LibraryStore with a damaged document.json', () => {
  it('sets it aside and restores it from the newest backup, saying so', async () => {
    const first = await openStore();
    const { id } = onlyDocument(first);
    await first.openDocument(id); // backup 1: no reading position
    await first.saveReadingPosition(id, position);
    await first.flush();

    const startOfSecondLaunch = clock.last();
    const second = await openStore();
    await second.openDocument(id); // backup 2: `position`
    const endOfSecondLaunch = clock.last();
    const later: ReadingPosition = { blockIndex: 12, blockOffset: 0.9, progress: 0.8 };
    await second.saveReadingPosition(id, later); // not in any backup
    await second.flush();

    const damaged = (await readFile(documentPath(id))).subarray(0, 30);
    await writeFile(documentPath(id), damaged);

    const third = await openStore();
    const opened = await third.openDocument(id);

    expect(opened.readingPosition).toEqual(position);
    expect(opened.summary.title).toBe(seedTitle);
    expect(opened.markdown.startsWith('The coronavirus outbreak')).toBe(true);
    expect(opened.notices).toHaveLength(1);
    const [notice] = opened.notices;
    expect(notice!.level).toBe('warning');
    expect(notice!.message).toMatch(/backup/i);
    const takenAt = Date.parse(isoPattern.exec(notice!.message)?.[0] ?? 'none');
    expect(takenAt).toBeGreaterThan(startOfSecondLaunch);
    expect(takenAt).toBeLessThanOrEqual(endOfSecondLaunch);

    const asideNames = (await readdir(documentFolder(id))).filter((name) => name.startsWith('document.json.corrupt-'));
    expect(asideNames).toHaveLength(1);
    expect(asideNames[0]).toMatch(new RegExp(`^document\\.json\\.corrupt-${stampPattern.source}$`));
    expect(await readFile(join(documentFolder(id), asideNames[0]!))).toEqual(damaged);
    expect(notice!.message).toContain(asideNames[0]);
    await third.flush();
    expect(await readJson(documentPath(id))).toMatchObject({ schemaVersion: documentFormat.currentVersion, id, readingPosition: position });

    // The restored file is sound: the next launch has nothing to report.
    const fourth = await openStore();
    const openedAgain = await fourth.openDocument(id);
    expect(openedAgain.notices).toEqual([]);
    expect(openedAgain.readingPosition).toEqual(position);
  });

  it.each<[string, (original: Buffer) => Buffer | null]>([
    ['truncated', (original) => original.subarray(0, original.length - 20)],
    ['empty', () => Buffer.alloc(0)],
    ['NUL-filled', (original) => Buffer.alloc(original.length)],
    ['of the wrong shape', () => Buffer.from('{"schemaVersion": 1, "id": 5}')],
    ['missing', () => null],
  ])('that is %s and has no backup is rebuilt from the library index, saying so', async (_label, damage) => {
    const first = await openStore();
    const seed = onlyDocument(first);
    await first.flush();
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
    const damaged = damage(await readFile(documentPath(seed.id)));
    if (damaged) await writeFile(documentPath(seed.id), damaged);
    else await rm(documentPath(seed.id));

    const second = await openStore();
    const opened = await second.openDocument(seed.id);

    expect(metadataOf(opened.summary)).toEqual(metadataOf(seed));
    expect(opened.readingPosition).toBeNull();
    expect(opened.markdown.startsWith('The coronavirus outbreak')).toBe(true);
    expect(opened.notices).toEqual([{ level: 'warning', message: expect.stringMatching(/library index/) }]);
    await second.flush();
    expect(await readJson(documentPath(seed.id))).toMatchObject({
      schemaVersion: documentFormat.currentVersion,
      ...metadataOf(seed),
      readingPosition: null,
    });
    const asideNames = (await readdir(documentFolder(seed.id))).filter((name) => name.startsWith('document.json.corrupt-'));
    if (damaged) {
      expect(asideNames).toHaveLength(1);
      expect(await readFile(join(documentFolder(seed.id), asideNames[0]!))).toEqual(damaged);
    } else {
      expect(asideNames).toEqual([]);
    }
  });
});
