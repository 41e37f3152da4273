/**
 * Reads a Kindle's `My Clippings.txt`. Each clipping is
 *
 *   Title (Author)
 *   - Your Highlight on page 12 | Location 180-182 | Added on Sunday, March 3, 2024 10:15:32 PM
 *
 *   the highlighted text
 *   ==========
 *
 * The file is append-only and the Kindle is careless with it, so:
 * - line breaks may be CR LF, and U+FEFF turns up anywhere (a Kindle writes
 *   one before many titles): every one is removed;
 * - bookmarks carry no text and are skipped;
 * - a note is attached to the highlight whose location range contains the
 *   note's location; a note that no highlight contains is kept aside and
 *   reported (apply.ts puts it in the document note);
 * - extending or shortening a highlight on the device appends a new
 *   clipping and leaves the old one: of two highlights in the same book with
 *   overlapping locations, one text containing the other, the later wins;
 * - the details line is in the device's language: English is read exactly;
 *   other languages by keywords for the kind where known, by a generic
 *   `N-M` location, and by month names of several languages for the date
 *   (an unreadable date gets the import time and a warning, and the date as
 *   written is kept with the highlight). It may start with any dash (Russian
 *   Kindles write `–`) or none; a range's ends may be joined by a dash or a
 *   word (`1300 t/m 1301`, `180 bis 182`, `180～182`);
 * - old firmware writes two-digit years (`3 December 12`, `6 aprile 12,`);
 * - the Kindle's location and page are kept with each highlight, for the exports.
 *
 * Dates have no time zone in the file: they are read as the local time of
 * the computer importing them, usually the Kindle owner's own.
 *
 * Each book becomes one ImportedBook whose body is its highlights as
 * paragraphs, in reading order (by location) when every highlight has one.
 * One clipping that cannot be read never sinks the file: it is skipped and
 * named in the warnings (its line and why); only a file where no clipping
 * can be read, or one cut short, is refused, naming the line of the problem.
 */
import type { HighlightColor, ImportedHighlightDetails } from '../../../common/contract';
import { GlossError } from '../errors';
import { normalizeNewlines } from '../export/common';
import { limits } from '../storage/schema';
import { stableId } from '../stable-id';
import { checkedNote, importError, importTime, hasPassageText, passagesBody, refuseBinary, splitInlineTags } from './common';
import { carryOutActionTags } from './action-tags';
import type { BooksImport, ImportedAnnotation, ImportedBook, LooseNote } from './types';

/** The fields of a date as written, for `localTime`. Month is 1-12. */
export interface ClippingDateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export interface KindleOptions {
  /** The time given to clippings whose date cannot be read. */
  now?: () => Date;
  /** Turns a date as written into a time; by default, this computer's local time. */
  localTime?: (fields: ClippingDateFields) => Date;
}

export type ClippingKind = 'highlight' | 'note' | 'bookmark';

interface Range {
  start: number;
  end: number;
}

/** One clipping as read, before duplicates are resolved and notes attached. */
export interface Clipping {
  title: string;
  author: string | null;
  kind: ClippingKind;
  location: Range | null;
  page: string | null;
  /** The date as written (without its "Added on" label). */
  dateText: string;
  /** ISO 8601; the import time when the date could not be read. */
  createdAt: string;
  /** Whether `createdAt` was read from `dateText` (else it is the import time). */
  dateRead: boolean;
  text: string;
  /** Color Kindles with a color screen name in the details line. */
  color: HighlightColor;
  /** Line of the clipping's title. */
  line: number;
}

const separator = /^={10}\s*$/;

