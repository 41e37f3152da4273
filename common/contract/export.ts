/** Exporting highlights to a file or folder (Markdown, Web Annotation JSON, Readwise CSV, HTML), with a preview and progress. */
import { z } from 'zod';
import { event, method } from './define';
import { documentIdSchema, notMoreDoneThanThere, type PartsDone } from './primitives';

export const exportFormats = ['markdown', 'json', 'csv', 'html'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportRequest {
  format: ExportFormat;
  /** One document, or every document in the library. */
  scope: { kind: 'document'; documentId: string } | { kind: 'library' };
  /** CSV only: cells a spreadsheet would run as formulas get a leading `'` unless `raw` is asked for. Default `neutralised`. */
  csvFormulas?: CsvFormulas;
}

export const csvFormulaModes = ['neutralised', 'raw'] as const;
/** How a CSV export writes a cell starting with `=`, `+`, `-`, `@`, TAB or CR: with a leading `'` (spreadsheet-safe), or exactly as stored. */
export type CsvFormulas = (typeof csvFormulaModes)[number];

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
  /** Into a folder: the files already there that Gloss did not write (or a link, or a folder), left as they were, and why; one sentence each. */
  leftAlone: string[];
  /** In a whole-library export: the documents left out because their files cannot be read, and why; one sentence each. */
  skipped: string[];
}

/** An export under way: its documents read so far out of all of them, then written. */
export interface ExportProgress extends PartsDone {
  stage: ExportStage;
}

export const exportStages = ['reading', 'writing'] as const;
export type ExportStage = (typeof exportStages)[number];

const exportRequestSchema = z.object({
  format: z.enum(exportFormats),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('document'), documentId: documentIdSchema }),
    z.object({ kind: z.literal('library') }),
  ]),
  csvFormulas: z.enum(csvFormulaModes).optional(),
}) satisfies z.ZodType<ExportRequest>;

const exportProgressSchema = z
  .object({ stage: z.enum(exportStages), done: z.number().int().min(0), total: z.number().int().min(0) })
  .refine(notMoreDoneThanThere, 'more done than there is') satisfies z.ZodType<ExportProgress>;

export const exportMethods = {
  previewExport: method<(request: ExportRequest) => Promise<ExportPreview>>({
    channel: 'export:preview',
    args: z.tuple([exportRequestSchema]),
    description: 'prepare the export preview',
  }),
  /** Asks where to save (the system's save dialog), then writes; null when the user cancels. Progress comes as `exportProgress` events. */
  exportToFile: method<(request: ExportRequest) => Promise<ExportResult | null>>({
    channel: 'export:to-file',
    args: z.tuple([exportRequestSchema]),
    description: 'export',
  }),
};

export const exportEvents = {
  /** Documents read so far while an export or its preview is prepared, then written while `exportToFile` writes, each from 0 to all of them. */
  exportProgress: event<ExportProgress>({
    channel: 'export:progress',
    payload: exportProgressSchema,
    description: 'how much of an export is read or written',
  }),
};
