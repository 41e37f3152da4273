import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Low } from 'lowdb';
import type {
  DeletedDocument,
  DocumentMetadata,
  DocumentDetails,
  DocumentNote,
  DocumentSummary,
  Highlight,
  HighlightAnchor,
  ImportedDocumentDetails,
  LibraryFirstPage,
  LibraryState,
  Notice,
  OpenedDocument,
  ReadingPosition,
} from '../../../common/contract';
import { documentAssetNamePattern } from '../../../common/document-assets';
import { sortDocuments } from '../../../common/library-order';
import { fractionRead, withFurthest } from '../../../common/reading-progress';
import { markdownToPlainText } from '../../../common/text/plain-text';
import { countWords } from '../../../common/text/reading-stats';
import { deriveTitle, parseMarkdownSource } from '../documents/markdown-source';
import { type TextLanguage, textLanguage } from '../../../common/text/language';
import type { DocumentAsset } from '../documents/types';
import { CorruptFileError, GlossError } from '../errors';
import { eachAtOnce } from '../at-once';
import { mapInTurns } from '../turns';
import { stableId } from '../stable-id';
import { BackupShelf } from './backups';
import {
  DurableJsonFile,
  parseJsonFile,
  readTextIfExists,
  removeLeftoverTemporaries,
  syncFolder,
  writeFileDurably,
  writeNewFilesDurably,
} from './durable-file';
import { checkHighlightLimits } from './highlight-limits';
import { upgrade } from './migrations';
import {
  documentFormat,
  type DocumentFile,
  libraryFormat,
  type LibraryFile,
  openRecordFormat,
  type OpenRecordFile,
  type StoredDetails,
} from './schema';
import { dataFolderNames as names, type DataLayout, dataLayout } from './layout';
import { fileStamp, setAside } from './set-aside';

/** The id a new library gives the article Gloss ships with: derived from its text, so two fresh devices that sync hold one copy of it. */
export function shippedArticleId(text: string): string {
  return stableId('shipped article', text);
}

export interface LibraryStoreOptions {
  dataDir: string;
  /** The Markdown article a new library starts with. */
  seedArticlePath: string;
  /**
   * The last session ended without closing (its lock was taken over): the
   * list details kept in the index may lag behind a document written just
   * before, so they are worked out again from the documents.
   */
  afterCrash?: boolean;
  now?: () => Date;
}

/** What readDocument returns: a copy of a document's text and data. */
export interface StoredDocumentContent extends TextLanguage {
  summary: DocumentSummary;
  markdown: string;
  revision: number;
  highlights: Highlight[];
  documentNote: DocumentNote | null;
  readingPosition: ReadingPosition | null;
  /** A placeholder awaiting its web page (see DocumentFile.awaitingPage). */
  awaitingPage: boolean;
}

interface LoadedDocument {
  db: Low<DocumentFile>;
  file: DurableJsonFile<DocumentFile>;
  notices: Notice[];
  /** The last write of this document failed: memory holds changes the disk does not have yet. */
  unsaved: boolean;
}

export interface NewDocumentOptions {
  id?: string;
  assets?: readonly DocumentAsset[];
  /** When it was first added to a library: kept when a backup (Gloss's JSON export) brings it back. */
  addedAt?: string;
  /** What the file it was made from said about the book (see ImportedDocumentDetails). */
  importedDetails?: ImportedDocumentDetails;
  /** A placeholder holding annotations for a web page not added yet (see DocumentFile.awaitingPage). */
  awaitingPage?: boolean;
  /**
   * Highlights it starts with (an import's), in its first write: adding them
   * afterwards read the new file back and wrote it again, a third of a
   * 10,000-highlight import.
   */
  highlights?: readonly Highlight[];
  /** Its document note, in the same first write (an import's); stamped now unless `updatedAt` is given, none if empty. */
  documentNote?: { text: string; updatedAt?: string | undefined } | null;
}

/** A document about to be added: its file's data, its body and its images. */
interface NewDocument {
  document: DocumentFile;
  body: string;
  assets: readonly DocumentAsset[];
}

/** New document folders written at once (importMarkdownAll). */
const foldersWrittenAtOnce = 8;

/**
 * Documents the open record (opened.json) may name before opening one more
 * writes the whole index and empties it: the record is rewritten on every
 * open, so it is kept to a few kilobytes.
 */
const maxOpenRecordEntries = 100;

/**
 * The user's library in a data folder. The only writer of that folder: every
 * change mutates the in-memory data first and then writes the one file it
 * belongs to, so a reading-position save rewrites one small document file and
 * never the library or other documents.
 */
