import type { TextDirection, WritingMode } from '../../../common/text/language';
import type { CsvFormulas, DocumentNote, DocumentSummary, Highlight, ImportedDocumentDetails } from '../../../common/contract';

/** One document as every exporter sees it: its metadata, its note and its highlights. */
export interface ExportDocument {
  document: DocumentSummary;
  documentNote: DocumentNote | null;
  /** Any order; exporters sort them into reading order themselves (see `readingOrder`). */
  highlights: Highlight[];
  /** Highlights whose passage could not be placed in the current text; exported in their own section. */
  orphanIds: ReadonlySet<string>;
  /** What the file the document was made from said about the book (Readwise: Amazon Book ID, document tags). */
  importedDetails?: ImportedDocumentDetails;
  /** The language, direction and writing mode of its text, when the file it came from declared them. */
  lang?: string;
  dir?: TextDirection;
  writingMode?: WritingMode;
  /**
   * The document's Markdown body, when the export should carry it (Gloss's
   * JSON, so that importing it into an empty library brings the documents back too).
   */
  markdown?: string;
}

/** Passed in rather than read from the clock or package.json, so exports are reproducible (golden tests). */
export interface ExportOptions {
  exportedAt: Date;
  appVersion: string;
  /** CSV cells that would run as spreadsheet formulas: neutralised unless `raw` is asked for. */
  csvFormulas?: CsvFormulas;
}
