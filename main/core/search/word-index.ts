import { occurrences } from '../../../common/text/fold';
import { countCap, keyHashes, phraseOccurrencesAtMost, phrasePairKeys, type WordPairs, wordPairs, wordsOf } from './word-pairs';

export { countCap };

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
  /** Which words stand next to each other in the text, and how often (word-pairs.ts). */
  pairs: WordPairs;
}

/**
 * Counts a document's words, a pass over all its text: done where its search
 * entry is built (the worker thread, in the app), so that main only adds
 * each distinct word once (WordIndex.set).
 */
export function documentWords(fields: IndexedFields): DocumentWords {
  const uses = new Map<string, number>();
  const textWords = wordsOf(fields.text);
  for (const word of textWords) uses.set(word, (uses.get(word) ?? 0) + 1);
  const annotated = new Set(fields.annotations.flatMap(wordsOf));
  for (const word of [...wordsOf(fields.title), ...annotated]) if (!uses.has(word)) uses.set(word, 0);
  return { uses, annotated, pairs: wordPairs(textWords) };
}

/**
 * What the index knows, before any text is read, of one document's use of a
 * query's first term and of its phrase: enough for ranking to bound the
 * document's score (ranking.ts) and read the texts of only the documents
 * that can make the first page.
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
  /** At most how often the text holds the whole query as typed, up to `countCap`: 0 when two of its words never stand side by side there. */
  phraseOccurrences: number;
}

/** Each posting is one number: the document's number, a bit for "in its annotations", and the word's count in its text (up to countCap). */
const annotatedBit = 32;
const postingShift = 64;
/** A document's mark while candidates are found (#marks) is laid out as a posting's low bits, with one more flag: present. */
const presentMark = 64;

const noPairs = wordPairs([]);

/** When the first term has no word to count (it is all punctuation): nothing ruled out. */
const unknownEvidence: TermEvidence = { textOccurrences: countCap, inAnnotations: true, phraseOccurrences: countCap };

/**
 * Which documents can hold a query word, so that the full-text scan reads
 * only those. A term matches inside words too ("operat" finds "cooperation"),
 * so a term's candidates are the documents of every distinct word that
 * contains it: the vocabulary (tens of thousands of words) is scanned instead
 * of the text (tens of megabytes). It only narrows; the scan decides. With
 * each document it keeps its text's word pairs (word-pairs.ts), which bound
 * how often a phrase can occur there.
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
  /** number → its text's pair filter. */
  readonly #pairsOf: WordPairs[] = [];

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
    this.#pairsOf[number] = words.pairs;
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
    this.#pairsOf[number] = noPairs;
    this.#numbers.delete(id);
    this.#freeNumbers.push(number);
  }

  /**
   * The documents that can contain every one of `terms` (folded, longest
   * first), each with what is known of its use of the first term and of
   * `phrase` (the query folded, as ranking matches it); null when no term
   * has letters or digits to look up (then every document is a candidate).
   * A term such as "country's" must have each of its words.
   */
  candidates(terms: readonly string[], phrase: string = ''): Map<string, TermEvidence> | null {
    const parts = terms.flatMap(wordsOf);
    if (parts.length === 0) return null;
    // Each occurrence of the first term holds each of its words at the same place, so its longest word occurs at least as often
    // ("country's" no more often than "country"); a first term without letters or digits ("--") rules nothing out.
    const leadWords = wordsOf(terms[0] ?? '').sort((a, b) => b.length - a.length);
    const lead = leadWords[0] ?? parts[0]!;
    const marks = this.#marks(lead);
    for (const part of parts) {
      if (part === lead) continue;
      const holding = this.#marks(part);
      for (let number = 0; number < marks.length; number++) if (holding[number] === 0) marks[number] = 0;
    }
    const pairKeys = keyHashes(phrasePairKeys(phrase));
    const found = new Map<string, TermEvidence>();
    for (let number = 0; number < marks.length; number++) {
      const mark = marks[number]!;
      if (mark === 0) continue;
      const phraseOccurrences = phraseOccurrencesAtMost(this.#pairsOf[number]!, pairKeys);
      found.set(
        this.#ids[number]!,
        leadWords.length === 0
          ? { ...unknownEvidence, phraseOccurrences }
          : { textOccurrences: mark & countCap, inAnnotations: (mark & annotatedBit) !== 0, phraseOccurrences },
      );
    }
    return found;
  }

  /**
   * One mark per document number: 0 when no word of the document contains
   * `term`, else present, whether its annotations hold it, and how often
   * its text holds it (up to countCap).
   */
  #marks(term: string): Uint8Array {
    const marks = new Uint8Array(this.#ids.length);
    for (const [word, postings] of this.#postings) {
      if (!word.includes(term)) continue;
      const perUse = occurrences(word, term).length;
      for (const posting of postings) {
        const number = Math.floor(posting / postingShift);
        const mark = marks[number]!;
        const count = Math.min(countCap, (mark & countCap) + (posting % annotatedBit) * perUse);
        const annotated = posting % postingShift >= annotatedBit ? annotatedBit : mark & annotatedBit;
        marks[number] = presentMark | annotated | count;
      }
    }
    return marks;
  }
}
