import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DocumentSummary, ExportFormat, ExportPreview, ExportProgress } from '../../../common/contract';
import { eachAtOnce } from '../at-once';
import { asStorageWriteError } from '../errors';
import { everyHundredth } from '../progress';
import { readTextIfExists, syncFolder, writeFileDurably } from '../storage/durable-file';
import { documentBodyPath, readLibrary, type StoredDocument } from '../storage/library-reader';
import { toReadwiseCsv } from './csv';
import { selectForExport } from './from-library';
import { toHtml } from './html';
import { toWebAnnotationJson } from './json';
import { type FolderExportFile, writeFolderExportFile } from './folder-file';
import { vaultFileName } from '../sync/vault-file';
import { markdownFileName, toMarkdown } from './markdown';
import type { ExportDocument, ExportOptions } from './types';

export type ExportFile = FolderExportFile;

export interface BuiltExport {
  /** Markdown of several documents is one file each, written into a folder; everything else is one file. */
  destination: 'file' | 'folder';
  files: ExportFile[];
  suggestedName: string;
  documentCount: number;
  highlightCount: number;
  /** Documents left out of a whole-library export because they cannot be read. */
  skipped: string[];
}

const singleFile: Record<
  Exclude<ExportFormat, 'markdown'>,
  { extension: string; render(documents: ExportDocument[], options: ExportOptions): string }
> = {
  json: { extension: 'json', render: toWebAnnotationJson },
  csv: { extension: 'csv', render: (documents, options) => toReadwiseCsv(documents, options.csvFormulas ?? 'neutralised') },
  html: { extension: 'html', render: toHtml },
};

/** An export of the library in a data folder: which documents (or all of them), in which format. */
export interface LibraryExportRequest {
  dataDir: string;
  ids: readonly string[] | 'all';
  format: ExportFormat;
  options: ExportOptions;
}

export type ExportProgressListener = (progress: ExportProgress) => void;

/**
 * Reads what an export needs from its data folder (only the documents named,
 * when some are) and builds it, telling `onProgress` how many documents are
 * read, at most once per hundredth of them. The app runs it in a worker
 * thread; the command line and tests on their own.
 */
export async function exportFromDataFolder(
  { dataDir, ids, format, options }: LibraryExportRequest,
  onProgress: ExportProgressListener = () => undefined,
): Promise<BuiltExport> {
  const stored = await readLibrary(dataDir, {
    ...(ids === 'all' ? {} : { only: ids }),
    onRead: everyHundredth((done, total) => onProgress({ stage: 'reading', done, total })),
  });
  return buildExport(dataDir, stored, ids, format, options);
}

/** What the Export dialog shows of an export: the start of its first file, and what it holds. */
export function previewOf(built: BuiltExport, length: number): ExportPreview {
  const text = built.files[0]?.text ?? '';
  return {
    text: text.slice(0, length),
    truncated: text.length > length || built.files.length > 1,
    documentCount: built.documentCount,
    highlightCount: built.highlightCount,
    destination: built.destination,
  };
}

/** What saving an export did: how many files it wrote, why it left each of the others alone (writeExport), and which documents it could not read. */
export interface SavedExport {
  destination: BuiltExport['destination'];
  fileCount: number;
  highlightCount: number;
  leftAlone: string[];
  skipped: string[];
}

/** Reads, builds and writes an export to `path` where it runs, telling `onProgress` of documents read, then written. */
export async function saveExport(
  request: LibraryExportRequest,
  path: string,
  onProgress: ExportProgressListener = () => undefined,
): Promise<SavedExport> {
  const built = await exportFromDataFolder(request, onProgress);
  const { leftAlone } = await writeExport(built, path, onProgress);
  return {
    destination: built.destination,
    fileCount: built.files.length - leftAlone.length,
    highlightCount: built.highlightCount,
    leftAlone,
    skipped: built.skipped,
  };
}

/**
 * Where an export is built: in the app a worker thread, so a whole library's
 * never holds up the window (import/work.ts). The export itself never comes
 * back: a preview returns its first `length` characters, a save what it wrote.
 * A library's JSON (every document's text) copied back whole held the main
 * thread for a third of a second.
 */
export interface ExportWork {
  save(request: LibraryExportRequest, path: string, onProgress?: ExportProgressListener): Promise<SavedExport>;
  preview(request: LibraryExportRequest, length: number, onProgress?: ExportProgressListener): Promise<ExportPreview>;
}

