import { Worker } from 'node:worker_threads';
import { documentAssetPath } from '../../../common/document-assets';
import { documentFromFile } from '../documents/document-file';
import { decodeText } from '../documents/text-decoding';
import type { ChapterProgress } from '../documents/epub-document';
import type { ImportedDocument } from '../documents/types';
import { GlossError } from '../errors';
import type { ExportProgressListener, ExportWork, LibraryExportRequest, SavedExport } from '../export/build';
import type { ExportPreview, ExportProgress, PartsDone } from '../../../common/contract';
import type { EntryBuilder, IndexedDocument, IndexRequest } from '../search/search-index';
import { type PlanInSlices, unsliced } from './plan-slices';
import { type ImportPlan, type LibraryOnDisk, type LibrarySnapshot, planImport, readLibraryOnDisk } from './apply';
import { parseImport } from './index';

/** A file to turn into a document, and the id its images will be served under. */
export interface ConversionRequest {
  name: string;
  content: string | Uint8Array;
  documentId: string;
}

/**
 * An annotation file (Kindle, Readwise, Web Annotation) to plan against the
 * library as it is: read already, or to be read from its files where the
 * plan is made (in a worker, so the texts are neither read on the main
 * thread nor copied across).
 */
export interface PlanRequest {
  name: string;
  /**
   * The file's text, or its bytes as read, decoded where the plan is made: a
   * 13 MB export took 48 ms to decode on the main thread and 23 ms more to
   * copy across as text, against 4 ms for its bytes.
   */
  content: string | Uint8Array;
  library: LibrarySnapshot | LibraryOnDisk;
}

/**
 * The heavy part of an import: turning a file into a document
 * (documentFromFile: a DOM, Readability, turndown, EPUB), and reading an
 * annotation file and placing its highlights in the library's texts
 * (parseImport, planImport). Neither writes anything. Aborting `signal` stops
 * the work and rejects with a GlossError('conflict') saying so. A book's
 * conversion tells `onChapter` how far it is.
 */
export interface ImportWork {
  convert(request: ConversionRequest, signal?: AbortSignal, onChapter?: ChapterProgress): Promise<ImportedDocument>;
  plan(request: PlanRequest, signal?: AbortSignal): Promise<ImportPlan>;
  /** An import is about to be asked for (the user is choosing files): whatever the work needs before it can start is got ready now. */
  prepare(): void;
}

/** On the calling thread: what tests and the command line's one-off runs use. */
export const importOnThisThread: ImportWork = {
  async convert({ name, content, documentId }, signal, onChapter) {
    if (signal?.aborted) throw cancelled(name);
    return documentFromFile(name, content, (asset) => documentAssetPath(documentId, asset), onChapter);
  },
  async plan({ name, content, library }, signal) {
    if (signal?.aborted) throw cancelled(name);
    const text = typeof content === 'string' ? content : decodeText(name, content);
    return planImport('dataDir' in library ? await readLibraryOnDisk(library) : library, parseImport(name, text));
  },
  // Nothing to start: the code is loaded already.
  prepare() {},
};

/** What a worker is started with: whether it was started ahead of an import, to warm up its code (warm-up.ts) until work comes. */
export interface WorkerStart {
  warmUp: boolean;
}

/** What goes to the worker: one piece of work. */
export type WorkRequest =
  | { kind: 'convert'; request: ConversionRequest }
  | { kind: 'plan'; request: PlanRequest }
  | { kind: 'index'; request: IndexRequest }
  | { kind: 'export-save'; request: LibraryExportRequest; path: string }
  | { kind: 'export-preview'; request: LibraryExportRequest; length: number };

/** How far a piece of work is: an export's documents read or written, a book's chapters converted. */
export type WorkProgress = { progress: ExportProgress } | { chapters: PartsDone };

/**
 * What comes back: the result, or an error as a GlossError's code and message,
 * or a plain message; before either, any number of progress reports.
 */
