/** Adding documents (Markdown, plain text, HTML, EPUB, a paste) and annotations (Kindle, Readwise, Web Annotation). */
import { z } from 'zod';
import { event, method } from './define';
import { limits, notMoreDoneThanThere, type PartsDone, partsDoneFields, partsDoneSchema } from './primitives';

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
  /** `warnings`: what the file lost on the way (e.g. an EPUB's misspelled spine entry), one sentence each. */
  | { name: string; status: 'added'; documentId: string; title: string; warnings?: string[] }
  | { name: string; status: 'duplicate'; documentId: string; title: string }
  /** Highlights and notes from Kindle, Readwise or Web Annotation files. */
  | {
      name: string;
      status: 'annotations';
      summary: string;
      documentIds: string[];
      /** Each thing read but not imported, or read approximately, with where in the file (`line 107: …`). */
      warnings: string[];
    }
  | { name: string; status: 'refused'; reason: string }
  /** Not imported because the user cancelled the import (cancelImport) before or while this file was read; nothing was added from it. */
  | { name: string; status: 'cancelled' };

/**
 * A batch import under way: files finished so far out of all of them, and,
 * while a book is converted, its chapters converted so far: a long book
 * takes half a minute on its own.
 */
export interface ImportProgress extends PartsDone {
  chapters?: PartsDone;
}

const importProgressSchema = z
  .object({ ...partsDoneFields, chapters: partsDoneSchema.optional() })
  .refine(notMoreDoneThanThere, 'more done than there is') satisfies z.ZodType<ImportProgress>;

const importedFileSchema = z.object({
  name: z.string().min(1).max(1024),
  // The page refuses larger files itself, with the reason; a call carrying one is not the page's.
  content: z.union([
    z.string().max(limits.bodyLength),
    z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= maxDocumentBytes, 'too large'),
  ]),
}) satisfies z.ZodType<ImportedFile>;

export const importMethods = {
  /**
   * Adds documents (Markdown, plain text, HTML, EPUB) and annotations (Kindle, Readwise, Web Annotation); each file's outcome is
   * reported, a refused one adds nothing. Progress comes as `importProgress` events, one as each file is done.
   */
  importDocuments: method<(files: ImportedFile[]) => Promise<ImportOutcome[]>>({
    channel: 'documents:import',
    args: z.tuple([z.array(importedFileSchema).min(1).max(1000)]),
    description: 'add the documents',
  }),
  /** Adds what the system clipboard holds (Markdown, a copied web page, or plain text) as a new document; main reads it, as the page may not. */
  importClipboard: method<() => Promise<ImportOutcome[]>>({
    channel: 'documents:import-clipboard',
    args: z.tuple([]),
    description: 'add the clipboard as a document',
  }),
  /**
   * The user is choosing files to add (the file chooser opened, files dragged over the window): the
   * import's worker starts and loads its code meanwhile, so the first import after launch does not wait for
   * it. Nothing happens when it runs already; unused, it ends again after a while.
   */
  prepareImport: method<() => Promise<void>>({
    channel: 'documents:prepare-import',
    args: z.tuple([]),
    description: 'get ready to add documents',
  }),
  /**
   * Stops the import under way: the file being converted is dropped, and it
   * and the files after it are reported as cancelled; files already added
   * stay. Nothing happens when no import runs.
   */
  cancelImport: method<() => Promise<void>>({
    channel: 'documents:cancel-import',
    args: z.tuple([]),
    description: 'cancel the import',
  }),
};

export const importEvents = {
  /** Files finished so far while `importDocuments` works through a batch, from 0 to all of them. */
  importProgress: event<ImportProgress>({
    channel: 'import:progress',
    payload: importProgressSchema,
    description: 'how much of an import is done',
  }),
};
