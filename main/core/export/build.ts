import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFormat } from '../../../common/contract';
import { readTextIfExists, writeFileDurably } from '../storage/durable-file';
import { documentBodyPath, type StoredDocument } from '../storage/library-reader';
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
    for (const document of documents)
      document.markdown = (await readTextIfExists(documentBodyPath(dataDir, document.document.id))) ?? undefined;
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
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<{ leftAlone: string[] }> {
  if (built.destination === 'file') {
    onProgress(0, built.documentCount);
    await writeFileDurably(path, built.files[0]?.text ?? '');
    onProgress(built.documentCount, built.documentCount);
    return { leftAlone: [] };
  }
  await mkdir(path, { recursive: true });
  onProgress(0, built.files.length);
  const leftAlone: string[] = [];
  for (const [index, file] of built.files.entries()) {
    const refusal = await writeFolderExportFile(join(path, file.name), file);
    if (refusal) leftAlone.push(refusal);
    onProgress(index + 1, built.files.length);
  }
  return { leftAlone };
}