/** Words naming the kind of clipping, English first, then the Kindle's other languages. Bookmark is tested first: some languages' words overlap. */
const kindWords: [ClippingKind, RegExp][] = [
  ['bookmark', /\bbookmark\b|lesezeichen|\bsignet\b|\bmarcador\b|segnalibro|bladwijzer|ブックマーク|书签|書籤|북마크|закладк/iu],
  ['note', /\bnote\b|\bnotiz\b|\bnota\b|notitie|メモ|笔记|筆記|메모|заметк/iu],
  [
    'highlight',
    /highlight|\bclip\b|markierung|surlignement|subrayado|evidenziazione|destaque|markering|ハイライト|标注|標註|標示|하이라이트|выделен/iu,
  ],
];
/** A details line starts with a dash: `-` in most languages, `–` on Russian Kindles, `—` in some copies. */
const detailsDash = /^\s*[-‐‑‒–—]/;
const englishDetails = /^[-‐‑‒–—]?\s*(?:your\s+)?(?:highlight|note|bookmark|clip)\b/i;
/**
 * What joins the two ends of a location range: a dash of any kind or a tilde
 * (Japanese `～`), or the word the device's language uses: Dutch `t/m`, German
 * `bis`, French `à`, Spanish, Italian and Portuguese `a`/`até`, Russian `до`,
 * English `to`, Chinese `至`.
 */
const rangeJoiner = String.raw`(?:\s*[-‐‑‒–—~～〜]\s*|\s+(?:t\/m|bis|à|a|até|al|до|to)\s+|\s*至\s*)`;
const locationWords = new RegExp(
  String.raw`(?:\blocation\b|\bloc\.|\bposition\b|\bemplacement\b|\bposición\b|\bposizione\b|\bposição\b|\blocatie\b|\bpositie\b|位置(?:\s*no\.)?|позиции|позиция|месте|место|위치)\s*#?\s*(\d+)(?:${rangeJoiner}(\d+))?`,
  'iu',
);
/** Any `N-M` range, for details in a language without a known location word. */
const anyRange = new RegExp(String.raw`(\d+)${rangeJoiner}(\d+)`, 'u');
const pageWords =
  /(?:\bpage\b|\bseite\b|\bpágina\b|\bpagina\b|\bsida\b|\bside\b|страниц\p{L}*)\s+([0-9]+|[ivxlcdm]+)\b|(\d+)\s*ページ|第\s*(\d+)\s*[页頁]|(\d+)\s*페이지/iu;
const dateLabels =
  /^(?:added on|hinzugefügt am|ajouté le|añadido el|agregado el|aggiunto in data|aggiunto il|adicionado:?|adicionado em|toegevoegd op|作成日[:：]?|添加于|新增於|추가됨[:：]?|добавлено:?)\s*/iu;
const kindleColors = /\b(yellow|blue|pink|orange|green|purple)\b/i;

/** Month names of the languages a Kindle is commonly set to; the same word means the same month in all of them. */
const months = new Map<string, number>();
for (const names of [
  'january february march april may june july august september october november december',
  'januar februar märz april mai juni juli august september oktober november dezember',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  'januari februari maart april mei juni juli augustus september oktober november december',
  // Russian dates use the genitive (3 марта); the nominative is listed too.
  'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
  'январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь',
]) {
  names.split(' ').forEach((name, index) => months.set(name, index + 1));
}
months.set('setiembre', 9);

/** Parses the file's text; throws GlossError('invalid-argument') naming the line of the first problem. */
export function parseKindleClippings(text: string, options: KindleOptions = {}): BooksImport {
  const undated = importTime(options.now);
  const localTime = options.localTime ?? ((f: ClippingDateFields) => new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second));
  const source = normalizeNewlines(text.replace(/\uFEFF/g, ''));
  if (source.trim() === '') throw importError('line 1', 'the file is empty; expected a Kindle “My Clippings.txt”.');
  refuseBinary(source, 'a Kindle “My Clippings.txt”');
  const warnings: string[] = [];
  const clippings: Clipping[] = [];
  let firstProblem: GlossError | null = null;
  for (const entry of splitEntries(source)) {
    try {
      clippings.push(readEntry(entry, undated, localTime, warnings));
    } catch (error) {
      if (!(error instanceof GlossError)) throw error;
      firstProblem ??= error;
      warnings.push(`${error.message} That clipping was skipped; the others were imported.`);
    }
  }
  // Nothing readable at all: the first problem is the answer, and the file is refused.
  if (clippings.length === 0) throw firstProblem ?? importError('line 1', 'the file holds no clippings.');
  return { format: 'kindle', books: toBooks(clippings, warnings), warnings };
}

interface Line {
  text: string;
  number: number;
}