export class LibraryStore {
  readonly #documents = new Map<string, Promise<LoadedDocument>>();
  /** Opens are numbered as asked; the highest number recorded so far is the one reopened next time. */
  #openTicket = 0;
  #recordedOpenTicket = 0;
  /** List details changed since the index was last written by flush (see #updateDetails). */
  #detailsUnsaved = false;
  /** When each document opened since the open record was last emptied was opened (see openRecordFileSchema). */
  #openedSinceIndexWrite: OpenRecordFile['openedAt'] = {};
  readonly #openRecordFile: DurableJsonFile<OpenRecordFile>;

  private constructor(
    private readonly paths: DataLayout,
    private readonly library: Low<LibraryFile>,
    private readonly libraryFile: DurableJsonFile<LibraryFile>,
    private readonly now: () => Date,
    /** What the user must be told about opening this library. */
    readonly notices: Notice[],
  ) {
    this.#openRecordFile = new DurableJsonFile(paths.openRecord, (json) => upgrade(json, openRecordFormat, paths.openRecord).data);
  }

  static async open(options: LibraryStoreOptions): Promise<LibraryStore> {
    const now = options.now ?? (() => new Date());
    const { dataDir } = options;
    const paths = dataLayout(dataDir);
    await mkdir(paths.documents, { recursive: true });
    const libraryPath = paths.library;
    const libraryFile = new DurableJsonFile(libraryPath, (json) => upgrade(json, libraryFormat, libraryPath).data);
    const library = new Low<LibraryFile>(libraryFile, emptyLibrary());
    const store = new LibraryStore(paths, library, libraryFile, now, []);
    await removeLeftoverTemporaries(dataDir);
    await store.#loadLibrary(options.seedArticlePath);
    await store.#applyOpenRecord();
    if (options.afterCrash) store.library.data.details = {};
    await store.#adoptUnlistedFolders();
    return store;
  }

