import '@fontsource-variable/literata/wght.css';
import '@fontsource-variable/literata/wght-italic.css';
import './styles.css';
import {
  type DocumentDetails,
  type DocumentSummary,
  type Highlight,
  type HighlightColor,
  highlightColors,
  type ImportedFile,
  type ImportOutcome,
  type Notice,
  type OpenedDocument,
  type SearchHit,
  type VaultSyncStatus,
} from '../../common/contract';
import { BridgeError, gloss } from './bridge';
import { renderDocumentEditor } from './document-editor';
import { debounce, element, requireElement } from './dom';
import { readDroppedFiles } from './document-import';
import { pastedFile } from '../../common/pasted-file';
import { ExportDialog } from './export-dialog';
import { FindBar } from './find-bar';
import { HighlightPainter } from './highlights/painter';
import { SelectionToolbar } from './highlights/selection-toolbar';
import { DocumentSession, placedAtStoredPositions } from './highlights/session';
import { TextMap } from './highlights/text-map';
import { confirmDeletion, LibraryView } from './library-view';
import { NotesPane } from './notes/notes-pane';
import { measureReadingPosition, restoreReadingPosition, scrollToElement, scrollUntilSettled } from './reading-position';
import { renderDocument, type RenderedDocument } from './reader-view';
import { SaveQueue, type SaveState } from './save-queue';
import { describeLength } from '../../common/text/reading-stats';
import { locateOccurrence } from '../../common/text/fold';
import { SearchPanel } from './search/search-panel';
import { ReaderSettingsPopover } from './settings/reader-settings';
import { createShortcutsDialog } from './shortcuts-help';
import { TableOfContents } from './toc';
import { Announcer } from './announcer';
import { ReadingFocus } from './reading-focus/reading-focus';
import { NoticeArea } from './notices';
import { keepFocus } from './focus-keeper';
import { ReadingPlace } from './reading-place';
import { showDropTarget } from './drop-target';

/** Long enough that a scroll gesture ends before we write, short enough that a quick quit loses nothing noticeable. */
const positionSaveDelayMs = 400;
/** Long enough to gather a burst of edits into one refresh of the library list. */
const libraryRefreshDelayMs = 800;

const libraryList = requireElement<HTMLUListElement>('.library-list');
const reader = requireElement<HTMLElement>('main.reader');
const noticeArea = new NoticeArea(requireElement<HTMLElement>('.notices'), () => reader.focus({ preventScroll: true }));
const notesPaneElement = requireElement<HTMLElement>('aside.notes');
const saveStatus = requireElement<HTMLElement>('.save-status');
const documentStats = requireElement<HTMLElement>('.document-stats');

interface OpenState {
  opened: OpenedDocument;
  rendered: RenderedDocument;
  textMap: TextMap;
  painter: HighlightPainter;
  session: DocumentSession;
}

let open: OpenState | null = null;
let lastColor: HighlightColor = 'yellow';

