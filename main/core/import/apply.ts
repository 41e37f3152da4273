/**
 * Puts a parsed import into a library.
 *
 * Everything is planned first, without writing: documents are read (without
 * being opened, see LibraryStore.readDocument), matched, every highlight is
 * anchored against its document's rendered text and checked against the
 * storage schema. Only when the whole import is known to be valid is anything
 * written. What a disk error half-way would leave behind is what the store's
 * own writes leave: whole files, never torn ones.
 *
 * Books (Kindle, Readwise): each becomes a document whose body is its
 * passages as paragraphs (frontmatter: title, author, source), with one
 * highlight covering each passage. A book already in the library (same
 * title, author and source) gets its missing highlights instead; a document
 * Gloss made from passages (its body is exactly passagesBody of its
 * paragraphs) also gets the passages it lacks appended, so importing a Kindle
 * file that has grown since adds the new clippings to the same document.
 *
 * Annotations (Web Annotation JSON): each goes to an existing document,
 * found by its Gloss id (`urn:gloss:document:<id>`), else by its source
 * address, else by where its quotes anchor: the document where most of that
 * source's annotations anchor. Found by id or address, an annotation whose
 * passage is no longer in the text is kept as an orphan (as the reader keeps
 * one), shown in its document's "could not be placed" list. Found only by
 * anchoring, or not found at all, it is reported as unmatched: never
 * dropped without a word.
 *
 * Importing the same file again adds nothing: a highlight with the same id,
 * or the same quote at the same place in the same document, is counted as
 * already present.
 */
import { AnchoringBudget } from './anchoring-budget';
import { randomUUID } from 'node:crypto';
import { stringify as stringifyYaml } from 'yaml';
import type { DocumentNote, DocumentSummary, Highlight, HighlightAnchor, ImportedDocumentDetails } from '../../../common/contract';
import { anchorSelectors, describeTextRange, type TextSelectors } from '../../../common/anchoring';
import { type TextLanguage, textLanguage } from '../../../common/text/language';
import { GlossError } from '../errors';
import { normalizeNewlines, webUrl } from '../export/common';
import { containedMarkdown } from '../export/markdown-text';
import { type LibraryStore, readStoredDocument } from '../storage/library-store';
import { documentIdSchema, highlightSchema, limits } from '../storage/schema';
import { type BookHeading, importError, passageParagraphs, passagesBody } from './common';
import { type RenderedBlock, renderedBlocks } from './rendered-text';
import type {
  BooksImport,
  ImportedAnnotation,
  ImportedBook,
  ImportedDocumentInfo,
  LooseNote,
  ParsedImport,
  WebAnnotationImport,
} from './types';

/**
 * The revision given to an imported highlight that could not be placed.
 * The storage has no orphan flag: a highlight is an orphan when its revision
 * is not its document's (library-reader.ts orphanIds). The current revision
 * plus one would become the document's after its next edit and the orphan
 * would then pass for placed; this one no document reaches.
 */
export const unplacedRevision = Number.MAX_SAFE_INTEGER;

export interface ApplyOptions {
  /** Plan and report without writing anything. */
  dryRun?: boolean;
}

/** An annotation that went into no document, and why. */
export interface UnmatchedAnnotation {
  /** Where in the file it came from (`line 12`, `$.first.items[3]`). */
  origin: string;
  quote: string | null;
  sourceTitle: string | null;
  reason: string;
  annotation: ImportedAnnotation;
}

/** What an import did, for the user. */
export interface ImportReport {
  documentsCreated: number;
  highlightsAdded: number;
  /** Highlights skipped because the library already has them (a second import of the same file). */
  alreadyPresent: number;
  /** Highlights kept in their document although their passage is not in its text (listed there as not placed). */
  orphaned: { origin: string; documentTitle: string; quote: string }[];
  unmatched: UnmatchedAnnotation[];
  /** Kindle notes that no highlight contains: put in their document's note. */
  notesWithoutHighlight: { origin: string; documentTitle: string; text: string }[];
  /** Document notes set from the file (Gloss JSON exports carry them). */
  documentNotesSet: number;
  warnings: string[];
  /** Each document the import touched; `id` is null for one a dry run would create. */
  documents: { id: string | null; title: string; created: boolean; highlightsAdded: number }[];
}

/** A library document as the planner sees it. */
interface LibraryDocument {
  summary: DocumentSummary;
  markdown: string;
  revision: number;
  highlights: Highlight[];
  documentNote: DocumentNote | null;
  rendered: { text: string; blocks: RenderedBlock[] } | null;
}

/** A document to create. */
interface NewDocument {
  markdown: string;
  title: string;
  body: string;
  rendered: { text: string; blocks: RenderedBlock[] };
  highlights: Highlight[];
  documentNote: string | null;
  /** What a Gloss export says of the document it recreates, kept as it was: its id, when it was added, when its note was written. */
  identity: NewDocumentIdentity;
  /** Places of the highlights the document had before the import (none: it is new). */
  keys: Set<string>;
}

