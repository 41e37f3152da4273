/**
 * What library search matches and how it ranks: each document's entry (its
 * fields and their folded twins), the weights, the snippets, and the ranking
 * itself, which reads as few texts as the word index's evidence allows.
 * Pure: no store, no thread, so it is unit-tested on entries alone.
 */
import type {
  DocumentNote,
  DocumentSummary,
  Highlight,
  ReadingPosition,
  SearchHit,
  SearchResult,
  SearchSnippet,
} from '../../../common/contract';
import { foldText, occurrences, queryPhrase, queryTerms } from '../../../common/text/fold';
import { markdownToPlainText } from '../../../common/text/plain-text';
import type { TermEvidence } from './word-index';

/** What the index needs of one document, read from the store. */
export interface SearchSourceDocument {
  markdown: string;
  highlights: readonly Highlight[];
  documentNote: DocumentNote | null;
  readingPosition: ReadingPosition | null;
}

interface Field {
  text: string;
  folded: string;
}

interface IndexedHighlight {
  id: string;
  quote: Field;
  note: Field;
  tags: Field;
}

/** One document, prepared for matching: each field's text and its folded twin (same length, so offsets carry over). */
export interface SearchEntry {
  summary: DocumentSummary;
  title: Field;
  text: Field;
  highlights: IndexedHighlight[];
  documentNote: Field | null;
}

/** How results are cut to size: enough to choose from, few enough to render at once. */
export const searchLimits = {
  documents: 50,
  /** Snippets shown per document; the rest are counted. */
  hitsPerDocument: 4,
  /** Occurrences counted per document before counting stops (ranking barely changes past it). */
  countedOccurrences: 20,
  /** Characters of context on each side of a match. */
  snippetContext: 60,
} as const;

/**
 * Weights of the ranking. A match in the title says most about what a
 * document is; a match in a highlight or note is text the reader chose to
 * keep; a phrase found as typed beats its words found apart; a match at the
 * start of a word beats one inside a word ("cat" in "cat" vs "concatenate");
 * more occurrences help, with diminishing returns (log).
 */
export const rankWeights = {
  titlePhrase: 40,
  titleTerms: 20,
  highlightPhrase: 16,
  highlightTerms: 8,
  documentNote: 10,
  textPhrase: 10,
  textTerms: 3,
  perOccurrenceLog: 4,
  /** Share of a match's weight kept when it starts inside a word. */
  insideWord: 0.5,
  /** At most this many highlight hits add to the score, so one heavily annotated document cannot drown the rest. */
  countedHighlights: 3,
} as const;

export function field(text: string): Field {
  const normal = text.normalize('NFC');
  return { text: normal, folded: foldText(normal) };
}

/** Builds one document's entry: what is searched is its visible text, title, author, highlights (quote, note, tags) and document note. */
export function indexEntry(summary: DocumentSummary, document: SearchSourceDocument): SearchEntry {
  const text = field(markdownToPlainText(document.markdown));
  return {
    summary,
    title: field(summary.author ? `${summary.title} — ${summary.author}` : summary.title),
    text,
    highlights: document.highlights.map((highlight) => ({
      id: highlight.id,
      quote: field(highlight.quote.exact),
      // Notes are Markdown: searched and quoted as the words the notes pane shows, not `**thesis**`.
      note: field(markdownToPlainText(highlight.note)),
      tags: field(highlight.tags.join(', ')),
    })),
    documentNote: document.documentNote ? field(markdownToPlainText(document.documentNote.text)) : null,
  };
}

const wordCharacter = /[\p{L}\p{N}]/u;

function startsWord(folded: string, at: number): boolean {
  return at === 0 || !wordCharacter.test(folded[at - 1] ?? '');
}

