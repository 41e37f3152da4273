import '@fontsource-variable/literata/wght.css';
import '@fontsource-variable/literata/wght-italic.css';
import './styles.css';
import { type Highlight, type HighlightColor, highlightColors, type Notice, type OpenedDocument } from '../../preload/api';
import { BridgeError, gloss } from './bridge';
import { renderDocumentEditor } from './document-editor';
import { debounce, element, requireElement } from './dom';
import { readDroppedFiles } from './document-import';
import { ExportDialog } from './export-dialog';
import { HighlightPainter } from './highlights/painter';
import { SelectionToolbar } from './highlights/selection-toolbar';
import { DocumentSession } from './highlights/session';
import { TextMap } from './highlights/text-map';
import { renderLibrary } from './library-view';
import { NotesPane } from './notes/notes-pane';
import { measureReadingPosition, restoreReadingPosition } from './reading-position';
import { renderDocument, type RenderedDocument } from './reader-view';
import { SaveQueue, type SaveState } from './save-queue';
import { createShortcutsDialog } from './shortcuts-help';

/** Long enough that a scroll gesture ends before we write, short enough that a quick quit loses nothing noticeable. */
const positionSaveDelayMs = 400;

const libraryList = requireElement<HTMLUListElement>('.library-list');
const reader = requireElement<HTMLElement>('main.reader');
const noticeArea = requireElement<HTMLElement>('.notices');
const notesPaneElement = requireElement<HTMLElement>('aside.notes');
const saveStatus = requireElement<HTMLElement>('.save-status');

interface OpenState {
  opened: OpenedDocument;
  rendered: RenderedDocument;
  textMap: TextMap;
  painter: HighlightPainter;
  session: DocumentSession;
}

let open: OpenState | null = null;
let lastColor: HighlightColor = 'yellow';

const queue = new SaveQueue(showSaveState, (error) => !(error instanceof BridgeError) || error.code === 'storage' || error.code === 'internal');
const notesPane = new NotesPane(notesPaneElement, {
  reveal: (id) => revealHighlight(id),
  copyQuote: (highlight) => void copyQuote(highlight),
  reattachToSelection: (id) => reattachToSelection(id),
});
const toolbar = new SelectionToolbar((color) => highlightSelection(color ?? lastColor));
const shortcutsDialog = createShortcutsDialog();
const exportDialog = new ExportDialog(() => (open ? { id: open.opened.summary.id, title: open.opened.summary.title } : null));
document.body.append(toolbar.element, shortcutsDialog, exportDialog.element);
requireElement<HTMLButtonElement>('.show-shortcuts').addEventListener('click', () => shortcutsDialog.showModal());
requireElement<HTMLButtonElement>('.show-export').addEventListener('click', () => openExportDialog());
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
// Pasting outside a text box adds the clipboard's text as a new document.
document.addEventListener('paste', (event) => {
  if (isTyping(event.target)) return;
  const markdown = event.clipboardData?.getData('text/markdown') || event.clipboardData?.getData('text/plain') || '';
  if (markdown.trim() === '') return;
  event.preventDefault();
  void importReadFiles([{ name: 'Pasted text.md', content: markdown }], []);
});

async function importFiles(files: File[]): Promise<void> {
  const { readable, unreadable } = await readDroppedFiles(files);
  await importReadFiles(readable, unreadable);
}

