import { z } from 'zod';
import type { DocumentSummary, ReadingPosition } from '../../../preload/api';
import type { FileFormat } from './migrations';

/**
 * On-disk formats, version 1. The layout of the data folder:
 *
 *   library.json                 index: document summaries + which one was open
 *   documents/<id>/document.json one document's metadata and reading state (later: its highlights and notes)
 *   documents/<id>/body.md       the document's Markdown, written on import or edit only
 *   backups/...                  rotating copies of document.json files
 *
 * The document folders are the source of truth; library.json can be rebuilt from them.
 */

const isoTime = z.iso.datetime({ offset: true });
const documentId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);

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
  schemaVersion: z.literal(1),
  readingPosition: readingPositionSchema.nullable(),
});
export type DocumentFile = z.infer<typeof documentFileSchema>;

export const libraryFormat: FileFormat<LibraryFile> = {
  currentVersion: 1,
  migrations: {},
  schema: libraryFileSchema,
};

export const documentFormat: FileFormat<DocumentFile> = {
  currentVersion: 1,
  migrations: {},
  schema: documentFileSchema,
};

export { documentId as documentIdSchema };
