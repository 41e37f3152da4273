/**
 * CSV in Readwise's bulk-import format (readwise.io/import_bulk): one row per
 * highlight under the header `Highlight,Title,Author,URL,Note,Location,Date`.
 *
 * Encoding: UTF-8 without a byte order mark. Readwise asks only for UTF-8 and
 * requires one column, Highlight, which is the first; a BOM glued to that
 * header by a parser that does not expect one (csv-parse without `bom: true`,
 * many import scripts) renames it "\uFEFFHighlight" and the whole file is
 * refused. A BOM mainly helps Excel guess the encoding, and Excel is not what
 * this file is for.
 *
 * Spreadsheet formula injection: a field that starts with `=`, `+`, `-`, `@`,
 * TAB or CR is run as a formula by Excel, LibreOffice and Google Sheets
 * (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`). Exports neutralise such fields by
 * default as OWASP's CSV Injection page recommends, with a leading `'` (which
 * the spreadsheet shows as text and Gloss's own Readwise import removes
 * again); `raw` writes every field exactly, for Readwise, which would keep the
 * apostrophe as part of the highlight.
 */
import type { CsvFormulas, Highlight } from '../../../common/contract';
import { allInReadingOrder, hasNote, utcDateTime, webUrl } from './common';
import type { ExportDocument } from './types';

export const readwiseColumns = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;
export type ReadwiseRow = Record<(typeof readwiseColumns)[number], string>;

/** The CSV text: header, one row per highlight (documents in the order given, each in reading order), CRLF line ends. */
export function toReadwiseCsv(docs: readonly ExportDocument[], formulas: CsvFormulas = 'raw'): string {
  const rows = docs.flatMap((doc) => allInReadingOrder(doc).map((highlight) => readwiseRow(doc, highlight)));
  const cell = formulas === 'neutralised' ? (value: string) => csvField(neutraliseFormula(value)) : csvField;
  const lines = [readwiseColumns.map(csvField), ...rows.map((row) => readwiseColumns.map((column) => cell(row[column])))];
  return lines.map((fields) => `${fields.join(',')}\r\n`).join('');
}

/** One highlight's fields, before quoting. */
export function readwiseRow(doc: ExportDocument, highlight: Highlight): ReadwiseRow {
  return {
    Highlight: highlight.quote.exact,
    Title: doc.document.title,
    Author: doc.document.author ?? '',
    // Only a web address: a source like "Printed handout" is no URL, and Readwise keys documents by it.
    URL: webUrl(doc.document.source) ?? '',
    Note: readwiseNote(highlight),
    // Readwise sorts a document's highlights by Location: the Kindle's own location when the highlight
    // came from one (what Readwise itself shows for Kindle books), else the passage's offset in Gloss's text.
    Location: String(highlight.imported?.location?.start ?? highlight.position.start),
    // Readwise's documented format, read as UTC.
    Date: utcDateTime(highlight.createdAt),
  };
}

/**
 * The note with the tags in Readwise's inline-tag syntax: "start any note with
 * a `.` and follow it with a single word (no spaces)" (docs.readwise.io,
 * Action tags › Inline tagging). So the tags come first, on their own line,
 * `.tag1 .tag2`, spaces inside a tag becoming `-`; the note follows on the next line.
 * Readwise reads a few such words as actions rather than tags (`.h1`–`.h6`,
 * `.c1`, `.qa`); a Gloss tag spelled that way will act as one there.
 */
export function readwiseNote(highlight: Highlight): string {
  const tags = highlight.tags.map((tag) => `.${tag.trim().replace(/\s+/g, '-')}`).join(' ');
  const note = hasNote(highlight) ? highlight.note : '';
  return [tags, note].filter((part) => part !== '').join('\n');
}

/** The characters that make a spreadsheet read a cell as a formula (OWASP, CSV Injection). */
const formulaStart = /^[=+\-@\t\r]/;

/** A field a spreadsheet would run as a formula, with a leading `'` so it is shown as text. */
export function neutraliseFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

/** What Gloss's own Readwise import does with a field `neutraliseFormula` wrote: the `'` goes again. */
export function restoreNeutralisedFormula(value: string): string {
  return value.startsWith("'") && formulaStart.test(value.slice(1)) ? value.slice(1) : value;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
