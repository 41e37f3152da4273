import { mkdir } from 'node:fs/promises';
import type { EmitEvent } from '../../common/contract';
import { acquireDataLock, type DataLock } from './storage/data-lock';
import { LibraryStore } from './storage/library-store';
import { type EntryBuilder, SearchIndex } from './search/search-index';
import { SettingsStore } from './settings/settings-store';
import { VaultSync } from './sync/vault-sync';
import type { ImportWork } from './import/work';
import type { ExportWork } from './export/build';
import { LibrarySync } from './library-sync/library-sync';

export interface GlossServiceOptions {
  dataDir: string;
  seedArticlePath: string;
  /** Hands a vetted link to the operating system (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  /** Asks the user where to save an export (the system's save or folder dialog in the app); null when cancelled. */
  chooseExportDestination: (choice: { suggestedName: string; destination: 'file' | 'folder'; title?: string }) => Promise<string | null>;
  /** The system clipboard's text in each MIME type asked for that it holds ('text/markdown', 'text/html', 'text/plain'). Absent: an empty clipboard. */
  readClipboard?: (types: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** Sends an event to the page (the app's window in the app, the page under test in the Chromium runtime). Absent: nobody listens. */
  emit?: EmitEvent;
  /** How long vault sync waits after a change before writing; tests shorten it. */
  vaultSyncDebounceMs?: number;
  /** Where an import's heavy work runs; the app uses a worker thread (import/work.ts). Absent: on this thread. */
  importWork?: ImportWork;
  /** Where documents are prepared for search; the app uses a worker thread of its own. Absent: on this thread, one per turn. */
  searchWork?: EntryBuilder;
  /** Where exports are read and built; the app uses a worker thread of its own. Absent: on this thread. */
  exportWork?: ExportWork;
  /** How this device names itself in the library sync folder (the app passes the host name). */
  deviceName?: string;
  /**
   * How long after the library opens the search index is built in the background, so the first search
   * finds it ready instead of reading every document then. Absent: built on the first search.
   */
  warmSearchAfterMs?: number;
  /**
   * Opens the library at once rather than on the first call: the app's window
   * loads meanwhile, and its first call finds the index read (100 ms at
   * 10,000 documents). A failed open is tried again, and reported, by that call.
   */
  openLibraryAtOnce?: boolean;
  /** How often library sync looks at its folder; tests set 0 and call syncLibraryNow. */
  librarySyncPollMs?: number;
  appVersion: string;
  /** Told when the page has handed over its last writes and its window may close. */
  onReadyToClose: () => void;
}

/**
 * What every domain's implementation shares: the options, the data folder's
 * stores (each opened on first use, after the data folder's lock is held, and
 * tried again after a failed open) and what happens after an accepted write.
 */
export interface ServiceContext {
  readonly options: GlossServiceOptions;
  readonly emit: EmitEvent;
  store(): Promise<LibraryStore>;
  search(): Promise<SearchIndex>;
  settings(): Promise<SettingsStore>;
  vaultSync(): Promise<VaultSync>;
  /** Library sync between machines (issue #16); its status changes go to the page as `librarySyncChanged` events. */
  librarySync(): Promise<LibrarySync>;
  /**
   * After the store accepted a change: records it in this device's library
   * sync log (one place for every domain). A failure there shows in the sync
   * status, never in the save.
   */
  recordChange(record: (sync: LibrarySync) => void | Promise<void>): Promise<void>;
  /** After a change is accepted: the search index reads those documents again and their synced files are brought up to date. */
  changed(documentIds: readonly string[]): void;
  /** The search index's copy of a document is out of date (e.g. its reading progress changed); nothing else is. */
  searchStale(documentId: string): void;
  /** Resolves once every accepted write is on disk. */
  flush(): Promise<void>;
  /** Flushes, then gives up the data folder's lock. */
  close(): Promise<void>;
}

/** Opens `open()` on first call; a failed open (the folder is locked by the command line, a newer format) is tried again on the next call. */
function lazy<T>(open: () => Promise<T>): { get(): Promise<T>; opened(): Promise<T | null> | null } {
  let opening: Promise<T> | null = null;
  return {
    get() {
      if (!opening) {
        opening = open();
        opening.catch(() => (opening = null));
      }
      return opening;
    },
    opened: () => opening && opening.catch(() => null),
  };
}

export function createServiceContext(options: GlossServiceOptions): ServiceContext {
  let lock: DataLock | null = null;
  const emit: EmitEvent = options.emit ?? (() => undefined);
  const library = lazy(async () => {
    await mkdir(options.dataDir, { recursive: true });
    lock ??= await acquireDataLock(options.dataDir, 'The Gloss app');
    const store = await LibraryStore.open({
      dataDir: options.dataDir,
      seedArticlePath: options.seedArticlePath,
      afterCrash: lock.tookOver,
    });
    return store;
  });
  // Counted from the first call that finds the library open, not from the open: a library opened at once is read while
  // the window loads, and the index's build (every document read) would then land on the launch's own work.
  let searchWarmScheduled = false;
  const store = async (): Promise<LibraryStore> => {
    const opened = await library.get();
    if (!searchWarmScheduled && options.warmSearchAfterMs !== undefined) {
      searchWarmScheduled = true;
      warmSearchLater(options.warmSearchAfterMs);
    }
    return opened;
  };
  // The search index reads documents through the store; each accepted write marks its document stale (see changed()).
  let searchIndex: SearchIndex | null = null;
  const search = async (): Promise<SearchIndex> => {
    const store = await library.get();
    searchIndex ??= new SearchIndex(
      { summaries: () => store.state().documents, load: (documentId) => store.readDocument(documentId) },
      options.searchWork,
      (progress) => emit('searchIndexProgress', progress),
    );
    return searchIndex;
  };
  // After the launch's own work (the list, the open document), and never keeping a process alive for it.
  // A document that cannot be read is left out as on a search; the next search tries it again.
  const warmSearchLater = (delayMs: number): void => {
    setTimeout(
      () =>
        void search()
          .then((index) => index.warm())
          .catch(() => undefined),
      delayMs,
    ).unref();
  };
  // Settings and vault sync live in the same data folder: the library opens first, so its lock is held before anything is written.
  const settings = lazy(() => library.get().then(() => SettingsStore.open(options.dataDir)));
  const vaultSync = lazy(() =>
    library.get().then((store) =>
      VaultSync.open({
        dataDir: options.dataDir,
        readDocument: (documentId) => store.readDocument(documentId),
        documentIds: () => store.state().documents.map(({ id }) => id),
        onChange: (status) => emit('vaultSyncChanged', status),
        appVersion: options.appVersion,
        debounceMs: options.vaultSyncDebounceMs,
      }),
    ),
  );

  // Library sync (issue #16): each accepted change is recorded in this device's log; passes bring other devices' changes in.
  const librarySync = lazy(() =>
    library.get().then(() => {
      const sync: Promise<LibrarySync> = LibrarySync.open({
        dataDir: options.dataDir,
        store: library.get,
        settings: settings.get,
        onSettingsChanged: (readerSettings) => emit('settingsChanged', readerSettings),
        deviceName: options.deviceName ?? 'Gloss',
        pollMs: options.librarySyncPollMs,
        onDocumentsChanged: (documentIds) => context.changed(documentIds),
        // The status is read once the sync is open (a pass may report while it opens).
        onStatusChanged: () => void sync.then((opened) => emit('librarySyncChanged', opened.status())).catch(() => undefined),
      });
      return sync;
    }),
  );

  if (options.openLibraryAtOnce) void library.get().catch(() => undefined);

  const context: ServiceContext = {
    options,
    emit,
    store,
    search,
    settings: settings.get,
    vaultSync: vaultSync.get,
    librarySync: librarySync.get,
    async recordChange(record) {
      const sync = await librarySync.get().catch(() => null);
      if (sync) await Promise.resolve(record(sync)).catch(() => undefined);
    },
    /**
     * The synced files are updated in the background: the save has already
     * succeeded and never waits for the folder (a failure there shows in the
     * sync status instead).
     */
    changed(documentIds) {
      for (const documentId of documentIds) searchIndex?.invalidate(documentId);
      void vaultSync.get().then(
        (sync) => documentIds.forEach((id) => sync.documentChanged(id)),
        () => undefined,
      );
    },
    searchStale(documentId) {
      searchIndex?.invalidate(documentId);
    },
    async flush() {
      await (await library.opened())?.flush();
      await (await vaultSync.opened())?.flush();
      await (await settings.opened())?.flush();
      await (await librarySync.opened())?.flush();
    },
    async close() {
      await (await librarySync.opened())?.close();
      await context.flush();
      await lock?.release();
      lock = null;
    },
  };
  return context;
}