interface NewDocumentIdentity {
  awaitingPage?: true;
  id?: string;
  addedAt?: string;
  documentNoteUpdatedAt?: string;
  importedDetails?: ImportedDocumentDetails;
}

/** Changes to an existing document. */
interface DocumentChange {
  document: LibraryDocument;
  newBody: { markdown: string; revision: number } | null;
  reanchored: HighlightAnchor[];
  add: Highlight[];
  documentNote: string | null;
  /** Places (placeKey) of the highlights the document had before the import. */
  keys: Set<string>;
}

/**
 * What an import will write, worked out from the file and the library before
 * anything is written. Plain data: the import worker works it out off the
 * main process's event loop and hands it over (import/work.ts).
 */
export interface ImportPlan {
  report: ImportReport;
  creates: {
    markdown: string;
    identity: NewDocumentIdentity;
    highlights: Highlight[];
    documentNote: string | null;
    /** Its entry in report.documents, which gets the new document's id once written. */
    reportIndex: number;
  }[];
  changes: {
    documentId: string;
    title: string;
    revision: number;
    newBody: { markdown: string; revision: number } | null;
    reanchored: HighlightAnchor[];
    add: Highlight[];
    documentNote: string | null;
  }[];
}

/** The library as an import sees it: every readable document, and why any other could not be read. */
export interface LibrarySnapshot {
  documents: Omit<LibraryDocument, 'rendered'>[];
  problems: string[];
}

/** Applies a parsed import to the library: validates everything, then writes. See the file comment. */
export async function applyImport(store: LibraryStore, parsed: ParsedImport, options: ApplyOptions = {}): Promise<ImportReport> {
  const plan = planImport(await readLibrary(store), parsed);
  if (!options.dryRun) await writePlan(store, plan);
  return plan.report;
}

/** Works out what `parsed` does to the library, validating everything; writes nothing. */
export function planImport(library: LibrarySnapshot, parsed: ParsedImport): ImportPlan {
  const planner = new Planner({
    documents: library.documents.map((document) => ({ ...document, rendered: null })),
    warnings: [...parsed.warnings, ...library.problems],
  });
  if (parsed.format === 'web-annotation') planner.planAnnotations(parsed);
  else planner.planBooks(parsed);
  planner.validate();
  return planner.plan();
}

/** Writes a plan: new documents with their highlights, then the changes to existing ones. */
export async function writePlan(store: LibraryStore, plan: ImportPlan): Promise<void> {
  // An id the library (or an earlier book of this file) already has is not reused: that book gets a new one.
  const ids = new Set(store.state().documents.map((summary) => summary.id));
  const summaries = await store.importMarkdownAll(
    plan.creates.map(({ markdown, highlights, documentNote, identity }) => {
      const { id, addedAt, documentNoteUpdatedAt, importedDetails, awaitingPage } = identity;
      const keepsId = id !== undefined && !ids.has(id);
      if (keepsId) ids.add(id);
      return {
        text: markdown,
        options: {
          ...(keepsId ? { id } : {}),
          ...(addedAt !== undefined ? { addedAt } : {}),
          ...(importedDetails ? { importedDetails } : {}),
          ...(awaitingPage ? { awaitingPage } : {}),
          highlights,
          documentNote: documentNote === null ? null : { text: documentNote, updatedAt: documentNoteUpdatedAt },
        },
      };
    }),
  );
  for (const [index, created] of plan.creates.entries()) {
    plan.report.documents[created.reportIndex]!.id = summaries[index]!.id;
    if (created.documentNote !== null) plan.report.documentNotesSet++;
  }
  for (const change of plan.changes) {
    const id = change.documentId;
    if (change.newBody) {
      const { revision } = await store.saveDocumentBody(id, change.newBody.markdown, change.revision);
      if (revision !== change.newBody.revision)
        throw new GlossError('conflict', `“${change.title}” changed during the import; import the file again.`);
      if (change.reanchored.length > 0) await store.updateAnchors(id, change.reanchored);
    }
    if (change.add.length > 0) await store.putHighlights(id, change.add);
    if (change.documentNote !== null) {
      await store.setDocumentNote(id, change.documentNote);
      plan.report.documentNotesSet++;
    }
  }
}

/** The library as the store holds it, changes its files do not have yet included. */
export function readLibrary(store: LibraryStore): Promise<LibrarySnapshot> {
  return snapshotOf(store.state().documents, (summary) => store.readDocument(summary.id));
}

/** Where a library's files are, and which documents it lists: what a worker thread reads a snapshot from. */
export interface LibraryOnDisk {
  dataDir: string;
  summaries: DocumentSummary[];
}

/** The library from its files alone (after the store's last write reached them), changing nothing. */
export function readLibraryOnDisk({ dataDir, summaries }: LibraryOnDisk): Promise<LibrarySnapshot> {
  return snapshotOf(summaries, (summary) => readStoredDocument(dataDir, summary));
}

