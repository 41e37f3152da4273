/** Helpers shared by the importers: errors, ids, passage bodies, dates, tags. */
import { z } from 'zod';
import { GlossError } from '../errors';
import { stableId } from '../stable-id';
import { normalizeNewlines } from '../export/common';
import { escapeMarkdownInline, escapeMarkdownLine } from '../export/markdown-text';
import { highlightIdSchema, limits } from '../storage/schema';

/** The error every parser throws: the message says where in the file the problem is. */
export function importError(where: string, message: string): GlossError {
  return new GlossError('invalid-argument', `${where}: ${message}`);
}

/** The 1-based line holding `offset` of `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}

/**
 * Refuses text that is plainly not text: a NUL character (binary files have
 * them, text files never do) or a file made mostly of U+FFFD, what undecodable
 * bytes become. Says on which line, so the user can see it is the wrong file.
 */
export function refuseBinary(text: string, fileKind: string): void {
  const nul = text.indexOf('\u0000');
  if (nul !== -1)
    throw importError(`line ${lineAt(text, nul)}`, `this does not look like ${fileKind}: it holds binary data (a NUL character).`);
  if (text.length >= 16 && occurrencesBeyond(text, '\uFFFD', text.length / 10)) {
    throw importError(`line ${lineAt(text, text.indexOf('\uFFFD'))}`, `this does not look like ${fileKind}: it is not UTF-8 text.`);
  }
}

/** Whether `text` holds `char` more than `limit` times; indexOf, not a global match, which took 15 ms on a 13 MB export. */
function occurrencesBeyond(text: string, char: string, limit: number): boolean {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) if (++count > limit) return true;
  return false;
}

/**
 * A Gloss highlight id for an id found in a file: `urn:uuid:<uuid>` and
 * `urn:gloss:highlight:<id>` (what Gloss's JSON export writes) give back the
 * id itself; any other id that Gloss accepts is kept; anything else (a URL, an
 * id with `_`) is hashed into a stable UUID.
 */
export function glossHighlightId(fileId: string): string {
  const bare = /^urn:uuid:(.+)$/i.exec(fileId)?.[1]?.toLowerCase() ?? /^urn:gloss:highlight:(.+)$/.exec(fileId)?.[1] ?? fileId;
  return highlightIdSchema.safeParse(bare).success ? bare : stableId('annotation id', fileId);
}

/** Whether `passageParagraphs(text)` would give any paragraph: a character that is neither white space nor a removed control character. */
export function hasPassageText(text: string): boolean {
  return /[^\s\u0000-\u0008\u000B-\u001F\u007F]/.test(text);
}

/**
 * A passage as paragraphs of plain text: line breaks as LF, each line trimmed
 * (Markdown drops a paragraph's leading and trailing spaces anyway, and two
 * trailing spaces would make a line break the reader cannot select), blank
 * lines separating paragraphs, control characters other than tab removed
 * (HTML has no use for them).
 */
export function passageParagraphs(text: string): string[] {
  const cleaned = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F\uFEFF]/g, '');
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) paragraphs.push(lines.join('\n'));
    lines = [];
  };
  // Walks the lines in place rather than splitting the whole text into an array first: a file of many short lines then costs no more per line.
  for (let start = 0; start <= cleaned.length;) {
    const end = cleaned.indexOf('\n', start);
    const lineEnd = end === -1 ? cleaned.length : end;
    const trimmed = cleaned.slice(start, lineEnd).trim();
    if (trimmed === '') flush();
    else lines.push(trimmed);
    start = lineEnd + 1;
  }
  flush();
  return paragraphs;
}

/**
 * A document body made of passages: every paragraph of every passage as a
 * Markdown paragraph, escaped so the reader shows exactly its text (no
 * emphasis, links, HTML or list markers). The rendered text is then the
 * paragraphs separated by one line break each, which is what lets apply.ts
 * give each passage a highlight covering its paragraphs exactly.
 */
export function passagesBody(passages: readonly string[], headings: readonly BookHeading[] = []): string {
  const blocks: string[] = [];
  const headingsBefore = (index: number) =>
    headings
      .filter((heading) => heading.before === index)
      .map((heading) => `${'#'.repeat(heading.level)} ${escapeMarkdownInline(heading.text)}`);
  passages.forEach((passage, index) => {
    blocks.push(...headingsBefore(index));
    blocks.push(...passageParagraphs(passage).map((paragraph) => paragraph.split('\n').map(escapeMarkdownLine).join('\n')));
  });
  blocks.push(...headingsBefore(passages.length));
  return blocks.length === 0 ? '' : `${blocks.join('\n\n')}\n`;
}

/**
 * The storage schema's rule for times (schema.ts, `z.iso.datetime({ offset: true })`),
 * to tell which times can be kept as written: the regular expression zod
 * builds for that schema and checks a string with. Tested directly, it is the
 * same check without the cost of a failed safeParse's issue list, which took
 * a good part of reading a file of thousands of dates written another way.
 */
const storedTime = z.core.regexes.datetime({ offset: true, local: false, precision: null });

/** Whether the numbers name an existing date (proleptic Gregorian) and time of day, with no rolling over into the next. */
function isCalendarTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59;
}

/**
 * The time an import gives what its file leaves undated: one time for the
 * whole file, which comes in at once, read from the clock on first use.
 * Reading it per undated item cost ~1 µs each (a tenth of a Web Annotation's
 * reading) and dated one file's items milliseconds apart.
 */
