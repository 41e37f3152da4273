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
 */
export class WordIndex {
  /** word → ids of the documents using it. */
  readonly #postings = new Map<string, Set<string>>();
  /** id → its distinct words, to take it out again. */
  readonly #words = new Map<string, Set<string>>();

  /** Adds (or replaces) a document's words, from its folded fields. */
  set(id: string, foldedFields: readonly string[]): void {
    this.delete(id);
    const words = new Set<string>();
    for (const text of foldedFields) for (const word of wordsOf(text)) words.add(word);
    this.#words.set(id, words);
    for (const word of words) {
      let documents = this.#postings.get(word);
      if (!documents) this.#postings.set(word, (documents = new Set()));
      documents.add(id);
    }
  }

  delete(id: string): void {
    const words = this.#words.get(id);
    if (!words) return;
    for (const word of words) {
      const documents = this.#postings.get(word);
      documents?.delete(id);
      if (documents?.size === 0) this.#postings.delete(word);
    }
    this.#words.delete(id);
  }

  /**
   * The documents that can contain every one of `terms` (folded), or null when
   * a term has no letters or digits to look up (then every document is a
   * candidate). A term such as "country's" must have each of its words.
   */
  candidates(terms: readonly string[]): Set<string> | null {
    let result: Set<string> | null = null;
    for (const term of terms) {
      for (const part of wordsOf(term)) {
        const found = new Set<string>();
        for (const [word, documents] of this.#postings) if (word.includes(part)) for (const id of documents) found.add(id);
        const narrowed: Set<string> = result === null ? found : new Set([...result].filter((id) => found.has(id)));
        if (narrowed.size === 0) return narrowed;
        result = narrowed;
      }
    }
    return result;
  }
}