export const exportOnThisThread: ExportWork = {
  save: saveExport,
  preview: async (request, length, onProgress) => previewOf(await exportFromDataFolder(request, onProgress), length),
};

/**
 * Whether an export is one file or a folder, and the name the save dialog
 * suggests: known from the list of documents alone, before anything is read.
 * `single` is the document when exactly one is exported.
 */
export function exportDestination(
  format: ExportFormat,
  single: Pick<DocumentSummary, 'id' | 'title'> | null,
): Pick<BuiltExport, 'destination' | 'suggestedName'> {
  if (format === 'markdown') {
    return single
      ? { destination: 'file', suggestedName: markdownFileName(single) }
      : { destination: 'folder', suggestedName: 'Gloss highlights' };
  }
  const title = single ? markdownFileName(single).replace(/\.md$/, '') : 'Gloss highlights';
  return { destination: 'file', suggestedName: `${title}.${singleFile[format].extension}` };
}

/**
 * Everything an export of `ids` (or the whole library) in `format` would
 * write, for the app and the command line alike. JSON carries each
 * document's text (read from `dataDir`), so it restores into an empty library.
 */
export async function buildExport(
  dataDir: string,
  stored: readonly StoredDocument[],
  ids: readonly string[] | 'all',
  format: ExportFormat,
  options: ExportOptions,
): Promise<BuiltExport> {
  const { documents, skipped } = selectForExport(stored, ids);
  if (format === 'json') {
    // All at once rather than one after another: ten thousand bodies read in turn spent most of a library's export waiting.
    await Promise.all(
      documents.map(async (document) => {
        document.markdown = (await readTextIfExists(documentBodyPath(dataDir, document.document.id))) ?? undefined;
      }),
    );
  }
  const highlightCount = documents.reduce((sum, document) => sum + document.highlights.length, 0);
  const base = { documentCount: documents.length, highlightCount, skipped };
  const target = exportDestination(format, documents.length === 1 && ids !== 'all' ? documents[0]!.document : null);
  if (format === 'markdown') {
    // Named as vault sync names them: two documents whose ids start alike never share a file, so no two writes meet (writeExport).
    const taken = new Set<string>();
    const files = documents.map((document) => {
      const name = vaultFileName(document, taken);
      taken.add(name.toLowerCase());
      return { name, text: toMarkdown(document, options), documentId: document.document.id };
    });
    return { ...base, ...target, files };
  }
  return { ...base, ...target, files: [{ name: target.suggestedName, text: singleFile[format].render(documents, options) }] };
}

/** How many files of a folder export are written at once. */
export const filesWrittenAtOnce = 16;

/**
 * Writes a built export to `path` (the file itself, or the folder for
 * one-file-per-document Markdown), telling `onProgress` how many documents
 * are written: as each file is into a folder, all at once for a single file.
 * Into a folder, a file Gloss did not write is never overwritten
 * (folder-file.ts); returns why each such file was left alone.
 */
export async function writeExport(
  built: BuiltExport,
  path: string,
  onProgress: ExportProgressListener = () => undefined,
): Promise<{ leftAlone: string[] }> {
  if (built.destination === 'file') {
    onProgress({ stage: 'writing', done: 0, total: built.documentCount });
    await writeFileDurably(path, built.files[0]?.text ?? '');
    onProgress({ stage: 'writing', done: built.documentCount, total: built.documentCount });
    return { leftAlone: [] };
  }
  await mkdir(path, { recursive: true });
  const { files } = built;
  const written = everyHundredth((count, total) => onProgress({ stage: 'writing', done: count, total }));
  written(0, files.length);
  const refusals: (string | null)[] = [];
  let done = 0;
  // Each file is fsynced before it replaces its older self; with several under way the disk takes them together (10,000 files: 12 s one by one).
  const { failure } = await eachAtOnce(files, filesWrittenAtOnce, async (file, index) => {
    refusals[index] = await writeFolderExportFile(join(path, file.name), file, { folderSyncedByCaller: true });
    written(++done, files.length);
  });
  if (failure) throw failure.error;
  // The files' renames, made durable together before the export is reported done.
  await syncFolder(path).catch((error: unknown) => {
    throw asStorageWriteError(error, path);
  });
  return { leftAlone: refusals.filter((refusal) => refusal !== null) };
}
