/**
 * Word counts and reading time, for the library and the reader. Pure string
 * code (it also runs in main). Chinese, Japanese and Korean text has no
 * spaces between words, so each of its characters counts as one word, the
 * usual convention for those scripts (and what their reading speeds are quoted in).
 */

/** Ideographs, kana and hangul: each one is counted as a word. */
const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
/** A run of letters or digits; apostrophes and hyphens inside it ("don't", "well-known") and decimal points or thousands separators between digits ("3.14", "1,000") keep it one word. */
const word = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+|[.,]\p{N}+)*/gu;

/** CJK characters, and words of other scripts, in one pass over the text, counted without being collected. */
function countParts(text: string): { cjk: number; others: number } {
  let cjk = 0;
  const rest = text.replace(cjkCharacter, () => {
    cjk++;
    return ' ';
  });
  let others = 0;
  for (word.lastIndex = 0; word.test(rest);) others++;
  return { cjk, others };
}

/** Words in `text`, each CJK character counting as one. */
export function countWords(text: string): number {
  const { cjk, others } = countParts(text);
  return cjk + others;
}

/**
 * Typical silent reading speeds for non-fiction: about 238 words a minute in
 * English (Brysbaert, 2019); CJK characters are read at roughly 300–500 a
 * minute, so we count 400.
 */
const wordsPerMinute = 238;
const cjkPerMinute = 400;

/** Minutes to read `text`, rounded up; 0 for empty text. */
export function readingMinutes(text: string): number {
  return minutesFor(countParts(text));
}

function minutesFor({ cjk, others }: { cjk: number; others: number }): number {
  const minutes = others / wordsPerMinute + cjk / cjkPerMinute;
  return minutes === 0 ? 0 : Math.max(1, Math.ceil(minutes));
}

/** "1,234 words · 6 min read" in the user's locale. */
export function describeLength(text: string, locale?: string): string {
  const parts = countParts(text);
  const words = parts.cjk + parts.others;
  const minutes = minutesFor(parts);
  const format = new Intl.NumberFormat(locale);
  return `${format.format(words)} word${words === 1 ? '' : 's'} · ${minutes < 1 ? 'under a minute' : `${format.format(minutes)} min read`}`;
}

/** Minutes for a word count alone (the library list has counts, not text): CJK characters are counted as words here. */
export function minutesForWords(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.ceil(words / wordsPerMinute));
}
