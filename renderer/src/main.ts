/**
 * The composition root: builds the store, the controllers and the views, and
 * wires them to each other and to the page's events. No state lives here.
 */
import '@fontsource-variable/literata/wght.css';
import '@fontsource-variable/literata/wght-italic.css';
import './styles.css';
import { describeLength } from '../../common/text/reading-stats';
import { BridgeError, gloss } from './bridge';
import { createCommands } from './command-table';
import { handleKeydown, runMenuCommand } from './commands';
import { DocumentController } from './document-controller';
import { requireElement } from './dom';
import { ExportDialog } from './export-dialog';
import { acceptFiles } from './file-intake';
import { FindBar } from './find-bar';
import { SelectionToolbar } from './highlights/selection-toolbar';
import { LibraryController } from './library-controller';
import { LibrarySyncDialog } from './library-sync-dialog';
import { keepWritesOnLeaving } from './page-lifecycle';
import { LibraryView, showLibrary } from './library-view';
import { Notices } from './notices';
import { LinkTrail } from './link-trail';
import { listenToReader } from './reader-events';
import { NotesPane } from './notes/notes-pane';
import { SaveQueue } from './save-queue';
import { SaveStatus } from './save-status';
import { SearchPanel } from './search/search-panel';
import { scrollReaderWithWheelAndKeys } from './reader-scrolling';
import { ReaderSettingsPopover } from './settings/reader-settings';
import { createShortcutsDialog, listShortcuts } from './shortcuts-help';
import { createAppStore } from './state/app-state';
import { TableOfContents } from './toc';
import { VaultSyncNotices } from './vault-sync-notices';
import { Announcer } from './announcer';
import { ReadingFocus } from './reading-focus/reading-focus';
import { keepFocus } from './focus-keeper';
import { ReadingPlace } from './reading-place';
import { showDropTarget } from './drop-target';

const reader = requireElement<HTMLElement>('main.reader');
const noticeArea = requireElement<HTMLElement>('.notices');
const notesPaneElement = requireElement<HTMLElement>('aside.notes');
const libraryList = requireElement<HTMLUListElement>('.library-list');
const documentStats = requireElement<HTMLElement>('.document-stats');
const fileInput = requireElement<HTMLInputElement>('.add-documents-input');

// ── State, notices and the controllers ─────────────────────────────────

const store = createAppStore();
// A notice that had the keyboard gives it back to the reader when it goes.
const notices = new Notices(noticeArea, () => reader.focus({ preventScroll: true }));
const announcer = new Announcer();
const queue = new SaveQueue(
  (saveState) => store.set({ saveState }),
  (error) => !(error instanceof BridgeError) || error.code === 'storage' || error.code === 'internal',
);
const saveStatus = new SaveStatus(requireElement('.save-status'), store, notices);
const settingsPopover = new ReaderSettingsPopover(
  requireElement<HTMLButtonElement>('.show-settings'),
  (settings) => gloss.saveSettings(settings),
  (message) => notices.error(message),
);
const documents: DocumentController = new DocumentController({
  store,
  queue,
  notices,
  reader,
  noticeArea,
  flushDrafts: () => {
    notesPane.flushDrafts();
    void settingsPopover.flush();
  },
  readingFocusOffsets: () => readingFocus.offsets(),
  announce: (message) => announcer.announce(message),
});
const readingFocus = new ReadingFocus({
  scroller: reader,
  announce: (message) => announcer.announce(message),
  scrollTo: (start, end) => documents.scrollToText(start, end),
});
const readingPlace = new ReadingPlace(reader);
scrollReaderWithWheelAndKeys(reader);
const searchPanel = new SearchPanel(requireElement('.library-search'), {
  search: (query) => gloss.search(query),
  open: (documentId, hit) => void documents.openAtHit(documentId, hit),
  showing: (results) => (libraryList.hidden = results),
});
window.gloss.onSearchIndexProgress((progress) => searchPanel.indexProgress(progress));
const library = new LibraryController({ store, documents, notices, queue, searchChanged: () => searchPanel.refresh() });
const vaultSyncNotices = new VaultSyncNotices(notices);
const librarySyncDialog = new LibrarySyncDialog();

// ── Views ──────────────────────────────────────────────────────────────

const notesPane = new NotesPane(notesPaneElement, {
  reveal: (id) => documents.revealHighlight(id),
  copyQuote: (highlight) => void documents.copyQuote(highlight),
  reattachToSelection: (id) => documents.reattachToSelection(id),
});
const libraryView = new LibraryView(libraryList, {
  // The open document's own entry takes the reader to it rather than rendering it again (its place and selection stay).
  open: (id) => (documents.current?.opened.summary.id === id ? reader.focus() : void documents.open(id)),
  delete: (summary, details) => void library.delete(summary, details),
  editMetadata: (documentId, metadata) => library.editMetadata(documentId, metadata),
});
const toolbar = new SelectionToolbar((color) => documents.highlightSelection(color ?? undefined) && toolbar.hide(), reader);
const tableOfContents = new TableOfContents(requireElement('.toc-outline'), reader);
const findBar = new FindBar(() => documents.findTarget());
const shortcutsDialog = createShortcutsDialog();
const exportDialog = new ExportDialog(
  () => documents.current?.opened.summary ?? null,
  (status) => vaultSyncNotices.report(status),
);
document.body.append(toolbar.element, announcer.element, shortcutsDialog, exportDialog.element, settingsPopover.element, findBar.element);

