/**
 * Reads Readwise CSV in any of its shapes:
 *
 * - the bulk-import format (readwise.io/import_bulk), which Gloss's own CSV
 *   export writes: `Highlight,Title,Author,URL,Note,Location,Date`; only
 *   Highlight is required, so files with fewer columns (no Date) are common;
 * - Readwise's export: `Highlight,Book Title,Book Author,Amazon Book ID,Note,
 *   Color,Tags,Location Type,Location,Highlighted at,Document tags` (older
 *   exports lack Document tags).
 *
 * So any header is read that has Highlight and otherwise only columns of
 * these two shapes, in any order. What Gloss has no field for is kept:
 * Readwise's Location with its type on each highlight, the Amazon Book ID and
 * document tags with the book's document.
 *
 * Rows are grouped into books by title, author and URL. Notes that start with
 * inline tags (`.tag1 .tag2`, as export/csv.ts writes them) give those tags
 * back. All or nothing: the first problem throws a GlossError naming its line.
 */
import { restoreNeutralisedFormula } from '../export/csv';
import { normalizeNewlines } from '../export/common';
import {
  type HighlightColor,
  highlightColors,
  type ImportedDocumentDetails,
  type ImportedHighlightDetails,
} from '../../../common/contract';
import { limits } from '../storage/schema';
import {
  checkedNote,
  checkedTag,
  importError,
  importTime,
  isoTime,
  hasPassageText,
  passagesBody,
  refuseBinary,
  splitInlineTags,
  uniqueTags,
} from './common';
import { stableId } from '../stable-id';
import { carryOutActionTags } from './action-tags';
import { type CsvRecord, csvRecords } from './csv-text';
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

/** What each known column holds, by its name in either shape. */
const columnFields = {
  Highlight: 'highlight',
  Title: 'title',
  'Book Title': 'title',
  Author: 'author',
  'Book Author': 'author',
  URL: 'url',
  'Amazon Book ID': 'amazonBookId',
  Note: 'note',
  Color: 'color',
  Tags: 'tags',
  'Location Type': 'locationType',
  Location: 'location',
  Date: 'date',
  'Highlighted at': 'date',
  'Document tags': 'documentTags',
} as const satisfies Record<string, keyof Omit<Row, 'line'>>;
type Column = keyof typeof columnFields;
/** Columns only Readwise's export has: one of them makes a file that export, whose Location is the book's, not Gloss's offset. */
const exportOnlyColumns: readonly Column[] = [
  'Book Title',
  'Book Author',
  'Amazon Book ID',
  'Color',
  'Tags',
  'Location Type',
  'Highlighted at',
  'Document tags',
];

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
  amazonBookId: string;
  note: string;
  color: string;
  tags: string;
  location: string;
  locationType: string;
  date: string;
  documentTags: string;
}

interface BookEntry {
  book: ImportedBook;
  /** Each annotation's Location, when it has one. */
  order: (number | null)[];
  byId: Map<string | undefined, ImportedAnnotation>;
}

/** Parses the CSV text; throws GlossError('invalid-argument') naming the line of the first problem. */
export function parseReadwiseCsv(text: string, options: ReadwiseOptions = {}): BooksImport {
  const undated = importTime(options.now);
  // Excel writes a byte order mark; it is not part of the first column's name.
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '')
    throw importError('line 1', `the file is empty; expected a Readwise CSV whose first line is ${quoteHeader(readwiseImportHeader)}.`);
  refuseBinary(source, 'a Readwise CSV file');
  const records = csvRecords(source);
  const header = records.next();
  if (header.done) throw importError('line 1', 'the file has no header line.');
  const columns = headerColumns(header.value.fields);
  const format: BooksImport['format'] = columns.some((column) => exportOnlyColumns.includes(column))
    ? 'readwise-export'
    : 'readwise-import';
  const dateColumn = columns.includes('Highlighted at') ? 'Highlighted at' : 'Date';
  const warnings: string[] = [];
  // Gloss writes the import layout with spreadsheet formulas neutralised by a leading `'` (export/csv.ts): read back what was stored.
  const readField = format === 'readwise-import' ? restoreNeutralisedFormula : (value: string) => value;
  const at = fieldIndexes(columns);
  // byId finds a repeated row in constant time; searching the book's annotations for it made a big file quadratic.
  const books = new Map<string, BookEntry>();
  let previous: BookEntry | undefined;
  // Each record becomes its highlight before the next is read (see csvRecords).
  for (const record of records) {
    const row = readRecord(record, columns.length, at, readField);
    const title = row.title.trim() || 'Untitled';
    const author = row.author.trim() || null;
    const url = row.url.trim() || null;
    // A book's rows usually come together: the row before's book is reused without building its key.
    let entry =
      previous && previous.book.title === title && previous.book.author === author && previous.book.source === url ? previous : undefined;
    if (!entry) {
      const key = JSON.stringify([title, author, url]);
      entry = books.get(key);
      if (!entry) {
        entry = { book: { title, author, source: url, body: '', annotations: [], notesWithoutHighlight: [] }, order: [], byId: new Map() };
        books.set(key, entry);
      }
    }
    previous = entry;
    const { annotation, location } = readRow(row, format, dateColumn, title, author, url, undated);
    entry.book.details = bookDetails(entry.book.details, row);
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
      const { annotations, headings } = carryOutActionTags(book.annotations, warnings);
      book.annotations = annotations;
      if (headings.length > 0) book.headings = headings;
      book.body = passagesBody(
        annotations.map((annotation) => annotation.quote?.exact ?? ''),
        headings,
      );
      return book;
    }),
    warnings,
  };
}

