/** The library and its documents: listing, opening, reading position, notes, text, details, delete and restore. */
import { z } from 'zod';
import { method } from './define';
import type { TextLanguage } from '../text/language';
import type { Highlight } from './highlights';
import { documentIdSchema, isoTimeSchema, limits } from './primitives';

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
  /** Fraction (0–1) of the whole document scrolled: where the reader is now. */
  progress: number;
  /** The furthest `progress` ever reached (kept by main, absent in positions saved before it was), for "% read". */
  furthest?: number;
}

export interface DocumentNote {
  /** Markdown. */
  text: string;
  updatedAt: string;
}

export interface OpenedDocument extends TextLanguage {
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

/**
 * What a launch shows first: the library's state with only its first
 * `documents` (most recently opened first, as the list's first order has
 * them) and their details, the count of all of them and every tag used.
 * With 10,000 documents the whole list and its details are 3.5 MB, which
 * the list does not need until the reader asks for more than a page.
 */
export interface LibraryFirstPage extends LibraryState {
  details: DocumentDetails[];
  /** How many documents the whole library holds. */
  total: number;
  /** Every tag used on any document's highlights, sorted. */
  tags: string[];
}

/** What the library list shows of a document beyond its summary. */
export interface DocumentDetails {
  documentId: string;
  /** Fraction (0–1) read: the furthest point of the saved reading position, so scrolling back up does not lower it. */
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

export const readingPositionSchema = z.object({
  blockIndex: z.number().int().min(0),
  blockOffset: z.number().min(0).max(1),
  progress: z.number().min(0).max(1),
  furthest: z.number().min(0).max(1).optional(),
}) satisfies z.ZodType<ReadingPosition>;

export const documentNoteSchema = z.object({
  text: z.string().max(limits.noteLength),
  updatedAt: isoTimeSchema,
}) satisfies z.ZodType<DocumentNote>;

const documentMetadataSchema = z
  .object({
    title: z.string().trim().min(1, 'a document needs a title').max(limits.metadataLength),
    author: z.string().trim().max(limits.metadataLength).nullable(),
    date: z.string().trim().max(100).nullable(),
  })
  .strict() satisfies z.ZodType<DocumentMetadata>;

/** `<time>-<document id>`, as the store names a trashed folder; the pattern keeps it a plain folder name. */
const trashIdSchema = z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9-]{12}Z-[A-Za-z0-9-]{1,64}$/);

export const libraryMethods = {
  getLibrary: method<() => Promise<LibraryState>>({
    channel: 'library:get',
    args: z.tuple([]),
    description: 'load the library',
  }),
  /** Progress, highlight count, tags and length of every document. */
  getLibraryDetails: method<() => Promise<DocumentDetails[]>>({
    channel: 'library:get-details',
    args: z.tuple([]),
    description: 'load the library details',
  }),
  /** The list's first page at launch, before the whole list (getLibrary and getLibraryDetails) follows. */
  getLibraryFirstPage: method<(size: number) => Promise<LibraryFirstPage>>({
    channel: 'library:get-first-page',
    args: z.tuple([z.number().int().min(1).max(limits.libraryFirstPage)]),
    description: 'load the library',
  }),
  openDocument: method<(documentId: string) => Promise<OpenedDocument>>({
    channel: 'document:open',
    args: z.tuple([documentIdSchema]),
    description: 'open the document',
  }),
  saveReadingPosition: method<(documentId: string, position: ReadingPosition) => Promise<void>>({
    channel: 'document:save-position',
    args: z.tuple([documentIdSchema, readingPositionSchema]),
    description: 'save the reading position',
  }),
  setDocumentNote: method<(documentId: string, text: string) => Promise<void>>({
    channel: 'document:set-note',
    args: z.tuple([documentIdSchema, z.string().max(limits.noteLength)]),
    description: 'save the document note',
  }),
  /** Replaces the body; refused with 'conflict' unless the document is still at `baseRevision`. */
  saveDocumentBody: method<(documentId: string, markdown: string, baseRevision: number) => Promise<{ revision: number }>>({
    channel: 'document:save-body',
    args: z.tuple([documentIdSchema, z.string().max(limits.bodyLength), z.number().int().min(0)]),
    description: 'save the document',
  }),
  /** Renames a document or corrects its author or date. */
  editDocumentMetadata: method<(documentId: string, metadata: DocumentMetadata) => Promise<DocumentSummary>>({
    channel: 'document:edit-metadata',
    args: z.tuple([documentIdSchema, documentMetadataSchema]),
    description: 'save the document’s details',
  }),
  /** Takes the document out of the library with its highlights and notes, keeping its folder in the data folder's trash. */
  deleteDocument: method<(documentId: string) => Promise<DeletedDocument>>({
    channel: 'document:delete',
    args: z.tuple([documentIdSchema]),
    description: 'delete the document',
  }),
  /** Undoes deleteDocument. */
  restoreDocument: method<(trashId: string) => Promise<DocumentSummary>>({
    channel: 'document:restore',
    args: z.tuple([trashIdSchema]),
    description: 'restore the document',
  }),
};
