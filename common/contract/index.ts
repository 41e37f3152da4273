/**
 * The one contract between the renderer and main. Main implements `GlossApi`,
 * the preload exposes it as `window.gloss` (in its wire form, `GlossBridge`),
 * and the renderer calls it. Electron-free so every side can import it.
 */

/** A document as the library lists it. Dates are ISO 8601 strings. */
export interface DocumentSummary {
  id: string;
  title: string;
  author: string | null;
  /** The article's own date (metadata from the source), `YYYY-MM-DD` when known. */
  date: string | null;
  source: string | null;
  addedAt: string;
  openedAt: string | null;
}

/**
 * Where the reader was, stored as "which top-level block was at the top of the
 * viewport and how far into it", so the place survives a resized window or a
 * different font size better than a pixel offset would.
 */
export interface ReadingPosition {
  blockIndex: number;
  /** Fraction (0–1) of that block's height scrolled past the top of the viewport. */
  blockOffset: number;
  /** Fraction (0–1) of the whole document scrolled, for progress display. */
  progress: number;
}

/** W3C Web Annotation selectors over the rendered document's text content (UTF-16 offsets). */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export const highlightColors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof highlightColors)[number];

/** Where a highlight is: its selectors and the document revision they were made on. */
export interface HighlightAnchor {
  id: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  revision: number;
}

export interface Highlight extends HighlightAnchor {
  color: HighlightColor;
  /** Markdown. */
  note: string;
  tags: string[];
  /** ISO 8601 UTC. */
  createdAt: string;
  updatedAt: string;
}

export interface DocumentNote {
  /** Markdown. */
  text: string;
  updatedAt: string;
}

export interface OpenedDocument {
  summary: DocumentSummary;
  /** The document body as Markdown, frontmatter removed. */
  markdown: string;
  /** Increases by one with every edit of the body. */
  revision: number;
  readingPosition: ReadingPosition | null;
  highlights: Highlight[];
  documentNote: DocumentNote | null;
  /** What happened while loading it that the user must know (e.g. a damaged file restored from backup). */
  notices: Notice[];
}

/** Something the user must be told about, e.g. a damaged file that was set aside. */
export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface LibraryState {
  documents: DocumentSummary[];
  /** The document to show on launch: the one open when Gloss last closed. */
  lastOpenedDocumentId: string | null;
  notices: Notice[];
}

export const exportFormats = ['markdown', 'json', 'csv', 'html'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  format: ExportFormat;
  /** One document, or every document in the library. */
  scope: { kind: 'document'; documentId: string } | { kind: 'library' };
}

export interface ExportPreview {
  /** The start of what would be written (the first file, for Markdown of several documents). */
  text: string;
  truncated: boolean;
  documentCount: number;
  highlightCount: number;
  /** Markdown of several documents is one file each, saved into a folder. */
  destination: 'file' | 'folder';
}

export interface ExportResult {
  /** The file, or the folder holding one Markdown file per document. */
  path: string;
  fileCount: number;
  highlightCount: number;
}

/**
 * What main asks of the page: a menu command, or, before the window closes,
 * to hand over every pending write and answer with `readyToClose`.
 */
export type AppCommand = 'export' | 'open' | 'prepare-to-close' | VaultSyncCommand | LibrarySyncCommand;

/**
 * A file the user brought in: its name (for its type) and its bytes as read
 * (main decodes them: UTF-8, UTF-16, an HTML page's charset, an EPUB's
 * archive), or text, for a paste.
 */
export interface ImportedFile {
  name: string;
  content: string | Uint8Array;
}

/** Larger files are refused: far beyond any article or book, and a sign of a wrong file. */
export const maxDocumentBytes = 50 * 1024 * 1024;

export type ImportOutcome =
  | { name: string; status: 'added'; documentId: string; title: string }
  | { name: string; status: 'duplicate'; documentId: string; title: string }
  /** Highlights and notes from Kindle, Readwise or Web Annotation files. */
  | { name: string; status: 'annotations'; summary: string; documentIds: string[] }
  | { name: string; status: 'refused'; reason: string };

// ── Vault folder sync, copy all highlights, export progress (issue #4) ──

/**
 * Main's vault-sync commands: the File menu's 'sync-to-folder' and
 * 'copy-all-highlights', and 'vault-sync-changed', which tells the page to
 * ask `getVaultSyncStatus` again (main syncs in the background, after saves).
 */
