import type { Highlight, HighlightColor } from '../../../common/contract';

export interface NotesFilter {
  color: HighlightColor | null;
  tag: string | null;
  /** Words that must all appear in the quote, the note or the tags (case- and accent-insensitive). */
  query: string;
}

export function matchesFilter(highlight: Highlight, filter: NotesFilter): boolean {
  if (filter.color && highlight.color !== filter.color) return false;
  if (filter.tag && !highlight.tags.includes(filter.tag)) return false;
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${highlight.quote.exact}\n${highlight.note}\n${highlight.tags.join(' ')}`);
  return words.every((word) => haystack.includes(word));
}

/** Lower case without diacritics, so "cafe" finds "Café". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
