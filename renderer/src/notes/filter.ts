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
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
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
