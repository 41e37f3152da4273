/** Runs of letters and digits: the "words" of folded text (CJK text without spaces gives long runs, which still works below). */
const wordPattern = /[\p{L}\p{N}]+/gu;

export function wordsOf(folded: string): string[] {
  return folded.match(wordPattern) ?? [];
}

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
 * them, and a document's words one string.
 */
export class WordIndex {
  /** id → its number; a deleted document's number is given to the next one added. */
  readonly #numbers = new Map<string, number>();
  readonly #ids: string[] = [];
  readonly #freeNumbers: number[] = [];
  /** word → the numbers of the documents using it, in no order. */
  readonly #postings = new Map<string, number[]>();
  /** number → its distinct words, separated by spaces, to take them out again. */
  readonly #wordsOf: string[] = [];

  /** Adds (or replaces) a document's words, from its folded fields. */
  set(id: string, foldedFields: readonly string[]): void {
    this.delete(id);
    const number = this.#freeNumbers.pop() ?? this.#ids.length;
    this.#numbers.set(id, number);
    this.#ids[number] = id;
    const words = new Set<string>();
    for (const text of foldedFields) for (const word of wordsOf(text)) words.add(word);
    for (const word of words) {
      const documents = this.#postings.get(word);
      if (documents) documents.push(number);
      else this.#postings.set(word, [number]);
    }
    // Joined at once: a string built by += is a chain of pieces, each a small object of its own.
    this.#wordsOf[number] = [...words].join(' ');
  }

  delete(id: string): void {
    const number = this.#numbers.get(id);
    if (number === undefined) return;
    for (const word of wordsOf(this.#wordsOf[number] ?? '')) {
      const documents = this.#postings.get(word);
      if (!documents) continue;
      const at = documents.indexOf(number);
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
   * The documents that can contain every one of `terms` (folded), or null when
   * a term has no letters or digits to look up (then every document is a
   * candidate). A term such as "country's" must have each of its words.
   */
  candidates(terms: readonly string[]): Set<string> | null {
    let result: Set<number> | null = null;
    for (const term of terms) {
      for (const part of wordsOf(term)) {
        const found = new Set<number>();
        for (const [word, documents] of this.#postings) if (word.includes(part)) for (const number of documents) found.add(number);
        const narrowed: Set<number> = result === null ? found : new Set([...result].filter((number) => found.has(number)));
        if (narrowed.size === 0) return new Set();
        result = narrowed;
      }
    }
    return result && new Set([...result].map((number) => this.#ids[number]!));
  }
}