const queue = new SaveQueue(
  showSaveState,
  (error) => !(error instanceof BridgeError) || error.code === 'storage' || error.code === 'internal',
);
const notesPane = new NotesPane(notesPaneElement, {
  reveal: (id) => revealHighlight(id),
  copyQuote: (highlight) => void copyQuote(highlight),
  reattachToSelection: (id) => reattachToSelection(id),
});
const toolbar = new SelectionToolbar((color) => highlightSelection(color ?? lastColor), reader);
const announcer = new Announcer();
const readingPlace = new ReadingPlace(reader);
const readingFocus = new ReadingFocus({ scroller: reader, announce: (message) => announcer.announce(message), scrollTo: scrollToText });
const searchPanel = new SearchPanel(requireElement('.library-search'), {
  search: (query) => gloss.search(query),
  open: (documentId, hit) => void openAtHit(documentId, hit),
  showing: (results) => (libraryList.hidden = results),
});
const settingsPopover = new ReaderSettingsPopover(
  requireElement<HTMLButtonElement>('.show-settings'),
  (settings) => gloss.saveSettings(settings),
  (message) => showNotices([{ level: 'error', message }]),
);
const libraryView = new LibraryView(libraryList, {
  open: (id) => void openDocument(id),
  delete: (summary, details) => void deleteDocument(summary, details),
  editMetadata: async (documentId, metadata) => {
    try {
      await gloss.editDocumentMetadata(documentId, metadata);
    } catch (error) {
      showNotices([{ level: 'error', message: `The details were not saved: ${(error as Error).message}` }]);
    }
    // The open document shows its title and byline: render it again where it was.
    if (open?.opened.summary.id === documentId) await openDocument(documentId, { keepScroll: true });
    else await refreshLibrary();
    searchPanel.refresh();
  },
});
const tableOfContents = new TableOfContents(requireElement('.toc-outline'), reader);
const findBar = new FindBar(() =>
  open
    ? {
        text: open.textMap.text,
        range: (start, end) => open!.textMap.staticRange(start, end),
        scrollTo: (start, end) => scrollToText(start, end),
      }
    : null,
);
const shortcutsDialog = createShortcutsDialog();
const exportDialog = new ExportDialog(
  () => (open ? { id: open.opened.summary.id, title: open.opened.summary.title } : null),
  reportVaultSyncProblems,
);
document.body.append(toolbar.element, announcer.element, shortcutsDialog, exportDialog.element, settingsPopover.element, findBar.element);
keepFocus(reader);
showDropTarget();
// The skip link moves focus itself: following its #reader would be a navigation of the app's page.
requireElement<HTMLAnchorElement>('.skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  reader.focus();
});
requireElement<HTMLButtonElement>('.show-shortcuts').addEventListener('click', () => shortcutsDialog.showModal());
requireElement<HTMLButtonElement>('.show-export').addEventListener('click', () => openExportDialog());
const copyAllButton = requireElement<HTMLButtonElement>('.copy-all');
copyAllButton.addEventListener('click', () => void copyAllHighlights());
const fileInput = requireElement<HTMLInputElement>('.add-documents-input');
requireElement<HTMLButtonElement>('.add-documents').addEventListener('click', () => fileInput.click());
fileInput.addEventListener('change', () => {
  void importFiles(Array.from(fileInput.files ?? []));
  fileInput.value = '';
});
document.addEventListener('dragover', (event) => {
  if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
});
document.addEventListener('drop', (event) => {
  const files = Array.from(event.dataTransfer?.files ?? []);
  if (files.length === 0) return;
  event.preventDefault();
  void importFiles(files);
});
// Pasting outside a text box adds the clipboard's Markdown, HTML or text as a new document.
document.addEventListener('paste', (event) => {
  if (isTyping(event.target) || !event.clipboardData) return;
  const pasted = pastedFile(event.clipboardData);
  if (!pasted) return;
  event.preventDefault();
  void importReadFiles([pasted], []);
});

async function importFiles(files: File[]): Promise<void> {
  const { readable, unreadable } = await readDroppedFiles(files);
  await importReadFiles(readable, unreadable);
}

/** Adds documents and says, file by file, what happened; opens the first one added. */
async function importReadFiles(files: ImportedFile[], unreadable: string[]): Promise<void> {
  await reportImport(files.length > 0 ? gloss.importDocuments(files) : null, unreadable);
}

/** Says, file by file, what an import did (and what could not even be read); opens the first document added. */
async function reportImport(importing: Promise<ImportOutcome[]> | null, unreadable: string[] = []): Promise<void> {
  const notices: Notice[] = unreadable.map((message) => ({ level: 'error', message }));
  let firstAdded: string | null = null;
  if (importing) {
    try {
      for (const outcome of await noticeArea.whileBusy(importing, 'Adding to your library…')) {
        if (outcome.status === 'added') {
          firstAdded ??= outcome.documentId;
          notices.push({ level: 'info', message: `Added “${outcome.title}”.` });
        } else if (outcome.status === 'annotations') {
          firstAdded ??= outcome.documentIds[0] ?? null;
          notices.push({ level: 'info', message: `${outcome.name}: ${outcome.summary}` });
        } else if (outcome.status === 'duplicate') {
          notices.push({ level: 'info', message: `${outcome.name} is already in your library as “${outcome.title}”; nothing was added.` });
        } else {
          notices.push({ level: 'error', message: outcome.reason });
        }
      }
    } catch (error) {
      notices.push({ level: 'error', message: `Nothing was added: ${(error as Error).message}` });
    }
  }
  showNotices(notices);
  if (firstAdded) await openDocument(firstAdded);
  else await refreshLibrary();
}