  /**
   * Document folders the index does not list were left by an import that a
   * crash interrupted before it was acknowledged. A complete one (document.json
   * and body.md, written after its images) is added
   * (the user did ask for it); an incomplete one is moved out of the way,
   * untouched, so it neither shows up half-made nor is lost.
   */
  async #adoptUnlistedFolders(): Promise<void> {
    const listed = new Set(this.library.data.documents.map((summary) => summary.id));
    const entries = await readdir(this.paths.documents, { withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isDirectory() || listed.has(entry.name)) continue;
      const folder = this.#documentFolder(entry.name);
      const text = await readTextIfExists(join(folder, names.documentData));
      const body = await readTextIfExists(join(folder, names.documentBody));
      if (text === null || body === null) {
        const aside = this.paths.interruptedImports;
        await mkdir(aside, { recursive: true });
        await rename(folder, join(aside, entry.name));
        continue;
      }
      try {
        const { data } = upgrade(parseJsonFile(join(folder, names.documentData), text), documentFormat, folder);
        if (data.id !== entry.name) throw new CorruptFileError(folder, 'its id does not match its folder');
        this.library.data.documents.push(summaryOf(data, null));
        await this.library.write();
        this.notices.push({ level: 'info', message: `“${data.title}”, whose import was interrupted, has been added to the library.` });
      } catch (error) {
        // Unreadable (damaged, or from a newer Gloss): left exactly as it is, and named.
        if (!(error instanceof GlossError)) throw error;
        const where = `${names.documents}/${entry.name}`;
        if (!this.notices.some((notice) => notice.message.includes(where))) {
          this.notices.push({
            level: 'warning',
            message: `The document folder ${where} could not be read and is not listed: ${error.message}`,
          });
        }
      }
    }
  }

  async #loadLibrary(seedArticlePath: string): Promise<void> {
    const libraryPath = this.libraryFile.filePath;
    try {
      const text = await readTextIfExists(libraryPath);
      if (text !== null) {
        const { data, migratedFrom } = upgrade(parseJsonFile(libraryPath, text), libraryFormat, libraryPath);
        this.library.data = data;
        if (migratedFrom !== null) {
          await new BackupShelf(this.paths.libraryBackups).keep(text, this.now());
          await this.library.write();
        }
        return;
      }
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      const asidePath = await setAside(libraryPath, this.now());
      const noticesBefore = this.notices.length;
      const count = await this.#rebuildIndex();
      const unreadable = this.notices.slice(noticesBefore).some((notice) => notice.message.includes('could not be read'));
      this.notices.splice(noticesBefore, 0, {
        level: 'warning',
        message:
          `The library index was damaged (${error.reason}). It was kept aside as ${relative(this.paths.root, asidePath)} ` +
          `and rebuilt from the ${count} document folder${count === 1 ? '' : 's'}` +
          (unreadable ? '; the folders named below could not be read.' : '; no document or note was lost.'),
      });
      return;
    }
    const count = await this.#rebuildIndex();
    if (count > 0) {
      this.notices.push({ level: 'info', message: `The library index was missing; it was rebuilt from ${count} document folders.` });
    } else {
      const seed = await readFile(seedArticlePath, 'utf8');
      await this.importMarkdown(seed, { id: shippedArticleId(seed) });
    }
  }

  /**
   * Applies the open record to the index as loaded: the documents opened since
   * the index was last written, and which was opened last. A damaged record is
   * kept aside and named; the library then opens as its index last saved it.
   */
  async #applyOpenRecord(): Promise<void> {
    let record: OpenRecordFile | null;
    try {
      record = await this.#openRecordFile.read();
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      const asidePath = await setAside(this.paths.openRecord, this.now());
      this.notices.push({
        level: 'warning',
        message:
          `The record of recently opened documents was damaged (${error.reason}). It was kept aside as ` +
          `${relative(this.paths.root, asidePath)}; the library shows them as it last saved them, and no note was lost.`,
      });
      return;
    }
    if (!record) return;
    const listed = new Map(this.library.data.documents.map((summary) => [summary.id, summary]));
    for (const [documentId, openedAt] of Object.entries(record.openedAt)) {
      const summary = listed.get(documentId);
      if (!summary) continue;
      if ((summary.openedAt ?? '') < openedAt) summary.openedAt = openedAt;
      this.#openedSinceIndexWrite[documentId] = openedAt;
    }
    const last = record.lastOpenedDocumentId;
    if (last !== null && listed.has(last)) this.library.data.lastOpenedDocumentId = last;
  }

  /** Rebuilds library.json from the document folders, the source of truth. Returns how many it found. */
  async #rebuildIndex(): Promise<number> {
    const summaries: DocumentSummary[] = [];
    for (const entry of await readdir(this.paths.documents, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      let recovered: LoadedDocument;
      try {
        recovered = await this.#document(entry.name);
      } catch (error) {
        // Left untouched on disk and named, so a newer Gloss or the user can still recover it.
        if (!(error instanceof GlossError)) throw error;
        this.notices.push({
          level: 'warning',
          message: `The document folder ${names.documents}/${entry.name} could not be read and is not listed: ${error.message}`,
        });
        continue;
      }
      // Damage found while rebuilding is reported once, with the library's notices.
      this.notices.push(...recovered.notices.splice(0));
      summaries.push(summaryOf(recovered.db.data, null));
    }
    summaries.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
    this.library.data = { ...emptyLibrary(), documents: summaries };
    await this.library.write();
    return summaries.length;
  }

  state(): LibraryState {
    const { documents, lastOpenedDocumentId } = this.library.data;
    return { documents: documents.map((summary) => ({ ...summary })), lastOpenedDocumentId, notices: [...this.notices] };
  }

  /**
   * Adds a Markdown document (with optional frontmatter) to the library, with
   * the images its body shows (`assets`, served at documentAssetPath(id, name));
   * `id` is given when the body already names it in those addresses.
   */
  async importMarkdown(text: string, options: NewDocumentOptions = {}): Promise<DocumentSummary> {
    const [summary] = await this.importMarkdownAll([{ text, options }]);
    return summary!;
  }

  /**
   * importMarkdown for several documents (an import file's books): their
   * folders are written side by side, a few at a time, and listed together,
   * in the order given, by one index write. Each document's own files go
   * through the same durable steps, so a crash leaves each folder whole or
   * unlisted (and adopted or set aside at the next open). Nothing is written
   * when one of them is refused (too many highlights, an id already taken);
   * when writing one fails, those written are listed and the error thrown.
   */
  async importMarkdownAll(items: readonly { text: string; options?: NewDocumentOptions }[]): Promise<DocumentSummary[]> {
    const now = this.now();
    // In turns: an import file's 1,000 books, each read back from its frontmatter, held the window's calls for 23-41 ms.
    const prepared = await mapInTurns(items, ({ text, options = {} }) => {
      const { id = randomUUID(), assets = [], addedAt, importedDetails, awaitingPage, highlights = [], documentNote = null } = options;
      const { metadata, body } = parseMarkdownSource(text);
      const title = metadata.title ?? deriveTitle(body);
      checkHighlightLimits([], highlights, title);
      const document: DocumentFile = {
        ...emptyDocument(id, now),
        ...(addedAt !== undefined ? { addedAt } : {}),
        // Not copied: the document is written and dropped, nothing here keeps them (a copy of 10,000 was a tenth of an import).
        ...(highlights.length > 0 ? { highlights: [...highlights] } : {}),
        title,
        author: metadata.author,
        date: metadata.date,
        source: metadata.source,
        ...textLanguage(metadata),
        ...(importedDetails ? { importedDetails } : {}),
        ...(awaitingPage ? { awaitingPage: true as const } : {}),
        documentNote: documentNote?.text ? { text: documentNote.text, updatedAt: documentNote.updatedAt ?? now.toISOString() } : null,
      };
      return { document, body, assets };
    });
    return this.#addDocuments(prepared);
  }

  /**
   * Adds a document whose metadata is already known and whose body is taken
   * as it is (no frontmatter is read from it): what library sync brings from
   * another device. importMarkdown is this after reading the frontmatter.
   */
  async addDocument(
    metadata: Pick<DocumentFile, 'id' | 'title' | 'author' | 'date' | 'source' | 'addedAt'> &
      Partial<Pick<DocumentFile, 'revision' | 'importedDetails' | 'awaitingPage' | 'highlights' | 'lang' | 'dir' | 'writingMode'>>,
    body: string,
    assets: readonly DocumentAsset[] = [],
  ): Promise<DocumentSummary> {
    const [summary] = await this.#addDocuments([{ document: { ...emptyDocument(metadata.id, this.now()), ...metadata }, body, assets }]);
    return summary!;
  }

  async #addDocuments(adding: readonly NewDocument[]): Promise<DocumentSummary[]> {
    const ids = new Set(this.library.data.documents.map((summary) => summary.id));
    for (const { document, assets } of adding) {
      if (ids.has(document.id)) throw new GlossError('conflict', `A document with id ${document.id} is already in the library.`);
      ids.add(document.id);
      const badName = assets.find((asset) => !documentAssetNamePattern.test(asset.name));
      if (badName) throw new GlossError('invalid-argument', `${JSON.stringify(badName.name)} is not a valid name for a document's image.`);
    }
    // Several at once: each folder is a few fsyncs, which the disk takes together (ten books one by one: a third of an import's time).
    const wordCounts: number[] = [];
    const { finished, failure } = await eachAtOnce(adding, foldersWrittenAtOnce, async (document, index) => {
      wordCounts[index] = await this.#writeDocumentFolder(document);
    });
    const summaries: DocumentSummary[] = [];
    for (const [index, { document }] of adding.entries()) {
      if (!finished[index]) continue;
      const summary = summaryOf(document, null);
      this.library.data.documents.push(summary);
      this.library.data.details[document.id] = detailsOf(document, wordCounts[index]!);
      summaries.push({ ...summary });
    }
    if (summaries.length > 0) await this.library.write();
    if (failure) throw failure.error;
    return summaries;
  }

  /** A new document's folder, whole, before the index names it; returns its body's word count for the list. */
  async #writeDocumentFolder({ document, body, assets }: NewDocument): Promise<number> {
    const folder = this.#documentFolder(document.id);
    // Not recursive: the documents folder exists, and a folder already there must not be merged into.
    await mkdir(folder);
    // The new folder's name must be on disk before the index names it.
    const folderSynced = syncFolder(this.paths.documents);
    // Counted while that fsync is under way: counted after the writes, ten 130 KB bodies added 43 ms to an import.
    const words = wordsIn(body);
    await folderSynced;
    // Images, then the body, then the document file, then the index: a crash in
    // between leaves at worst an unlisted folder without document.json, which
    // the next open sets aside; a folder with document.json has all its images.
    if (assets.length > 0) {
      await mkdir(join(folder, names.documentAssets));
      await writeNewFilesDurably(join(folder, names.documentAssets), assets);
    }
    await writeFileDurably(join(folder, names.documentBody), body);
    await writeFileDurably(join(folder, names.documentData), `${JSON.stringify(document, null, 2)}\n`);
    return words;
  }

  /**
   * What the library list shows of each document (progress, highlights, tags,
   * words), from the index: launch reads no document file. A document the
   * index has no details for yet (a library from before they were kept, an
   * index rebuilt after damage) is read once and its details kept.
   */
  async documentDetails(): Promise<DocumentDetails[]> {
    await this.#fillMissingDetails();
    return this.library.data.documents.flatMap(({ id }) => this.#listedDetails(id));
  }

  /**
   * What a launch lists first: the `size` most recently opened documents (the
   * list's first order) with their details, the count of all of them and
   * every tag used, without copying the whole list's details.
   */
  async firstPage(size: number): Promise<LibraryFirstPage> {
    await this.#fillMissingDetails();
    const state = this.state();
    const documents = sortDocuments(state.documents, 'opened').slice(0, size);
    const tags = new Set<string>();
    for (const { id } of this.library.data.documents) for (const tag of this.library.data.details[id]?.tags ?? []) tags.add(tag);
    return {
      ...state,
      documents,
      details: documents.flatMap(({ id }) => this.#listedDetails(id)),
      total: state.documents.length,
      tags: [...tags].sort((a, b) => a.localeCompare(b)),
    };
  }

  async #fillMissingDetails(): Promise<void> {
    const { documents, details } = this.library.data;
    let filled = 0;
    for (const { id } of documents) {
      if (details[id]) continue;
      try {
        // readDocument, not #document: looking at the library keeps no document loaded and writes no backup.
        const content = await this.readDocument(id);
        details[id] = detailsOf(content, wordsIn(content.markdown));
        filled++;
      } catch (error) {
        // A document that cannot be read is listed without details; opening it says why.
        if (!(error instanceof GlossError)) throw error;
      }
    }
    if (filled > 0) await this.library.write();
  }

  #listedDetails(documentId: string): DocumentDetails[] {
    const stored = this.library.data.details[documentId];
    return stored ? [{ documentId, ...stored, tags: [...stored.tags] }] : [];
  }

  /**
   * Keeps a document's list details in step with its data after a change. The
   * index carries them with its next write (any change to the library, or
   * flush, which the app runs before it quits): a save stays a write of its
   * own document. A crash before that write is covered by `afterCrash`, which
   * works the details out again.
   */
  #updateDetails(documentId: string, document: DocumentFile, wordCount?: number): void {
    const before = this.library.data.details[documentId];
    const words = wordCount ?? before?.wordCount;
    // Words unknown (no details kept yet): documentDetails counts them when first asked.
    if (words === undefined) return;
    const after = detailsOf(document, words);
    if (sameDetails(before, after)) return;
    this.library.data.details[documentId] = after;
    this.#detailsUnsaved = true;
  }

  async openDocument(documentId: string): Promise<OpenedDocument> {
    // When opens overlap, the one asked for last that has finished is the one to reopen next time.
    const ticket = ++this.#openTicket;
    const summary = this.#summary(documentId);
    const { db, notices } = await this.#document(documentId);
    const markdown = await readTextIfExists(join(this.#documentFolder(documentId), names.documentBody));
    if (markdown === null) {
      throw new GlossError(
        'not-found',
        `The text of “${summary.title}” is missing from the data folder (${names.documents}/${documentId}/${names.documentBody}).`,
      );
    }
    summary.openedAt = this.now().toISOString();
    if (ticket > this.#recordedOpenTicket) {
      this.#recordedOpenTicket = ticket;
      this.library.data.lastOpenedDocumentId = documentId;
    }
    this.#openedSinceIndexWrite[documentId] = summary.openedAt;
    if (Object.keys(this.#openedSinceIndexWrite).length > maxOpenRecordEntries) await this.#writeIndexEmptyingOpenRecord();
    else await this.#writeOpenRecord();
    const { revision, readingPosition, highlights, documentNote, lang, dir, writingMode } = structuredClone(db.data);
    return {
      summary: { ...summary },
      markdown,
      revision,
      readingPosition,
      highlights,
      documentNote,
      ...textLanguage({ lang, dir, writingMode }),
      notices: notices.splice(0),
    };
  }

  /** Saves where the reader is, keeping the furthest point reached; returns the position as stored. */
  async saveReadingPosition(documentId: string, position: ReadingPosition): Promise<ReadingPosition> {
    let stored = position;
    await this.#change(documentId, (document) => {
      // The furthest point is main's to keep: a position from the page says where it is, not how far it got.
      stored = withFurthest(document.readingPosition, position);
      document.readingPosition = { ...stored };
    });
    return stored;
  }

  async putHighlight(documentId: string, highlight: Highlight): Promise<void> {
    await this.#change(documentId, (document) => {
      checkHighlightLimits(document.highlights, [highlight], document.title);
      const index = document.highlights.findIndex((existing) => existing.id === highlight.id);
      if (index === -1) document.highlights.push(structuredClone(highlight));
      else document.highlights[index] = structuredClone(highlight);
    });
  }

  /**
   * Creates or replaces several highlights of one document with a single
   * write of its file (an import adds hundreds; one write each would take
   * seconds of fsyncs). Same rule per highlight as putHighlight.
   */
  async putHighlights(documentId: string, highlights: readonly Highlight[]): Promise<void> {
    await this.#change(documentId, (document) => {
      checkHighlightLimits(document.highlights, highlights, document.title);
      // Positions by id, kept up to date as highlights are added: a search of the list for each one made an import quadratic.
      const indexById = new Map<string, number>();
      document.highlights.forEach((existing, index) => {
        if (!indexById.has(existing.id)) indexById.set(existing.id, index);
      });
      // One copy of them all: a structuredClone call each was a tenth of a 10,000-highlight import.
      for (const highlight of structuredClone(highlights)) {
        const index = indexById.get(highlight.id);
        if (index === undefined) {
          indexById.set(highlight.id, document.highlights.length);
          document.highlights.push(highlight);
        } else document.highlights[index] = highlight;
      }
    });
  }

  /**
   * A document's text and data without opening it: unlike openDocument, it
   * records no opening time and, for a document not yet loaded, reads its
   * file without keeping a backup or repairing it, so looking at the library
   * (e.g. to match an import to its documents) writes nothing. A damaged
   * file is an error here; opening the document repairs it.
   */
  async readDocument(documentId: string): Promise<StoredDocumentContent> {
    const summary = this.#summary(documentId);
    const loaded = this.#documents.get(documentId);
    return readStoredDocument(this.paths.root, summary, loaded && structuredClone((await loaded).db.data));
  }

  /** Whether memory holds a change to a document that its file does not (its last write failed): only readDocument shows it then. */
  async holdsUnsavedChanges(): Promise<boolean> {
    return (await Promise.all(this.#documents.values())).some((loaded) => loaded.unsaved);
  }

  async deleteHighlight(documentId: string, highlightId: string): Promise<void> {
    await this.#change(documentId, (document, unsaved) => {
      const index = document.highlights.findIndex((existing) => existing.id === highlightId);
      // A delete retried after its write failed (a full disk) finds the highlight already gone
      // from memory; writing the file is all it still needs.
      if (index === -1 && unsaved) return;
      if (index === -1) throw new GlossError('not-found', 'That highlight no longer exists.');
      document.highlights.splice(index, 1);
    });
  }

  /** Moves highlights to where anchoring found them in the current text; unknown ids are ignored (deleted meanwhile). */
  async updateAnchors(documentId: string, anchors: readonly HighlightAnchor[]): Promise<void> {
    await this.#change(documentId, (document) => {
      const byId = new Map(document.highlights.map((highlight) => [highlight.id, highlight]));
      for (const { id, quote, position, revision } of anchors) {
        const highlight = byId.get(id);
        if (highlight) Object.assign(highlight, structuredClone({ quote, position, revision }));
      }
    });
  }

  /** `updatedAt` is given when a backup restores a note as it was; an edit is stamped now. */
  async setDocumentNote(documentId: string, text: string, updatedAt?: string): Promise<void> {
    await this.#change(documentId, (document) => {
      document.documentNote = text === '' ? null : { text, updatedAt: updatedAt ?? this.now().toISOString() };
    });
  }

  /**
   * Replaces a document's Markdown. The body is written before the revision
   * moves on, so after a crash in between the highlights still carry the old
   * revision and are re-anchored by their quotes on the next open.
   */
  async saveDocumentBody(documentId: string, markdown: string, baseRevision: number): Promise<{ revision: number }> {
    this.#summary(documentId);
    const { db } = await this.#document(documentId);
    if (db.data.revision !== baseRevision) {
      throw new GlossError('conflict', 'The document changed since you began editing it; reopen it and edit again.');
    }
    await writeFileDurably(join(this.#documentFolder(documentId), names.documentBody), markdown);
    db.data.revision += 1;
    await db.write();
    this.#updateDetails(documentId, db.data, wordsIn(markdown));
    return { revision: db.data.revision };
  }

  /**
   * Deletes a document recoverably: the index forgets it first, then its
   * folder moves to trash/<time>-<id>. A crash in between leaves an unlisted
   * folder in documents/, which the next open adds back: the document
   * reappears rather than vanish.
   */
  async trashDocument(documentId: string): Promise<DeletedDocument> {
    const { summary, highlights } = await this.readDocument(documentId);
    const loaded = this.#documents.get(documentId);
    // Its pending writes land before the folder moves; after, nothing may write there.
    if (loaded) await (await loaded).file.flush();
    this.#documents.delete(documentId);
    this.library.data.documents = this.library.data.documents.filter((candidate) => candidate.id !== documentId);
    delete this.library.data.details[documentId];
    if (this.library.data.lastOpenedDocumentId === documentId) this.library.data.lastOpenedDocumentId = null;
    await this.library.write();
    const trash = this.paths.trash;
    await mkdir(trash, { recursive: true });
    const trashId = `${fileStamp(this.now())}-${documentId}`;
    await rename(this.#documentFolder(documentId), join(trash, trashId));
    await syncFolder(trash);
    await syncFolder(this.paths.documents);
    return { trashId, title: summary.title, highlightCount: highlights.length };
  }

  /**
   * The page a placeholder was waiting for has been added (its text saved
   * with saveDocumentBody): it is a document like any other, in the language
   * its page declares. One write.
   */
  async markPageAdded(documentId: string, language: TextLanguage): Promise<void> {
    await this.#change(documentId, (document) => {
      delete document.awaitingPage;
      withTextLanguage(document, language);
    });
  }

  /** Records the language, direction and writing mode of a document's text as now declared (another device's copy). */
  async setTextLanguage(documentId: string, language: TextLanguage): Promise<void> {
    await this.#change(documentId, (document) => withTextLanguage(document, language));
  }

  /** Renames a document or corrects its author or date: its own file first (the source of truth), then the index. */
  async editMetadata(documentId: string, metadata: DocumentMetadata): Promise<DocumentSummary> {
    await this.#change(documentId, (document) => Object.assign(document, metadata));
    const summary = this.#summary(documentId);
    Object.assign(summary, metadata);
    await this.library.write();
    return { ...summary };
  }

  /** Brings a trashed document back into the library, as it was. */
  async restoreDocument(trashId: string): Promise<DocumentSummary> {
    const from = this.paths.trashed(trashId).folder;
    const filePath = join(from, names.documentData);
    const text = await readTextIfExists(filePath);
    if (text === null) throw new GlossError('not-found', 'That deleted document is no longer in the trash.');
    const { data } = upgrade(parseJsonFile(filePath, text), documentFormat, filePath);
    if (this.library.data.documents.some((candidate) => candidate.id === data.id)) {
      throw new GlossError('conflict', `“${data.title}” is already in the library.`);
    }
    // Folder first, then the index: a crash in between leaves an unlisted folder, which the next open adopts.
    await rename(from, this.#documentFolder(data.id));
    await syncFolder(this.paths.documents);
    const summary = summaryOf(data, null);
    this.library.data.documents.push(summary);
    await this.library.write();
    return { ...summary };
  }

  /**
   * Applies a change to one document in memory, then writes that document's
   * file alone. When the write fails (a full disk), memory keeps the change:
   * the next write of this document, or the page retrying this one, puts it on disk.
   */
  async #change(documentId: string, change: (document: DocumentFile, unsaved: boolean) => void): Promise<void> {
    this.#summary(documentId);
    const loaded = await this.#document(documentId);
    change(loaded.db.data, loaded.unsaved);
    try {
      await loaded.db.write();
      loaded.unsaved = false;
    } catch (error) {
      loaded.unsaved = true;
      throw error;
    }
    this.#updateDetails(documentId, loaded.db.data);
  }

  /** Resolves once every write asked for so far is on disk. */
  async flush(): Promise<void> {
    if (this.#detailsUnsaved || Object.keys(this.#openedSinceIndexWrite).length > 0) {
      this.#detailsUnsaved = false;
      await this.#writeIndexEmptyingOpenRecord();
    }
    const documents = await Promise.all(this.#documents.values());
    await Promise.all([this.libraryFile.flush(), this.#openRecordFile.flush(), ...documents.map(({ file }) => file.flush())]);
  }

  #writeOpenRecord(): Promise<void> {
    return this.#openRecordFile.write({
      schemaVersion: 1,
      lastOpenedDocumentId: this.library.data.lastOpenedDocumentId,
      openedAt: { ...this.#openedSinceIndexWrite },
    });
  }

  /** Writes the index, which then holds everything the open record said, and only after that empties the record. */
  async #writeIndexEmptyingOpenRecord(): Promise<void> {
    const folded = this.#openedSinceIndexWrite;
    this.#openedSinceIndexWrite = {};
    try {
      await this.library.write();
    } catch (error) {
      this.#openedSinceIndexWrite = { ...folded, ...this.#openedSinceIndexWrite };
      throw error;
    }
    await this.#writeOpenRecord();
  }

  #summary(documentId: string): DocumentSummary {
    const summary = this.library.data.documents.find((candidate) => candidate.id === documentId);
    if (!summary) throw new GlossError('not-found', `There is no document with id ${documentId} in this library.`);
    return summary;
  }

  #documentFolder(documentId: string): string {
    return this.paths.document(documentId).folder;
  }

  #document(documentId: string): Promise<LoadedDocument> {
    let loading = this.#documents.get(documentId);
    if (!loading) {
      loading = this.#loadDocument(documentId);
      this.#documents.set(documentId, loading);
      loading.catch(() => this.#documents.delete(documentId));
    }
    return loading;
  }

  /**
   * Loads a document file. A damaged one is kept aside and replaced by its
   * newest intact backup, or, failing that, rebuilt from what the index and
   * the body still say; either way the user is told.
   */
  async #loadDocument(documentId: string): Promise<LoadedDocument> {
    const filePath = join(this.#documentFolder(documentId), names.documentData);
    const decode = (json: unknown): DocumentFile => upgrade(json, documentFormat, filePath).data;
    const file = new DurableJsonFile(filePath, decode);
    const backups = new BackupShelf(this.paths.documentBackups(documentId));
    const notices: Notice[] = [];
    await removeLeftoverTemporaries(this.#documentFolder(documentId));
    const text = await readTextIfExists(filePath);
    let data: DocumentFile;
    try {
      if (text === null) throw new CorruptFileError(filePath, 'the file is missing');
      const upgraded = upgrade(parseJsonFile(filePath, text), documentFormat, filePath);
      data = upgraded.data;
      await backups.keep(text, this.now());
      if (upgraded.migratedFrom !== null) await file.write(data);
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      const asideNote = text === null ? '' : ` It was kept aside as ${relative(this.paths.root, await setAside(filePath, this.now()))}.`;
      const backup = await backups.newestValid((backupText) => decode(parseJsonFile(filePath, backupText)));
      data = backup?.data ?? (await this.#documentFromIndex(documentId));
      await file.write(data);
      notices.push({
        level: 'warning',
        message:
          `The data of “${data.title}” was damaged (${error.reason}).${asideNote} ` +
          (backup
            ? `It was restored from the backup taken at ${backup.takenAt}.`
            : 'It was rebuilt from the library index and its text; its reading position was reset.'),
      });
    }
    return { db: new Low(file, data), file, notices, unsaved: false };
  }

  async #documentFromIndex(documentId: string): Promise<DocumentFile> {
    const summary = this.library.data.documents.find((candidate) => candidate.id === documentId);
    const bodyPath = join(this.#documentFolder(documentId), names.documentBody);
    if (summary) {
      const { openedAt: _openedAt, ...metadata } = summary;
      return { ...emptyDocument(documentId, this.now()), ...metadata };
    }
    const body = await readTextIfExists(bodyPath);
    if (body === null) throw new GlossError('not-found', `Document folder ${documentId} has neither data nor text.`);
    return { ...emptyDocument(documentId, (await stat(bodyPath)).mtime), title: deriveTitle(body) };
  }
}

function emptyDocument(id: string, addedAt: Date): DocumentFile {
  return {
    schemaVersion: 5,
    id,
    title: 'Untitled',
    author: null,
    date: null,
    source: null,
    addedAt: addedAt.toISOString(),
    readingPosition: null,
    revision: 0,
    documentNote: null,
    highlights: [],
  };
}

function emptyLibrary(): LibraryFile {
  return { schemaVersion: 2, documents: [], lastOpenedDocumentId: null, details: {} };
}

/** A document's list details from its data; its words are counted once per text, when the text is written. */
function detailsOf(document: Pick<DocumentFile, 'readingPosition' | 'highlights'>, wordCount: number): StoredDetails {
  return {
    progress: fractionRead(document.readingPosition),
    highlightCount: document.highlights.length,
    tags: [...new Set(document.highlights.flatMap((highlight) => highlight.tags))].sort((a, b) => a.localeCompare(b)),
    wordCount,
  };
}

/** Words in a document's stored body (frontmatter is not kept there), as the search index counted them before. */
function wordsIn(body: string): number {
  return countWords(markdownToPlainText(body));
}

function sameDetails(a: StoredDetails | undefined, b: StoredDetails): boolean {
  return (
    a !== undefined &&
    a.progress === b.progress &&
    a.highlightCount === b.highlightCount &&
    a.wordCount === b.wordCount &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, index) => tag === b.tags[index])
  );
}