/** The text around [start, end) on one line, cut at word boundaries, with an ellipsis where cut. */
export function snippetAt(text: string, start: number, end: number, context: number = searchLimits.snippetContext): SearchSnippet {
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    if (space !== -1 && space < start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    if (space > end) to = space;
  }
  const flat = (part: string): string => part.replace(/\s+/g, ' ');
  return {
    before: (from > 0 ? '…' : '') + flat(text.slice(from, start)).trimStart(),
    match: flat(text.slice(start, end)),
    after: flat(text.slice(end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}

interface FieldMatch {
  /** Where the phrase, or failing that the longest term, was found. */
  at: number[];
  needle: string;
  phrase: boolean;
}

/** The phrase in `field` if it is there; else, when every term is, the longest term's places; else null. */
function matchField(value: Field, phrase: string, terms: readonly string[], limit: number): FieldMatch | null {
  const phraseAt = occurrences(value.folded, phrase, limit);
  if (phraseAt.length > 0) return { at: phraseAt, needle: phrase, phrase: true };
  if (terms.length < 2 || !terms.every((term) => value.folded.includes(term))) return null;
  return { at: occurrences(value.folded, terms[0]!, limit), needle: terms[0]!, phrase: false };
}

/** What `count` occurrences add to a match's weight, counted up to searchLimits.countedOccurrences. */
function occurring(count: number): number {
  return rankWeights.perOccurrenceLog * Math.log2(1 + Math.min(count, searchLimits.countedOccurrences));
}

function boundaryFactor(value: Field, match: FieldMatch): number {
  return match.at.some((at) => startsWord(value.folded, at)) ? 1 : rankWeights.insideWord;
}

/** A query as ranking uses it: its folded words, longest first, and the phrase as typed. */
interface RankedQuery {
  terms: string[];
  phrase: string;
}

/** Where a document stands: by score, then the one opened (or added) most recently, then by title. */
interface RankKey {
  score: number;
  recency: string;
  title: string;
}

/** Negative when `a` comes first. Times are ISO strings of one length, so they compare as strings. */
function compareRank(a: RankKey, b: RankKey): number {
  return b.score - a.score || (a.recency < b.recency ? 1 : a.recency > b.recency ? -1 : 0) || a.title.localeCompare(b.title);
}

/** One document's score as it is worked out field by field; hits wait as closures until the document is among those returned. */
interface Scoring extends RankKey {
  entry: SearchEntry;
  hitCount: number;
  hits: (() => SearchHit)[];
  titleMatch: FieldMatch | null;
  /** The query's words were found together in one place: a highlight, the document note, the text. */
  together: boolean;
}

function startScoring(entry: SearchEntry): Scoring {
  const { summary } = entry;
  const recency = summary.openedAt ?? summary.addedAt;
  return { entry, score: 0, recency, title: summary.title, hitCount: 0, hits: [], titleMatch: null, together: false };
}

function scoreTitle(scoring: Scoring, { phrase, terms }: RankedQuery): void {
  const { title } = scoring.entry;
  const match = matchField(title, phrase, terms, 1) ?? firstTerm(title, terms);
  scoring.titleMatch = match;
  if (!match) return;
  scoring.score += (match.phrase ? rankWeights.titlePhrase : rankWeights.titleTerms) * boundaryFactor(title, match);
  scoring.hits.push(() => ({ kind: 'title', snippet: snippetAt(title.text, match.at[0]!, match.at[0]! + match.needle.length) }));
  scoring.hitCount++;
}

/** The highlights (one hit each: its note, else its quote, else its tags) and the document note. */
function scoreAnnotations(scoring: Scoring, { phrase, terms }: RankedQuery): void {
  let highlightHits = 0;
  for (const highlight of scoring.entry.highlights) {
    for (const fieldName of ['note', 'quote', 'tags'] as const) {
      const value = highlight[fieldName];
      const match = matchField(value, phrase, terms, 1);
      if (!match) continue;
      if (highlightHits < rankWeights.countedHighlights) {
        scoring.score += (match.phrase ? rankWeights.highlightPhrase : rankWeights.highlightTerms) * boundaryFactor(value, match);
      }
      highlightHits++;
      scoring.hitCount++;
      scoring.together = true;
      if (scoring.hits.length < searchLimits.hitsPerDocument) {
        scoring.hits.push(() => ({
          kind: 'highlight',
          highlightId: highlight.id,
          field: fieldName,
          snippet: snippetAt(value.text, match.at[0]!, match.at[0]! + match.needle.length),
        }));
      }
      break;
    }
  }
  const note = scoring.entry.documentNote;
  const match = note && matchField(note, phrase, terms, 1);
  if (!note || !match) return;
  scoring.score += rankWeights.documentNote * boundaryFactor(note, match);
  scoring.hitCount++;
  scoring.together = true;
  scoring.hits.push(() => ({ kind: 'document-note', snippet: snippetAt(note.text, match.at[0]!, match.at[0]! + match.needle.length) }));
}

function scoreText(scoring: Scoring, { phrase, terms }: RankedQuery): void {
  const { text } = scoring.entry;
  const match = matchField(text, phrase, terms, searchLimits.countedOccurrences);
  if (match) {
    const weight = match.phrase ? rankWeights.textPhrase : rankWeights.textTerms;
    scoring.score += weight * boundaryFactor(text, match) + occurring(match.at.length);
    scoring.hitCount += match.at.length;
    scoring.together = true;
    for (const [occurrence, at] of match.at.slice(0, searchLimits.hitsPerDocument).entries()) {
      scoring.hits.push(() => ({
        kind: 'text',
        needle: match.needle,
        occurrence,
        snippet: snippetAt(text.text, at, at + match.needle.length),
      }));
    }
  }
  // Every word is present, but never together in one place: still a result, below those that hold the words together.
  if (scoring.together || scoring.titleMatch?.phrase || hasAllTerms(scoring.entry.title, terms)) return;
  scoring.score += 1;
  const term = terms[0]!;
  const at = text.folded.indexOf(term);
  if (at === -1) return;
  scoring.hits.push(() => ({ kind: 'text', needle: term, occurrence: 0, snippet: snippetAt(text.text, at, at + term.length) }));
  scoring.hitCount++;
}

/**
 * The most the text can add to a score, from what the word index knows: its
 * words apart score by the first term's occurrences; the phrase occurs no
 * more often than its first term, nor than its least used pair of words,
 * each time at the start of a word. Never less than the point given instead
 * when the words are found apart.
 */
function textScoreBound({ textOccurrences, phraseOccurrences }: TermEvidence): number {
  if (textOccurrences === 0) return 1;
  const apart = rankWeights.textTerms + occurring(textOccurrences);
  const together = phraseOccurrences === 0 ? 0 : rankWeights.textPhrase + occurring(Math.min(textOccurrences, phraseOccurrences));
  return Math.max(apart, together, 1);
}

/** A document to rank, with what the word index knows of it (word-index.ts). */
export interface RankCandidate {
  entry: SearchEntry;
  evidence: TermEvidence;
}

/** Nothing known: the text may hold the first term as often as is counted, the annotations may hold it. */
const noEvidence: TermEvidence = {
  textOccurrences: Number.POSITIVE_INFINITY,
  inAnnotations: true,
  phraseOccurrences: Number.POSITIVE_INFINITY,
};

/**
 * Ranks the documents matching `query`. A document matches when each of the
 * query's words appears somewhere in it (title, text, a highlight, a note);
 * its hits are the places holding the whole phrase, or all the words in one
 * field. Pure, so the ranking is unit-tested without a library.
 */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit: number = searchLimits.documents): SearchResult[] {
  return rankCandidates(
    entries.map((entry) => ({ entry, evidence: noEvidence })),
    query,
    limit,
  );
}

/**
 * searchEntries, reading as few texts as the ranking allows. Titles,
 * highlights and notes are small and scored first (annotations only where
 * the evidence says they may hold the query); each text's share is bounded
 * by how often the query's first term can occur in it. Texts are then read
 * best bound first, until the documents found outrank every bound left: a
 * common word in 10,000 documents reads the few dozen texts that can make
 * the first page, not 160 MB. The result is the same as reading them all.
 */
export function rankCandidates(
  candidates: readonly RankCandidate[],
  query: string,
  limit: number = searchLimits.documents,
): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0 || limit <= 0) return [];
  const ranked: RankedQuery = { terms, phrase: queryPhrase(query) };
  const bounded = candidates
    .map(({ entry, evidence }) => {
      const scoring = startScoring(entry);
      scoreTitle(scoring, ranked);
      if (evidence.inAnnotations) scoreAnnotations(scoring, ranked);
      const bound: RankKey = {
        score: scoring.score + textScoreBound(evidence),
        recency: scoring.recency,
        title: scoring.title,
      };
      return { scoring, bound };
    })
    .sort((a, b) => compareRank(a.bound, b.bound));
  const best: Scoring[] = [];
  for (const { scoring, bound } of bounded) {
    if (best.length === limit && compareRank(best[limit - 1]!, bound) < 0) break;
    if (!terms.every((term) => containsTerm(scoring.entry, term))) continue;
    scoreText(scoring, ranked);
    const at = best.findIndex((other) => compareRank(scoring, other) < 0);
    best.splice(at === -1 ? best.length : at, 0, scoring);
    if (best.length > limit) best.pop();
  }
  // Title first, then highlights and notes, then text; only the first few are sent.
  return best.map(({ entry, score, hitCount, hits }) => ({
    documentId: entry.summary.id,
    title: entry.summary.title,
    author: entry.summary.author,
    score,
    hitCount,
    hits: hits.slice(0, searchLimits.hitsPerDocument).map((make) => make()),
  }));
}

function hasAllTerms(value: Field, terms: readonly string[]): boolean {
  return terms.every((term) => value.folded.includes(term));
}

/** The title's first query word, for a title that holds some but not all of them. */
function firstTerm(value: Field, terms: readonly string[]): FieldMatch | null {
  for (const term of terms) {
    const at = value.folded.indexOf(term);
    if (at !== -1) return { at: [at], needle: term, phrase: false };
  }
  return null;
}

function containsTerm(entry: SearchEntry, term: string): boolean {
  return (
    entry.title.folded.includes(term) ||
    entry.text.folded.includes(term) ||
    (entry.documentNote?.folded.includes(term) ?? false) ||
    entry.highlights.some(
      (highlight) => highlight.quote.folded.includes(term) || highlight.note.folded.includes(term) || highlight.tags.folded.includes(term),
    )
  );
}