window.gloss.onAppCommand((command) => {
  if (command === 'open') fileInput.click();
  else if (command === 'export') openExportDialog();
  else if (command === 'prepare-to-close') void handOverBeforeClose();
  else if (command === 'sync-to-folder') {
    openExportDialog();
    void exportDialog.vaultSync.chooseFolder();
  } else if (command === 'copy-all-highlights') void copyAllHighlights();
  else if (command === 'vault-sync-changed') void refreshVaultSync();
});

/** Problems already told, so each new one is told once and a fixed one can be told again if it returns. */
let toldVaultSyncProblems = new Set<string>();

/** Raises a notice for each new sync problem (a folder gone, a file Gloss left alone), even with the dialog closed. */
function reportVaultSyncProblems(status: VaultSyncStatus): void {
  const problems = [
    ...(status.error ? [status.error] : []),
    ...status.conflicts.map((conflict) => `Folder sync: “${conflict.title}”: ${conflict.message} Choose what to do in Export….`),
  ];
  showNotices(problems.filter((problem) => !toldVaultSyncProblems.has(problem)).map((message) => ({ level: 'warning', message })));
  toldVaultSyncProblems = new Set(problems);
}

async function refreshVaultSync(): Promise<void> {
  if (exportDialog.element.open) await exportDialog.vaultSync.refresh();
  else reportVaultSyncProblems(await gloss.getVaultSyncStatus());
}

/** Copies the open document's title, note and every highlight as Markdown, to paste into another note. */
async function copyAllHighlights(): Promise<void> {
  if (!open) {
    showNotices([{ level: 'info', message: 'Open a document first, then copy its highlights.' }]);
    return;
  }
  const count = open.session.highlights.size;
  await copyMarkdown(
    open.opened.summary.id,
    null,
    `Copied ${count} highlight${count === 1 ? '' : 's'} as Markdown.`,
    'The highlights could not be copied',
  );
}

/** Main holds the window's close until every pending write has reached it. */
async function handOverBeforeClose(): Promise<void> {
  flushPendingWrites();
  await Promise.all([queue.whenIdle(), settingsPopover.flush()]);
  await gloss.readyToClose();
}

function openExportDialog(): void {
  // Typed notes go to main first, so the export has every last word.
  flushPendingWrites();
  exportDialog.open();
}

function showSaveState(state: SaveState): void {
  saveStatus.dataset.state = state.kind;
  if (state.kind === 'saved') libraryRefresher.schedule();
  saveStatus.textContent =
    state.kind === 'saved'
      ? 'Saved'
      : state.kind === 'saving'
        ? 'Saving…'
        : state.kind === 'retrying'
          ? `${state.message} Your change is kept and will be retried.`
          : 'Not saved';
  if (state.kind === 'refused') showNotices([{ level: 'error', message: `A change was not saved: ${state.message}` }]);
}

const positionSaver = debounce(() => void saveReadingPosition(), positionSaveDelayMs);
/** The library list's highlight counts and tags follow edits once they reached main (the save queue went idle). */
const libraryRefresher = debounce(() => void refreshLibrary(), libraryRefreshDelayMs);

async function saveReadingPosition(): Promise<void> {
  if (!open) return;
  const position = measureReadingPosition(reader, open.rendered.body);
  const documentId = open.opened.summary.id;
  reader.dataset.positionState = 'saving';
  try {
    await gloss.saveReadingPosition(documentId, position);
    reader.dataset.positionState = 'saved';
    libraryView.setProgress(documentId, position.progress);
  } catch (error) {
    reader.dataset.positionState = 'error';
    showNotices([{ level: 'error', message: `Your reading position was not saved: ${(error as Error).message}` }]);
  }
}

function showNotices(notices: readonly Notice[]): void {
  for (const notice of notices) showNotice(notice);
}

function showNotice(notice: Notice, action?: HTMLButtonElement): HTMLElement {
  return noticeArea.show(notice, action);
}

function showInReader(...content: Node[]): void {
  reader.replaceChildren(...content);
}

function showError(message: string): void {
  const error = element('p', 'reader-error', message);
  error.setAttribute('role', 'alert');
  showInReader(error);
}

