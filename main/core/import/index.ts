/**
 * Importers: Kindle `My Clippings.txt` and Kindle app notebook exports, Readwise CSV (both shapes) and W3C
 * Web Annotation JSON (Gloss's own export, Hypothesis). Parse with the
 * parser for the file (or `parseImport`, which picks one), then `applyImport`.
 */
import { htmlExtensions } from '../documents/types';
import { importError } from './common';
import { parseKindleClippings } from './kindle-clippings';
import { isKindleNotebook, parseKindleNotebook } from './kindle-notebook';
import { parseReadwiseCsv } from './readwise-csv';
import type { ParsedImport } from './types';
import { parseWebAnnotations } from './web-annotation';

export { applyImport, type ApplyOptions, type ImportReport, type UnmatchedAnnotation } from './apply';
export { parseKindleClippings, type KindleOptions } from './kindle-clippings';
export { parseReadwiseCsv, readwiseExportHeader, readwiseImportHeader, type ReadwiseOptions } from './readwise-csv';
export { renderedText } from './rendered-text';
export type * from './types';
export { parseWebAnnotations, type WebAnnotationOptions } from './web-annotation';

export type ImportFormat = 'kindle' | 'kindle-notebook' | 'readwise' | 'web-annotation';

/**
 * Which parser a file needs: by its extension when it has a telling one
 * (an HTML file only when it is a Kindle notebook export), else by its first
 * characters (JSON starts with `{` or `[`; a Readwise CSV with `Highlight,`).
 * Null when neither tells.
 */
export function detectFormat(fileName: string, text: string): ImportFormat | null {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'json' || extension === 'jsonld') return 'web-annotation';
  if (extension === 'csv') return 'readwise';
  if (htmlExtensions.has(`.${extension}`) && isKindleNotebook(text)) return 'kindle-notebook';
  const start = text.replace(/^[\uFEFF\s]+/, '');
  if (start.startsWith('{') || start.startsWith('[')) return 'web-annotation';
  if (start.startsWith('Highlight,')) return 'readwise';
  if (extension === 'txt' || /^[^\n]*\r?\n-\s.*\|/.test(start)) return 'kindle';
  return null;
}

/** Parses a file with the parser its name or content calls for; throws GlossError('invalid-argument') otherwise. */
export function parseImport(fileName: string, text: string, options: { now?: () => Date } = {}): ParsedImport {
  const format = detectFormat(fileName, text);
  switch (format) {
    case 'kindle':
      return parseKindleClippings(text, options);
    case 'kindle-notebook':
      return parseKindleNotebook(text, options);
    case 'readwise':
      return parseReadwiseCsv(text, options);
    case 'web-annotation':
      return parseWebAnnotations(text, options);
    default:
      throw importError(
        fileName,
        'Gloss cannot tell what kind of file this is. It imports a Kindle “My Clippings.txt” or notebook export (.html), a Readwise CSV (.csv) and W3C Web Annotation JSON (.json).',
      );
  }
}