async function snapshotOf(
  summaries: readonly DocumentSummary[],
  read: (summary: DocumentSummary) => Promise<LibrarySnapshot['documents'][number]>,
): Promise<LibrarySnapshot> {
  const documents: LibrarySnapshot['documents'] = [];
  const problems: string[] = [];
  for (const summary of summaries) {
    try {
      documents.push(await read(summary));
    } catch (error) {
      if (!(error instanceof GlossError)) throw error;
      // Opening it in the reader repairs or explains it; the import goes on without it.
      problems.push(`“${summary.title}” could not be read, so nothing was matched to it: ${error.message}`);
    }
  }
  return { documents, problems };
}

function rendered(document: LibraryDocument): { text: string; blocks: RenderedBlock[] } {
  document.rendered ??= renderedBlocks(document.markdown);
  return document.rendered;
}

/** Identity of a highlight's place, for "same quote at the same place". */
function placeKey(highlight: Pick<Highlight, 'quote' | 'position'>): string {
  return JSON.stringify([highlight.quote.exact, highlight.position.start, highlight.position.end]);
}

/** A string for the document's `title`/`author`/`source` frontmatter: one line, trimmed. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

class Planner {
  readonly report: ImportReport;
  readonly #documents: LibraryDocument[];
  readonly #newDocuments: NewDocument[] = [];
  readonly #changes = new Map<string, DocumentChange>();
  /** The placeholders this import makes, by the address of the page they wait for. */
  readonly #placeholders = new Map<string, NewDocument>();
  /** Page notes and replies of an annotation file, by the document whose note they join. */
  readonly #pageNotes = new Map<LibraryDocument | NewDocument, LooseNote[]>();
  /** Every highlight id in the library and in the plan. */
  readonly #ids = new Set<string>();
  readonly #reportEntries = new Map<object, ImportReport['documents'][number]>();
  /** Library documents already matched to a document entry of the file being imported. */
  readonly #claimed = new Set<LibraryDocument>();
  /** Fuzzy matching for the whole import is bounded (anchoring-budget.ts). */
  readonly #budget = new AnchoringBudget();

  constructor(library: { documents: LibraryDocument[]; warnings: string[] }) {
    this.#documents = library.documents;
    for (const document of this.#documents) for (const highlight of document.highlights) this.#ids.add(highlight.id);
    this.report = {
      documentsCreated: 0,
      highlightsAdded: 0,
      alreadyPresent: 0,
      orphaned: [],
      unmatched: [],
      notesWithoutHighlight: [],
      documentNotesSet: 0,
      warnings: library.warnings,
      documents: [],
    };
  }

  // ---- Books ----

  planBooks(parsed: BooksImport): void {
    for (const book of parsed.books) this.#planBook(book);
  }

  #planBook(book: ImportedBook): void {
    const title = oneLine(book.title) || 'Untitled';
    const author = book.author === null ? null : oneLine(book.author) || null;
    const source = book.source === null ? null : oneLine(book.source) || null;
    const bookText = renderedBlocks(book.body);
    const ranges = passageRanges(book, bookText);
    const exacts = ranges.map(({ start, end }) => bookText.text.slice(start, end));
    const candidates = this.#documents.filter(
      (document) => document.summary.title === title && document.summary.author === author && document.summary.source === source,
    );
    // Of several documents for the book, the one holding most of its passages.
    const scored = candidates.map((document) => ({
      document,
      found: exacts.filter((exact) => rendered(document).text.includes(exact)).length,
    }));
    scored.sort((a, b) => b.found - a.found);
    const existing = scored[0]?.document;
    if (!existing) {
      const created = this.#newDocument(
        { title, author, source, date: null },
        book.body,
        bookText,
        book.details ? { importedDetails: book.details } : {},
      );
      book.annotations.forEach((annotation, index) => {
        const range = ranges[index]!;
        this.#add(created, annotation, describeTextRange(bookText.text, range.start, range.end), 0);
      });
      const note = looseNotesMarkdown(book.notesWithoutHighlight, '');
      if (note !== null) created.documentNote = note;
      this.#reportLooseNotes(book, title);
      return;
    }
    const change = this.#change(existing);
    const text = rendered(existing);
    const owned = isPassagesDocument(existing);
    const boundaries = owned
      ? { starts: new Set(text.blocks.map((block) => block.start)), ends: new Set(text.blocks.map((block) => block.end)) }
      : null;
    const taken = new Set<number>();
    const missing: number[] = [];
    book.annotations.forEach((annotation, index) => {
      if (annotation.id !== undefined && this.#ids.has(annotation.id)) {
        this.report.alreadyPresent++;
        return;
      }
      const exact = exacts[index]!;
      const found = owned
        ? alignedPassage(text.text, boundaries!, exact, taken)
        : anchorQuote(text.text, annotation.quote!, annotation.position, this.#budget);
      if (found) {
        if (owned) taken.add(found.start);
        this.#add(change, annotation, describeTextRange(text.text, found.start, found.end), existing.revision);
      } else if (owned) missing.push(index);
      else this.#unmatched(annotation, `not found in the text of “${existing.summary.title}”, the library's document for this book`);
    });
    if (missing.length > 0) this.#appendPassages(change, book, missing);
    const note = looseNotesMarkdown(book.notesWithoutHighlight, existing.documentNote?.text ?? '');
    if (note !== null) change.documentNote = note;
    this.#reportLooseNotes(book, existing.summary.title);
  }

  /**
   * Appends passages to a document made of passages, moving the document to
   * its next revision: the highlights planned on the old text keep their
   * offsets (appending changes nothing before the end) and are described on
   * the new text; the document's existing highlights are re-anchored as the
   * reader would after an edit.
   */
  #appendPassages(change: DocumentChange, book: ImportedBook, indexes: number[]): void {
    const document = change.document;
    const oldText = rendered(document).text;
    const appended = indexes.map((index) => book.annotations[index]!);
    const addition = passagesBody(appended.map((annotation) => annotation.quote!.exact));
    const markdown = document.markdown === '' ? addition : `${document.markdown.replace(/\s+$/, '')}\n\n${addition}`;
    const next = renderedBlocks(markdown);
    const paragraphs = appended.reduce((sum, annotation) => sum + passageParagraphs(annotation.quote!.exact).length, 0);
    if (!next.text.startsWith(oldText) || next.blocks.length !== rendered(document).blocks.length + paragraphs) {
      for (const annotation of appended)
        this.#unmatched(annotation, `not in “${document.summary.title}”, and it could not be added to its end`);
      return;
    }
    const revision = document.revision + 1;
    change.newBody = { markdown, revision };
    change.add = change.add.map((highlight) => ({
      ...highlight,
      ...describeTextRange(next.text, highlight.position.start, highlight.position.end),
      revision,
    }));
    change.keys = new Set();
    for (const highlight of document.highlights) {
      const found = anchorSelectors(next.text, highlight);
      // Orphans stay as they are, as the reader leaves them.
      if (found) change.reanchored.push({ id: highlight.id, ...describeTextRange(next.text, found.start, found.end), revision });
      const moved = found ? describeTextRange(next.text, found.start, found.end) : highlight;
      change.keys.add(placeKey(moved));
    }
    const blocks = next.blocks.slice(next.blocks.length - paragraphs);
    let block = 0;
    for (const annotation of appended) {
      const count = passageParagraphs(annotation.quote!.exact).length;
      const first = blocks[block]!;
      const last = blocks[block + count - 1]!;
      block += count;
      this.#add(change, annotation, describeTextRange(next.text, first.start, last.end), revision);
    }
  }

  /**
   * A note on a page as a whole, or a reply to an annotation (neither has a
   * passage of its own), goes to the page's document note, after what it
   * holds, once: a later import of the same file adds nothing.
   */
  #pageNote(target: LibraryDocument | NewDocument, annotation: ImportedAnnotation): void {
    const quote = annotation.replyTo?.quote;
    const where = !annotation.replyTo ? 'Page note' : quote ? `Reply to “${quoteStart(quote)}”` : 'Reply';
    const notes = this.#pageNotes.get(target) ?? [];
    notes.push({
      text: annotation.note,
      where,
      dateText: annotation.createdAt.slice(0, 10),
      createdAt: annotation.createdAt,
      origin: annotation.origin,
    });
    this.#pageNotes.set(target, notes);
  }

  #reportLooseNotes(book: ImportedBook, documentTitle: string): void {
    for (const note of book.notesWithoutHighlight)
      this.report.notesWithoutHighlight.push({ origin: note.origin, documentTitle, text: note.text });
  }

  // ---- Annotations ----

  planAnnotations(parsed: WebAnnotationImport): void {
    const infoById = new Map(parsed.documents.filter((info) => info.id !== undefined).map((info) => [info.id!, info]));
    const targets = new Map<ImportedDocumentInfo, LibraryDocument | NewDocument>();
    // Documents the file carries whole and the library lacks are created first, so annotations can go to them.
    for (const info of parsed.documents) {
      const target = this.#documentForInfo(info);
      if (target) targets.set(info, target);
    }
    const groups = new Map<string, ImportedAnnotation[]>();
    for (const annotation of parsed.annotations) {
      const { id, uri, title } = annotation.sourceDocument;
      const key = JSON.stringify([id ?? null, uri ?? null, title ?? null]);
      // Pushed in place: copying the group on every annotation made a big file quadratic.
      const group = groups.get(key);
      if (group) group.push(annotation);
      else groups.set(key, [annotation]);
    }
    for (const annotations of groups.values()) {
      const info = annotations[0]!.sourceDocument.id === undefined ? undefined : infoById.get(annotations[0]!.sourceDocument.id);
      const known = info ? targets.get(info) : undefined;
      const target = known ? { document: known, strong: true } : this.#documentForAnnotations(annotations);
      if (!target) {
        const address = annotations[0]!.sourceDocument.uri === undefined ? null : webUrl(annotations[0]!.sourceDocument.uri);
        if (address !== null) this.#placeholderFor(address, annotations);
        else for (const annotation of annotations) this.#unmatched(annotation, 'its passage was found in no document of the library');
        continue;
      }
      if (info && !targets.has(info)) targets.set(info, target.document);
      for (const annotation of annotations) this.#placeAnnotation(target.document, annotation, target.strong);
    }
    for (const info of parsed.documents) {
      const target = targets.get(info);
      if (target) this.#restoreDocumentNote(info, target);
      else if (info.documentNote) {
        this.report.warnings.push(
          `${info.origin}: the document note of “${info.title ?? 'a document'}” was not imported: no document in the library is that document.`,
        );
      }
    }
    for (const [target, notes] of this.#pageNotes) {
      const isNew = !('summary' in target);
      const current =
        (isNew ? target.documentNote : (this.#changes.get(target.summary.id)?.documentNote ?? target.documentNote?.text)) ?? '';
      // Those already in the note (the same file imported again) are neither added nor counted.
      const fresh = notes.filter((note) => !current.includes(looseNoteEntry(note)));
      const note = looseNotesMarkdown(fresh, current, pageNotesHeading);
      if (note === null) continue;
      if (isNew) target.documentNote = note;
      else this.#change(target).documentNote = note;
      const title = isNew ? target.title : target.summary.title;
      for (const { origin, text } of fresh) this.report.notesWithoutHighlight.push({ origin, documentTitle: title, text });
    }
  }

  /**
   * The library document a Gloss export's document entry names (by id,
   * identical text, or the only document with its source), or a new one made
   * from its text when the file carries it.
   */
  #documentForInfo(info: ImportedDocumentInfo): LibraryDocument | NewDocument | null {
    const byId = info.id === undefined ? undefined : this.#documents.find((document) => document.summary.id === info.id);
    if (byId) return this.#claim(byId);
    const title = oneLine(info.title ?? '') || 'Untitled';
    // The same text is the same document, unless there is no text to tell by: books known only by their
    // notes (Kindle, empty text) must also have the same title, author and source, or two would become one.
    const sameText =
      info.body === undefined
        ? undefined
        : this.#unclaimed().find(
            (document) =>
              document.markdown === info.body &&
              (info.body.trim() !== '' ||
                (document.summary.title === title &&
                  document.summary.author === (info.author ?? null) &&
                  document.summary.source === (info.uri ?? null))),
          );
    if (sameText) return this.#claim(sameText);
    const byUri = info.uri === undefined ? [] : this.#unclaimed().filter((document) => document.summary.source === info.uri);
    if (byUri.length === 1) return this.#claim(byUri[0]!);
    if (info.body === undefined) return null;
    const identity: NewDocumentIdentity = {};
    // The document's own id, unless the library already uses it (for another document) or it is not one Gloss accepts.
    if (
      info.id !== undefined &&
      documentIdSchema.safeParse(info.id).success &&
      !this.#newDocuments.some((created) => created.identity.id === info.id)
    )
      identity.id = info.id;
    if (info.addedAt !== undefined) identity.addedAt = info.addedAt;
    if (info.documentNote) identity.documentNoteUpdatedAt = info.documentNote.updatedAt;
    if (info.importedDetails) identity.importedDetails = info.importedDetails;
    return this.#newDocument(
      { title, author: info.author ?? null, source: info.uri ?? null, date: info.date ?? null, ...textLanguage(info) },
      info.body,
      renderedBlocks(info.body),
      identity,
    );
  }

  /**
   * Annotations of a web page the library does not have (a Hypothesis export into a new library) are
   * kept, not dropped: on a placeholder document for that address, without text, listed as unplaced
   * until the page is added (import-files.ts then fills the placeholder in and places them).
   */
  #placeholderFor(address: string, annotations: ImportedAnnotation[]): void {
    const known = this.#placeholders.get(address);
    const title =
      known?.title ?? (oneLine(annotations.find((annotation) => annotation.sourceDocument.title)?.sourceDocument.title ?? '') || address);
    // Annotations of one address that name its title differently, or not at all, still wait on one placeholder.
    const placeholder =
      known ?? this.#newDocument({ title, author: null, source: address, date: null }, '', renderedBlocks(''), { awaitingPage: true });
    this.#placeholders.set(address, placeholder);
    for (const annotation of annotations) {
      if (annotation.quote === null) {
        if (isPageNote(annotation)) this.#pageNote(placeholder, annotation);
        else this.#unmatched(annotation, 'it has no quoted text (TextQuoteSelector) to find its place by once the page is added');
        continue;
      }
      const length = Math.max(1, Math.min(annotation.quote.exact.length, limits.bodyLength));
      const position = annotation.position ?? { type: 'TextPositionSelector' as const, start: 0, end: length };
      if (this.#add(placeholder, annotation, { quote: annotation.quote, position }, unplacedRevision))
        this.report.orphaned.push({ origin: annotation.origin, documentTitle: title, quote: annotation.quote.exact });
    }
  }

  /** Library documents that no document entry of this file has been matched to yet. */
  #unclaimed(): LibraryDocument[] {
    return this.#documents.filter((document) => !this.#claimed.has(document));
  }

  /** Marks a library document as the match of one document entry, so that no other entry of the file takes it too. */
  #claim(document: LibraryDocument): LibraryDocument {
    this.#claimed.add(document);
    return document;
  }

  /**
   * The document a group of annotations from one source belongs to: by Gloss
   * id, then by address (`strong`: its unplaceable annotations are kept as
   * orphans), then by where most of them anchor.
   */
  #documentForAnnotations(annotations: ImportedAnnotation[]): { document: LibraryDocument; strong: boolean } | null {
    const { id, uri, title } = annotations[0]!.sourceDocument;
    const byId = id === undefined ? undefined : this.#documents.find((document) => document.summary.id === id);
    if (byId) return { document: byId, strong: true };
    let candidates = this.#documents;
    if (uri !== undefined) {
      const byUri = this.#documents.filter((document) => document.summary.source === uri);
      if (byUri.length === 1) return { document: byUri[0]!, strong: true };
      if (byUri.length > 1) candidates = byUri;
    }
    const quotes = annotations.filter((annotation) => annotation.quote !== null);
    if (quotes.length === 0) return null;
    // Verbatim occurrences first: cheap, and decisive for any document the quotes were made on.
    const verbatim = (document: LibraryDocument) =>
      quotes.filter((annotation) => rendered(document).text.includes(normalizeNewlines(annotation.quote!.exact))).length;
    const anchored = (document: LibraryDocument) =>
      quotes.filter(
        (annotation) =>
          anchorQuote(rendered(document).text, annotation.quote!, annotation.position, this.#budget, candidates !== this.#documents) !==
          null,
      ).length;
    for (const count of [verbatim, anchored]) {
      const scored = candidates.map((document, index) => ({
        document,
        index,
        count: count(document),
        titled: document.summary.title === title ? 1 : 0,
      }));
      scored.sort((a, b) => b.count - a.count || b.titled - a.titled || a.index - b.index);
      const best = scored[0];
      // Among the documents with its address, the one its quotes anchor in is as certain as an address match.
      if (best && best.count > 0) return { document: best.document, strong: candidates !== this.#documents };
    }
    return null;
  }

  #placeAnnotation(target: LibraryDocument | NewDocument, annotation: ImportedAnnotation, strong: boolean): void {
    if (annotation.id !== undefined && this.#ids.has(annotation.id)) {
      this.report.alreadyPresent++;
      return;
    }
    const isNew = !('summary' in target);
    const text = isNew ? target.rendered.text : rendered(target).text;
    const revision = isNew ? 0 : target.revision;
    const title = isNew ? target.title : target.summary.title;
    const plan = isNew ? target : this.#change(target);
    if (annotation.quote === null) {
      const position = annotation.position;
      if (strong && position && position.end <= text.length && !annotation.replyTo)
        this.#add(plan, annotation, describeTextRange(text, position.start, position.end), revision);
      else if (isPageNote(annotation)) this.#pageNote(target, annotation);
      else this.#unmatched(annotation, 'it has no quoted text (TextQuoteSelector) to find its place by');
      return;
    }
    const found = anchorQuote(text, annotation.quote, annotation.position, this.#budget, strong);
    if (found) {
      this.#add(plan, annotation, describeTextRange(text, found.start, found.end), revision);
      return;
    }
    if (strong && annotation.position) {
      // Its document is certain; its passage is gone from the text. Kept as the reader keeps an orphan.
      const added = this.#add(plan, annotation, { quote: annotation.quote, position: annotation.position }, unplacedRevision);
      if (added) this.report.orphaned.push({ origin: annotation.origin, documentTitle: title, quote: annotation.quote.exact });
      return;
    }
    this.#unmatched(
      annotation,
      strong
        ? `its passage is not in the text of “${title}”`
        : `its passage is not in “${title}”, where the other annotations of its source were found`,
    );
  }

  /** A Gloss export's document note goes to a document that has none; a different note already there is kept, and the user told. */
  #restoreDocumentNote(info: ImportedDocumentInfo, target: LibraryDocument | NewDocument): void {
    if (!info.documentNote) return;
    if (!('summary' in target)) {
      target.documentNote = info.documentNote.text;
      return;
    }
    const current = target.documentNote?.text ?? '';
    if (current === info.documentNote.text) return;
    if (current.trim() === '') this.#change(target).documentNote = info.documentNote.text;
    else
      this.report.warnings.push(
        `${info.origin}: “${target.summary.title}” already has a different document note; the note in the file was not imported.`,
      );
  }

  // ---- Shared ----

  #newDocument(
    metadata: { title: string; author: string | null; source: string | null; date: string | null } & TextLanguage,
    body: string,
    text: { text: string; blocks: RenderedBlock[] },
    identity: NewDocumentIdentity = {},
  ): NewDocument {
    const fields: Record<string, string> = { title: metadata.title };
    if (metadata.author) fields.author = oneLine(metadata.author);
    if (metadata.source) fields.source = oneLine(metadata.source);
    if (metadata.date) fields.date = oneLine(metadata.date);
    if (metadata.lang) fields.lang = metadata.lang;
    if (metadata.dir) fields.dir = metadata.dir;
    if (metadata.writingMode) fields['writing-mode'] = metadata.writingMode;
    // The yaml package quotes whatever needs it; lineWidth 0 keeps a long title on one line.
    const markdown = `---\n${stringifyYaml(fields, { lineWidth: 0 })}---\n${body}`;
    const created: NewDocument = {
      markdown,
      title: metadata.title,
      body,
      rendered: text,
      highlights: [],
      documentNote: null,
      identity,
      keys: new Set(),
    };
    this.#newDocuments.push(created);
    this.report.documentsCreated++;
    const entry = { id: null, title: metadata.title, created: true, highlightsAdded: 0 };
    this.#reportEntries.set(created, entry);
    this.report.documents.push(entry);
    return created;
  }

  #change(document: LibraryDocument): DocumentChange {
    let change = this.#changes.get(document.summary.id);
    if (!change) {
      change = { document, newBody: null, reanchored: [], add: [], documentNote: null, keys: new Set(document.highlights.map(placeKey)) };
      this.#changes.set(document.summary.id, change);
      const entry = { id: document.summary.id, title: document.summary.title, created: false, highlightsAdded: 0 };
      this.#reportEntries.set(change, entry);
      this.report.documents.push(entry);
    }
    return change;
  }

  /**
   * Adds a highlight to the plan unless it is already there: its id is in
   * the library or the plan, or the document already had a highlight of the
   * same quote at the same place. Returns whether it was added.
   */
  #add(plan: NewDocument | DocumentChange, annotation: ImportedAnnotation, selectors: TextSelectors, revision: number): boolean {
    const id = annotation.id ?? randomUUID();
    const highlight: Highlight = {
      id,
      quote: { ...selectors.quote },
      position: { ...selectors.position },
      revision,
      color: annotation.color,
      note: annotation.note,
      tags: [...annotation.tags],
      createdAt: annotation.createdAt,
      updatedAt: annotation.updatedAt,
      ...(annotation.imported ? { imported: structuredClone(annotation.imported) } : {}),
    };
    const key = placeKey(highlight);
    if (this.#ids.has(id) || plan.keys.has(key)) {
      this.report.alreadyPresent++;
      return false;
    }
    const checked = highlightSchema.safeParse(highlight);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw importError(
        annotation.origin,
        `this highlight cannot be stored: ${issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'it is invalid'}.`,
      );
    }
    // The place is not recorded: two highlights of one passage in the file (two colors, say) are two highlights.
    this.#ids.add(id);
    if ('add' in plan) plan.add.push(highlight);
    else plan.highlights.push(highlight);
    this.report.highlightsAdded++;
    this.#reportEntries.get(plan)!.highlightsAdded++;
    return true;
  }

  #unmatched(annotation: ImportedAnnotation, reason: string): void {
    this.report.unmatched.push({
      origin: annotation.origin,
      quote: annotation.quote?.exact ?? null,
      sourceTitle: annotation.sourceDocument.title ?? null,
      reason,
      annotation,
    });
  }

  /** The checks a write would make, made before any write. */
  validate(): void {
    for (const created of this.#newDocuments) {
      if (created.body.length > limits.bodyLength)
        throw new GlossError('invalid-argument', `“${created.title}” is larger than Gloss allows (${limits.bodyLength} characters).`);
      if ((created.documentNote ?? '').length > limits.noteLength)
        throw new GlossError('invalid-argument', `The document note for “${created.title}” is longer than Gloss allows.`);
    }
    for (const change of this.#changes.values()) {
      if (change.newBody && change.newBody.markdown.length > limits.bodyLength) {
        throw new GlossError(
          'invalid-argument',
          `“${change.document.summary.title}” would become larger than Gloss allows (${limits.bodyLength} characters).`,
        );
      }
      if ((change.documentNote ?? '').length > limits.noteLength)
        throw new GlossError(
          'invalid-argument',
          `The document note of “${change.document.summary.title}” would become longer than Gloss allows.`,
        );
    }
  }

  /** The plan as plain data, for writePlan. */
  plan(): ImportPlan {
    return {
      report: this.report,
      creates: this.#newDocuments.map((created) => ({
        markdown: created.markdown,
        identity: created.identity,
        highlights: created.highlights,
        documentNote: created.documentNote,
        reportIndex: this.report.documents.indexOf(this.#reportEntries.get(created)!),
      })),
      changes: [...this.#changes.values()].map((change) => ({
        documentId: change.document.summary.id,
        title: change.document.summary.title,
        revision: change.document.revision,
        newBody: change.newBody,
        reanchored: change.reanchored,
        add: change.add,
        documentNote: change.documentNote,
      })),
    };
  }
}