/** Writes everything pending now: typed notes, the reading position. */
function flushPendingWrites(): void {
  notesPane.flushDrafts();
  positionSaver.flush();
  void settingsPopover.flush();
}

/** Stops the background rendering of the document being opened, if any. */
let abandonRendering = (): void => undefined;

function closeDocument(): void {
  flushPendingWrites();
  abandonRendering();
  open?.painter.clear();
  open = null;
  readingFocus.detach();
  readingPlace.detach();
  documentStats.textContent = '';
  tableOfContents.show(null);
  findBar.documentChanged();
  toolbar.hide();
}

async function openDocument(
  documentId: string,
  options: { keepScroll?: boolean } = {},
): Promise<{ placed: number; orphaned: number } | null> {
  const scrollTop = reader.scrollTop;
  closeDocument();
  const rendering = new AbortController();
  abandonRendering = () => rendering.abort();
  try {
    // User Timing marks (gloss:*) let the benchmark and DevTools see each phase of opening.
    performance.mark('gloss:open-start');
    const opened = await gloss.openDocument(documentId);
    // Another document was chosen while this one loaded: that one wins.
    if (rendering.signal.aborted) return null;
    performance.mark('gloss:loaded');
    const throughBlock = options.keepScroll ? Number.POSITIVE_INFINITY : (opened.readingPosition?.blockIndex ?? 0);
    const rendered = renderDocument(opened, { onEdit: () => editDocument() }, { throughBlock, signal: rendering.signal });
    showInReader(rendered.article);
    performance.mark('gloss:rendered');
    // The first screen: highlights confirmed at their stored place in the text rendered so far.
    const beginning = new TextMap(rendered.body);
    const confirmed = placedAtStoredPositions(beginning.text, opened.highlights);
    performance.mark('gloss:anchored');
    new HighlightPainter(beginning).paint(confirmed);
    performance.mark('gloss:painted');
    requestAnimationFrame(() => setTimeout(() => performance.mark('gloss:highlights-visible')));
    // Positions are measured in laid-out text: wait for the reading font, which moves every line when it swaps in.
    await document.fonts.ready;
    if (rendering.signal.aborted) return null;
    reader.scrollTop = 0;
    if (!options.keepScroll && opened.readingPosition) await restoreReadingPosition(reader, rendered.body, opened.readingPosition);
    if (!(await rendered.complete)) return null;

    const textMap = new TextMap(rendered.body);
    const painter = new HighlightPainter(textMap);
    const session = new DocumentSession(opened, textMap, queue, () => refreshHighlights());
    const anchoring = session.anchorAll();
    open = { opened, rendered, textMap, painter, session };
    readingFocus.attach(textMap, rendered.body);
    tableOfContents.show(rendered.body);
    findBar.documentChanged();
    documentStats.textContent = describeLength(textMap.text);
    refreshHighlights();
    performance.mark('gloss:complete');
    if (options.keepScroll) reader.scrollTop = scrollTop;
    readingPlace.attach(textMap, rendered.body);
    reader.dataset.positionState = 'idle';
    showNotices(opened.notices);
    await refreshLibrary();
    document.title = `${opened.summary.title} — Gloss`;
    return anchoring;
  } catch (error) {
    showError((error as Error).message);
    return null;
  }
}

function refreshHighlights(): void {
  if (!open) {
    notesPane.show(null);
    return;
  }
  const { painter, session } = open;
  const placed = session.placed();
  painter.paint(placed);
  painter.select(placed.find((highlight) => highlight.id === session.selectedId) ?? null);
  notesPane.show(session);
}

/** Progress, highlight counts and lengths; the list still shows without them if main cannot say. */
async function libraryDetails(): Promise<DocumentDetails[]> {
  return gloss.getLibraryDetails().catch(() => []);
}

/** Ctrl/⌘+Z's way to the last document delete, while its notice (and so its Undo) is still showing; false once it is gone. */
let undoDocumentDelete: (() => boolean) | null = null;

