/** Export formats. Each takes documents and options and returns text; writing files is the caller's job. */
export type { ExportDocument, ExportOptions } from './types';
export { markdownFileName, toMarkdown } from './markdown';
export { toWebAnnotationJson } from './json';
export { toReadwiseCsv } from './csv';
export { toHtml } from './html';
export { documentToClipboardMarkdown, highlightToClipboardMarkdown } from './clipboard';
