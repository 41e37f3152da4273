/**
 * Reads Readwise CSV in either of its shapes:
 *
 * - the bulk-import format (readwise.io/import_bulk), which Gloss's own CSV
 *   export writes: `Highlight,Title,Author,URL,Note,Location,Date`;
 * - Readwise's export: `Highlight,Book Title,Book Author,Amazon Book ID,Note,
 *   Color,Tags,Location Type,Location,Highlighted at,Document tags`.
 *
 * Rows are grouped into books by title, author and URL. Notes that start with
 * inline tags (`.tag1 .tag2`, as export/csv.ts writes them) give those tags
 * back. All or nothing: the first problem throws a GlossError naming its line.
 */
import { restoreNeutralisedFormula } from '../export/csv';
import { type HighlightColor, highlightColors } from '../../../common/contract';
import { limits } from '../storage/schema';
import {
  checkedNote,
  checkedTag,
  importError,
  isoTime,
  passageParagraphs,
  passagesBody,
  refuseBinary,
  splitInlineTags,
  stableId,
  uniqueTags,
} from './common';
import { parseCsvRecords } from './csv-text';
import type { BooksImport, ImportedAnnotation, ImportedBook } from './types';

/** Readwise's bulk-import header, which Gloss's CSV export writes. */
export const readwiseImportHeader = ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date'] as const;
/** The header of the CSV Readwise exports. */
export const readwiseExportHeader = [
  'Highlight',
  'Book Title',
  'Book Author',
  'Amazon Book ID',
  'Note',
  'Color',
  'Tags',
  'Location Type',
  'Location',
  'Highlighted at',
  'Document tags',
] as const;

/**
 * Readwise's colors, as Gloss has them. Readwise has orange where Gloss has
 * none; it becomes yellow, the nearest warm color. Unknown names also become
 * yellow (Gloss's default) rather than refusing the file over a shade.
 */
const colorNames: Record<string, HighlightColor> = { orange: 'yellow', red: 'pink' };

export interface ReadwiseOptions {
  /** The time given to rows without a date. */
  now?: () => Date;
}

interface Row {
  line: number;
  highlight: string;
  title: string;
  author: string;
  url: string;
  note: string;
  color: string;
  tags: string;
  location: string;
  locationType: string;
  date: string;
  documentTags: string;
}

/** Parses the CSV text; throws GlossError('invalid-argument') naming the line of the first problem. */
export function parseReadwiseCsv(text: string, options: ReadwiseOptions = {}): BooksImport {
  const now = options.now ?? (() => new Date());
  // Excel writes a byte order mark; it is not part of the first column's name.
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '')
    throw importError('line 1', `the file is empty; expected a Readwise CSV whose first line is ${quoteHeader(readwiseImportHeader)}.`);
  refuseBinary(source, 'a Readwise CSV file');
  const records = parseCsvRecords(source);
  const header = records[0];
  if (!header) throw importError('line 1', 'the file has no header line.');
  const format = headerFormat(header.fields);
  const columns = format === 'readwise-import' ? readwiseImportHeader.length : readwiseExportHeader.length;
  const warnings: string[] = [];
  const rows: Row[] = records.slice(1).map(({ fields, line }) => {
    if (fields.length !== columns) {
      throw importError(
        `line ${line}`,
        `the row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${columns}. ` +
          'A field holding a comma, a quote or a line break must be in double quotes.',
      );
    }
    // Gloss writes this layout with spreadsheet formulas neutralised by a leading `'` (export/csv.ts): read back what was stored.
    const field = (index: number) =>
      format === 'readwise-import' ? restoreNeutralisedFormula(fields[index] ?? '') : (fields[index] ?? '');
    return format === 'readwise-import'
      ? {
          line,
          highlight: field(0),
          title: field(1),
          author: field(2),
          url: field(3),
          note: field(4),
          color: '',
          tags: '',
          location: field(5),
          locationType: 'offset',
          date: field(6),
          documentTags: '',
        }
      : {
          line,
          highlight: field(0),
          title: field(1),
          author: field(2),
          url: '',
          note: field(4),
          color: field(5),
          tags: field(6),
          locationType: field(7),
          location: field(8),
          date: field(9),
          documentTags: field(10),
        };
  });
  if (rows.some((row) => row.documentTags.trim() !== ''))
    warnings.push('Document tags were not imported: Gloss has tags on highlights only.');

  // byId finds a repeated row in constant time; searching the book's annotations for it made a big file quadratic.
  const books = new Map<string, { book: ImportedBook; order: (number | null)[]; byId: Map<string | undefined, ImportedAnnotation> }>();
  for (const row of rows) {
    const title = row.title.trim() || 'Untitled';
    const author = row.author.trim() || null;
    const url = row.url.trim() || null;
    const key = JSON.stringify([title, author, url]);
    let entry = books.get(key);
    if (!entry) {
      entry = { book: { title, author, source: url, body: '', annotations: [], notesWithoutHighlight: [] }, order: [], byId: new Map() };
      books.set(key, entry);
    }
    const { annotation, location } = readRow(row, format, title, author, url, now);
    // The same row twice (same text, place and date) is one highlight.
    const twin = entry.byId.get(annotation.id);
    if (twin) {
      warnings.push(`line ${row.line}: the same highlight as on ${twin.origin}; read once.`);
      continue;
    }
    entry.byId.set(annotation.id, annotation);
    entry.book.annotations.push(annotation);
    entry.order.push(location);
  }
  return {
    format,
    books: [...books.values()].map(({ book, order }) => {
      // Readwise orders a book's highlights by Location; so does the document made of them, when every row has one.
      if (order.every((location) => location !== null)) {
        const sorted = book.annotations.map((annotation, index) => ({ annotation, location: order[index]!, index }));
        sorted.sort((a, b) => a.location - b.location || a.index - b.index);
        book.annotations = sorted.map(({ annotation }) => annotation);
      }
      book.body = passagesBody(book.annotations.map((annotation) => annotation.quote?.exact ?? ''));
      return book;
    }),
    warnings,
  };
}