/** Asks (saying how many highlights go too), deletes into the trash, and offers Undo. */
async function deleteDocument(summary: DocumentSummary, details: DocumentDetails | undefined): Promise<void> {
  if (!(await confirmDeletion(summary.title, details?.highlightCount ?? 0))) return;
  const wasOpen = open?.opened.summary.id === summary.id;
  if (wasOpen) {
    closeDocument();
    await queue.whenIdle();
  }
  try {
    const deleted = await gloss.deleteDocument(summary.id);
    const undo = element('button', 'notice-action', 'Undo');
    undo.type = 'button';
    const item = showNotice(
      {
        level: 'info',
        message: `Deleted “${deleted.title}”${deleted.highlightCount > 0 ? ` and its ${deleted.highlightCount} highlight${deleted.highlightCount === 1 ? '' : 's'}` : ''}.`,
      },
      undo,
    );
    const restore = () => {
      noticeArea.dismiss(item);
      undoDocumentDelete = null;
      void gloss.restoreDocument(deleted.trashId).then(
        (restored) => openDocument(restored.id),
        (error: Error) => showNotices([{ level: 'error', message: `The document could not be restored: ${error.message}` }]),
      );
    };
    undo.addEventListener('click', restore);
    undoDocumentDelete = () => (item.isConnected ? (restore(), true) : false);
  } catch (error) {
    showNotices([{ level: 'error', message: `The document was not deleted: ${(error as Error).message}` }]);
  }
  if (wasOpen) {
    const next = (await gloss.getLibrary()).documents[0];
    if (next) await openDocument(next.id);
    else showInReader(element('p', 'reader-placeholder', 'Your library is empty.'));
  }
  await refreshLibrary();
  searchPanel.refresh();
}

async function refreshLibrary(): Promise<void> {
  const library = await gloss.getLibrary();
  libraryView.show(library.documents, await libraryDetails(), open?.opened.summary.id ?? null);
}