export type VaultSyncCommand = 'sync-to-folder' | 'copy-all-highlights' | 'vault-sync-changed';

/** A document whose file in the sync folder Gloss left alone, because it did not write it (or not for this document). */
export interface VaultConflict {
  documentId: string;
  title: string;
  /** The file's name in the sync folder. */
  fileName: string;
  message: string;
  /** The name Gloss writes to instead if the user agrees (`resolveVaultConflict`). */
  alternativeName: string;
}

export interface VaultSyncStatus {
  /** The folder kept in sync; null when sync is off. */
  folder: string | null;
  state: 'off' | 'syncing' | 'synced' | 'error';
  /** ISO 8601, when every pending change last reached the folder. */
  lastSyncedAt: string | null;
  /** How many documents have their file in the folder. */
  fileCount: number;
  conflicts: VaultConflict[];
  /** The last failure (a folder gone, a full disk), null once a sync succeeds. */
  error: string | null;
}

/** A library-wide export under way: documents written so far out of all of them. */
export interface ExportProgress {
  done: number;
  total: number;
}

export interface VaultSyncApi {
  /** Asks for a folder (the system's folder dialog), remembers it and writes every document's file; null when the user cancels. */
  chooseVaultFolder(): Promise<VaultSyncStatus | null>;
  getVaultSyncStatus(): Promise<VaultSyncStatus>;
  /** Forgets the folder; its files stay as they are. */
  stopVaultSync(): Promise<VaultSyncStatus>;
  /** The user agreed: this document's file goes under the conflict's alternative name from now on. */
  resolveVaultConflict(documentId: string): Promise<VaultSyncStatus>;
  /**
   * Markdown to paste elsewhere (the clipboard): one highlight with where it is
   * from and its note, or, when `highlightId` is null, the document's title,
   * note and every highlight.
   */
  clipboardMarkdown(documentId: string, highlightId: string | null): Promise<string>;
  /** The export `exportToFile` is writing, or null when none is. */
  getExportProgress(): Promise<ExportProgress | null>;
}

const vaultSyncChannels = {
  chooseVaultFolder: 'vault-sync:choose-folder',
  getVaultSyncStatus: 'vault-sync:status',
  stopVaultSync: 'vault-sync:stop',
  resolveVaultConflict: 'vault-sync:resolve-conflict',
  clipboardMarkdown: 'export:clipboard-markdown',
  getExportProgress: 'export:progress',
} as const satisfies Record<keyof VaultSyncApi, `${string}:${string}`>;

// ── end of issue #4's block ──

// ── Library and reading (search, reader settings) ─────────────────────────
// Kept in one block so that branches adding other channels merge cleanly.

/** A piece of text around a match: `match` is the matched text, to be marked. */
export interface SearchSnippet {
  before: string;
  match: string;
  after: string;
}

export type SearchHit =
  | { kind: 'title'; snippet: SearchSnippet }
  /** The `occurrence`-th (from 0) place in the text holding `needle` (folded: lower case, no diacritics). */
  | { kind: 'text'; snippet: SearchSnippet; needle: string; occurrence: number }
  | { kind: 'highlight'; highlightId: string; field: 'quote' | 'note' | 'tags'; snippet: SearchSnippet }
  | { kind: 'document-note'; snippet: SearchSnippet };

/** One matching document, its best hits first. */
export interface SearchResult {
  documentId: string;
  title: string;
  author: string | null;
  score: number;
  hits: SearchHit[];
  /** Every hit found, of which `hits` are the first few. */
  hitCount: number;
}

export const fontFamilies = ['serif', 'sans', 'mono', 'system'] as const;
export type FontFamily = (typeof fontFamilies)[number];
export const themes = ['system', 'light', 'dark', 'sepia'] as const;
export type Theme = (typeof themes)[number];

/** How the reader looks; kept in settings.json, remembered across launches. */
export interface ReaderSettings {
  fontFamily: FontFamily;
  /** CSS pixels. */
  fontSize: number;
  /** Unitless multiple of the font size. */
  lineHeight: number;
  /** The text column's width in `em` of the reading font. */
  columnWidth: number;
  theme: Theme;
}

/** The ranges each setting may take; the settings popover and main's validation share them. */
export const readerSettingRanges = {
  fontSize: { min: 12, max: 32, step: 1 },
  lineHeight: { min: 1.2, max: 2.2, step: 0.05 },
  columnWidth: { min: 26, max: 60, step: 2 },
} as const;

