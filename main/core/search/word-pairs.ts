/**
 * Which words stand next to each other in a document's text, and about how
 * often, kept small enough for 10,000 documents: a Bloom filter of word-pair
 * keys per text, and the counts of the pairs it uses often. A phrase query
 * ("the river bank") must find its words side by side, and occurs no more
 * often than its rarest pair: ranking bounds a text's score by that without
 * reading it (ranking.ts), which is what keeps a search for two common
 * words from reading most of the library's texts.
 *
 * A key is the first word's last three characters and the second word's
 * first three, because a phrase's outer words match inside longer words
 * ("her rive" finds "other rivers"): those characters are known from the
 * query whenever the outer words are at least three long. A word shorter
 * than that keys as itself with a boundary mark, which only an inner, whole
 * word of a phrase can be known to match.
 */

/** Runs of letters and digits: the "words" of folded text (CJK text without spaces gives long runs, which still works below). */
const wordPattern = /[\p{L}\p{N}]+/gu;

export function wordsOf(folded: string): string[] {
  return folded.match(wordPattern) ?? [];
}

const keyLength = 3;
/** Filter bits per distinct key, and bits set per key: about 2% of absent keys pass (a false "may hold", which costs one read). */
const bitsPerKey = 8;
const probes = 4;

function tail(word: string): string {
  return word.length < keyLength ? `^${word}` : word.slice(-keyLength);
}

function head(word: string): string {
  return word.length < keyLength ? `${word}$` : word.slice(0, keyLength);
}

function pairKey(first: string, second: string): string {
  return `${tail(first)} ${head(second)}`;
}

/** A key's two 32-bit hashes (FNV-1a, then a mix of it), for double hashing; the second is odd. */
export type KeyHashes = readonly [number, number];

function hashesOf(key: string): KeyHashes {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  let second = Math.imul(hash ^ (hash >>> 16), 0x45d9f3b);
  second = Math.imul(second ^ (second >>> 13), 0x45d9f3b);
  return [hash >>> 0, (second ^ (second >>> 16)) | 1];
}

function bitsOf([first, second]: KeyHashes, size: number, visit: (byte: number, bit: number) => void): void {
  for (let probe = 0; probe < probes; probe++) {
    const bit = ((first + Math.imul(probe, second)) >>> 0) % size;
    visit(bit >>> 3, 1 << (bit & 7));
  }
}

/** A text's word pairs: which keys it holds, and how often it holds those it uses often. */
export interface WordPairs {
  /** Bloom filter of every key. */
  filter: Uint8Array;
  /** One number per key used `frequentFrom` times or more, sorted: 27 bits of its hash, then its count up to countCap. */
  frequent: Uint32Array;
}

/** A key used less often than this is only in the filter, and counts as used this often less one. */
const frequentFrom = 4;
/** Counts, of words and of pairs, are kept up to this (ranking counts up to 20); all ones in binary, so it masks the count too. */
export const countCap = 31;
const countBits = 5;

/** The word pairs of a text's words, in their order (wordsOf of the folded text); pairs across punctuation or lines count too. */
export function wordPairs(words: readonly string[]): WordPairs {
  const uses = new Map<string, number>();
  for (let index = 1; index < words.length; index++) {
    const key = pairKey(words[index - 1]!, words[index]!);
    uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  const filter = new Uint8Array(Math.max(1, Math.ceil((uses.size * bitsPerKey) / 8)));
  const size = filter.length * 8;
  const frequent: number[] = [];
  for (const [key, count] of uses) {
    const hashes = hashesOf(key);
    bitsOf(hashes, size, (byte, bit) => {
      filter[byte]! |= bit;
    });
    if (count >= frequentFrom) frequent.push(frequentEntry(hashes, Math.min(count, countCap)));
  }
  return { filter, frequent: Uint32Array.from(frequent).sort() };
}

function frequentEntry([first]: KeyHashes, count: number): number {
  return (first >>> countBits) * (countCap + 1) + count;
}

/**
 * The keys every occurrence of `phrase` (folded) puts in a text's filter:
 * one per pair of its words whose key the query decides, none for one word.
 * Where the phrase is found, the text's words are the phrase's words (what
 * separates them is the same characters), except that its first word may
 * be the end of a longer word and its last the start of one.
 */
export function phrasePairKeys(phrase: string): string[] {
  const words = wordsOf(phrase);
  const keys: string[] = [];
  for (let index = 1; index < words.length; index++) {
    const first = words[index - 1]!;
    const second = words[index]!;
    // Too short, an outer word's key is not known.
    const unknown = (index === 1 && first.length < keyLength) || (index === words.length - 1 && second.length < keyLength);
    if (!unknown) keys.push(pairKey(first, second));
  }
  return keys;
}

/** The hashes of a query's keys (phrasePairKeys), worked out once for all the documents they are looked up in. */
export function keyHashes(keys: readonly string[]): KeyHashes[] {
  return keys.map(hashesOf);
}

/**
 * The most times the text of `pairs` can hold a phrase with these keys
 * (keyHashes of phrasePairKeys): no more than its least used pair. countCap
 * when the keys say nothing (one word, or none the query decides).
 */
export function phraseOccurrencesAtMost({ filter, frequent }: WordPairs, keys: readonly KeyHashes[]): number {
  const size = filter.length * 8;
  let most = countCap;
  for (const key of keys) {
    let present = true;
    bitsOf(key, size, (byte, bit) => {
      if ((filter[byte]! & bit) === 0) present = false;
    });
    if (!present) return 0;
    most = Math.min(most, frequentCount(frequent, key) ?? frequentFrom - 1);
  }
  return most;
}

/** The count kept for `key`, the highest of any key sharing its hash; undefined when none is kept. */
function frequentCount(frequent: Uint32Array, key: KeyHashes): number | undefined {
  const first = frequentEntry(key, 0);
  let low = 0;
  let high = frequent.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (frequent[middle]! < first) low = middle + 1;
    else high = middle;
  }
  let count: number | undefined;
  for (let at = low; at < frequent.length && frequent[at]! <= first + countCap; at++)
    count = Math.max(count ?? 0, frequent[at]! & countCap);
  return count;
}