store.subscribe(
  (state) => state.highlights,
  (highlights) => notesPane.show(highlights?.session ?? null),
);
store.subscribe(
  (state) => state.document,
  (current) => {
    toolbar.hide();
    // The reading focus and the reading place start over on each (completely rendered) document.
    if (current) {
      readingFocus.attach(current.textMap, current.rendered.body);
      readingPlace.attach(current.textMap, current.rendered.body);
    } else {
      readingFocus.detach();
      readingPlace.detach();
    }
    tableOfContents.show(current?.rendered.body ?? null);
    findBar.documentChanged();
    documentStats.textContent = current ? describeLength(current.textMap.text) : '';
    if (current) document.title = `${current.opened.summary.title} — Gloss`;
  },
);
showLibrary(store, libraryView);
store.subscribe(
  (state) => state.settings,
  (settings) => settings && settingsPopover.show(settings),
);
// Another machine's reading settings, taken through library sync when the user chose to share them.
window.gloss.onSettingsChanged((settings) => store.set({ settings }));

// ── Commands: keys, main's menu, the ? sheet ───────────────────────────

function openExportDialog(): void {
  // Typed notes go to main first, so the export has every last word.
  documents.flushPendingWrites();
  exportDialog.open();
}

const linkTrail = new LinkTrail(reader);
const commands = createCommands({
  documents,
  library,
  addDocuments: () => fileInput.click(),
  openExport: openExportDialog,
  syncToFolder: () => {
    openExportDialog();
    void exportDialog.vaultSync.chooseFolder();
  },
  syncLibrary: () => void librarySyncDialog.open(),
  focusSearch: () => searchPanel.focus(),
  findBar,
  shortcutsSheet: shortcutsDialog,
  focusSelectedNote: () => notesPane.focusSelectedNote(),
  hideSelectionToolbar: () => toolbar.hide(),
  announce: (text) => saveStatus.announce(text),
  readingFocus,
  linkTrail,
  readerReady,
});
function readerReady(): boolean {
  return documents.current !== null && noDialogOpen();
}
function noDialogOpen(): boolean {
  return !shortcutsDialog.open && !exportDialog.element.open && !librarySyncDialog.isOpen;
}
listShortcuts(shortcutsDialog, commands);
document.addEventListener('keydown', (event) => {
  handleKeydown(commands, event, { readerReady, runWhenReaderReady });
});
/**
 * A reader key pressed in the text while the document opens, with no dialog
 * over it, runs once the document is ready. One pressed on a control (a
 * button, a link in the article) is the control's: Enter there activates it.
 */
function runWhenReaderReady(run: () => void, event: KeyboardEvent): boolean {
  const { target } = event;
  const inText =
    target === document.body ||
    (target instanceof Element && reader.contains(target) && !target.closest('a, button, summary, input, select, textarea'));
  return inText && noDialogOpen() && documents.runWhenReady(run);
}
window.gloss.onMenuCommand((command) => runMenuCommand(commands, command));
window.gloss.onCloseRequested(() => void handOverBeforeClose());
window.gloss.onVaultSyncChanged((status) => {
  if (exportDialog.element.open) void exportDialog.vaultSync.refresh();
  else vaultSyncNotices.report(status);
});

// Library sync (issue #16): the dialog follows the status; another device's changes reach the library list or the open document.
let lastSyncChangeSeen: string | null = null;
window.gloss.onLibrarySyncChanged((status) => {
  void librarySyncDialog.refresh(status);
  const { lastChanged } = status;
  if (!lastChanged || lastChanged.at === lastSyncChangeSeen) return;
  lastSyncChangeSeen = lastChanged.at;
  void library.followSyncedChanges(lastChanged.documentIds);
});

async function refreshVaultSync(): Promise<void> {
  if (exportDialog.element.open) await exportDialog.vaultSync.refresh();
  else vaultSyncNotices.report(await gloss.getVaultSyncStatus());
}

// ── Page events ────────────────────────────────────────────────────────

keepFocus(reader);
showDropTarget(() => library.prepareImport());
// The skip link moves focus itself: following its #reader would be a navigation of the app's page.
requireElement<HTMLAnchorElement>('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  reader.focus();
});
requireElement<HTMLButtonElement>('.show-shortcuts').addEventListener('click', () => shortcutsDialog.showModal());
requireElement<HTMLButtonElement>('.show-export').addEventListener('click', () => openExportDialog());
requireElement<HTMLButtonElement>('.copy-all').addEventListener('click', () => void documents.copyAllHighlights());
requireElement<HTMLButtonElement>('.add-documents').addEventListener('click', () => fileInput.click());
acceptFiles(fileInput, library);
listenToReader({ reader, notesPane: notesPaneElement, documents, toolbar, notices, linkTrail });
const handOverBeforeClose = keepWritesOnLeaving(documents, queue, () => settingsPopover.flush());

async function start(): Promise<void> {
  // The saved look comes first, so the document is laid out (and its reading position restored) in its own font and width.
  // If the library cannot be opened, neither can the settings (same data folder): then only the library's error is shown.
  const settingsError = await gloss.getSettings().then(
    (settings) => (store.set({ settings }), null),
    (error: Error) => error,
  );
  try {
    // The list's first page comes with its details before the document opens; the rest of a long list after it.
    const opened = await library.loadFirstPage();
    notices.showAll(opened.notices);
    if (settingsError) notices.error(`Your reading settings could not be loaded: ${settingsError.message}`);
    const initial = opened.lastOpenedDocumentId ?? opened.documents[0]?.id ?? null;
    if (initial) await documents.open(initial);
    else documents.showEmptyLibrary();
    void library.loadTheRest().catch((error: Error) => notices.error(`The rest of your library could not be listed: ${error.message}`));
    // Brings a synced folder up to date with changes made while Gloss was closed (gloss import), and says if it is gone.
    void refreshVaultSync().catch((error: Error) => notices.show({ level: 'warning', message: `Folder sync: ${error.message}` }));
  } catch (error) {
    documents.showError(`Gloss could not open your library. ${(error as Error).message}`);
  }
}

void start();