export function importTime(now: () => Date = () => new Date()): () => string {
  let time: string | undefined;
  return () => (time ??= now().toISOString());
}

/**
 * An ISO 8601 time the storage accepts: the text itself when it already is
 * one (so a round trip keeps it byte for byte, offset included), else the
 * parsed time in UTC. Null when it is no date.
 */
export function isoTime(text: string): string | null {
  const trimmed = text.trim();
  if (storedTime.test(trimmed)) return trimmed;
  // Date-only or space-separated ISO forms, and a missing zone, are read as UTC.
  const loose = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
    trimmed,
  );
  if (loose) {
    const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = loose;
    const milliseconds = fraction.padEnd(3, '0').slice(0, 3);
    // Readwise's export writes UTC as +00:00.
    const utc = /^(?:Z|UTC|[+-]00(?::?00)?)$/i.test(zone);
    // A real time of day on a real date in UTC is written out as Date would write it: parsing 10,000 of them took a tenth of reading a Readwise CSV.
    if (utc && isCalendarTime(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second)))
      return `${year}-${month}-${day}T${hour}:${minute}:${second}.${milliseconds}Z`;
    const offset = utc ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    const millis = fraction === '' ? '' : `.${milliseconds}`;
    const time = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${millis}${offset}`);
    if (Number.isNaN(time.getTime()) || Number(month) < 1 || Number(month) > 12 || Number(day) > 31) return null;
    // An offset can carry the last minutes of year 9999 into year 10000, which Date writes as +010000 and storage refuses.
    const iso = time.toISOString();
    if (storedTime.test(iso)) return iso;
  }
  return null;
}

/**
 * Checks one tag against the storage rules (no commas or line breaks, at most
 * 100 characters) and returns it trimmed; the error names where it came from.
 */
export function checkedTag(tag: string, where: string): string {
  const trimmed = tag.trim();
  if (trimmed === '') throw importError(where, 'a tag is empty.');
  if (/[\n\r\t,]/.test(trimmed))
    throw importError(where, `the tag “${trimmed}” contains a comma or a line break, which Gloss tags cannot.`);
  if (trimmed.length > limits.tagLength)
    throw importError(where, `the tag “${trimmed.slice(0, 20)}…” is longer than ${limits.tagLength} characters.`);
  return trimmed;
}

/** Tags once each, first spelling kept; more than Gloss allows on one highlight is an error. */
export function uniqueTags(tags: readonly string[], where: string): string[] {
  const unique = [...new Set(tags)];
  if (unique.length > limits.tags) throw importError(where, `${unique.length} tags on one highlight; Gloss keeps at most ${limits.tags}.`);
  return unique;
}

/** Checks a note's length against the storage limit. */
export function checkedNote(note: string, where: string): string {
  if (note.length > limits.noteLength) throw importError(where, `the note is longer than Gloss allows (${limits.noteLength} characters).`);
  return note;
}

/** One inline tag token: a dot, then a word that does not start with another dot (`...and` is prose). */
const inlineTagToken = /^[ \t]*\.([^.\s]\S*)(?=[ \t]|$)/;

/**
 * Readwise's action tags (docs.readwise.io, Action tags): `.h1`–`.h6` make the
 * highlight a heading, `.c1`, `.c2`, … join highlights into one, `.qa` makes a
 * question and answer, `.fav`/`.favorite` a favorite. They are instructions,
 * not tags: see action-tags.ts for the ones Gloss carries out.
 */
export const actionTagPattern = /^(?:h[1-6]|c\d+|qa|fav|favorite)$/i;

/**
 * Readwise's inline tags, read back: a note that starts with `.word` tokens
 * ("start any note with a `.` and follow it with a single word") has those
 * words as tags; the rest of the note follows, on the same line or, as Gloss's
 * CSV export writes it (export/csv.ts readwiseNote), on the next. Kindle
 * readers write such notes on the device for Readwise, so Kindle notes are
 * read the same way. A trailing comma (`.a, .b`) is not part of the tag.
 */
export function splitInlineTags(note: string, where: string): { tags: string[]; note: string } {
  const text = normalizeNewlines(note);
  const lineEnd = text.indexOf('\n');
  let firstLine = lineEnd === -1 ? text : text.slice(0, lineEnd);
  const rest = lineEnd === -1 ? '' : text.slice(lineEnd + 1);
  const tags: string[] = [];
  // Action tags stay in the note, where they were, so that a note like `.favorite ..rl` comes back unchanged.
  const actions: string[] = [];
  for (let match = inlineTagToken.exec(firstLine); match; match = inlineTagToken.exec(firstLine)) {
    const word = match[1]!.replace(/,+$/, '');
    if (actionTagPattern.test(word)) actions.push(match[0].trim());
    else if (word !== '') tags.push(checkedTag(word, where));
    firstLine = firstLine.slice(match[0].length);
  }
  if (tags.length === 0) return { tags, note };
  const remainder = [...actions, firstLine.trim()].filter((part) => part !== '').join(' ');
  return { tags, note: remainder === '' ? rest : rest === '' ? remainder : `${remainder}\n${rest}` };
}

/** A heading in a book's body, made from a highlight marked `.h1`–`.h6`: it stands before the passage `before`. */
export interface BookHeading {
  before: number;
  level: number;
  text: string;
}