/** The reader's selection as text offsets, trimmed of surrounding white space, or null. */
function selectedOffsets(): { start: number; end: number } | null {
  const selection = document.getSelection();
  if (!open || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const offsets = open.textMap.offsets(selection.getRangeAt(0));
  if (!offsets) return null;
  const text = open.textMap.text;
  let { start, end } = offsets;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : null;
}

/** Highlights the selection (mouse or Shift+arrows), else the reading focus, and says so to screen readers. */
function highlightSelection(color: HighlightColor): void {
  const offsets = selectedOffsets() ?? readingFocus.offsets();
  if (!open || !offsets) return;
  lastColor = color;
  const created = open.session.create(offsets.start, offsets.end, color);
  document.getSelection()?.removeAllRanges();
  toolbar.hide();
  announcer.announce(`Highlighted in ${color}: ${created.quote.exact}`);
}

function reattachToSelection(id: string): void {
  const offsets = selectedOffsets();
  if (!open) return;
  if (!offsets) {
    showNotices([{ level: 'info', message: 'Select the passage in the document first, then choose “Re-attach to selection”.' }]);
    return;
  }
  open.session.reattach(id, offsets.start, offsets.end);
  document.getSelection()?.removeAllRanges();
}

function revealHighlight(id: string): void {
  const placement = open?.session.placements.get(id);
  if (placement) revealText(placement.start, placement.end);
}

/** Scrolls the passage a third of the way down the reader. */
function scrollToText(start: number, end: number): void {
  if (!open) return;
  const range = open.textMap.range(start, end);
  void scrollUntilSettled(reader, () => range.getBoundingClientRect().top - reader.getBoundingClientRect().top - reader.clientHeight / 3);
}

/** Scrolls to the passage and flashes it. */
function revealText(start: number, end: number): void {
  scrollToText(start, end);
  open?.painter.flash(start, end);
}

/** Opens a search result: the document, then the hit in it (a highlight is selected, a passage of text found again in the rendered text). */
async function openAtHit(documentId: string, hit: SearchHit | null): Promise<void> {
  if (open?.opened.summary.id !== documentId) await openDocument(documentId);
  if (!open || !hit) return;
  if (hit.kind === 'highlight') {
    open.session.select(hit.highlightId);
    revealHighlight(hit.highlightId);
  } else if (hit.kind === 'text') {
    const found = locateOccurrence(open.textMap.text, hit.needle, hit.occurrence);
    if (found) revealText(found.start, found.end);
  } else reader.scrollTop = 0;
}

async function copyQuote(highlight: Highlight): Promise<void> {
  if (!open) return;
  await copyMarkdown(open.opened.summary.id, highlight.id, 'Quote copied.', 'The quote could not be copied');
}

/**
 * Copies main's clipboard Markdown (the same format as `gloss export`'s
 * clipboard exporter) for one highlight, or the whole document when
 * `highlightId` is null. Typed notes go to main first, so the copy has every last word.
 */
async function copyMarkdown(documentId: string, highlightId: string | null, done: string, failed: string): Promise<void> {
  flushPendingWrites();
  try {
    await queue.whenIdle();
    await navigator.clipboard.writeText(await gloss.clipboardMarkdown(documentId, highlightId));
    showNotices([{ level: 'info', message: done }]);
  } catch (error) {
    showNotices([{ level: 'error', message: `${failed}: ${(error as Error).message}` }]);
  }
}

function editDocument(): void {
  if (!open) return;
  const { opened } = open;
  const scrollTop = reader.scrollTop;
  flushPendingWrites();
  showInReader(
    renderDocumentEditor(opened.summary.title, opened.markdown, {
      save: async (markdown) => {
        await queue.whenIdle();
        await gloss.saveDocumentBody(opened.summary.id, markdown, opened.revision);
        const result = await openDocument(opened.summary.id, { keepScroll: true });
        if (result) {
          const orphanNote = result.orphaned > 0 ? `; ${result.orphaned} could not be placed (listed in the notes pane)` : '';
          showNotices([
            {
              level: result.orphaned > 0 ? 'warning' : 'info',
              message: `Document saved. ${result.placed} highlight${result.placed === 1 ? '' : 's'} re-attached${orphanNote}.`,
            },
          ]);
        }
      },
      cancel: () => {
        void openDocument(opened.summary.id, { keepScroll: true }).then(() => (reader.scrollTop = scrollTop));
      },
    }),
  );
}

// ── Reader interactions ────────────────────────────────────────────────

reader.addEventListener('scroll', () => {
  if (open) positionSaver.schedule();
  toolbar.hide();
});

document.addEventListener('selectionchange', () => {
  const selection = document.getSelection();
  if (!open || !selection || selection.isCollapsed || selection.rangeCount === 0 || !selectedOffsets()) {
    toolbar.hide();
    return;
  }
  toolbar.showAt(selection.getRangeAt(0).getBoundingClientRect());
});

/**
 * A click on a link in rendered Markdown (the document, or a note) never
 * navigates the app's own page: an in-page anchor scrolls, anything else goes
 * to main, which opens only web and mail links. Returns whether it was a link.
 */
function followLink(event: MouseEvent, container: HTMLElement): boolean {
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!link || !container.contains(link)) return false;
  event.preventDefault();
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) {
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (target) void scrollToElement(reader, target);
  } else gloss.openExternal(href).catch((error: Error) => showNotices([{ level: 'error', message: error.message }]));
  return true;
}

// Links in notes too: left alone, a relative one would replace the app's page with a missing one.
notesPaneElement.addEventListener('click', (event) => void followLink(event, notesPaneElement));

reader.addEventListener('click', (event) => {
  if (followLink(event, reader)) return;
  if (!open || !document.getSelection()?.isCollapsed) return;
  const offset = offsetAtPoint(event.clientX, event.clientY);
  const hit = offset === null ? undefined : open.painter.at(offset)[0];
  if (hit) open.session.select(hit.id);
});

