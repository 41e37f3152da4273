import { randomUUID } from 'node:crypto';
import type { DocumentSummary, ImportedFile, ImportOutcome, ImportProgress } from '../../../common/contract';
import { type ImportWork, importOnThisThread, type PlanRequest } from './work';
import { parseMarkdownSource } from '../documents/markdown-source';
import { decodeText } from '../documents/text-decoding';
import { htmlExtensions } from '../documents/types';
import { GlossError } from '../errors';
import { everyHundredth } from '../progress';
import { bodyHash, documentsByBodyHash } from '../storage/library-reader';
import type { LibraryStore } from '../storage/library-store';
import { type ImportReport, readLibrary, writePlan } from './apply';
import { fillPlaceholder } from './attach-page';
import { detectFormat } from './index';

/** A file to import whose bytes are read only when its turn comes (the CLI's named files), so one unreadable file is one refusal. */
export interface DeferredImportFile {
  name: string;
  read(): Promise<Uint8Array>;
}

export interface ImportFilesOptions {
  /** Where the heavy work runs (a file turned into a document, an annotation file placed): a worker thread in the app. Default: this thread. */
  work?: ImportWork;
  /** Aborted: the file being converted is stopped, and it and every file after it are reported as cancelled. */
  signal?: AbortSignal;
  /** Told after each file how many are done, of how many, and while a book is converted how many of its chapters. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Brings files into the library, each on its own and all-or-nothing: a
 * Markdown, text, HTML or EPUB file becomes a document (unless the same text
 * is already there); Kindle clippings, Readwise CSV and Web Annotation JSON
 * add their highlights. Shared by the app's Add documents… and `gloss import`.
 * Every file gets its own outcome, whatever goes wrong with another one.
 */
export async function importFiles(
  store: LibraryStore,
  dataDir: string,
  files: readonly (ImportedFile | DeferredImportFile)[],
  { work = importOnThisThread, signal, onProgress = () => undefined }: ImportFilesOptions = {},
): Promise<ImportOutcome[]> {
  // Read on the batch's first document file: an annotation file needs no body hashes, and a big library's take seconds.
  let knownBodies: Promise<Map<string, DocumentSummary>> | null = null;
  const known = (): Promise<Map<string, DocumentSummary>> => (knownBodies ??= documentsByBodyHash(dataDir, store.state().documents));
  const outcomes: ImportOutcome[] = [];
  const importOne = async (file: ImportedFile | DeferredImportFile): Promise<ImportOutcome> => {
    const { name } = file;
    try {
      if (signal?.aborted) return { name, status: 'cancelled' };
      const content = 'read' in file ? await file.read() : file.content;
      const annotations = annotationContent(name, content);
      if (annotations !== null) {
        const plan = await work.plan({ name, content: annotations, library: await libraryToPlanAgainst(store, dataDir) }, signal);
        await writePlan(store, plan);
        const { report } = plan;
        return {
          name,
          status: 'annotations',
          summary: describeReport(report),
          documentIds: report.documents.flatMap(({ id }) => (id ? [id] : [])),
          warnings: [...report.warnings],
        };
      }
      // The id comes first: an EPUB's Markdown shows its images from the document's own folder.
      const id = randomUUID();
      const document = await work.convert({ name, content, documentId: id }, signal, chapterReporter(outcomes.length, files.length));
      const hash = bodyHash(parseMarkdownSource(document.markdown).body);
      const existing = (await known()).get(hash);
      if (existing) return { name, status: 'duplicate', documentId: existing.id, title: existing.title };
      // A page whose annotations came first (a Hypothesis export) fills in the placeholder that holds them.
      const filled = document.assets.length === 0 ? await fillPlaceholder(store, document.markdown) : null;
      const added = filled ?? (await store.importMarkdown(document.markdown, { id, assets: document.assets }));
      (await known()).set(hash, added);
      const warnings = document.warnings ?? [];
      return { name, status: 'added', documentId: added.id, title: added.title, ...(warnings.length > 0 ? { warnings } : {}) };
    } catch (error) {
      // Whatever a stopped conversion threw, the file was cancelled, not refused.
      if (signal?.aborted) return { name, status: 'cancelled' };
      return { name, status: 'refused', reason: refusalReason(name, error) };
    }
  };
  // A book's chapters, told as part of file `done` of `total`.
  const chapterReporter = (done: number, total: number) =>
    everyHundredth((chaptersDone, chapters) => onProgress({ done, total, chapters: { done: chaptersDone, total: chapters } }));
  for (const file of files) {
    outcomes.push(await importOne(file));
    // One file done, whichever way it ended: the page shows "Importing 3 of 10…".
    onProgress({ done: outcomes.length, total: files.length });
  }
  return outcomes;
}

/**
 * The library an annotation file is planned against: its files, read where
 * the plan is made, once every write has reached them; the store's own
 * reading when memory holds a change its files lack (a failed write).
 */
async function libraryToPlanAgainst(store: LibraryStore, dataDir: string): Promise<PlanRequest['library']> {
  const flushed = await store.flush().then(
    () => true,
    () => false,
  );
  if (!flushed || (await store.holdsUnsavedChanges())) return readLibrary(store);
  return { dataDir, summaries: store.state().documents.map((summary) => ({ ...summary })) };
}

/** A GlossError speaks for itself; anything else (a bug, a parser giving up) is named as unexpected, with the file it hit. */
function refusalReason(name: string, error: unknown): string {
  if (error instanceof GlossError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `${name} could not be imported because of an unexpected error (${detail}); nothing was added from it.`;
}

/**
 * An annotation file's content, or null for a document. Annotation files
 * are recognised by extension (.json, .csv), by a Kindle clippings file's
 * shape, or by a Kindle notebook export's (an HTML file). A .json or .csv
 * file is passed on as it came, bytes undecoded: the plan decodes it off the
 * main thread (PlanRequest).
 */
function annotationContent(name: string, content: string | Uint8Array): string | Uint8Array | null {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase();
  if (htmlExtensions.has(`.${extension}`)) {
    // Looked at leniently first: a web page in another charset goes on to the page importer, which reads its charset.
    const glance = typeof content === 'string' ? content : new TextDecoder('utf-8').decode(content);
    if (detectFormat(name, glance) !== 'kindle-notebook') return null;
    return typeof content === 'string' ? content : decodeText(name, content);
  }
  if (extension === 'json' || extension === 'jsonld' || extension === 'csv') return content;
  if (extension !== 'txt') return null;
  const text = typeof content === 'string' ? content : decodeText(name, content);
  return detectFormat(name, text) === 'kindle' && /\r?\n==========\r?\n/.test(text) ? text : null;
}

function describeReport(report: ImportReport): string {
  const parts = [`${plural(report.highlightsAdded, 'highlight')} added`];
  if (report.documentsCreated > 0) parts.push(`${plural(report.documentsCreated, 'new document')}`);
  if (report.alreadyPresent > 0) parts.push(`${report.alreadyPresent} already in the library`);
  if (report.orphaned.length > 0) parts.push(`${report.orphaned.length} kept as could not be placed`);
  if (report.unmatched.length > 0) parts.push(`${report.unmatched.length} matched no document and were not added`);
  if (report.notesWithoutHighlight.length > 0)
    parts.push(`${plural(report.notesWithoutHighlight.length, 'note')} without a highlight put in document notes`);
  return `${parts.join(', ')}.${report.warnings.length > 0 ? ` ${report.warnings.join(' ')}` : ''}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