/** A record's fields by name; throws when it has not as many fields as the header. */
function readRecord(
  { fields, line }: CsvRecord,
  columnCount: number,
  at: Record<keyof Omit<Row, 'line'>, number>,
  readField: (value: string) => string,
): Row {
  if (fields.length !== columnCount) {
    throw importError(
      `line ${line}`,
      `the row has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${columnCount}. ` +
        'A field holding a comma, a quote or a line break must be in double quotes.',
    );
  }
  const field = (name: keyof Omit<Row, 'line'>) => {
    const column = at[name];
    return column === -1 ? '' : readField(fields[column]!);
  };
  // Every row is built with the same fields in the same order, so reading them stays on one object shape.
  return {
    line,
    highlight: field('highlight'),
    title: field('title'),
    author: field('author'),
    url: field('url'),
    amazonBookId: field('amazonBookId'),
    note: field('note'),
    color: field('color'),
    tags: field('tags'),
    location: field('location'),
    locationType: field('locationType'),
    date: field('date'),
    documentTags: field('documentTags'),
  };
}

function readRow(
  row: Row,
  format: BooksImport['format'],
  dateColumn: Column,
  title: string,
  author: string | null,
  url: string | null,
  undated: () => string,
): { annotation: ImportedAnnotation; location: number | null } {
  const where = `line ${row.line}`;
  const exact = normalizeNewlines(row.highlight);
  if (!hasPassageText(exact)) throw importError(where, 'the Highlight column is empty; every row needs the highlighted text.');
  if (exact.length > limits.quoteLength)
    throw importError(where, `the highlight is longer than Gloss allows (${limits.quoteLength} characters).`);
  const inline = splitInlineTags(row.note, `${where}, Note`);
  const columnTags = listedTags(row.tags, `${where}, Tags`);
  const createdAt = row.date.trim() === '' ? undated() : readDate(row.date, `${where}, ${dateColumn}`);
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
  const imported = format === 'readwise-export' ? readwiseLocation(row) : undefined;
  if (imported) annotation.imported = imported;
  return { annotation, location };
}

/**
 * Readwise's Location with its Location Type, kept with the highlight: a
 * Kindle `location`, a `page`, or another kind (`order`, `time_offset`, …)
 * as written. (The import format's Location is Gloss's own offset, read as a
 * hint for anchoring instead.)
 */
function readwiseLocation(row: Row): ImportedHighlightDetails | undefined {
  const value = row.location.trim().slice(0, limits.metadataLength);
  const type = row.locationType.trim().toLowerCase().slice(0, limits.metadataLength);
  if (value === '') return undefined;
  if ((type === 'location' || type === '') && /^\d+$/.test(value)) return { location: { start: Number(value), end: Number(value) } };
  if (type === 'page') return { page: value };
  return { otherLocation: { type: type || 'location', value } };
}

/** A column's comma-separated tags, blanks left out. */
function listedTags(column: string, where: string): string[] {
  if (column.trim() === '') return [];
  return column
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
    .map((tag) => checkedTag(tag, where));
}

/** The book's Amazon Book ID and document tags, from whichever of its rows give them. */
function bookDetails(details: ImportedDocumentDetails | undefined, row: Row): ImportedDocumentDetails | undefined {
  if (row.amazonBookId.trim() === '' && row.documentTags.trim() === '') return details;
  const where = `line ${row.line}, Document tags`;
  const amazonBookId = details?.amazonBookId ?? (row.amazonBookId.trim().slice(0, limits.metadataLength) || undefined);
  const rowTags = listedTags(row.documentTags, where);
  const tags = uniqueTags([...(details?.tags ?? []), ...rowTags], where);
  if (amazonBookId === undefined && tags.length === 0) return undefined;
  return { ...(amazonBookId !== undefined ? { amazonBookId } : {}), ...(tags.length > 0 ? { tags } : {}) };
}

/** For each field of a row, the index of the column holding it, or -1 when the file has no such column. */
function fieldIndexes(columns: Column[]): Record<keyof Omit<Row, 'line'>, number> {
  const at = {
    highlight: -1,
    title: -1,
    author: -1,
    url: -1,
    amazonBookId: -1,
    note: -1,
    color: -1,
    tags: -1,
    location: -1,
    locationType: -1,
    date: -1,
    documentTags: -1,
  };
  columns.forEach((column, index) => (at[columnFields[column]] = index));
  return at;
}

/**
 * The header's columns: Highlight and any other columns of either Readwise
 * shape, each once, in any order. Names are matched exactly (spelled as
 * Readwise spells them), so a file that is no Readwise CSV is not misread.
 */
function headerColumns(fields: string[]): Column[] {
  const line = fields.join(',');
  const unknown = fields.filter((field) => !Object.hasOwn(columnFields, field));
  const repeated = fields.filter((field, index) => fields.indexOf(field) !== index);
  if (!fields.includes('Highlight') || unknown.length > 0 || repeated.length > 0) {
    const why = !fields.includes('Highlight')
      ? 'it has no Highlight column'
      : unknown.length > 0
        ? `it has ${unknown.length === 1 ? 'a column' : 'columns'} Gloss does not know (${unknown.map((field) => JSON.stringify(field)).join(', ')})`
        : `the column ${JSON.stringify(repeated[0])} appears twice`;
    throw importError(
      'line 1',
      `the header is ${JSON.stringify(line.length > 200 ? `${line.slice(0, 200)}…` : line)}, which is not a Readwise CSV header: ${why}. ` +
        `Expected Highlight and any of the columns of ${quoteHeader(readwiseImportHeader)} (Readwise's import format, as Gloss exports it) ` +
        `or of ${quoteHeader(readwiseExportHeader)} (Readwise's export), in any order.`,
    );
  }
  return fields as Column[];
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