export const defaultReaderSettings: ReaderSettings = {
  fontFamily: 'serif',
  fontSize: 18,
  lineHeight: 1.65,
  columnWidth: 38,
  theme: 'system',
};

/** What the library list shows of a document beyond its summary. */
export interface DocumentDetails {
  documentId: string;
  /** Fraction (0–1) read, from the saved reading position. */
  progress: number;
  highlightCount: number;
  /** Every tag used on the document's highlights, sorted. */
  tags: string[];
  /** Words in its text, each CJK character counting as one. */
  wordCount: number;
}

/** A document moved to the trash folder, from where `restoreDocument` brings it back. */
export interface DeletedDocument {
  trashId: string;
  title: string;
  highlightCount: number;
}

/** What the user may edit about a document (its text is edited with saveDocumentBody). */
export interface DocumentMetadata {
  title: string;
  author: string | null;
  /** The article's own date, ideally `YYYY-MM-DD`. */
  date: string | null;
}

interface LibraryReadingApi {
  /** Renames a document or corrects its author or date. */
  editDocumentMetadata(documentId: string, metadata: DocumentMetadata): Promise<DocumentSummary>;
  /** Progress, highlight count, tags and length of every document. */
  getLibraryDetails(): Promise<DocumentDetails[]>;
  /** Takes the document out of the library with its highlights and notes, keeping its folder in the data folder's trash. */
  deleteDocument(documentId: string): Promise<DeletedDocument>;
  /** Undoes deleteDocument. */
  restoreDocument(trashId: string): Promise<DocumentSummary>;
  /** Full text over every document's text, title, highlights (quote, note, tags) and notes; case and accents ignored. */
  search(query: string): Promise<SearchResult[]>;
  getSettings(): Promise<ReaderSettings>;
  /** Replaces the reader settings; answers with what was saved. */
  saveSettings(settings: ReaderSettings): Promise<ReaderSettings>;
}

const libraryReadingChannels = {
  search: 'library:search',
  getSettings: 'settings:get',
  saveSettings: 'settings:save',
  getLibraryDetails: 'library:get-details',
  deleteDocument: 'document:delete',
  restoreDocument: 'document:restore',
  editDocumentMetadata: 'document:edit-metadata',
} as const;

// ── end of library and reading ───────────────────────────────────────────

// ── Library sync between machines through a synced folder (issue #16) ──

/** File › Sync Library… ('sync-library'), and 'library-sync-changed': changes from another device reached the library (ask for it and the status again). */
export type LibrarySyncCommand = 'sync-library' | 'library-sync-changed';

export interface LibrarySyncDevice {
  deviceId: string;
  /** The name the device gave itself (its host name), null until its device file has arrived. */
  name: string | null;
  /** Changes read from its logs. */
  changes: number;
  thisDevice: boolean;
}

export interface LibrarySyncStatus {
  /** The folder a sync engine (Syncthing, Dropbox, …) keeps in step between machines; null when library sync is off. */
  folder: string | null;
  deviceId: string;
  /** ISO 8601, when the folder was last read and merged. */
  lastSyncedAt: string | null;
  devices: LibrarySyncDevice[];
  /** What the last pass that found anything merged, in one sentence; null before any. */
  lastMerge: string | null;
  /** What is wrong, in one sentence (folder missing, disk full, a conflict copy, an unreadable line); null when all is well. */
  problem: string | null;
  /** The documents the last pass that changed any brought up to date, and when (the page reopens the open one). */
  lastChanged: { at: string; documentIds: string[] } | null;
}

export interface LibrarySyncApi {
  /** Asks for the synced folder (the system's folder dialog), then shares this library through it; null when the user cancels. */
  chooseLibrarySyncFolder(): Promise<LibrarySyncStatus | null>;
  getLibrarySyncStatus(): Promise<LibrarySyncStatus>;
  /** Stops sharing; the folder and the library stay as they are. */
  stopLibrarySync(): Promise<LibrarySyncStatus>;
}

const librarySyncChannels = {
  chooseLibrarySyncFolder: 'library-sync:choose-folder',
  getLibrarySyncStatus: 'library-sync:status',
  stopLibrarySync: 'library-sync:stop',
} as const satisfies Record<keyof LibrarySyncApi, `${string}:${string}`>;

// ── end of issue #16's block ──