/** The lines of each clipping, split at the `==========` lines. */
function splitEntries(source: string): Line[][] {
  const entries: Line[][] = [];
  let current: Line[] = [];
  source.split('\n').forEach((text, index) => {
    if (separator.test(text)) {
      if (current.some((line) => line.text.trim() !== '')) entries.push(current);
      current = [];
    } else current.push({ text, number: index + 1 });
  });
  const unclosed = current.find((line) => line.text.trim() !== '');
  if (unclosed) {
    throw importError(
      `line ${unclosed.number}`,
      'the clipping starting here is not closed by a line of ten “=” (==========); the file may be cut short.',
    );
  }
  return entries;
}

/** Whether a line is a clipping's details line: a dash, fields separated by `|`, and a year or a time in it. */
function looksLikeDetails(text: string): boolean {
  return /^[-‐‑‒–—]\s.*\|.*(?:\d{4}|\d{1,2}:\d{2})/.test(text);
}

/** The second line of a clipping is its details: it starts with a dash, or (some copies drop it) has `|`-separated fields with a number. */
function isDetailsLine(text: string): boolean {
  return detailsDash.test(text) || /\d.*\|.*\d/.test(text);
}

function readEntry(lines: Line[], undated: () => string, localTime: (fields: ClippingDateFields) => Date, warnings: string[]): Clipping {
  const content = lines.slice(lines.findIndex((line) => line.text.trim() !== ''));
  const titleLine = content[0]!;
  const detailsLine = content[1];
  if (!detailsLine || !isDetailsLine(detailsLine.text)) {
    const where = detailsLine ? `line ${detailsLine.number}` : `line ${titleLine.number + 1}`;
    throw importError(
      where,
      `expected the clipping's details (“- Your Highlight on page … | Location … | Added on …”) after its title on line ${titleLine.number}` +
        (detailsLine ? `; found “${shorten(detailsLine.text)}”.` : '.'),
    );
  }
  const textLines = content.slice(2);
  if (textLines[0]?.text.trim() === '') textLines.shift();
  // A details line inside the text means two clippings ran together: their separator is missing.
  for (let index = 1; index < textLines.length; index++) {
    const line = textLines[index]!;
    const previous = textLines[index - 1]!;
    if (looksLikeDetails(line.text.trim()) && previous.text.trim() !== '') {
      throw importError(
        `line ${line.number}`,
        `a new clipping seems to start on line ${previous.number} (“${shorten(previous.text)}”), but the clipping before it (from line ${titleLine.number}) is not closed by a line of ten “=” (==========).`,
      );
    }
  }
  const { title, author } = readTitle(titleLine);
  const details = readDetails(detailsLine, undated, localTime, warnings);
  return {
    title,
    author,
    ...details,
    text: textLines
      .map((line) => line.text)
      .join('\n')
      .trim(),
    line: titleLine.number,
  };
}

/** `Title (Author)`: the author is the last parenthesised part; a title without one has no author. */
function readTitle(line: Line): { title: string; author: string | null } {
  const text = line.text.trim();
  const match = /^(.*\S)\s*\(([^()]*)\)$/.exec(text);
  const title = (match ? match[1]! : text).trim();
  const author = match ? match[2]!.trim() || null : null;
  if (title === '') throw importError(`line ${line.number}`, 'the clipping has no title.');
  return { title, author };
}

