import type { DocumentSummary, PartsDone, SearchResult } from '../../../common/contract';
import { queryPhrase, queryTerms } from '../../../common/text/fold';
import { type RankCandidate, rankCandidates, type SearchEntry, type SearchSourceDocument, indexEntry, searchEntries } from './ranking';
import { type DocumentWords, documentWords, WordIndex } from './word-index';
import { nextTurn } from '../turns';

/** Documents read at once when the index is built. */
export const loadBatch = 32;

/** The store as the index sees it: the library's list, and one document's content on demand. */
export interface SearchSource {
  summaries(): DocumentSummary[];
  load(documentId: string): Promise<SearchSourceDocument>;
}

/** A document to prepare for search (indexDocument); `name` is its title, for messages. */
export interface IndexRequest {
  name: string;
  summary: DocumentSummary;
  document: SearchSourceDocument;
}

/** A document prepared for search: its entry, which the index keeps, and its words, which the word index takes in. */
export interface IndexedDocument {
  entry: SearchEntry;
  words: DocumentWords;
}

/** Prepares one document for search: its entry, and its words counted over the entry's folded fields. */
export function indexDocument({ summary, document }: Pick<IndexRequest, 'summary' | 'document'>): IndexedDocument {
  const entry = indexEntry(summary, document);
  const annotations = [
    entry.documentNote?.folded ?? '',
    ...entry.highlights.flatMap(({ quote, note, tags }) => [quote.folded, note.folded, tags.folded]),
  ];
  return { entry, words: documentWords({ title: entry.title.folded, text: entry.text.folded, annotations }) };
}

/** Prepares a document for search; the search index awaits one at a time. */
export type EntryBuilder = (request: IndexRequest) => Promise<IndexedDocument>;

/**
 * On this thread, one document per turn of the event loop: a library's
 * documents indexed back to back would hold main's loop for as long as they
 * all took.
 */
export const indexOnThisThread: EntryBuilder = async (request) => {
  await nextTurn();
  return indexDocument(request);
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
    private readonly prepare: EntryBuilder = indexOnThisThread,
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
    const evidence = this.#words.candidates(queryTerms(query), queryPhrase(query));
    if (evidence === null) return searchEntries([...this.#entries.values()], query, limit);
    const candidates: RankCandidate[] = [];
    for (const [id, known] of evidence) {
      const entry = this.#entries.get(id);
      if (entry) candidates.push({ entry, evidence: known });
    }
    return rankCandidates(candidates, query, limit);
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
    const reported = toLoad.length > loadBatch;
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
    for (let index = 0; index < toLoad.length; index += loadBatch) {
      const batch = toLoad.slice(index, index + loadBatch);
      // Read together, prepared one at a time (see prepare).
      const loaded = await Promise.all(
        batch.map(async (summary) => {
          this.#stale.delete(summary.id);
          return { summary, document: await this.source.load(summary.id).catch(() => null) };
        }),
      );
      for (const { summary, document } of loaded) {
        // A document that cannot be read (damaged, text missing) is left out of results; opening it reports why.
        const indexed = document ? await this.prepare({ name: summary.title, summary, document }).catch(() => null) : null;
        if (indexed) this.#add(indexed);
        else this.#forget(summary.id);
      }
      if (this.#reading && index + batch.length < toLoad.length) {
        this.#reading.done = index + batch.length;
        this.onProgress({ ...this.#reading });
      }
    }
  }

  #add({ entry, words }: IndexedDocument): void {
    const { id } = entry.summary;
    this.#entries.set(id, entry);
    this.#words.set(id, words);
  }
}