/**
 * Each passage's range in its book's rendered body: its paragraphs are the
 * next blocks, in order. The body is passagesBody of the passages, which
 * renders one `<p>` per paragraph; a body from elsewhere that does not is an
 * internal error, not a user's.
 */
function passageRanges(book: ImportedBook, text: { text: string; blocks: RenderedBlock[] }): { start: number; end: number }[] {
  // The body's headings (Readwise's `.h1`–`.h6`) stand between passages and belong to none.
  const paragraphs = text.blocks.filter((block) => !headingTag.test(block.tag));
  let block = 0;
  return book.annotations.map((annotation) => {
    const count = passageParagraphs(annotation.quote?.exact ?? '').length;
    const first = paragraphs[block];
    const last = paragraphs[block + count - 1];
    block += count;
    if (count === 0 || !first || !last || last.end <= first.start) {
      throw new GlossError('internal', `${annotation.origin}: the passage could not be placed in the document made for “${book.title}”.`);
    }
    return { start: first.start, end: last.end };
  });
}

const headingTag = /^H([1-6])$/;

/** Whether Gloss made this document from passages: its body is exactly what passagesBody writes for its paragraphs and headings. */
function isPassagesDocument(document: LibraryDocument): boolean {
  const { text, blocks } = rendered(document);
  if (!blocks.every((block) => block.tag === 'P' || headingTag.test(block.tag))) return false;
  const paragraphs: string[] = [];
  const headings: BookHeading[] = [];
  for (const block of blocks) {
    const level = headingTag.exec(block.tag)?.[1];
    if (level === undefined) paragraphs.push(text.slice(block.start, block.end));
    else headings.push({ before: paragraphs.length, level: Number(level), text: text.slice(block.start, block.end) });
  }
  return passagesBody(paragraphs, headings) === document.markdown;
}

