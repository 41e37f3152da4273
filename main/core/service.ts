import { mkdir } from 'node:fs/promises';
import type { ExportProgress, ExportRequest, GlossApi, LibrarySyncStatus } from '../../common/contract';
import { GlossError } from './errors';
import { type BuiltExport, buildExport, writeExport } from './export/build';
import { documentToClipboardMarkdown, highlightToClipboardMarkdown } from './export/clipboard';
import { importFiles } from './import/import-files';
import { orphanIds, readLibrary } from './storage/library-reader';
import { acquireDataLock, type DataLock } from './storage/data-lock';
import { LibraryStore } from './storage/library-store';
import { VaultSync } from './sync/vault-sync';
import { LibrarySync } from './library-sync/library-sync';
import { SearchIndex } from './search/search-index';
import { SettingsStore } from './settings/settings-store';
import { pastedFile } from '../../common/pasted-file';

export interface GlossServiceOptions {
  dataDir: string;
  seedArticlePath: string;
  /** Hands a vetted link to the operating system (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  /** Asks the user where to save an export (the system's save or folder dialog in the app); null when cancelled. */
  chooseExportDestination: (choice: { suggestedName: string; destination: 'file' | 'folder'; title?: string }) => Promise<string | null>;
  /** The system clipboard's text in each MIME type asked for that it holds ('text/markdown', 'text/html', 'text/plain'). Absent: an empty clipboard. */
  readClipboard?: (types: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** Told when the vault sync's status changes (the app forwards it to the page as 'vault-sync-changed'). */
  onVaultSyncChanged?: () => void;
  /** Told when library sync merged other devices' changes or its status changed (the app forwards it as 'library-sync-changed'). */
  onLibrarySyncChanged?: () => void;
  /** How this device names itself in the library sync folder (the app passes the host name). */
  deviceName?: string;
  /** How often library sync looks at its folder; tests set 0 and call syncLibraryNow. */
  librarySyncPollMs?: number;
  /** How long vault sync waits after a change before writing; tests shorten it. */
  vaultSyncDebounceMs?: number;
  appVersion: string;
  /** Told when the page has handed over its last writes and its window may close. */
  onReadyToClose: () => void;
}

/** How much of an export the dialog previews. */
const previewLength = 4000;

export interface GlossService extends GlossApi {
  /** Resolves once every accepted write is on disk. */
  flush(): Promise<void>;
  /** Flushes, then gives up the data folder's lock; the app awaits it before quitting. */
  close(): Promise<void>;
  /** Library sync, for tests and the command line: share through `folder` without a dialog, and merge the folder now. */
  enableLibrarySync(folder: string): Promise<LibrarySyncStatus>;
  syncLibraryNow(): Promise<void>;
}

const externalProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * Everything main does for the renderer, free of Electron so the app, the
 * browser test runtime and the command line share it. The library opens on
 * first use; if it cannot be opened, every call reports why.
 */
export function createGlossService(options: GlossServiceOptions): GlossService {
  let lock: DataLock | null = null;
  let opening: Promise<LibraryStore> | null = null;
  const store = (): Promise<LibraryStore> => {
    if (!opening) {
      opening = (async () => {
        await mkdir(options.dataDir, { recursive: true });
        lock ??= await acquireDataLock(options.dataDir, 'The Gloss app');
        return LibraryStore.open({ dataDir: options.dataDir, seedArticlePath: options.seedArticlePath });
      })();
      // A failed open (the folder is locked by the command line, a newer format) is tried again on the next call.
      opening.catch(() => (opening = null));
    }
    return opening;
  };

  // The search index reads documents through the store; each accepted write marks its document stale (see changed()).
  let searchIndex: SearchIndex | null = null;
  const search = async (): Promise<SearchIndex> => {
    const library = await store();
    searchIndex ??= new SearchIndex({ summaries: () => library.state().documents, load: (documentId) => library.readDocument(documentId) });
    return searchIndex;
  };

  let settingsOpening: Promise<SettingsStore> | null = null;
  const settings = (): Promise<SettingsStore> => {
    if (!settingsOpening) {
      // Settings live in the same data folder: open the library first, so its lock is held before anything is written.
      settingsOpening = store().then(() => SettingsStore.open(options.dataDir));
      settingsOpening.catch(() => (settingsOpening = null));
    }
    return settingsOpening;
  };

  let syncing: Promise<VaultSync> | null = null;
  /** Vault sync opens with the library (it needs the data folder's lock) and, like it, is retried after a failed open. */
  const vaultSync = (): Promise<VaultSync> => {
    if (!syncing) {
      syncing = store().then((library) =>
        VaultSync.open({
          dataDir: options.dataDir,
          readDocument: (documentId) => library.readDocument(documentId),
          documentIds: () => library.state().documents.map(({ id }) => id),
          onChange: () => options.onVaultSyncChanged?.(),
          appVersion: options.appVersion,
          debounceMs: options.vaultSyncDebounceMs,
        }),
      );
      syncing.catch(() => (syncing = null));
    }
    return syncing;
  };
  /**
   * After a change is accepted, its document's synced file is brought up to
   * date in the background: the save has already succeeded and never waits
   * for the folder (a failure there shows in the sync status instead).
   */
  const changed = (documentIds: readonly string[]): void => {
    for (const documentId of documentIds) searchIndex?.invalidate(documentId);
    void vaultSync().then(
      (sync) => documentIds.forEach((id) => sync.documentChanged(id)),
      () => undefined,
    );
  };

  // ── Library sync (issue #16): each accepted change is recorded in this device's log; passes bring other devices' changes in. ──
  let librarySyncing: Promise<LibrarySync> | null = null;
  const librarySync = (): Promise<LibrarySync> => {
    if (!librarySyncing) {
      librarySyncing = store().then(() =>
        LibrarySync.open({
          dataDir: options.dataDir,
          store,
          deviceName: options.deviceName ?? 'Gloss',
          pollMs: options.librarySyncPollMs,
          onDocumentsChanged: (documentIds) => changed(documentIds),
          onStatusChanged: () => options.onLibrarySyncChanged?.(),
        }),
      );
      librarySyncing.catch(() => (librarySyncing = null));
    }
    return librarySyncing;
  };
  /** Records a change in the sync log once the store accepted it; a failure shows in the sync status, never in the save. */
  const recordForSync = async (record: (sync: LibrarySync) => void | Promise<void>): Promise<void> => {
    const sync = await librarySync().catch(() => null);
    if (sync) await Promise.resolve(record(sync)).catch(() => undefined);
  };

  let exportProgress: ExportProgress | null = null;

  /** Exports what is on disk, after every accepted change has reached it. */
  async function prepareExport({ format, scope }: ExportRequest): Promise<BuiltExport> {
    await (await store()).flush();
    const ids = scope.kind === 'document' ? [scope.documentId] : 'all';
    return buildExport(options.dataDir, await readLibrary(options.dataDir), ids, format, {
      exportedAt: new Date(),
      appVersion: options.appVersion,
    });
  }

  return {
    async getLibrary() {
      const library = await store();
      // Library sync, when it was on, starts with the library: its passes then run without waiting for a first change.
      void librarySync().catch(() => undefined);
      return library.state();
    },
    async openDocument(documentId) {
      return (await store()).openDocument(documentId);
    },
    async saveReadingPosition(documentId, position) {
      await (await store()).saveReadingPosition(documentId, position);
      await recordForSync((sync) => sync.recordReadingPosition(documentId, position));
      // Progress shows in the library details; the synced files do not carry it.
      searchIndex?.invalidate(documentId);
    },
    async putHighlight(documentId, highlight) {
      await (await store()).putHighlight(documentId, highlight);
      await recordForSync((sync) => sync.recordHighlight(documentId, highlight));
      changed([documentId]);
    },
    async deleteHighlight(documentId, highlightId) {
      await (await store()).deleteHighlight(documentId, highlightId);
      await recordForSync((sync) => sync.recordHighlightDeleted(documentId, highlightId));
      changed([documentId]);
    },
    async updateAnchors(documentId, anchors) {
      await (await store()).updateAnchors(documentId, anchors);
      await recordForSync((sync) => sync.recordAnchors(documentId, anchors));
      changed([documentId]);
    },
    async setDocumentNote(documentId, text) {
      await (await store()).setDocumentNote(documentId, text);
      await recordForSync((sync) => sync.recordDocumentNote(documentId, text));
      changed([documentId]);
    },
    async saveDocumentBody(documentId, markdown, baseRevision) {
      const saved = await (await store()).saveDocumentBody(documentId, markdown, baseRevision);
      await recordForSync((sync) => sync.recordBody(documentId, markdown));
      changed([documentId]);
      return saved;
    },
    async openExternal(url) {
      const parsed = URL.canParse(url) ? new URL(url) : null;
      if (!parsed || !externalProtocols.has(parsed.protocol)) {
        throw new GlossError('forbidden', `Gloss opens only web and mail links, not ${JSON.stringify(url.slice(0, 80))}.`);
      }
      // The normalised form is what was checked, so it is what leaves the app.
      await options.openExternal(parsed.href);
    },
    async previewExport(request) {
      const built = await prepareExport(request);
      const text = built.files[0]?.text ?? '';
      return {
        text: text.slice(0, previewLength),
        truncated: text.length > previewLength || built.files.length > 1,
        documentCount: built.documentCount,
        highlightCount: built.highlightCount,
        destination: built.destination,
      };
    },
    async exportToFile(request) {
      const built = await prepareExport(request);
      const path = await options.chooseExportDestination({ suggestedName: built.suggestedName, destination: built.destination });
      if (path === null) return null;
      try {
        await writeExport(built, path, (done, total) => (exportProgress = { done, total }));
      } finally {
        exportProgress = null;
      }
      return { path, fileCount: built.files.length, highlightCount: built.highlightCount };
    },
    async getExportProgress() {
      return exportProgress && { ...exportProgress };
    },
    async importDocuments(files) {
      const outcomes = await importFiles(await store(), options.dataDir, files);
      const documentIds = outcomes.flatMap((outcome) =>
        outcome.status === 'added' ? [outcome.documentId] : outcome.status === 'annotations' ? outcome.documentIds : [],
      );
      for (const documentId of documentIds) await recordForSync((sync) => sync.recordDocument(documentId));
      changed(documentIds);
      return outcomes;
    },
    async importClipboard() {
      // Read up front: pastedFile, shared with the page's paste events, asks synchronously.
      const contents = (await options.readClipboard?.(['text/markdown', 'text/html', 'text/plain'])) ?? new Map<string, string>();
      const pasted = pastedFile({ getData: (type) => contents.get(type) ?? '' });
      if (!pasted) throw new GlossError('not-found', 'The clipboard holds no text to add as a document.');
      return this.importDocuments([pasted]);
    },
    async chooseVaultFolder() {
      const sync = await vaultSync();
      const folder = await options.chooseExportDestination({
        suggestedName: 'Gloss',
        destination: 'folder',
        title: 'Choose a folder to keep in sync (one Markdown file per document)',
      });
      return folder === null ? null : sync.start(folder);
    },
    async getVaultSyncStatus() {
      return (await vaultSync()).status();
    },
    async stopVaultSync() {
      return (await vaultSync()).stop();
    },
    async resolveVaultConflict(documentId) {
      return (await vaultSync()).resolveConflict(documentId);
    },
    async clipboardMarkdown(documentId, highlightId) {
      const { summary, documentNote, highlights, revision } = await (await store()).readDocument(documentId);
      const doc = { document: summary, documentNote, highlights, orphanIds: orphanIds({ highlights, revision }) };
      if (highlightId === null) return documentToClipboardMarkdown(doc);
      const highlight = highlights.find((candidate) => candidate.id === highlightId);
      if (!highlight) throw new GlossError('not-found', 'That highlight no longer exists.');
      return highlightToClipboardMarkdown(doc, highlight);
    },
    async search(query) {
      return (await search()).search(query);
    },
    async getLibraryDetails() {
      return (await search()).details();
    },
    async deleteDocument(documentId) {
      const deleted = await (await store()).trashDocument(documentId);
      await recordForSync((sync) => sync.recordDocumentDeleted(documentId));
      return deleted;
    },
    async editDocumentMetadata(documentId, metadata) {
      // Empty author or date fields mean "none".
      const summary = await (
        await store()
      ).editMetadata(documentId, { title: metadata.title, author: metadata.author || null, date: metadata.date || null });
      await recordForSync((sync) => sync.recordMetadata(documentId, summary));
      changed([documentId]);
      return summary;
    },
    async restoreDocument(trashId) {
      const restored = await (await store()).restoreDocument(trashId);
      await recordForSync((sync) => sync.recordDocument(restored.id));
      return restored;
    },
    async chooseLibrarySyncFolder() {
      const sync = await librarySync();
      const folder = await options.chooseExportDestination({
        suggestedName: 'Gloss',
        destination: 'folder',
        title: 'Choose the folder your sync engine (Syncthing, Dropbox, …) keeps in step between your machines',
      });
      return folder === null ? null : sync.enable(folder);
    },
    async getLibrarySyncStatus() {
      return (await librarySync()).status();
    },
    async stopLibrarySync() {
      return (await librarySync()).disable();
    },
    async enableLibrarySync(folder) {
      return (await librarySync()).enable(folder);
    },
    async syncLibraryNow() {
      await (await librarySync()).syncNow();
    },
    async getSettings() {
      return (await settings()).get();
    },
    async saveSettings(readerSettings) {
      return (await settings()).save(readerSettings);
    },
    async readyToClose() {
      // Writes the page sent before this call are already in the store's queue; flushing makes them durable before the window goes.
      await this.flush();
      options.onReadyToClose();
    },
    async flush() {
      if (opening) await (await opening.catch(() => null))?.flush();
      if (syncing) await (await syncing.catch(() => null))?.flush();
      if (settingsOpening) await (await settingsOpening.catch(() => null))?.flush();
      if (librarySyncing) await (await librarySyncing.catch(() => null))?.flush();
    },
    async close() {
      if (librarySyncing) await (await librarySyncing.catch(() => null))?.close();
      await this.flush();
      await lock?.release();
      lock = null;
    },
  };
}