function readDetails(
  line: Line,
  undated: () => string,
  localTime: (fields: ClippingDateFields) => Date,
  warnings: string[],
): Pick<Clipping, 'kind' | 'location' | 'page' | 'dateText' | 'createdAt' | 'dateRead' | 'color'> {
  const where = `line ${line.number}`;
  const text = line.text.trim();
  const segments = text
    .replace(/^[-‐‑‒–—]?\s*/, '')
    .split('|')
    .map((segment) => segment.trim());
  const dateSegment = segments.length > 1 ? segments.at(-1)! : '';
  const placeSegments = segments.length > 1 ? segments.slice(0, -1) : segments;
  const english = englishDetails.test(text);
  let kind = clippingKind(text);
  const location = readLocation(placeSegments, where);
  const page = readPage(placeSegments);
  if (!kind) {
    // An unknown language: most clippings are highlights, and a note read as one is still kept, text and all.
    kind = 'highlight';
    warnings.push(
      `${where}: the details “${shorten(text)}” are in a language Gloss does not know; read as a highlight${location ? ` at location ${location.start}-${location.end}` : ''}.`,
    );
  }
  const dateText = dateSegment.replace(dateLabels, '').trim();
  const fields = readDate(dateText);
  let createdAt: string | null = null;
  if (fields) {
    const time = localTime(fields);
    if (!Number.isNaN(time.getTime())) createdAt = time.toISOString();
  }
  const dateRead = createdAt !== null;
  if (createdAt === null) {
    createdAt = undated();
    if (kind !== 'bookmark')
      warnings.push(`${where}: the date “${dateText || dateSegment}” could not be read; the ${kind} is dated to the import.`);
  }
  if (!english && !location && !page && kind !== 'bookmark') {
    warnings.push(`${where}: no location or page found in “${shorten(text)}”; the ${kind} keeps its place in the file.`);
  }
  return { kind, location, page, dateText: dateText || dateSegment, createdAt, dateRead, color: clippingColor(placeSegments.join(' ')) };
}

/** The kind of clipping a heading names, in any of the Kindle's languages; undefined in another. */
export function clippingKind(heading: string): ClippingKind | undefined {
  return kindWords.find(([, words]) => words.test(heading))?.[0];
}

/** The highlight colour a heading names (colour Kindles and the Kindle apps), yellow when it names none. */
export function clippingColor(heading: string): HighlightColor {
  const colorName = kindleColors.exec(heading)?.[1]?.toLowerCase();
  // The Kindle's orange has no Gloss twin; yellow is the nearest.
  return colorName === undefined || colorName === 'orange' ? 'yellow' : (colorName as HighlightColor);
}

/** `Location 180-182`, `Loc. 1234-36` (old Kindles shorten the end), or in another language; else a generic `N-M`. */
export function readLocation(segments: string[], where: string): Range | null {
  let match: RegExpExecArray | null = null;
  for (const segment of segments) {
    match = locationWords.exec(segment);
    if (match) break;
  }
  if (!match) {
    // Generic: the first `N-M` that is not a page.
    for (const segment of segments) {
      match = anyRange.exec(segment.replace(pageWords, ''));
      if (match) break;
    }
  }
  if (!match) return null;
  const start = Number(match[1]);
  let end = match[2] === undefined ? start : Number(match[2]);
  if (end < start && match[2]!.length < match[1]!.length) {
    // "1234-36" means 1234-1236.
    end = Number(match[1]!.slice(0, match[1]!.length - match[2]!.length) + match[2]);
  }
  if (end < start) throw importError(where, `the location range ${match[0]} ends before it starts.`);
  return { start, end };
}

