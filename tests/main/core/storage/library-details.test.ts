/**
 * The library list's details (progress, highlights, tags, words) kept in the
 * index (library.json version 2), so a launch fills the list without reading
 * every document: they follow each change, survive a relaunch, are filled in
 * once for a library from before they were kept, and are worked out again
 * after a crash.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetails } from '../../../../common/contract';
import { dataLayout } from '../../../../main/core/storage/layout';
import { LibraryStore } from '../../../../main/core/storage/library-store';
import { sampleHighlight } from '../../../support/sample-highlight';

const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));

let dataDir: string;
const stores: LibraryStore[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-details-'));
});

afterEach(async () => {
  await Promise.allSettled(stores.splice(0).map((store) => store.flush()));
  await rm(dataDir, { recursive: true, force: true });
});

async function open(options: { afterCrash?: boolean } = {}): Promise<LibraryStore> {
  const store = await LibraryStore.open({ dataDir, seedArticlePath, ...options });
  stores.push(store);
  return store;
}

const highlight = (id: string, tags: string[] = []) => sampleHighlight(id, { exact: 'global cooperation', tags });

const detailsOf = async (store: LibraryStore, id: string): Promise<DocumentDetails | undefined> =>
  (await store.documentDetails()).find((details) => details.documentId === id);

describe('the library list’s details in the index', () => {
  it('follow highlights, tags, reading and edits of the text', async () => {
    const store = await open();
    const added = await store.importMarkdown('# Notes\n\nOne two three four five.\n');
    expect(await detailsOf(store, added.id)).toEqual({ documentId: added.id, progress: 0, highlightCount: 0, tags: [], wordCount: 6 });
    await store.putHighlights(added.id, [highlight('a', ['zebra', 'apple']), highlight('b', ['apple'])]);
    await store.saveReadingPosition(added.id, { blockIndex: 1, blockOffset: 0, progress: 0.6 });
    await store.saveReadingPosition(added.id, { blockIndex: 0, blockOffset: 0, progress: 0.1 });
    await store.saveDocumentBody(added.id, '# Notes\n\nOne two.\n', 0);
    await store.deleteHighlight(added.id, 'b');
    expect(await detailsOf(store, added.id)).toEqual({
      documentId: added.id,
      progress: 0.6,
      highlightCount: 1,
      tags: ['apple', 'zebra'],
      wordCount: 3,
    });
  });

  it('come back after a relaunch from the index alone, without reading any document', async () => {
    let store = await open();
    const { id } = store.state().documents[0]!;
    await store.putHighlights(id, [highlight('a', ['theme'])]);
    const kept = await store.documentDetails();
    await store.flush();
    // Every document file made unreadable: only the index can give the details now.
    for (const folder of await readdir(dataLayout(dataDir).documents)) {
      await writeFile(join(dataLayout(dataDir).documents, folder, 'document.json'), 'not JSON');
    }
    store = await open();
    expect(await store.documentDetails()).toEqual(kept);
    expect(kept[0]).toMatchObject({ highlightCount: 1, tags: ['theme'] });
  });

  it('are filled in once for a library from before they were kept (version 1), and kept', async () => {
    let store = await open();
    const { id } = store.state().documents[0]!;
    await store.putHighlights(id, [highlight('a')]);
    const expected = await store.documentDetails();
    await store.flush();
    const library = JSON.parse(await readFile(dataLayout(dataDir).library, 'utf8')) as Record<string, unknown>;
    delete library.details;
    await writeFile(dataLayout(dataDir).library, JSON.stringify({ ...library, schemaVersion: 1 }));

    const documentBackups = () => readdir(join(dataDir, 'backups', 'documents'), { recursive: true });
    const backupsBefore = await documentBackups();
    store = await open();
    expect(await store.documentDetails()).toEqual(expected);
    await store.flush();
    // Looking at the documents to fill the details opened none of them: no further document backup was kept.
    expect(await documentBackups()).toEqual(backupsBefore);
    const migrated = JSON.parse(await readFile(dataLayout(dataDir).library, 'utf8')) as { schemaVersion: number; details: object };
    expect(migrated.schemaVersion).toBe(2);
    expect(Object.keys(migrated.details)).toEqual([id]);
  });

  it('are worked out again from the documents after a crash, whatever the index says', async () => {
    let store = await open();
    const { id } = store.state().documents[0]!;
    await store.putHighlights(id, [highlight('a'), highlight('b')]);
    await store.flush();
    // As if the index had been written before the last change reached it.
    const library = JSON.parse(await readFile(dataLayout(dataDir).library, 'utf8')) as {
      details: Record<string, { highlightCount: number }>;
    };
    library.details[id]!.highlightCount = 99;
    await writeFile(dataLayout(dataDir).library, JSON.stringify(library));

    store = await open({ afterCrash: true });
    expect(await detailsOf(store, id)).toMatchObject({ highlightCount: 2 });
  });
});