function summaryOf(document: DocumentFile, openedAt: string | null): DocumentSummary {
  const { id, title, author, date, source, addedAt } = document;
  return { id, title, author, date, source, addedAt, openedAt };
}

/**
 * A document's content as readDocument gives it, from its files in `dataDir`
 * (the data file unless `data` is given, the text always), changing nothing:
 * also for a worker thread, which has no store. A damaged or missing file is
 * an error.
 */
export async function readStoredDocument(dataDir: string, summary: DocumentSummary, data?: DocumentFile): Promise<StoredDocumentContent> {
  const paths = dataLayout(dataDir).document(summary.id);
  if (!data) {
    const text = await readTextIfExists(paths.data);
    if (text === null) throw new CorruptFileError(paths.data, 'the file is missing');
    data = upgrade(parseJsonFile(paths.data, text), documentFormat, paths.data).data;
  }
  const markdown = await readTextIfExists(paths.body);
  if (markdown === null) {
    throw new GlossError(
      'not-found',
      `The text of “${summary.title}” is missing from the data folder (${names.documents}/${summary.id}/${names.documentBody}).`,
    );
  }
  const { revision, highlights, documentNote, readingPosition, awaitingPage, lang, dir, writingMode } = data;
  return {
    summary: { ...summary },
    markdown,
    revision,
    highlights,
    documentNote,
    readingPosition,
    awaitingPage: awaitingPage === true,
    ...textLanguage({ lang, dir, writingMode }),
  };
}

/** Sets a document's language, direction and writing mode to those given, dropping whichever is not declared. */
function withTextLanguage(document: DocumentFile, { lang, dir, writingMode }: TextLanguage): void {
  delete document.lang;
  delete document.dir;
  delete document.writingMode;
  Object.assign(document, textLanguage({ lang, dir, writingMode }));
}
