/** Full-text search over every document's text, title, highlights and notes. */
import { z } from 'zod';
import { event, method } from './define';
import { limits, type PartsDone, partsDoneSchema } from './primitives';

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

export const searchEvents = {
  /**
   * How much of the library the search index holds while it is first built
   * (seconds, for thousands of documents): documents read so far, of all. A
   * search meanwhile answers from that much; the last report has every one.
   */
  searchIndexProgress: event<PartsDone>({
    channel: 'search:index-progress',
    payload: partsDoneSchema,
    description: 'how much of the library search holds',
  }),
};
