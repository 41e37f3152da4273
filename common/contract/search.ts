/** Full-text search over every document's text, title, highlights and notes. */
import { z } from 'zod';
import { method } from './define';
import { limits } from './primitives';

/** A piece of text around a match: `match` is the matched text, to be marked. */
export interface SearchSnippet {
  before: string;
  match: string;
  after: string;
}

export type SearchHit =
  | { kind: 'title'; snippet: SearchSnippet }
  /** The `occurrence`-th (from 0) place in the text holding `needle` (folded: lower case, no diacritics). */
  | { kind: 'text'; snippet: SearchSnippet; needle: string; occurrence: number }
  | { kind: 'highlight'; highlightId: string; field: 'quote' | 'note' | 'tags'; snippet: SearchSnippet }
  | { kind: 'document-note'; snippet: SearchSnippet };

/** One matching document, its best hits first. */
export interface SearchResult {
  documentId: string;
  title: string;
  author: string | null;
  score: number;
  hits: SearchHit[];
  /** Every hit found, of which `hits` are the first few. */
  hitCount: number;
}

export const searchMethods = {
  /** Full text over every document's text, title, highlights (quote, note, tags) and notes; case and accents ignored. */
  search: method<(query: string) => Promise<SearchResult[]>>({
    channel: 'library:search',
    args: z.tuple([z.string().max(limits.searchQueryLength)]),
    description: 'search the library',
  }),
};
