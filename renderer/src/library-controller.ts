import type {
  DocumentDetails,
  DocumentMetadata,
  DocumentSummary,
  ImportedFile,
  ImportOutcome,
  LibraryState,
  Notice,
} from '../../common/contract';
import { gloss } from './bridge';
import type { DocumentController } from './document-controller';
import { describeImportProgress, readDroppedFiles } from './document-import';
import { debounce } from './dom';
import { confirmDeletion, libraryRowsPerPage } from './library-view';
import type { Notices } from './notices';
import type { SaveQueue } from './save-queue';
import type { AppStore } from './state/app-state';

/** Long enough to gather a burst of edits into one reload of the library list. */
const libraryReloadDelayMs = 800;

export interface LibraryControllerDeps {
  store: AppStore;
  documents: DocumentController;
  notices: Notices;
  queue: SaveQueue;
  /** Search results may name documents that changed. */
  searchChanged(): void;
}

/**
 * The library's documents as main has them, kept in the store: reloaded when
 * a document opens, once saved edits settle, and after adding, deleting or
 * renaming a document.
 */
export class LibraryController {
  /** The list's highlight counts and tags follow edits once they reached main (the save queue went idle). */
  readonly #reloader = debounce(() => void this.reload(), libraryReloadDelayMs);

  constructor(private readonly deps: LibraryControllerDeps) {
    // Opening a document changes its "recently opened" place and which entry is current.
    deps.store.subscribe(
      (state) => state.document,
      (document) => document && this.#followOpened(document.opened.summary),
    );
    deps.store.subscribe(
      (state) => state.saveState,
      (saveState) => saveState.kind === 'saved' && this.#reloader.schedule(),
    );
  }

  #lastOpenedId: string | null = null;