export type WorkReply =
  { ok: true; result: unknown } | { ok: false; error: { code: GlossError['code'] | null; message: string } } | WorkProgress;

export interface ImportWorkerOptions {
  /** The worker's script: import-worker.js beside the built main process. */
  script: URL;
  /** Work past this heap is stopped and the file refused; the app itself is not touched. */
  maxHeapMb?: number;
  /** Where new objects start (see workerYoungGenerationMb). */
  youngGenerationMb?: number;
  /** An idle worker is ended after this long, giving back the memory a big book took. */
  idleMs?: number;
}

/**
 * The worker's heap ceiling: four times what the largest book within Gloss's
 * limits (50 MB of text) needs, since it converts under 384 MB. V8 grows a
 * heap more lazily the higher its ceiling: under 4,096 MB a 36 MB,
 * 2,014-chapter book took the process to ~710 MB, under this one to ~500 MB
 * (tests/bench/book-memory.bench.ts).
 */
export const workerHeapCeilingMb = 1536;

/**
 * The worker's young generation, where new objects start: V8 sizes it from
 * the heap ceiling (tens of MB here), and a book's conversion keeps it full.
 * At 8 MB the 2,014-chapter book peaked at 436-452 MB instead of 495-496,
 * one near the 50 MB limit at 508-510 instead of 526-538, a 1 MB maths book
 * at 255 instead of 297, taking no longer (tests/bench/book-memory.bench.ts).
 */
export const workerYoungGenerationMb = 8;

/**
 * Does the import's heavy work in a worker thread, so that a big web page or
 * book, or thousands of highlights placed in long texts, never stop the main
 * process from answering the window; the same script prepares documents for
 * search (`index`) and builds and saves exports from the data folder (`export-save`, which
 * reports documents read, then written, as it goes), each in a worker of its own so none
 * waits for another.
 * One piece at a time; a cancelled or runaway one ends its worker, and the
 * next starts a fresh one.
 */