function readRow(
  row: Row,
  format: BooksImport['format'],
  title: string,
  author: string | null,
  url: string | null,
  now: () => Date,
): { annotation: ImportedAnnotation; location: number | null } {
  const where = `line ${row.line}`;
  const exact = row.highlight.replace(/\r\n?/g, '\n');
  if (passageParagraphs(exact).length === 0)
    throw importError(where, 'the Highlight column is empty; every row needs the highlighted text.');
  if (exact.length > limits.quoteLength)
    throw importError(where, `the highlight is longer than Gloss allows (${limits.quoteLength} characters).`);
  const inline = splitInlineTags(row.note, `${where}, Note`);
  const columnTags = row.tags
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
    .map((tag) => checkedTag(tag, `${where}, Tags`));
  const createdAt =
    row.date.trim() === ''
      ? now().toISOString()
      : readDate(row.date, `${where}, ${format === 'readwise-import' ? 'Date' : 'Highlighted at'}`);
  const location = /^\d+$/.test(row.location.trim()) ? Number(row.location.trim()) : null;
  const annotation: ImportedAnnotation = {
    sourceDocument: url ? { title, uri: url } : { title },
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    // Gloss writes a highlight's offset as Location: a hint for finding it again in the same document.
    position:
      format === 'readwise-import' && location !== null && location <= limits.bodyLength
        ? { type: 'TextPositionSelector', start: location, end: location + exact.length }
        : null,
    color: readColor(row.color),
    note: checkedNote(inline.note, `${where}, Note`),
    tags: uniqueTags([...columnTags, ...inline.tags], where),
    createdAt,
    updatedAt: createdAt,
    id: stableId('readwise', title, author ?? '', url ?? '', exact, row.location.trim(), row.date.trim()),
    origin: where,
  };
  return { annotation, location };
}

function headerFormat(fields: string[]): BooksImport['format'] {
  const line = fields.join(',');
  if (line === readwiseImportHeader.join(',')) return 'readwise-import';
  if (line === readwiseExportHeader.join(',')) return 'readwise-export';
  throw importError(
    'line 1',
    `the header is ${JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line)}, which is not a Readwise CSV header. ` +
      `Expected exactly ${quoteHeader(readwiseImportHeader)} (Readwise's import format, as Gloss exports it) ` +
      `or ${quoteHeader(readwiseExportHeader)} (Readwise's export).`,
  );
}

function quoteHeader(columns: readonly string[]): string {
  return `“${columns.join(',')}”`;
}

function readColor(name: string): HighlightColor {
  const color = name.trim().toLowerCase();
  if ((highlightColors as readonly string[]).includes(color)) return color as HighlightColor;
  return colorNames[color] ?? 'yellow';
}

/**
 * Readwise's documented `YYYY-MM-DD HH:MM:SS` (read as UTC), any ISO 8601
 * form, or an English month-name date (`May 1, 2021 5:43 PM`) as UTC.
 */
function readDate(text: string, where: string): string {
  const iso = isoTime(text);
  if (iso !== null) return iso;
  const trimmed = text.trim();
  if (/[A-Za-z]{3}/.test(trimmed) && !/\b(?:UTC|GMT|Z)\b|[+-]\d{2}:?\d{2}$/.test(trimmed)) {
    const time = new Date(`${trimmed} UTC`);
    if (!Number.isNaN(time.getTime())) return time.toISOString();
  }
  throw importError(where, `“${trimmed}” is not a date Gloss can read (expected e.g. 2024-01-02 10:05:00).`);
}