/** Adds documents and says, file by file, what happened; opens the first one added. */
async function importReadFiles(files: { name: string; content: string }[], unreadable: string[]): Promise<void> {
  const notices: Notice[] = unreadable.map((message) => ({ level: 'error', message }));
  let firstAdded: string | null = null;
  if (files.length > 0) {
    try {
      for (const outcome of await gloss.importDocuments(files)) {
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
});

/** Main holds the window's close until every pending write has reached it. */
async function handOverBeforeClose(): Promise<void> {
  flushPendingWrites();
  await queue.whenIdle();
  await gloss.readyToClose();
}

function openExportDialog(): void {
  // Typed notes go to main first, so the export has every last word.
  flushPendingWrites();
  exportDialog.open();
}

function showSaveState(state: SaveState): void {
  saveStatus.dataset.state = state.kind;
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

async function saveReadingPosition(): Promise<void> {
  if (!open) return;
  const position = measureReadingPosition(reader, open.rendered.body);
  reader.dataset.positionState = 'saving';
  try {
    await gloss.saveReadingPosition(open.opened.summary.id, position);
    reader.dataset.positionState = 'saved';
  } catch (error) {
    reader.dataset.positionState = 'error';
    showNotices([{ level: 'error', message: `Your reading position was not saved: ${(error as Error).message}` }]);
  }
}

function showNotices(notices: readonly Notice[]): void {
  for (const notice of notices) {
    const item = element('div', `notice notice-${notice.level}`);
    item.append(element('p', 'notice-message', notice.message));
    const dismiss = element('button', 'notice-dismiss', 'Dismiss');
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => item.remove());
    item.append(dismiss);
    noticeArea.append(item);
  }
}

/** Replaces everything in the reader but the notices. */
function showInReader(...content: Node[]): void {
  for (const child of Array.from(reader.children)) if (child !== noticeArea) child.remove();
  reader.append(...content);
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
}

function closeDocument(): void {
  flushPendingWrites();
  open?.painter.clear();
  open = null;
  toolbar.hide();
}

async function openDocument(documentId: string, options: { keepScroll?: boolean } = {}): Promise<{ placed: number; orphaned: number } | null> {
  const scrollTop = reader.scrollTop;
  closeDocument();
  try {
    // User Timing marks (gloss:*) let the benchmark and DevTools see each phase of opening.
    performance.mark('gloss:open-start');
    const opened = await gloss.openDocument(documentId);
    performance.mark('gloss:loaded');
    const rendered = renderDocument(opened, { onEdit: () => editDocument() });
    showInReader(rendered.article);
    performance.mark('gloss:rendered');
    const textMap = new TextMap(rendered.body);
    const painter = new HighlightPainter(textMap);
    const session = new DocumentSession(opened, textMap, queue, () => refreshHighlights());
    const anchoring = session.anchorAll();
    performance.mark('gloss:anchored');
    open = { opened, rendered, textMap, painter, session };
    refreshHighlights();
    performance.mark('gloss:painted');
    requestAnimationFrame(() => setTimeout(() => performance.mark('gloss:highlights-visible')));
    // Positions are measured in laid-out text: wait for the reading font, which moves every line when it swaps in.
    await document.fonts.ready;
    reader.scrollTop = 0;
    if (options.keepScroll) reader.scrollTop = scrollTop;
    else if (opened.readingPosition) restoreReadingPosition(reader, rendered.body, opened.readingPosition);
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

async function refreshLibrary(): Promise<void> {
  const library = await gloss.getLibrary();
  renderLibrary(libraryList, library.documents, open?.opened.summary.id ?? null, (id) => void openDocument(id));
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

function highlightSelection(color: HighlightColor): void {
  const offsets = selectedOffsets();
  if (!open || !offsets) return;
  lastColor = color;
  open.session.create(offsets.start, offsets.end, color);
  document.getSelection()?.removeAllRanges();
  toolbar.hide();
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
  if (!open || !placement) return;
  const range = open.textMap.range(placement.start, placement.end);
  const box = range.getBoundingClientRect();
  const readerBox = reader.getBoundingClientRect();
  reader.scrollTop += box.top - readerBox.top - reader.clientHeight / 3;
  open.painter.flash(placement.start, placement.end);
}

async function copyQuote(highlight: Highlight): Promise<void> {
  const title = open?.opened.summary.title ?? '';
  const quote = highlight.quote.exact
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const text = `${quote}\n\n— ${title}${highlight.note ? `\n\n${highlight.note}` : ''}\n`;
  try {
    await navigator.clipboard.writeText(text);
    showNotices([{ level: 'info', message: 'Quote copied.' }]);
  } catch (error) {
    showNotices([{ level: 'error', message: `The quote could not be copied: ${(error as Error).message}` }]);
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
          showNotices([{ level: result.orphaned > 0 ? 'warning' : 'info', message: `Document saved. ${result.placed} highlight${result.placed === 1 ? '' : 's'} re-attached${orphanNote}.` }]);
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
  if (href.startsWith('#')) document.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
  else gloss.openExternal(href).catch((error: Error) => showNotices([{ level: 'error', message: error.message }]));
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
  if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 'o') {
    event.preventDefault();
    fileInput.click();
    return;
  }
  if (event.key === '?' && !isTyping(event.target) && !shortcutsDialog.open) {
    event.preventDefault();
    shortcutsDialog.showModal();
    return;
  }
  if (!open || shortcutsDialog.open || exportDialog.element.open) return;
  const modifier = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (modifier && !isTyping(event.target) && (key === 'z' || key === 'y')) {
    event.preventDefault();
    const command = key === 'y' || event.shiftKey ? open.session.redo() : open.session.undo();
    if (command) showSaveStateLabel(`${key === 'y' || event.shiftKey ? 'Redone' : 'Undone'}: ${command.label}`);
    return;
  }
  if (modifier || event.altKey || isTyping(event.target)) return;
  const colorIndex = Number(event.key) - 1;
  if (key === 'h' && selectedOffsets()) highlightSelection(lastColor);
  else if (colorIndex >= 0 && colorIndex < highlightColors.length && selectedOffsets()) highlightSelection(highlightColors[colorIndex]!);
  else if (event.key === ']') stepHighlight(1);
  else if (event.key === '[') stepHighlight(-1);
  // Enter on a button or link keeps its own meaning.
  else if (event.key === 'Enter' && open.session.selectedId && !(event.target as Element | null)?.closest?.('button, a, summary')) notesPane.focusSelectedNote();
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
  try {
    const library = await gloss.getLibrary();
    showNotices(library.notices);
    const initial = library.lastOpenedDocumentId ?? library.documents[0]?.id ?? null;
    renderLibrary(libraryList, library.documents, initial, (id) => void openDocument(id));
    if (initial) await openDocument(initial);
    else showInReader(element('p', 'reader-placeholder', 'Your library is empty.'));
  } catch (error) {
    showError(`Gloss could not open your library. ${(error as Error).message}`);
  }
}

void start();
