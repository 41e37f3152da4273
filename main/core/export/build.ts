import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFormat, ExportPreview, ExportProgress } from '../../../common/contract';
import { readTextIfExists, writeFileDurably } from '../storage/durable-file';
import { documentBodyPath, readLibrary, type StoredDocument } from '../storage/library-reader';
import { toReadwiseCsv } from './csv';
import { selectForExport } from './from-library';
import { toHtml } from './html';
import { toWebAnnotationJson } from './json';
import { type FolderExportFile, writeFolderExportFile } from './folder-file';
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
  let reported = -1;
  const stored = await readLibrary(dataDir, {
    ...(ids === 'all' ? {} : { only: ids }),
    onRead: (done, total) => {
      const hundredths = Math.floor((done * 100) / total);
      if (hundredths === reported) return;
      reported = hundredths;
      onProgress({ stage: 'reading', done, total });
    },
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

/**
 * Where an export is built: in the app a worker thread, so a whole library's
 * never holds up the window (import/work.ts). A preview comes back as its
 * first `length` characters only: a library's JSON (every document's text)
 * copied back whole to be cut there held the main thread for a third of a second.
 */
export interface ExportWork {
  build(request: LibraryExportRequest, onProgress?: ExportProgressListener): Promise<BuiltExport>;
  preview(request: LibraryExportRequest, length: number, onProgress?: ExportProgressListener): Promise<ExportPreview>;
}

export const exportOnThisThread: ExportWork = {
  build: exportFromDataFolder,
  preview: async (request, length, onProgress) => previewOf(await exportFromDataFolder(request, onProgress), length),
};

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
  if (format === 'markdown') {
    const files = documents.map((document) => ({
      name: markdownFileName(document),
      text: toMarkdown(document, options),
      documentId: document.document.id,
    }));
    if (files.length === 1 && ids !== 'all') return { ...base, destination: 'file', files, suggestedName: files[0]!.name };
    return { ...base, destination: 'folder', files, suggestedName: 'Gloss highlights' };
  }
  const { extension, render } = singleFile[format];
  const title = documents.length === 1 && ids !== 'all' ? markdownFileName(documents[0]!).replace(/\.md$/, '') : 'Gloss highlights';
  return {
    ...base,
    destination: 'file',
    files: [{ name: `${title}.${extension}`, text: render(documents, options) }],
    suggestedName: `${title}.${extension}`,
  };
}

/**
 * Writes a built export to `path` (the file itself, or the folder for
 * one-file-per-document Markdown), telling `onProgress` how many documents
 * are written: one by one into a folder, all at once for a single file.
 * Into a folder, a file Gloss did not write is never overwritten
 * (folder-file.ts); returns why each such file was left alone.
 */
export async function writeExport(
  built: BuiltExport,
  path: string,
  onProgress: ExportProgressListener = () => undefined,
): Promise<{ leftAlone: string[] }> {
  const written = (done: number, total: number): void => onProgress({ stage: 'writing', done, total });
  if (built.destination === 'file') {
    written(0, built.documentCount);
    await writeFileDurably(path, built.files[0]?.text ?? '');
    written(built.documentCount, built.documentCount);
    return { leftAlone: [] };
  }
  await mkdir(path, { recursive: true });
  written(0, built.files.length);
  const leftAlone: string[] = [];
  for (const [index, file] of built.files.entries()) {
    const refusal = await writeFolderExportFile(join(path, file.name), file);
    if (refusal) leftAlone.push(refusal);
    written(index + 1, built.files.length);
  }
  return { leftAlone };
}
