import { occurrences } from '../../../common/text/fold';

/** Runs of letters and digits: the "words" of folded text (CJK text without spaces gives long runs, which still works below). */
const wordPattern = /[\p{L}\p{N}]+/gu;

export function wordsOf(folded: string): string[] {
  return folded.match(wordPattern) ?? [];
}

/** A document's folded fields, as the word index sorts them. */
export interface IndexedFields {
  title: string;
  /** The document's text: its words are counted. */
  text: string;
  /** Highlights' quotes, notes and tags, and the document note. */
  annotations: readonly string[];
}

/** A document's distinct words as the word index takes them in. */
export interface DocumentWords {
  /** Each word with its uses in the text: 0 for one only the title or the annotations have. */
  uses: Map<string, number>;
  /** The words its highlights and document note hold. */
  annotated: Set<string>;
}

/**
 * Counts a document's words, a pass over all its text: done where its search
 * entry is built (the worker thread, in the app), so that main only adds
 * each distinct word once (WordIndex.set).
 */
export function documentWords(fields: IndexedFields): DocumentWords {
  const uses = new Map<string, number>();
  for (const word of wordsOf(fields.text)) uses.set(word, (uses.get(word) ?? 0) + 1);
  const annotated = new Set(fields.annotations.flatMap(wordsOf));
  for (const word of [...wordsOf(fields.title), ...annotated]) if (!uses.has(word)) uses.set(word, 0);
  return { uses, annotated };
}

/**
 * What the index knows, before any text is read, of one document's use of a
 * query's first term: enough for ranking to bound the document's score
 * (ranking.ts) and read the texts of only the documents that can make the
 * first page.
 */
export interface TermEvidence {
  /**
   * The term's occurrences in the text, found left to right without overlaps
   * as ranking counts them, or `countCap` when more. A phrase holding the
   * term can occur no more often.
   */
  textOccurrences: number;
  /** Whether a highlight or the document note may hold it. */
  inAnnotations: boolean;
}

/** Occurrences are counted up to this; ranking stops counting before (searchLimits.countedOccurrences). */
export const countCap = 31;
/** Each posting is one number: the document's number, a bit for "in its annotations", and the word's count in its text (up to countCap). */
const annotatedBit = 32;
const postingShift = 64;

/** When the first term has no word to count (it is all punctuation): nothing ruled out. */
const unknownEvidence: TermEvidence = { textOccurrences: countCap, inAnnotations: true };

/**
 * Which documents can hold a query word, so that the full-text scan reads
 * only those. A term matches inside words too ("operat" finds "cooperation"),
 * so a term's candidates are the documents of every distinct word that
 * contains it: the vocabulary (tens of thousands of words) is scanned instead
 * of the text (tens of megabytes). It only narrows; the scan decides.
 *
 * Sized for 10,000 documents of ~16 KB: a Set of ids per word and a Set of
 * words per document held millions of entries, most of the index's memory.
 * Documents are small numbers here, each word's documents a plain array of
 * them (with the word's count packed in), and a document's words one string.
 */
export class WordIndex {
  /** id → its number; a deleted document's number is given to the next one added. */
  readonly #numbers = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #freeNumbers: number[] = [];
  /** word → the postings of the documents using it, in no order. */
  readonly #postings = new Map<string, number[]>();
  /** number → its distinct words, separated by spaces, to take them out again. */
  readonly #wordsOf: string[] = [];

  /** Adds (or replaces) a document's words. */
  set(id: string, words: DocumentWords): void {
    this.delete(id);
    const number = this.#freeNumbers.pop() ?? this.#ids.length;
    this.#numbers.set(id, number);
    this.#ids[number] = id;
    for (const [word, uses] of words.uses) {
      const posting = number * postingShift + (words.annotated.has(word) ? annotatedBit : 0) + Math.min(uses, countCap);
      const documents = this.#postings.get(word);
      if (documents) documents.push(posting);
      else this.#postings.set(word, [posting]);
    }
    // Joined at once: a string built by += is a chain of pieces, each a small object of its own.
    this.#wordsOf[number] = [...words.uses.keys()].join(' ');
  }

  delete(id: string): void {
    const number = this.#numbers.get(id);
    if (number === undefined) return;
    for (const word of wordsOf(this.#wordsOf[number] ?? '')) {
      const documents = this.#postings.get(word);
      if (!documents) continue;
      const at = documents.findIndex((posting) => Math.floor(posting / postingShift) === number);
      // Unordered: the last one takes its place.
      if (at !== -1) documents[at] = documents[documents.length - 1]!;
      documents.pop();
      if (documents.length === 0) this.#postings.delete(word);
    }
    this.#wordsOf[number] = '';
    this.#numbers.delete(id);
    this.#freeNumbers.push(number);
  }

  /**
   * The documents that can contain every one of `terms` (folded, longest
   * first), each with what is known of its use of the first term; null when
   * no term has letters or digits to look up (then every document is a
   * candidate). A term such as "country's" must have each of its words.
   */
  candidates(terms: readonly string[]): Map<string, TermEvidence> | null {
    const parts = terms.flatMap(wordsOf);
    if (parts.length === 0) return null;
    // Each occurrence of the first term holds each of its words at the same place, so its longest word occurs at least as often
    // ("country's" no more often than "country"); a first term without letters or digits ("--") rules nothing out.
    const leadWords = wordsOf(terms[0] ?? '').sort((a, b) => b.length - a.length);
    const lead = leadWords[0] ?? parts[0]!;
    const found = this.#evidence(lead, leadWords.length > 0 ? undefined : unknownEvidence);
    for (const part of parts.filter((part) => part !== lead)) {
      if (found.size === 0) break;
      // Only which documents hold it matters here, so nothing is counted.
      const holding = this.#evidence(part, unknownEvidence);
      for (const number of found.keys()) if (!holding.has(number)) found.delete(number);
    }
    return new Map([...found].map(([number, evidence]) => [this.#ids[number]!, evidence]));
  }

  /** The documents holding `term` with their evidence: counted from the postings, or `fixed` for each. */
  #evidence(term: string, fixed?: TermEvidence): Map<number, TermEvidence> {
    const found = new Map<number, TermEvidence>();
    for (const [word, postings] of this.#postings) {
      if (!word.includes(term)) continue;
      const perUse = fixed ? 0 : occurrences(word, term).length;
      for (const posting of postings) {
        const number = Math.floor(posting / postingShift);
        let evidence = found.get(number);
        if (!evidence) found.set(number, (evidence = fixed ?? { textOccurrences: 0, inAnnotations: false }));
        if (fixed) continue;
        evidence.textOccurrences = Math.min(countCap, evidence.textOccurrences + (posting % annotatedBit) * perUse);
        if (posting % postingShift >= annotatedBit) evidence.inAnnotations = true;
      }
    }
    return found;
  }
}
