import { z } from 'zod';
import {
  documentIdSchema,
  documentNoteSchema,
  type DocumentSummary,
  highlightSchema,
  importedDocumentDetailsSchema,
  isoTimeSchema,
  readingPositionSchema,
} from '../../../common/contract';
import { languageTag, type WritingMode } from '../../../common/text/language';
import type { FileFormat } from './migrations';

/**
 * The formats of the data folder's two library files (storage/layout.ts has
 * the folder's whole shape): library.json, the index of document summaries and
 * which one was open, at version 1; each documents/<id>/document.json, one
 * document's metadata, reading position, body revision, document note and
 * highlights, at version 5 (version 1 had no highlights, notes or revision;
 * version 2 had no details kept from imported files; version 3 no language
 * or direction; version 4 no writing mode).
 * A document's Markdown is its body.md beside it, plain text with no version.
 * The document folders are the source of truth; library.json can be rebuilt
 * from them. settings.json and vault-sync.json have their formats beside
 * their stores (settings/settings-store.ts, sync/vault-sync.ts).
 */

/** A language tag as languageTag keeps it, a direction and a vertical writing mode: shared by document.json and the sync log's changes. */
export const languageTagSchema = z.string().refine((tag) => languageTag(tag) === tag, 'not a language tag');
export const textDirectionSchema = z.enum(['ltr', 'rtl']);
export const writingModeSchema = z.enum(['vertical-rl', 'vertical-lr']) satisfies z.ZodType<WritingMode>;

const documentMetadataSchema = z.object({
  id: documentIdSchema,
  title: z.string().min(1),
  author: z.string().nullable(),
  date: z.string().nullable(),
  source: z.string().nullable(),
  addedAt: isoTimeSchema,
});

export const documentSummarySchema = documentMetadataSchema.extend({
  openedAt: isoTimeSchema.nullable(),
}) satisfies z.ZodType<DocumentSummary>;

/** What the library list shows of a document beyond its summary (DocumentDetails without its id), kept so launch reads no document. */
export const storedDetailsSchema = z.object({
  progress: z.number().min(0).max(1),
  highlightCount: z.number().int().min(0),
  tags: z.array(z.string()),
  wordCount: z.number().int().min(0),
});
export type StoredDetails = z.infer<typeof storedDetailsSchema>;

export const libraryFileSchema = z.object({
  schemaVersion: z.literal(2),
  documents: z.array(documentSummarySchema),
  lastOpenedDocumentId: documentIdSchema.nullable(),
  /** By document id; a document without an entry (a library from before version 2, a rebuilt index) is read once to fill it in. */
  details: z.record(documentIdSchema, storedDetailsSchema),
});
export type LibraryFile = z.infer<typeof libraryFileSchema>;

/**
 * opened.json: when each document opened since library.json was last written
 * was opened, and which was opened last. Opening a document writes this small
 * file instead of the index (3.5 MB with 10,000 documents); loading applies it
 * to the index, and the index's next full write (flush, or a record grown
 * long) empties it.
 */
export const openRecordFileSchema = z.object({
  schemaVersion: z.literal(1),
  lastOpenedDocumentId: documentIdSchema.nullable(),
  openedAt: z.record(documentIdSchema, isoTimeSchema),
});
export type OpenRecordFile = z.infer<typeof openRecordFileSchema>;

export const documentFileSchema = documentMetadataSchema.extend({
  schemaVersion: z.literal(5),
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
  /**
   * The language its text is in, its direction and whether its lines run vertically, when the file it came from
   * declared them (common/text/language.ts).
   */
  lang: languageTagSchema.optional(),
  dir: textDirectionSchema.optional(),
  writingMode: writingModeSchema.optional(),
});
export type DocumentFile = z.infer<typeof documentFileSchema>;

export const libraryFormat: FileFormat<LibraryFile> = {
  currentVersion: 2,
  migrations: {
    // Version 2 keeps each document's list details in the index; they are filled in from the documents once, on first use.
    1: (library) => ({ ...library, details: {} }),
  },
  schema: libraryFileSchema,
};

export const openRecordFormat: FileFormat<OpenRecordFile> = { currentVersion: 1, migrations: {}, schema: openRecordFileSchema };

export const documentFormat: FileFormat<DocumentFile> = {
  currentVersion: 5,
  migrations: {
    // Version 2 adds highlights, the document note and the body's revision.
    1: (document) => ({ ...document, revision: 0, documentNote: null, highlights: [] }),
    // Version 3 may keep details from imported files (a highlight's Kindle location and page, a date as
    // written, a book's Amazon id and tags) and mark a placeholder awaiting its page; nothing older has any. The number moves on so that an older
    // Gloss refuses a version 3 file rather than read it and write it back without them.
    2: (document) => document,
    // Version 4 may keep the document's language and direction; as with 3, only so that an older Gloss does not drop them.
    3: (document) => document,
    // Version 5 may keep a vertical writing mode (a Japanese or Chinese book set in vertical lines); again only so that
    // an older Gloss refuses the file rather than show the book across and write it back without it.
    4: (document) => document,
  },
  schema: documentFileSchema,
};

// The wire's building blocks, which these files share, are the contract's.
export {
  documentIdSchema,
  highlightAnchorSchema,
  highlightIdSchema,
  highlightSchema,
  importedDocumentDetailsSchema,
  importedHighlightDetailsSchema,
  limits,
  readingPositionSchema,
} from '../../../common/contract';
