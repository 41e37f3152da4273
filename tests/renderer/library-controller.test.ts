// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentSummary, ImportOutcome, OpenedDocument } from '../../common/contract';
import type { DocumentController } from '../../renderer/src/document-controller';
import { LibraryController } from '../../renderer/src/library-controller';
import type { Notices } from '../../renderer/src/notices';
import type { SaveQueue } from '../../renderer/src/save-queue';
import { type AppStore, createAppStore, type OpenDocument } from '../../renderer/src/state/app-state';

const summary = (id: string): DocumentSummary => ({
  id,
  title: `Title ${id}`,
  author: null,
  date: null,
  source: null,
  addedAt: '2026-12-01T00:00:00.000Z',
  openedAt: null,
});

/** Main as the list sees it: the library it holds now, and an import that finishes when the test says. */
function fakeMain(initial: string[]) {
  const library = initial.map(summary);
  const calls = { getLibrary: 0, prepareImport: 0 };
  let finishImport: (outcomes: ImportOutcome[]) => void = () => undefined;
  const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
  Object.assign(window, {
    gloss: {
      getLibrary: () => {
        calls.getLibrary++;
        return ok({ documents: [...library], notices: [] });
      },
      getLibraryFirstPage: (size: number) =>
        ok({
          documents: library.slice(0, size),
          lastOpenedDocumentId: null,
          notices: [],
          details: [],
          total: library.length,
          tags: ['far-away'],
        }),
      getLibraryDetails: () => ok([]),
      importDocuments: () => new Promise((resolve) => (finishImport = (outcomes) => resolve({ ok: true, value: outcomes }))),
      onImportProgress: () => () => undefined,
      cancelImport: () => ok(undefined),
      prepareImport: () => {
        calls.prepareImport++;
        // Refused, as a worker that cannot start would be: the head start is lost, nothing else.
        return Promise.resolve({ ok: false, error: { code: 'internal', message: 'the worker could not start' } });
      },
    },
  });
  return {
    calls,
    add(id: string) {
      library.unshift(summary(id));
    },
    finishImport: (outcomes: ImportOutcome[]) => finishImport(outcomes),
  };
}

/** A document controller whose open() puts the document in the store, as the real one does once it is rendered. */
function fakeDocuments(store: AppStore): DocumentController {
  return {
    current: null,
    async open(documentId: string) {
      const opened = { summary: { ...summary(documentId), openedAt: new Date().toISOString() } } as OpenedDocument;
      store.set({ document: { opened } as OpenDocument });
      return null;
    },
  } as unknown as DocumentController;
}

const notices = {
  whileBusy: <T>(work: Promise<T>) => work,
  showAll: () => undefined,
} as unknown as Notices;

afterEach(() => {
  Reflect.deleteProperty(window, 'gloss');
});

describe('LibraryController', () => {
  const controller = (store: AppStore) =>
    new LibraryController({ store, documents: fakeDocuments(store), notices, queue: {} as SaveQueue, searchChanged: () => undefined });

  it('lists a long library’s first page at launch, then the whole list', async () => {
    const main = fakeMain(Array.from({ length: 250 }, (_, index) => `d${index}`));
    const store = createAppStore();
    const library = controller(store);

    await library.loadFirstPage();
    expect(store.state.library.documents).toHaveLength(100);
    expect(store.state.library.firstPageOf).toEqual({ total: 250, tags: ['far-away'] });
    expect(main.calls.getLibrary).toBe(0);

    await library.loadTheRest();
    expect(store.state.library.documents).toHaveLength(250);
    expect(store.state.library.firstPageOf).toBeNull();
  });

  it('asks for nothing more when the first page held the whole library', async () => {
    const main = fakeMain(['a', 'b']);
    const store = createAppStore();
    const library = controller(store);

    await library.loadFirstPage();
    await library.loadTheRest();
    expect(store.state.library.documents).toHaveLength(2);
    expect(store.state.library.firstPageOf).toBeNull();
    expect(main.calls.getLibrary).toBe(0);
  });

  it('asks main to get an import ready, and a refusal of that head start is no error of the page', async () => {
    const main = fakeMain(['seed']);
    const library = controller(createAppStore());
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      library.prepareImport();
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', record);
    }
    expect(main.calls.prepareImport).toBe(1);
    expect(unhandled).toEqual([]);
  });

  it('lists every document an import added, even when the list was reloaded while only some of them were in', async () => {
    const main = fakeMain(['seed']);
    const store = createAppStore();
    const library = controller(store);
    await library.load();
    const importing = library.importReadFiles([
      { name: 'one.md', content: '' },
      { name: 'two.md', content: '' },
    ]);
    // Main has added the first file when edits settling elsewhere reload the list; the second comes after.
    main.add('one');
    await library.reload();
    main.add('two');
    main.finishImport([
      { name: 'one.md', status: 'added', documentId: 'one', title: 'Title one' },
      { name: 'two.md', status: 'added', documentId: 'two', title: 'Title two' },
    ]);
    await importing;

    expect(store.state.library.documents.map((document) => document.id).sort()).toEqual(['one', 'seed', 'two']);
    expect(store.state.document?.opened.summary.id).toBe('one');
  });
});