  /**
   * Another listed document opened: its summary came with it (a new "opened"
   * time), so the list is patched rather than fetched again, which with
   * 10,000 documents carries 3.5 MB each time. The same document shown again
   * (after an edit, a sync) or one the list does not have yet (just added,
   * restored) brings the whole list, details and all.
   */
  #followOpened(summary: DocumentSummary): void {
    const { library } = this.deps.store.state;
    const index = library.documents.findIndex((listed) => listed.id === summary.id);
    const reopened = summary.id === this.#lastOpenedId;
    this.#lastOpenedId = summary.id;
    if (index === -1 || reopened) {
      void this.reload();
      return;
    }
    const documents = [...library.documents];
    documents[index] = summary;
    this.deps.store.set({ library: { ...library, documents } });
  }

  #reloading: Promise<void> | null = null;
  #reloadAfter: Promise<void> | null = null;

  /**
   * Fetches the list again. Calls made while a fetch is under way share one
   * fetch after it, which sees every change they were made for: opening a
   * document changes the app's state several times, and in a library of
   * 10,000 documents each fetch carries megabytes.
   */
  reload(): Promise<void> {
    const running = this.#reloading;
    if (running) {
      this.#reloadAfter ??= running.then(() => {
        this.#reloadAfter = null;
        return this.reload();
      });
      return this.#reloadAfter;
    }
    const fetching = this.load()
      .then(() => undefined)
      .finally(() => (this.#reloading = null));
    this.#reloading = fetching.catch(() => undefined);
    return fetching;
  }

  /**
   * Fetches the list and its details (progress, highlight counts, lengths) together and shows them; the list still shows
   * without the details if main cannot say. Returns the library as main sent it (its notices, the document open last).
   */
  async load(): Promise<LibraryState> {
    const [library, details] = await Promise.all([gloss.getLibrary(), gloss.getLibraryDetails().catch((): DocumentDetails[] => [])]);
    this.deps.store.set({ library: { documents: library.documents, details, firstPageOf: null } });
    return library;
  }

  /**
   * Launch's first look at the library: the rows the list shows first, with
   * their details, and how many there are in all. The whole list, megabytes
   * in a library of 10,000 documents, comes with the next reload().
   */
  async loadFirstPage(): Promise<LibraryState> {
    const { details, total, tags, ...library } = await gloss.getLibraryFirstPage(libraryRowsPerPage);
    this.deps.store.set({
      library: { documents: library.documents, details, firstPageOf: total > library.documents.length ? { total, tags } : null },
    });
    return library;
  }

  /** Brings the whole list when launch showed only its first page. */
  async loadTheRest(): Promise<void> {
    if (this.deps.store.state.library.firstPageOf) await this.reload();
  }

  async editMetadata(documentId: string, metadata: DocumentMetadata): Promise<void> {
    try {
      await gloss.editDocumentMetadata(documentId, metadata);
    } catch (error) {
      this.deps.notices.error(`The details were not saved: ${(error as Error).message}`);
    }
    // The open document shows its title and byline: render it again where it was.
    if (this.deps.documents.current?.opened.summary.id === documentId) await this.deps.documents.open(documentId, { keepScroll: true });
    else await this.reload();
    this.deps.searchChanged();
  }

  /**
   * Library sync brought another device's changes to these documents: the open
   * one is rendered again where it was (so no stale copy of it is saved back),
   * otherwise the list is reloaded.
   */
  async followSyncedChanges(documentIds: readonly string[]): Promise<void> {
    const openId = this.deps.documents.current?.opened.summary.id;
    if (openId && documentIds.includes(openId)) await this.deps.documents.open(openId, { keepScroll: true });
    else await this.reload();
    this.deps.searchChanged();
  }

  /** Ctrl/⌘+Z's way to the last document delete, while its notice (and so its Undo) is still showing. */
  #pendingUndo: { notice: HTMLElement; restore(): void } | null = null;

  /** Whether a document delete can still be undone: its notice, with its Undo, is still showing. */
  canUndoDelete(): boolean {
    return this.#pendingUndo?.notice.isConnected ?? false;
  }

  /** Undoes the last document delete while its notice shows (Ctrl/⌘+Z); returns whether there was one. */
  undoDelete(): boolean {
    const pending = this.#pendingUndo;
    if (!pending?.notice.isConnected) return false;
    this.deps.notices.dismiss(pending.notice);
    pending.restore();
    return true;
  }

  /** Asks (saying how many highlights go too), deletes into the trash, and offers Undo (its button, or Ctrl/⌘+Z while it shows). */
  async delete(summary: DocumentSummary, details: DocumentDetails | undefined): Promise<void> {
    const { documents, notices } = this.deps;
    if (!(await confirmDeletion(summary.title, details?.highlightCount ?? 0))) return;
    const wasOpen = documents.current?.opened.summary.id === summary.id;
    if (wasOpen) {
      documents.close();
      await this.deps.queue.whenIdle();
    }
    try {
      const deleted = await gloss.deleteDocument(summary.id);
      const highlights = deleted.highlightCount === 1 ? 'highlight' : 'highlights';
      const restore = (): void => {
        this.#pendingUndo = null;
        void gloss.restoreDocument(deleted.trashId).then(
          (restored) => documents.open(restored.id),
          (error: Error) => notices.error(`The document could not be restored: ${error.message}`),
        );
      };
      const notice = notices.show(
        {
          level: 'info',
          message: `Deleted “${deleted.title}”${deleted.highlightCount > 0 ? ` and its ${deleted.highlightCount} ${highlights}` : ''}.`,
        },
        { label: 'Undo', run: restore },
      );
      this.#pendingUndo = { notice, restore };
    } catch (error) {
      notices.error(`The document was not deleted: ${(error as Error).message}`);
    }
    if (wasOpen) {
      const next = (await gloss.getLibrary()).documents[0];
      if (next) await documents.open(next.id);
      else documents.showEmptyLibrary();
    }
    await this.reload();
    this.deps.searchChanged();
  }

  /** The user is about to add files (choosing them, or dragging them over the window): main gets its import ready meanwhile. */
  prepareImport(): void {
    // Only a head start: if it fails, the import itself starts what it needs and reports any error.
    gloss.prepareImport().catch(() => undefined);
  }

  /** Adds dropped or chosen files and says, file by file, what happened; opens the first one added. */
  async importFiles(files: File[]): Promise<void> {
    const { readable, unreadable } = await readDroppedFiles(files);
    await this.importReadFiles(readable, unreadable);
  }

  async importReadFiles(files: ImportedFile[], unreadable: string[] = []): Promise<void> {
    await this.reportImport(files.length > 0 ? gloss.importDocuments(files) : null, unreadable);
  }

  /** Says, file by file, what an import did (and what could not even be read); opens the first document added. */
  async reportImport(importing: Promise<ImportOutcome[]> | null, unreadable: string[] = []): Promise<void> {
    const notices: Notice[] = unreadable.map((message) => ({ level: 'error', message }));
    let firstAdded: string | null = null;
    if (importing) {
      try {
        const outcomes = await this.deps.notices.whileBusy(
          importing,
          'Adding to your library…',
          {
            subscribe: (listener) => window.gloss.onImportProgress(listener),
            describe: describeImportProgress,
          },
          () => void gloss.cancelImport(),
        );
        const cancelled = outcomes.filter((outcome) => outcome.status === 'cancelled').length;
        for (const outcome of outcomes) {
          if (outcome.status === 'added') {
            firstAdded ??= outcome.documentId;
            notices.push({ level: 'info', message: [`Added “${outcome.title}”.`, ...(outcome.warnings ?? [])].join(' ') });
          } else if (outcome.status === 'annotations') {
            firstAdded ??= outcome.documentIds[0] ?? null;
            notices.push({ level: 'info', message: `${outcome.name}: ${outcome.summary}` });
          } else if (outcome.status === 'duplicate') {
            notices.push({
              level: 'info',
              message: `${outcome.name} is already in your library as “${outcome.title}”; nothing was added.`,
            });
          } else if (outcome.status === 'refused') {
            notices.push({ level: 'error', message: outcome.reason });
          }
        }
        // One notice for the files a cancel left out, however many.
        if (cancelled > 0)
          notices.push({
            level: 'info',
            message: `Import cancelled: ${cancelled === 1 ? '1 file was' : `${cancelled} files were`} not added; what was added before stays.`,
          });
      } catch (error) {
        notices.push({ level: 'error', message: `Nothing was added: ${(error as Error).message}` });
      }
    }
    this.deps.notices.showAll(notices);
    if (firstAdded) await this.deps.documents.open(firstAdded);
    // Always, even when the first document added opened and its entry was patched in: a reload that ran while the files were
    // being added (edits settling) may have listed only some of them, and nothing else would bring the others.
    await this.reload();
  }
}
