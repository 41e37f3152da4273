import '@fontsource-variable/literata/wght.css';
import '@fontsource-variable/literata/wght-italic.css';
import './styles.css';
import type { Notice, ReadingPosition } from '../../preload/api';
import { gloss } from './bridge';
import { debounce, element, requireElement } from './dom';
import { renderLibrary } from './library-view';
import { renderDocument, type RenderedDocument } from './reader-view';
import { measureReadingPosition, restoreReadingPosition } from './reading-position';

/** Long enough that a scroll gesture ends before we write, short enough that a quick quit loses nothing noticeable. */
const positionSaveDelayMs = 400;

const libraryList = requireElement<HTMLUListElement>('.library-list');
const reader = requireElement<HTMLElement>('main.reader');
const noticeArea = requireElement<HTMLElement>('.notices');

interface OpenState {
  documentId: string;
  rendered: RenderedDocument;
}

let open: OpenState | null = null;

const positionSaver = debounce(() => void saveReadingPosition(), positionSaveDelayMs);

async function saveReadingPosition(): Promise<void> {
  if (!open) return;
  const position: ReadingPosition = measureReadingPosition(reader, open.rendered.body);
  reader.dataset.positionState = 'saving';
  try {
    await gloss.saveReadingPosition(open.documentId, position);
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

async function openDocument(documentId: string): Promise<void> {
  positionSaver.flush();
  try {
    const opened = await gloss.openDocument(documentId);
    const rendered = renderDocument(opened);
    open = null;
    showInReader(rendered.article);
    reader.scrollTop = 0;
    if (opened.readingPosition) restoreReadingPosition(reader, rendered.body, opened.readingPosition);
    open = { documentId, rendered };
    reader.dataset.positionState = 'idle';
    showNotices(opened.notices);
    await refreshLibrary();
    document.title = `${opened.summary.title} — Gloss`;
  } catch (error) {
    showError((error as Error).message);
  }
}

async function refreshLibrary(): Promise<void> {
  const library = await gloss.getLibrary();
  renderLibrary(libraryList, library.documents, open?.documentId ?? null, (id) => void openDocument(id));
}

reader.addEventListener('scroll', () => {
  if (open) positionSaver.schedule();
});
// Leaving the page (closing the window, quitting) writes a pending position at once.
window.addEventListener('pagehide', () => positionSaver.flush());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') positionSaver.flush();
});

reader.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!link || !reader.contains(link)) return;
  event.preventDefault();
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) {
    document.getElementById(decodeURIComponent(href.slice(1)))?.scrollIntoView();
    return;
  }
  gloss.openExternal(href).catch((error: Error) => showNotices([{ level: 'error', message: error.message }]));
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
