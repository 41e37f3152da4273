import type { DocumentDetails, DocumentSummary, HighlightColor, OpenedDocument, ReaderSettings } from '../../../common/contract';
import type { HighlightPainter } from '../highlights/painter';
import type { DocumentSession } from '../highlights/session';
import type { TextMap } from '../highlights/text-map';
import type { RenderedDocument } from '../reader-view';
import type { SaveState } from '../save-queue';
import { Store } from './store';

/** The document in the reader, once its whole text is rendered and its highlights anchored. */
export interface OpenDocument {
  opened: OpenedDocument;
  rendered: RenderedDocument;
  textMap: TextMap;
  painter: HighlightPainter;
  session: DocumentSession;
}

/**
 * The open document's highlights as of the last change: a new object after
 * every change the session announces, so views subscribed to it hear each one.
 */
export interface HighlightsState {
  session: DocumentSession;
  selectedId: string | null;
}

export interface AppState {
  document: OpenDocument | null;
  highlights: HighlightsState | null;
  /** The color `H` and the toolbar's main button use: the last one chosen. */
  lastColor: HighlightColor;
  saveState: SaveState;
  /** The reading settings as main last gave them (null until it has answered). */
  settings: ReaderSettings | null;
  library: LibraryList;
}

/** The library list as the renderer has it. */
export interface LibraryList {
  documents: readonly DocumentSummary[];
  details: readonly DocumentDetails[];
  /** Set while `documents` are only the launch's first page (the whole list follows): what the whole library holds. */
  firstPageOf: { total: number; tags: readonly string[] } | null;
}

export type AppStore = Store<AppState>;

export function createAppStore(): AppStore {
  return new Store<AppState>({
    document: null,
    highlights: null,
    lastColor: 'yellow',
    saveState: { kind: 'saved' },
    settings: null,
    library: { documents: [], details: [], firstPageOf: null },
  });
}

/** Announces a change in the session's highlights (or selection) to every view subscribed to them. */
export function publishHighlights(store: AppStore, session: DocumentSession): void {
  store.set({ highlights: { session, selectedId: session.selectedId } });
}

/** The library with one document's reading progress updated (as it is read, without asking main for the whole list). */
export function withProgress(library: LibraryList, documentId: string, progress: number): LibraryList {
  return {
    ...library,
    // "% read" is the furthest point reached, as main keeps it: scrolling back up does not lower it.
    details: library.details.map((details) =>
      details.documentId === documentId ? { ...details, progress: Math.max(details.progress, progress) } : details,
    ),
  };
}
