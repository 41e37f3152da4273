/**
 * What the parsers produce and apply.ts consumes. A parser reads one file
 * completely, or throws; it never touches the library.
 */
import type {
  HighlightColor,
  ImportedDocumentDetails,
  ImportedHighlightDetails,
  TextPositionSelector,
  TextQuoteSelector,
} from '../../../common/contract';
import type { BookHeading } from './common';
import type { TextDirection, WritingMode } from '../../../common/text/language';

/** Which document an imported annotation belongs to, as far as the file says. */
export interface ImportedSourceDocument {
  /** A Gloss document id, from a `urn:gloss:document:<id>` target. */
  id?: string;
  /** The document's address (or, from a Gloss export, its `source` field). */
  uri?: string;
  title?: string;
}

/** One highlight or annotation read from a file, not yet placed in any document. */
export interface ImportedAnnotation {
  sourceDocument: ImportedSourceDocument;
  /** The highlighted text; null when the file gives none (e.g. a page note). */
  quote: TextQuoteSelector | null;
  /** Offsets in the source document's text, when the file gives them; only a hint for anchoring. */
  position: TextPositionSelector | null;
  color: HighlightColor;
  /** Markdown; empty when there is none. */
  note: string;
  tags: string[];
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /**
   * A valid Gloss highlight id: the file's own id when it is one, else one
   * derived from the file's id or content (see `stableId`), so importing the
   * same file twice gives the same ids and the second import skips them.
   */
  id?: string;
  /** Where in the file this came from (`line 12`, `$.first.items[3]`), for messages. */
  origin: string;
  /** The file's own place and date text, stored with the highlight (see ImportedHighlightDetails). */
  imported?: ImportedHighlightDetails;
  /**
   * A reply (Hypothesis's `references`): the id of the annotation it answers
   * and that one's quote when the file holds it. A reply has no quote of its
   * own; it joins the document note with the page notes.
   */
  replyTo?: { id: string; quote: string | null };
}

/** A document described by a Gloss JSON export (`gloss:documents`). */
export interface ImportedDocumentInfo {
  id?: string;
  uri?: string;
  title?: string;
  /** When it was added to the library it was exported from; kept when the file recreates it. */
  addedAt?: string;
  importedDetails?: ImportedDocumentDetails;
  author?: string | null;
  date?: string | null;
  /** The model's `language` and `textDirection` of the document, and Gloss's `gloss:writingMode`. */
  lang?: string;
  dir?: TextDirection;
  writingMode?: WritingMode;
  documentNote: { text: string; updatedAt: string } | null;
  /**
   * The document's Markdown body, when the export carries it (`gloss:body`,
   * not written by Gloss's exporter yet): then a library without the
   * document can have it created.
   */
  body?: string;
  origin: string;
}

/** A note from a Kindle file that no highlight's location range contains. */
export interface LooseNote {
  text: string;
  /** E.g. `Location 182` or `page 12`, as read; empty when the file gave neither. */
  where: string;
  /** The date as written in the file. */
  dateText: string;
  createdAt: string;
  origin: string;
}

/**
 * A book (or article) known only through its highlights, as Kindle and
 * Readwise files give them: applying it creates a document whose body is the
 * passages, one after another.
 */
export interface ImportedBook {
  title: string;
  author: string | null;
  /** Written to the document's `source`: a web address, `Kindle`, or null. */
  source: string | null;
  /** The document body: each passage's paragraphs, in order (see passagesBody). */
  body: string;
  /** One per passage, in body order; `quote.exact` is the passage as the file gives it. */
  annotations: ImportedAnnotation[];
  notesWithoutHighlight: LooseNote[];
  /** Stored with the document made for the book. */
  details?: ImportedDocumentDetails;
  /** Headings of the body (Readwise's `.h1`–`.h6`), between the passages. */
  headings?: BookHeading[];
}

export interface WebAnnotationImport {
  format: 'web-annotation';
  annotations: ImportedAnnotation[];
  /** Documents described in the file (Gloss exports only). */
  documents: ImportedDocumentInfo[];
  warnings: string[];
}

export interface BooksImport {
  format: 'kindle' | 'readwise-import' | 'readwise-export';
  books: ImportedBook[];
  /** What was read but deliberately not imported, or read approximately. */
  warnings: string[];
}

export type ParsedImport = WebAnnotationImport | BooksImport;