export function importWorker({
  script,
  maxHeapMb = workerHeapCeilingMb,
  youngGenerationMb = workerYoungGenerationMb,
  idleMs = 30_000,
}: ImportWorkerOptions): ImportWork & {
  index: EntryBuilder;
  export: ExportWork;
  close(): Promise<void>;
} {
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const end = async (): Promise<void> => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const ending = worker;
    worker = null;
    await ending?.terminate();
  };

  /** Ends the worker once it has been idle for `idleMs`. */
  const endWhenIdle = (): void => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => void end(), idleMs);
    idleTimer.unref();
  };

  const started = (start: WorkerStart = { warmUp: false }): Worker => {
    if (worker) return worker;
    const created = new Worker(script, {
      workerData: start,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: youngGenerationMb },
    });
    // Between pieces of work (a prepared worker still loading its code) no piece listens: a worker that fails
    // or stops then is forgotten, not an uncaught error of the main process, and the next piece starts a fresh
    // one; during a piece, runOne reports it.
    created.on('error', () => undefined);
    created.once('exit', () => {
      if (worker === created) worker = null;
    });
    worker = created;
    return created;
  };

  const runOne = (work: WorkRequest, signal?: AbortSignal, onProgress?: (progress: WorkProgress) => void): Promise<unknown> => {
    const name = 'name' in work.request ? work.request.name : 'the export';
    if (signal?.aborted) return Promise.reject(cancelled(name));
    if (idleTimer) clearTimeout(idleTimer);
    const current = started();
    return new Promise<unknown>((resolve, reject) => {
      const settle = (): void => {
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (reply: WorkReply): void => {
        if ('progress' in reply || 'chapters' in reply) {
          onProgress?.(reply);
          return;
        }
        settle();
        // Idle, it must not keep a command-line run alive.
        current.unref();
        if (reply.ok) resolve(reply.result);
        else reject(reply.error.code ? new GlossError(reply.error.code, reply.error.message) : new Error(reply.error.message));
        endWhenIdle();
      };
      const onError = (error: Error & { code?: string }): void => {
        settle();
        worker = null;
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new GlossError('invalid-argument', `${name} needs more memory to import than Gloss allows one file; nothing was added.`)
            : error,
        );
      };
      const onExit = (): void => {
        settle();
        worker = null;
        reject(new Error(`the import worker stopped while reading ${name}`));
      };
      const onAbort = (): void => {
        settle();
        void end();
        reject(cancelled(name));
      };
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      current.ref();
      // Copied, not transferred: the caller may still need the bytes (a duplicate check, a retry).
      current.postMessage(work);
    });
  };

  const run = (work: WorkRequest, signal?: AbortSignal, onProgress?: (progress: WorkProgress) => void): Promise<unknown> => {
    const done = queue.then(() => runOne(work, signal, onProgress));
    queue = done.catch(() => undefined);
    return done;
  };
  return {
    convert: (request, signal, onChapter) =>
      run({ kind: 'convert', request }, signal, (reply) => {
        if ('chapters' in reply) onChapter?.(reply.chapters.done, reply.chapters.total);
      }) as Promise<ImportedDocument>,
    plan: async (request, signal) => unsliced((await run({ kind: 'plan', request }, signal)) as PlanInSlices),
    // Started, it loads its code (~200 ms) and warms it up (warm-up.ts) while the user chooses; unused, it ends as an idle one does.
    prepare: () => {
      if (worker) return;
      started({ warmUp: true }).unref();
      endWhenIdle();
    },
    index: (request) => run({ kind: 'index', request }) as Promise<IndexedDocument>,
    export: {
      save: (request, path, onProgress) =>
        run({ kind: 'export-save', request, path }, undefined, exportProgress(onProgress)) as Promise<SavedExport>,
      preview: (request, length, onProgress) =>
        run({ kind: 'export-preview', request, length }, undefined, exportProgress(onProgress)) as Promise<ExportPreview>,
    },
    close: end,
  };
}

/**
 * The young generation of the worker exports run in. A library's export makes
 * its whole text at once (100,000 highlights in JSON: 140 MB) and keeps
 * little of what it makes on the way; at the import's 8 MB that export took a
 * median 3.5 s, at 64 MB 2.8 s, a CSV 1.9 s and 1.5 s
 * (tests/bench/export-library.bench.ts).
 */
export const exportYoungGenerationMb = 64;

/** The worker exports run in: the import's script, with room for what an export makes. */
export function exportWorker(script: URL): ReturnType<typeof importWorker> {
  return importWorker({ script, youngGenerationMb: exportYoungGenerationMb });
}

/**
 * The app's workers, all running `script` (import-worker.js beside the built
 * main process), one for each kind of work so none waits for another: big
 * pages, books and annotation files are read without stopping the window's
 * calls; search's index is built soon after launch; a whole library's export
 * is read and built, telling the window how far it got.
 */
export function appWorkers(script: URL): {
  importWork: ImportWork;
  searchWork: EntryBuilder;
  exportWork: ExportWork;
  close(): Promise<void>;
} {
  const imports = importWorker({ script });
  const search = importWorker({ script });
  const exports = exportWorker(script);
  return {
    importWork: imports,
    searchWork: search.index,
    exportWork: exports.export,
    close: async () => void (await Promise.all([imports.close(), search.close(), exports.close()])),
  };
}

function exportProgress(onProgress: ExportProgressListener | undefined): (reply: WorkProgress) => void {
  return (reply) => {
    if ('progress' in reply) onProgress?.(reply.progress);
  };
}

/** Why a file was not added when the user cancelled the import it was in. */
export function cancelled(name: string): GlossError {
  return new GlossError('conflict', `Cancelled before ${name} was added; nothing was added from it.`);
}