/** An occurrence of `exact` spanning whole paragraphs of a passages document, not already taken by this import. */
function alignedPassage(
  text: string,
  boundaries: { starts: ReadonlySet<number>; ends: ReadonlySet<number> },
  exact: string,
  taken: ReadonlySet<number>,
): { start: number; end: number } | null {
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    if (boundaries.starts.has(at) && boundaries.ends.has(at + exact.length) && !taken.has(at)) return { start: at, end: at + exact.length };
  }
  return null;
}

/**
 * Anchors a quote (and position hint, if any) in `text` the way the reader does; the fuzzy search only within the import's budget.
 * `sameDocument` false: `text` is only a guess at the annotation's document, so a bare quote occurring once there is not
 * its passage; its stored context (or a long quote) must say so (see anchorSelectors).
 */
function anchorQuote(
  text: string,
  quote: NonNullable<ImportedAnnotation['quote']>,
  position: ImportedAnnotation['position'],
  budget: AnchoringBudget,
  sameDocument = true,
): { start: number; end: number } | null {
  // Line breaks as the rendered text has them: marked turns CR LF and CR into LF.
  const exact = normalizeNewlines(quote.exact);
  // Found where its position says costs nothing; a search of the whole text for each of 10,000 highlights was a third of an import's time.
  const atPosition = position ? text.startsWith(exact, position.start) : false;
  if (!atPosition && !text.includes(exact) && !budget.allows(text, exact)) return null;
  // NaN offsets: no stored position and no hint, rather than a hint at the very start.
  const found = anchorSelectors(
    text,
    {
      quote: { ...quote, exact },
      position: position ?? { type: 'TextPositionSelector', start: Number.NaN, end: Number.NaN },
    },
    { sameDocument },
  );
  return found ? { start: found.start, end: found.end } : null;
}

