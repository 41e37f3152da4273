import type { Highlight, HighlightColor } from '../../../common/contract';

export interface NotesFilter {
  color: HighlightColor | null;
  tag: string | null;
  /** Words that must all appear in the quote, the note or the tags (case- and accent-insensitive). */
  query: string;
}

/**
 * Each highlight's folded quote, note and tags, made once: a keystroke in the
 * filter then folds only the query, not 1,000 highlights. Keyed by the
 * highlight object, which the session replaces when the quote, note or tags
 * change (its one change in place, fresh anchors on opening, comes before any view shows it).
 */
const foldedText = new WeakMap<Highlight, string>();

export function matchesFilter(highlight: Highlight, filter: NotesFilter): boolean {
  if (filter.color && highlight.color !== filter.color) return false;
  if (filter.tag && !highlight.tags.includes(filter.tag)) return false;
  const words = queryWords(filter.query);
  if (words.length === 0) return true;
  let haystack = foldedText.get(highlight);
  if (haystack === undefined) {
    haystack = fold(`${highlight.quote.exact}\n${highlight.note}\n${highlight.tags.join(' ')}`);
    foldedText.set(highlight, haystack);
  }
  return words.every((word) => haystack.includes(word));
}

/** Lower case without diacritics, so "cafe" finds "Café". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The folded words of a filter query, none empty. */
export function queryWords(query: string): string[] {
  return fold(query).split(/\s+/).filter(Boolean);
}

/**
 * Where `words` (folded, as `queryWords` gives them) occur in `text`, as
 * [start, end) offsets into `text` itself, sorted, overlaps merged: what the
 * notes pane marks. Folding is done a character at a time, so each folded
 * character knows the original one it came from ("Café" is 4 characters of
 * text however it was composed).
 */
export function matchRanges(text: string, words: readonly string[]): [number, number][] {
  let folded = '';
  /** For each folded character, the [start, end) of the character of `text` it came from. */
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const character of text) {
    const piece = fold(character);
    for (let index = 0; index < piece.length; index++) {
      starts.push(at);
      ends.push(at + character.length);
    }
    folded += piece;
    at += character.length;
  }
  const found: [number, number][] = [];
  for (const word of words) {
    for (let index = folded.indexOf(word); index !== -1; index = folded.indexOf(word, index + word.length)) {
      let end = ends[index + word.length - 1]!;
      // Combining marks after the last letter (a decomposed "é") belong to it.
      while (end < text.length && /\p{M}/u.test(text[end]!)) end++;
      found.push([starts[index]!, end]);
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of found) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
