import { z } from 'zod';
import {
  type DocumentNote,
  type DocumentSummary,
  type Highlight,
  type HighlightAnchor,
  highlightColors,
  type ImportedDocumentDetails,
  type ImportedHighlightDetails,
  type ReadingPosition,
} from '../../../common/contract';
import type { FileFormat } from './migrations';

/**
 * On-disk formats. library.json is at version 1; document.json at version 3
 * (version 1 had no highlights, notes or revision; version 2 had no details
 * kept from imported files). The layout of the data folder:
 *
 *   library.json                 index: document summaries + which one was open
 *   documents/<id>/document.json one document's metadata and reading state (later: its highlights and notes)
 *   documents/<id>/body.md       the document's Markdown, written on import or edit only
 *   backups/...                  rotating copies of document.json files
 *
 * The document folders are the source of truth; library.json can be rebuilt from them.
 */

const isoTime = z.iso.datetime({ offset: true });
/** Ids are generated UUIDs; the pattern also keeps them safe as folder names. */
const documentId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const highlightId = documentId;

/** Generous limits that no real document reaches but that stop a runaway or hostile call. */
export const limits = {
  quoteLength: 200_000,
  contextLength: 1_000,
  noteLength: 200_000,
  tags: 64,
  tagLength: 100,
  bodyLength: 50 * 1024 * 1024,
  anchorsPerCall: 100_000,
  /** A search box's text; longer is a paste gone wrong, and scanning for it would only be slow. */
  searchQueryLength: 1_000,
  /** A title or an author's name. */
  metadataLength: 1_000,
} as const;

const offset = z.number().int().min(0).max(limits.bodyLength);

export const highlightAnchorSchema = z.object({
  id: highlightId,
  quote: z.object({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1).max(limits.quoteLength),
    prefix: z.string().max(limits.contextLength),
    suffix: z.string().max(limits.contextLength),
  }),
  position: z
    .object({ type: z.literal('TextPositionSelector'), start: offset, end: offset })
    .refine((position) => position.end > position.start, 'a highlight must end after it starts'),
  revision: z.number().int().min(0),
}) satisfies z.ZodType<HighlightAnchor>;

const tag = z
  .string()
  .trim()
  .min(1)
  .max(limits.tagLength)
  .regex(/^[^\n\r\t,]+$/, 'tags cannot contain commas or line breaks');

/** Short texts copied from an imported file (a page, a date as written, a Readwise location type). */
const importedText = z.string().min(1).max(limits.metadataLength);

export const importedHighlightDetailsSchema = z.object({
  location: z
    .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
    .refine((location) => location.end >= location.start, 'a location range must not end before it starts')
    .optional(),
  page: importedText.optional(),
  otherLocation: z.object({ type: importedText, value: importedText }).optional(),
  dateText: importedText.optional(),
}) satisfies z.ZodType<ImportedHighlightDetails>;

export const highlightSchema = highlightAnchorSchema.extend({
  color: z.enum(highlightColors),
  note: z.string().max(limits.noteLength),
  tags: z.array(tag).max(limits.tags),
  createdAt: isoTime,
  updatedAt: isoTime,
  imported: importedHighlightDetailsSchema.optional(),
}) satisfies z.ZodType<Highlight>;

export const importedDocumentDetailsSchema = z.object({
  amazonBookId: importedText.optional(),
  tags: z.array(tag).max(limits.tags).optional(),
}) satisfies z.ZodType<ImportedDocumentDetails>;

const documentNoteSchema = z.object({ text: z.string().max(limits.noteLength), updatedAt: isoTime }) satisfies z.ZodType<DocumentNote>;

export const readingPositionSchema = z.object({
  blockIndex: z.number().int().min(0),
  blockOffset: z.number().min(0).max(1),
  progress: z.number().min(0).max(1),
}) satisfies z.ZodType<ReadingPosition>;

const documentMetadataSchema = z.object({
  id: documentId,
  title: z.string().min(1),
  author: z.string().nullable(),
  date: z.string().nullable(),
  source: z.string().nullable(),
  addedAt: isoTime,
});

export const documentSummarySchema = documentMetadataSchema.extend({
  openedAt: isoTime.nullable(),
}) satisfies z.ZodType<DocumentSummary>;

export const libraryFileSchema = z.object({
  schemaVersion: z.literal(1),
  documents: z.array(documentSummarySchema),
  lastOpenedDocumentId: documentId.nullable(),
});
export type LibraryFile = z.infer<typeof libraryFileSchema>;

export const documentFileSchema = documentMetadataSchema.extend({
  schemaVersion: z.literal(3),
  readingPosition: readingPositionSchema.nullable(),
  revision: z.number().int().min(0),
  documentNote: documentNoteSchema.nullable(),
  highlights: z.array(highlightSchema),
  /** What the file the document was made from said about the book (Readwise's Amazon Book ID, document tags). */
  importedDetails: importedDocumentDetailsSchema.optional(),
  /**
   * A placeholder for a web page that is not in the library yet, holding the annotations an import
   * brought for it (unplaced, no text): adding a page with this `source` fills it in (import-files.ts).
   */
  awaitingPage: z.literal(true).optional(),
});
export type DocumentFile = z.infer<typeof documentFileSchema>;

export const libraryFormat: FileFormat<LibraryFile> = {
  currentVersion: 1,
  migrations: {},
  schema: libraryFileSchema,
};

export const documentFormat: FileFormat<DocumentFile> = {
  currentVersion: 3,
  migrations: {
    // Version 2 adds highlights, the document note and the body's revision.
    1: (document) => ({ ...document, revision: 0, documentNote: null, highlights: [] }),
    // Version 3 may keep details from imported files (a highlight's Kindle location and page, a date as
    // written, a book's Amazon id and tags) and mark a placeholder awaiting its page; nothing older has any. The number moves on so that an older
    // Gloss refuses a version 3 file rather than read it and write it back without them.
    2: (document) => document,
  },
  schema: documentFileSchema,
};

export { documentId as documentIdSchema, highlightId as highlightIdSchema };