/** The text offset under a point in the reader, or null outside the document text. */
function offsetAtPoint(x: number, y: number): number | null {
  if (!open) return null;
  const caret = document.caretPositionFromPoint?.(x, y);
  if (caret) return open.textMap.offsetOf(caret.offsetNode, caret.offset);
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? open.textMap.offsetOf(range.startContainer, range.startOffset) : null;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Moves the highlight selection to the next (+1) or previous (-1) highlight in reading order. */
function stepHighlight(direction: 1 | -1): void {
  if (!open) return;
  const placed = open.session.placed();
  if (placed.length === 0) return;
  const index = placed.findIndex((highlight) => highlight.id === open?.session.selectedId);
  const next = placed[index === -1 ? (direction === 1 ? 0 : placed.length - 1) : (index + direction + placed.length) % placed.length]!;
  open.session.select(next.id);
  revealHighlight(next.id);
}

document.addEventListener('keydown', (event) => {
  // Electron's File menu has the same accelerator; in a plain browser the page handles it.
  if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'e') {
    event.preventDefault();
    openExportDialog();
    return;
  }
  // In a text box it keeps its meaning (paste as plain text); elsewhere the clipboard becomes a new document.
  if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'v' && !isTyping(event.target)) {
    event.preventDefault();
    void reportImport(gloss.importClipboard());
    return;
  }
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'o') {
    event.preventDefault();
    fileInput.click();
    return;
  }
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'k') {
    event.preventDefault();
    searchPanel.focus();
    return;
  }
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'f' && open) {
    event.preventDefault();
    findBar.open();
    return;
  }
  if (event.key === 'F3' && findBar.isOpen) {
    event.preventDefault();
    findBar.step(event.shiftKey ? -1 : 1);
    return;
  }
  if (event.key === '?' && !isTyping(event.target) && !shortcutsDialog.open) {
    event.preventDefault();
    shortcutsDialog.showModal();
    return;
  }
  const modifier = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (modifier && !event.shiftKey && key === 'z' && !isTyping(event.target) && undoDocumentDelete?.()) {
    event.preventDefault();
    return;
  }
  if (!open || shortcutsDialog.open || exportDialog.element.open) return;
  if (modifier && !isTyping(event.target) && (key === 'z' || key === 'y')) {
    event.preventDefault();
    const command = key === 'y' || event.shiftKey ? open.session.redo() : open.session.undo();
    if (command) showSaveStateLabel(`${key === 'y' || event.shiftKey ? 'Redone' : 'Undone'}: ${command.label}`);
    return;
  }
  if (!isTyping(event.target) && readingFocus.handleKey(event)) {
    event.preventDefault();
    return;
  }
  if (modifier || event.altKey || isTyping(event.target)) return;
  const colorIndex = Number(event.key) - 1;
  const highlightable = selectedOffsets() ?? readingFocus.offsets();
  if (key === 'h' && highlightable) highlightSelection(lastColor);
  else if (colorIndex >= 0 && colorIndex < highlightColors.length && highlightable) highlightSelection(highlightColors[colorIndex]!);
  else if (event.key === ']') stepHighlight(1);
  else if (event.key === '[') stepHighlight(-1);
  // Enter on a button or link keeps its own meaning.
  else if (event.key === 'Enter' && open.session.selectedId && !(event.target as Element | null)?.closest?.('button, a, summary'))
    notesPane.focusSelectedNote();
  else if ((event.key === 'Delete' || event.key === 'Backspace') && open.session.selectedId) open.session.delete(open.session.selectedId);
  else if (event.key === 'Escape') {
    toolbar.hide();
    open.session.select(null);
  } else return;
  event.preventDefault();
});

function showSaveStateLabel(text: string): void {
  saveStatus.textContent = text;
}

// Leaving the page (closing the window, quitting) writes what is pending at once.
window.addEventListener('pagehide', () => {
  flushPendingWrites();
  queue.sendAllNow();
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushPendingWrites();
});

async function start(): Promise<void> {
  // The saved look comes first, so the document is laid out (and its reading position restored) in its own font and width.
  // If the library cannot be opened, neither can the settings (same data folder): then only the library's error is shown.
  const settingsError = await gloss.getSettings().then(
    (settings) => (settingsPopover.show(settings), null),
    (error: Error) => error,
  );
  try {
    const library = await gloss.getLibrary();
    showNotices(library.notices);
    if (settingsError) showNotices([{ level: 'error', message: `Your reading settings could not be loaded: ${settingsError.message}` }]);
    const initial = library.lastOpenedDocumentId ?? library.documents[0]?.id ?? null;
    libraryView.show(library.documents, [], initial);
    if (initial) await openDocument(initial);
    else showInReader(element('p', 'reader-placeholder', 'Your library is empty.'));
    // Brings a synced folder up to date with changes made while Gloss was closed (gloss import), and says if it is gone.
    void refreshVaultSync().catch((error: Error) => showNotices([{ level: 'warning', message: `Folder sync: ${error.message}` }]));
  } catch (error) {
    showError(`Gloss could not open your library. ${(error as Error).message}`);
  }
}

void start();
