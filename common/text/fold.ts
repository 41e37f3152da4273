/**
 * Case- and diacritics-insensitive text for matching, shared by the library
 * search in main and the find bar in the reader (pure string code, no DOM, no
 * Node). Folding keeps the length: the folded string has one UTF-16 unit per
 * unit of its input, so an offset found in the folded text is the same offset
 * in the original, with no position map to build or keep.
 */
import { rewriteInSlices } from './slices';

const combiningMarks = /\p{M}/gu;

/** Punctuation typed one way and printed another: curly quotes, dashes, no-break spaces. */
const lookalikes: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u00A0': ' ',
  '\u202F': ' ',
};

const folded = new Map<string, string>();

function foldUnit(unit: string): string {
  let result = folded.get(unit);
  if (result !== undefined) return result;
  result = lookalikes[unit] ?? unit.normalize('NFD').replace(combiningMarks, '').toLowerCase();
  // One unit in, one unit out: a letter whose folded form is longer (e.g. "İ") or empty keeps a one-unit lower case, else itself.
  if (result.length !== 1) {
    const lower = unit.toLowerCase();
    result = lower.length === 1 ? lower : unit;
  }
  folded.set(unit, result);
  return result;
}

/** Upper-case ASCII, white space other than the plain space, and everything outside ASCII: the units folding may change. */
const foldable = /[A-Z\t\n\r\f\v]|[^\x00-\x7F]/g;

/**
 * `text` in lower case without diacritics, with curly quotes and dashes made
 * straight and line breaks made spaces; exactly as long as `text`. Run it on
 * NFC text (as typed and as stored), where accented letters are one unit.
 */
export function foldText(text: string): string {
  // Folding goes unit by unit, so a long text may be cut anywhere.
  return rewriteInSlices(text, foldSlice);
}

function foldSlice(text: string): string {
  return text.replace(foldable, (unit) =>
    unit === '\t' || unit === '\n' || unit === '\r' || unit === '\f' || unit === '\v' ? ' ' : foldUnit(unit),
  );
}

/** The words of a query, folded, longest first (the longest is the most selective to look for). */
export function queryTerms(query: string): string[] {
  const terms = foldText(query.normalize('NFC'))
    .split(' ')
    .filter((term) => term !== '');
  return [...new Set(terms)].sort((a, b) => b.length - a.length);
}

/** The query as a phrase is looked for: folded, trimmed, its spaces single. */
export function queryPhrase(query: string): string {
  return foldText(query.normalize('NFC')).trim().replace(/ +/g, ' ');
}

/** Every start offset of `needle` in `haystack` (both folded), at most `limit` of them. */
export function occurrences(haystack: string, needle: string, limit = Number.POSITIVE_INFINITY): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = haystack.indexOf(needle); at !== -1 && found.length < limit; at = haystack.indexOf(needle, at + needle.length))
    found.push(at);
  return found;
}

/** Where the `occurrence`-th (from 0) `needle` (folded) is in `text`, falling back to the first; null when it is not there at all. */
export function locateOccurrence(text: string, needle: string, occurrence: number): { start: number; end: number } | null {
  const found = occurrences(foldText(text), needle, occurrence + 1);
  const start = found[occurrence] ?? found[0];
  return start === undefined ? null : { start, end: start + needle.length };
}
