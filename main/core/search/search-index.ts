import type {
  DocumentNote,
  DocumentSummary,
  Highlight,
  PartsDone,
  ReadingPosition,
  SearchHit,
  SearchResult,
  SearchSnippet,
} from '../../../common/contract';
import { foldText, occurrences, queryTerms } from '../../../common/text/fold';
import { markdownToPlainText } from '../../../common/text/plain-text';
import { WordIndex } from './word-index';

/** What the index needs of one document, read from the store. */
export interface SearchSourceDocument {
  markdown: string;
  highlights: readonly Highlight[];
  documentNote: DocumentNote | null;
  readingPosition: ReadingPosition | null;
}

/** The store as the index sees it: the library's list, and one document's content on demand. */
export interface SearchSource {
  summaries(): DocumentSummary[];
  load(documentId: string): Promise<SearchSourceDocument>;
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
  /** Documents read at once when the index is built. */
  loadBatch: 32,
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

function boundaryFactor(value: Field, match: FieldMatch): number {
  return match.at.some((at) => startsWord(value.folded, at)) ? 1 : rankWeights.insideWord;
}

/**
 * Ranks the documents matching `query`. A document matches when each of the
 * query's words appears somewhere in it (title, text, a highlight, a note);
 * its hits are the places holding the whole phrase, or all the words in one
 * field. Pure, so the ranking is unit-tested without a library.
 */
export function searchEntries(entries: readonly SearchEntry[], query: string, limit: number = searchLimits.documents): SearchResult[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const phrase = foldText(query.normalize('NFC')).trim().replace(/ +/g, ' ');
  // Snippets are built only for the results returned (a common word matches every document): hits wait as closures until then.
  const ranked: { result: Omit<SearchResult, 'hits'>; hits: (() => SearchHit)[]; recency: string }[] = [];
  for (const entry of entries) {
    if (!terms.every((term) => containsTerm(entry, term))) continue;
    const hits: (() => SearchHit)[] = [];
    let together = false;
    let score = 0;
    let hitCount = 0;

    const title = matchField(entry.title, phrase, terms, 1) ?? firstTerm(entry.title, terms);
    if (title) {
      score += (title.phrase ? rankWeights.titlePhrase : rankWeights.titleTerms) * boundaryFactor(entry.title, title);
      hits.push(() => ({ kind: 'title', snippet: snippetAt(entry.title.text, title.at[0]!, title.at[0]! + title.needle.length) }));
      hitCount++;
    }

    let highlightHits = 0;
    for (const highlight of entry.highlights) {
      for (const fieldName of ['note', 'quote', 'tags'] as const) {
        const value = highlight[fieldName];
        const match = matchField(value, phrase, terms, 1);
        if (!match) continue;
        if (highlightHits < rankWeights.countedHighlights) {
          score += (match.phrase ? rankWeights.highlightPhrase : rankWeights.highlightTerms) * boundaryFactor(value, match);
        }
        highlightHits++;
        hitCount++;
        together = true;
        if (hits.length < searchLimits.hitsPerDocument) {
          hits.push(() => ({
            kind: 'highlight',
            highlightId: highlight.id,
            field: fieldName,
            snippet: snippetAt(value.text, match.at[0]!, match.at[0]! + match.needle.length),
          }));
        }
        // One hit per highlight: its note, else its quote, else its tags.
        break;
      }
    }

    if (entry.documentNote) {
      const match = matchField(entry.documentNote, phrase, terms, 1);
      if (match) {
        score += rankWeights.documentNote * boundaryFactor(entry.documentNote, match);
        hitCount++;
        together = true;
        const note = entry.documentNote;
        hits.push(() => ({ kind: 'document-note', snippet: snippetAt(note.text, match.at[0]!, match.at[0]! + match.needle.length) }));
      }
    }

    const text = matchField(entry.text, phrase, terms, searchLimits.countedOccurrences);
    if (text) {
      const weight = text.phrase ? rankWeights.textPhrase : rankWeights.textTerms;
      score += weight * boundaryFactor(entry.text, text) + rankWeights.perOccurrenceLog * Math.log2(1 + text.at.length);
      hitCount += text.at.length;
      together = true;
      for (const [occurrence, at] of text.at.slice(0, searchLimits.hitsPerDocument).entries()) {
        hits.push(() => ({
          kind: 'text',
          needle: text.needle,
          occurrence,
          snippet: snippetAt(entry.text.text, at, at + text.needle.length),
        }));
      }
    }

    // Every word is present, but never together in one place: still a result, below those that hold the words together.
    if (!together && !title?.phrase && !hasAllTerms(entry.title, terms)) {
      score += 1;
      const term = terms[0]!;
      const at = entry.text.folded.indexOf(term);
      if (at !== -1) {
        hits.push(() => ({ kind: 'text', needle: term, occurrence: 0, snippet: snippetAt(entry.text.text, at, at + term.length) }));
        hitCount++;
      }
    }

    // Title first, then highlights and notes, then text; only the first few are sent.
    const result = { documentId: entry.summary.id, title: entry.summary.title, author: entry.summary.author, score, hitCount };
    ranked.push({ result, hits, recency: entry.summary.openedAt ?? entry.summary.addedAt });
  }
  // Equal scores: the document opened (or added) most recently first, then by title.
  return ranked
    .sort((a, b) => b.result.score - a.result.score || b.recency.localeCompare(a.recency) || a.result.title.localeCompare(b.result.title))
    .slice(0, limit)
    .map(({ result, hits }) => ({ ...result, hits: hits.slice(0, searchLimits.hitsPerDocument).map((make) => make()) }));
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

/** A document to prepare for search (indexEntry); `name` is its title, for messages. */
export interface IndexRequest {
  name: string;
  summary: DocumentSummary;
  document: SearchSourceDocument;
}

/** Builds a document's search entry; the search index awaits one at a time. */
export type EntryBuilder = (request: IndexRequest) => Promise<SearchEntry>;

/**
 * On this thread, one document per turn of the event loop: a library's
 * documents indexed back to back would hold main's loop for as long as they
 * all took.
 */
export const indexOnThisThread: EntryBuilder = async ({ summary, document }) => {
  await new Promise((resolve) => setImmediate(resolve));
  return indexEntry(summary, document);
};

/**
 * The library's search index, in main's memory. Built ahead of the first
 * search when asked (warm: the app does so shortly after launch) or on the
 * first search (reading every document once), then kept current: a write
 * marks its document stale and the next search reads that one document again.
 * While more than a batch of documents is read (the first build: ten
 * thousand documents take ten seconds), `onProgress` hears how far it is
 * after each batch, and a search answers at once from what is read so far.
 */
export class SearchIndex {
  readonly #entries = new Map<string, SearchEntry>();
  readonly #stale = new Set<string>();
  readonly #words = new WordIndex();
  #refreshing: Promise<void> = Promise.resolve();
  /** Documents read of those a refresh of more than a batch is reading; null when none runs. */
  #reading: PartsDone | null = null;

  constructor(
    private readonly source: SearchSource,
    /** Where entries are built: a worker thread in the app (import/work.ts). */
    private readonly buildEntry: EntryBuilder = indexOnThisThread,
    private readonly onProgress: (progress: PartsDone) => void = () => undefined,
  ) {}

  /** How much of the library a refresh under way has read, or null when searches see all of it. */
  reading(): PartsDone | null {
    return this.#reading && { ...this.#reading };
  }

  /** Marks a document as changed (text, highlights, notes, metadata) so the next search reads it again. */
  invalidate(documentId: string): void {
    this.#stale.add(documentId);
  }

  /** Reads what is new or changed now, so that the next search finds the index built. */
  warm(): Promise<void> {
    return this.#warm(() => undefined);
  }

  /** warm, telling `onBigRead` if this refresh turns out to read more than a batch of documents. */
  #warm(onBigRead: () => void): Promise<void> {
    // One refresh at a time: two searches typed during the first build would otherwise both read every document.
    this.#refreshing = this.#refreshing.catch(() => undefined).then(() => this.#refresh(onBigRead));
    return this.#refreshing;
  }

  async search(query: string, limit?: number): Promise<SearchResult[]> {
    // A few changed documents are read before answering; a whole library read is not waited for: its documents come in
    // batch by batch, the search answers from those, and the page searches again when it hears the read is done.
    if (this.#reading === null) {
      let bigRead: () => void = () => undefined;
      const bigReadStarted = new Promise<void>((resolve) => (bigRead = resolve));
      // Its own refresh: one queued before it may end before this search's changed documents are read.
      await Promise.race([this.#warm(bigRead), bigReadStarted]);
    }
    const candidates = this.#words.candidates(queryTerms(query));
    const entries = [...this.#entries.values()].filter((entry) => candidates === null || candidates.has(entry.summary.id));
    return searchEntries(entries, query, limit);
  }

  #forget(documentId: string): void {
    this.#entries.delete(documentId);
    this.#words.delete(documentId);
  }

  /** Brings the entries in line with the library: new and stale documents read, deleted ones dropped, summaries (titles, open times) current. */
  async #refresh(onBigRead: () => void): Promise<void> {
    const summaries = this.source.summaries();
    const listed = new Set(summaries.map((summary) => summary.id));
    for (const id of this.#entries.keys()) if (!listed.has(id)) this.#forget(id);
    const toLoad: DocumentSummary[] = [];
    for (const summary of summaries) {
      const entry = this.#entries.get(summary.id);
      if (!entry || this.#stale.has(summary.id) || entry.summary.title !== summary.title || entry.summary.author !== summary.author)
        toLoad.push(summary);
      else entry.summary = summary;
    }
    const reported = toLoad.length > searchLimits.loadBatch;
    if (reported) {
      this.#reading = { done: 0, total: toLoad.length };
      this.onProgress({ ...this.#reading });
      onBigRead();
    }
    try {
      await this.#load(toLoad);
    } finally {
      this.#reading = null;
      if (reported) this.onProgress({ done: toLoad.length, total: toLoad.length });
    }
  }

  async #load(toLoad: readonly DocumentSummary[]): Promise<void> {
    for (let index = 0; index < toLoad.length; index += searchLimits.loadBatch) {
      const batch = toLoad.slice(index, index + searchLimits.loadBatch);
      // Read together, indexed one at a time (see buildEntry).
      const loaded = await Promise.all(
        batch.map(async (summary) => {
          this.#stale.delete(summary.id);
          return { summary, document: await this.source.load(summary.id).catch(() => null) };
        }),
      );
      for (const { summary, document } of loaded) {
        // A document that cannot be read (damaged, text missing) is left out of results; opening it reports why.
        const entry = document ? await this.buildEntry({ name: summary.title, summary, document }).catch(() => null) : null;
        if (entry) this.#add(entry);
        else this.#forget(summary.id);
      }
      if (this.#reading && index + batch.length < toLoad.length) {
        this.#reading.done = index + batch.length;
        this.onProgress({ ...this.#reading });
      }
    }
  }

  #add(entry: SearchEntry): void {
    const { id } = entry.summary;
    this.#entries.set(id, entry);
    this.#words.set(id, [
      entry.title.folded,
      entry.text.folded,
      entry.documentNote?.folded ?? '',
      ...entry.highlights.flatMap(({ quote, note, tags }) => [quote.folded, note.folded, tags.folded]),
    ]);
  }
}