const looseNotesHeading = 'Kindle notes that belong to no highlight:';
/** Where an annotation file's notes on a page as a whole (Hypothesis's page notes) and replies go in its document note. */
const pageNotesHeading = 'Notes on the page as a whole, and replies:';

/**
 * The document note with loose notes added under `heading` (each once, with
 * where and when it was made), or null when there is nothing to add.
 */
function looseNotesMarkdown(notes: readonly LooseNote[], current: string, heading = looseNotesHeading): string | null {
  const entries = notes.map(looseNoteEntry).filter((entry, index, all) => !current.includes(entry) && all.indexOf(entry) === index);
  if (entries.length === 0) return null;
  const head = current.trim() === '' ? [heading] : [current.replace(/\s+$/, ''), ...(current.includes(heading) ? [] : [heading])];
  return [...head, ...entries].join('\n\n');
}

/** A loose note as the document note holds it: where and when, then the note. */
function looseNoteEntry(note: LooseNote): string {
  return `${[note.where, note.dateText].filter((part) => part !== '').join(', ') || 'Note'}:\n\n${containedMarkdown(note.text)}`;
}

/** A note with no passage that still says something: a page note, or a reply. */
function isPageNote(annotation: ImportedAnnotation): boolean {
  return annotation.note.trim() !== '';
}

/** The first words of a quote, to say which annotation a reply answers. */
function quoteStart(quote: string): string {
  const oneLineQuote = quote.replace(/\s+/g, ' ').trim();
  if (oneLineQuote.length <= 60) return oneLineQuote;
  const head = oneLineQuote.slice(0, 61);
  const wordBreak = head.lastIndexOf(' ');
  return `${head.slice(0, wordBreak > 20 ? wordBreak : 60).trimEnd()}…`;
}