export interface GlossApi extends VaultSyncApi, LibraryReadingApi, LibrarySyncApi {
  getLibrary(): Promise<LibraryState>;
  openDocument(documentId: string): Promise<OpenedDocument>;
  saveReadingPosition(documentId: string, position: ReadingPosition): Promise<void>;
  /** Creates the highlight, or replaces the one with the same id. */
  putHighlight(documentId: string, highlight: Highlight): Promise<void>;
  deleteHighlight(documentId: string, highlightId: string): Promise<void>;
  /** Records where highlights were found after the text changed (re-anchoring). */
  updateAnchors(documentId: string, anchors: HighlightAnchor[]): Promise<void>;
  setDocumentNote(documentId: string, text: string): Promise<void>;
  /** Replaces the body; refused with 'conflict' unless the document is still at `baseRevision`. */
  saveDocumentBody(documentId: string, markdown: string, baseRevision: number): Promise<{ revision: number }>;
  /** Opens an http(s) or mailto link in the system's browser or mail client. */
  openExternal(url: string): Promise<void>;
  previewExport(request: ExportRequest): Promise<ExportPreview>;
  /** Asks where to save (the system's save dialog), then writes; null when the user cancels. */
  exportToFile(request: ExportRequest): Promise<ExportResult | null>;
  /** Adds documents (Markdown, plain text, HTML, EPUB) and annotations (Kindle, Readwise, Web Annotation); each file's outcome is reported, a refused one adds nothing. */
  importDocuments(files: ImportedFile[]): Promise<ImportOutcome[]>;
  /** Adds what the system clipboard holds (Markdown, a copied web page, or plain text) as a new document; main reads it, as the page may not. */
  importClipboard(): Promise<ImportOutcome[]>;
  /** The page's answer to 'prepare-to-close': every write it had is now in main's hands. */
  readyToClose(): Promise<void>;
}

export type GlossMethod = keyof GlossApi;

/** IPC channel per method, `domain:verb`. A method without a channel fails the typecheck. */
export const channels = {
  getLibrary: 'library:get',
  openDocument: 'document:open',
  saveReadingPosition: 'document:save-position',
  putHighlight: 'highlight:put',
  deleteHighlight: 'highlight:delete',
  updateAnchors: 'highlight:update-anchors',
  setDocumentNote: 'document:set-note',
  saveDocumentBody: 'document:save-body',
  openExternal: 'shell:open-external',
  previewExport: 'export:preview',
  exportToFile: 'export:to-file',
  readyToClose: 'window:ready-to-close',
  importDocuments: 'documents:import',
  importClipboard: 'documents:import-clipboard',
  ...vaultSyncChannels,
  ...libraryReadingChannels,
  ...librarySyncChannels,
} as const satisfies Record<GlossMethod, `${string}:${string}`>;

export type GlossChannel = (typeof channels)[GlossMethod];

export type GlossErrorCode = 'invalid-argument' | 'not-found' | 'conflict' | 'forbidden' | 'storage' | 'internal';

export interface GlossErrorInfo {
  code: GlossErrorCode;
  message: string;
}

/**
 * What crosses the wire. Errors travel as values because Electron flattens a
 * thrown error into a string prefixed with "Error invoking remote method".
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: GlossErrorInfo };

/** The one channel main uses to speak first. */
export const appCommandChannel = 'app:command';

export type GlossBridge = {
  [M in GlossMethod]: (...args: Parameters<GlossApi[M]>) => Promise<IpcResult<Awaited<ReturnType<GlossApi[M]>>>>;
} & {
  /** Calls `listener` for each command from main; returns the unsubscribe function. */
  onAppCommand(listener: (command: AppCommand) => void): () => void;
};

export interface Transport {
  invoke(channel: GlossChannel, args: unknown[]): Promise<unknown>;
  /** Subscribes to main's commands; returns the unsubscribe function. */
  onAppCommand(listener: (command: AppCommand) => void): () => void;
}

/** Builds the bridge object from a transport; used by the preload (ipcRenderer) and the test runtime. */
export function createBridge(transport: Transport): GlossBridge {
  const bridge: Record<string, unknown> = {};
  for (const [method, channel] of Object.entries(channels)) {
    bridge[method] = (...args: unknown[]) => transport.invoke(channel, args);
  }
  // Only the command string crosses, never the IPC event (it carries `sender`).
  bridge.onAppCommand = (listener: (command: AppCommand) => void) => transport.onAppCommand(listener);
  // The transport returns what main's dispatcher produced for each channel; the
  // dispatcher is typed per method, so this one widening is checked there.
  return Object.freeze(bridge) as unknown as GlossBridge;
}