export function readPage(segments: string[]): string | null {
  for (const segment of segments) {
    const match = pageWords.exec(segment);
    if (match) return (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').toLowerCase() || null;
  }
  return null;
}

/**
 * The date fields, in any of the Kindle's languages: a year, a month name (or
 * CJK `2024年3月3日`, Korean `2024년 3월 3일`), a day, and a time with an
 * optional AM/PM (午前/午後, 上午/下午, 오전/오후). Old firmware writes the
 * year in two digits (`3 December 12`, `6 aprile 12,`): without a four-digit
 * year, the first number left is the day and the second the year, 20xx (the
 * first Kindle is from 2007). Null when a part is missing.
 */
export function readDate(text: string): ClippingDateFields | null {
  let rest = text;
  let hour = 0;
  let minute = 0;
  let second = 0;
  const time = /(上午|下午|午前|午後|오전|오후)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?\s*[Mm]\.?(?![\p{L}]))?/u.exec(rest);
  if (time) {
    hour = Number(time[2]);
    minute = Number(time[3]);
    second = Number(time[4] ?? 0);
    const marker =
      time[5]?.toLowerCase() ?? (time[1] === '下午' || time[1] === '午後' || time[1] === '오후' ? 'p' : time[1] ? 'a' : undefined);
    if (marker === 'p' && hour < 12) hour += 12;
    if (marker === 'a' && hour === 12) hour = 0;
    rest = rest.slice(0, time.index) + ' ' + rest.slice(time.index + time[0].length);
  }
  let year: number;
  let month: number;
  let day: number;
  const cjk = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/.exec(rest);
  if (cjk) {
    [year, month, day] = [Number(cjk[1]), Number(cjk[2]), Number(cjk[3])];
  } else {
    const monthName = (rest.toLowerCase().match(/\p{L}+/gu) ?? []).find((word) => months.has(word));
    if (!monthName) return null;
    month = months.get(monthName)!;
    const yearMatch = /(?<!\d)(\d{4})(?!\d)/.exec(rest);
    if (yearMatch) rest = rest.slice(0, yearMatch.index) + ' ' + rest.slice(yearMatch.index + 4);
    const small = [...rest.matchAll(/(?<!\d)(\d{1,2})(?!\d)/g)].map((match) => Number(match[1]));
    if (small.length === 0 || (!yearMatch && small.length < 2)) return null;
    day = small[0]!;
    year = yearMatch ? Number(yearMatch[1]) : 2000 + small[1]!;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  return { year, month, day, hour, minute, second };
}

function shorten(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 120 ? `${trimmed.slice(0, 120)}…` : trimmed;
}

function overlaps(a: Clipping, b: Clipping): boolean {
  if (a.location && b.location) return a.location.start <= b.location.end && b.location.start <= a.location.end;
  if (a.location || b.location) return false;
  return a.page === b.page;
}

/** Of each pair of clippings where the later is an edit of the earlier (see the file comment), only the later. */
function withoutEdits(clippings: Clipping[]): Clipping[] {
  const kept: Clipping[] = [];
  for (const clipping of clippings) {
    const earlier = kept.findIndex(
      (other) => overlaps(other, clipping) && (clipping.text.includes(other.text) || other.text.includes(clipping.text)),
    );
    if (earlier !== -1) kept.splice(earlier, 1);
    kept.push(clipping);
  }
  return kept;
}

/** `Location 180-182`, `page 12`, or empty: where a clipping is, as the user would say it. */
function placeOf(clipping: Clipping): string {
  if (clipping.location)
    return `Location ${clipping.location.start}${clipping.location.end !== clipping.location.start ? `-${clipping.location.end}` : ''}`;
  return clipping.page ? `page ${clipping.page}` : '';
}

const clippingLimit = /^<?\s*you have reached the clipping limit/i;

/** The books the clippings belong to, each with its highlights in reading order and its notes attached (or kept aside). */
export function toBooks(clippings: Clipping[], warnings: string[]): ImportedBook[] {
  const byBook = new Map<string, Clipping[]>();
  for (const clipping of clippings) {
    if (clipping.kind === 'bookmark') continue;
    if (clipping.kind === 'highlight' && clipping.text === '') {
      warnings.push(
        `line ${clipping.line}: a highlight without text (an image, or a passage the publisher does not allow to copy) was skipped.`,
      );
      continue;
    }
    if (clipping.kind === 'highlight' && clippingLimit.test(clipping.text)) {
      warnings.push(`line ${clipping.line}: “${shorten(clipping.text)}” is the Kindle's placeholder, not a highlight; skipped.`);
      continue;
    }
    if (clipping.kind === 'note' && clipping.text === '') continue;
    const key = JSON.stringify([clipping.title, clipping.author]);
    const list = byBook.get(key) ?? [];
    list.push(clipping);
    byBook.set(key, list);
  }
  const books: ImportedBook[] = [];
  for (const list of byBook.values()) {
    const first = list[0]!;
    const highlights = withoutEdits(list.filter((clipping) => clipping.kind === 'highlight'));
    const notes = withoutEdits(list.filter((clipping) => clipping.kind === 'note'));
    const attached = new Map<Clipping, Clipping[]>();
    const loose: LooseNote[] = [];
    // Latest first: of several highlights containing a note's location, the latest is the likelier.
    const latestFirst = [...highlights].reverse();
    for (const note of notes) {
      const target = noteTarget(note, latestFirst);
      if (target) attached.set(target, [...(attached.get(target) ?? []), note]);
      else
        loose.push({
          text: note.text,
          where: placeOf(note),
          dateText: note.dateText,
          createdAt: note.createdAt,
          origin: `line ${note.line}`,
        });
    }
    const ordered = readingOrder(highlights);
    const { annotations, headings } = carryOutActionTags(
      ordered.map((highlight) => annotationOf(highlight, attached.get(highlight) ?? [])),
      warnings,
    );
    books.push({
      title: first.title,
      author: first.author,
      source: 'Kindle',
      body: passagesBody(
        annotations.map((annotation) => annotation.quote!.exact),
        headings,
      ),
      annotations,
      notesWithoutHighlight: loose,
      ...(headings.length > 0 ? { headings } : {}),
    });
  }
  return books;
}

/**
 * The highlight a note belongs to: one whose location range contains the
 * note's location, preferring the one ending there (the Kindle puts a note at
 * its highlight's last location), then the latest. A note with only a page
 * goes to the latest highlight on that page without a location. The
 * highlights come latest first (withoutEdits keeps file order).
 */
function noteTarget(note: Clipping, latestFirst: readonly Clipping[]): Clipping | null {
  if (note.location) {
    const at = note.location.start;
    const containing = latestFirst.filter(
      (highlight) => highlight.location && highlight.location.start <= at && at <= highlight.location.end,
    );
    return containing.find((highlight) => highlight.location!.end === at) ?? containing[0] ?? null;
  }
  if (note.page) return latestFirst.find((highlight) => !highlight.location && highlight.page === note.page) ?? null;
  return null;
}

/** By location when every highlight has one, else by page when every one has a numeric page, else as in the file. */
function readingOrder(highlights: Clipping[]): Clipping[] {
  const indexed = highlights.map((highlight, index) => ({ highlight, index }));
  if (highlights.every((highlight) => highlight.location)) {
    indexed.sort(
      (a, b) =>
        a.highlight.location!.start - b.highlight.location!.start ||
        a.highlight.location!.end - b.highlight.location!.end ||
        a.index - b.index,
    );
  } else if (highlights.every((highlight) => highlight.page !== null && /^\d+$/.test(highlight.page))) {
    indexed.sort((a, b) => Number(a.highlight.page) - Number(b.highlight.page) || a.index - b.index);
  }
  return indexed.map(({ highlight }) => highlight);
}

function annotationOf(highlight: Clipping, notes: Clipping[]): ImportedAnnotation {
  const origin = `line ${highlight.line}`;
  const split = notes.map((note) => splitInlineTags(note.text, `line ${note.line}`));
  const note = split
    .map((part) => part.note.trim())
    .filter((text) => text !== '')
    .join('\n\n');
  const tags = [...new Set(split.flatMap((part) => part.tags))].slice(0, limits.tags);
  const updatedAt = [highlight.createdAt, ...notes.map((n) => n.createdAt)].sort().at(-1)!;
  if (!hasPassageText(highlight.text)) throw importError(origin, 'the highlight has no text.');
  return {
    sourceDocument: { title: highlight.title },
    quote: { type: 'TextQuoteSelector', exact: highlight.text, prefix: '', suffix: '' },
    position: null,
    color: highlight.color,
    note: checkedNote(note, origin),
    tags,
    createdAt: highlight.createdAt,
    updatedAt,
    id: stableId('kindle', highlight.title, highlight.author ?? '', placeOf(highlight), highlight.text),
    origin,
    ...importedDetails(highlight),
  };
}

/** The Kindle's own location and page, and the date as written when it could not be read: kept with the highlight. */
function importedDetails(highlight: Clipping): { imported?: ImportedHighlightDetails } {
  const details: ImportedHighlightDetails = {};
  if (highlight.location) details.location = { ...highlight.location };
  if (highlight.page) details.page = highlight.page.slice(0, limits.metadataLength);
  if (!highlight.dateRead && highlight.dateText.trim() !== '') details.dateText = highlight.dateText.trim().slice(0, limits.metadataLength);
  return Object.keys(details).length > 0 ? { imported: details } : {};
}
