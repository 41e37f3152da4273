/**
 * A bound on the approximate-matching work of one import. A quote found
 * verbatim costs an `indexOf`; one that is not costs a fuzzy search of the
 * whole text, about text length × quote length / 32 steps (approx-string-match
 * is bit-parallel, 32 characters a word). 200 annotations with nonsense quotes
 * against one 845 KB document took 6.4 s, 400 took 34 s, on the main process.
 * Past the budget, a quote not found verbatim is given up on at once: the
 * annotation is kept as one that could not be placed, never lost.
 */
export class AnchoringBudget {
  #remaining: number;
  #exhausted = false;

  /** 5×10⁷ word-steps: ~6 fuzzy searches of an 800 KB text with 300-character quotes, about 2.5 s on a busy two-core machine. */
  constructor(steps = 5e7) {
    this.#remaining = steps;
  }

  /** Whether a fuzzy search of `quote` in `text` may run; the cost is taken when it may. */
  allows(text: string, quote: string): boolean {
    const cost = text.length * Math.ceil(quote.length / 32);
    if (cost > this.#remaining) {
      this.#exhausted = true;
      return false;
    }
    this.#remaining -= cost;
    return true;
  }

  /** Whether some quote was given up on, for the import's warning. */
  get exhausted(): boolean {
    return this.#exhausted;
  }
}
