/**
 * Word counts and reading time, for the library and the reader. Pure string
 * code (it also runs in main). Chinese, Japanese and Korean text has no
 * spaces between words, so each of its characters counts as one word, the
 * usual convention for those scripts (and what their reading speeds are quoted in).
 */

/** Ideographs, kana and hangul: each one is counted as a word. */
const cjkCharacter = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const letterOrDigit = /[\p{L}\p{N}]/u;
const digit = /\p{N}/u;

/** What a character is to the word count. */
type Kind = (typeof Kind)[keyof typeof Kind];
const Kind = {
  Other: 0,
  Letter: 1,
  Digit: 2,
  Cjk: 3,
  /** An apostrophe or hyphen: inside a word when a letter or digit follows ("don't", "well-known"). */
  Joiner: 4,
  /** A decimal point or thousands separator: inside a word when a digit follows ("3.14", "1,000"). */
  Separator: 5,
} as const;

/** Each non-ASCII character's kind, found once by the expressions above (a text uses few distinct ones). */
const kinds = new Map<number, Kind>();

/** ASCII, most of most texts, by table. */
const asciiKinds = Uint8Array.from({ length: 0x80 }, (_, code) => {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return Kind.Letter;
  if (code >= 0x30 && code <= 0x39) return Kind.Digit;
  if (code === 0x27 || code === 0x2d) return Kind.Joiner;
  return code === 0x2e || code === 0x2c ? Kind.Separator : Kind.Other;
});

function kindOf(code: number): Kind {
  let kind = kinds.get(code);
  if (kind === undefined) {
    const character = String.fromCodePoint(code);
    kind = cjkCharacter.test(character)
      ? Kind.Cjk
      : digit.test(character)
        ? Kind.Digit
        : letterOrDigit.test(character)
          ? Kind.Letter
          : code === 0x2019
            ? Kind.Joiner
            : Kind.Other;
    kinds.set(code, kind);
  }
  return kind;
}

/**
 * CJK characters, and words of other scripts, in one pass over the text,
 * counted without being collected: a word is a run of letters or digits,
 * with an apostrophe or hyphen between two of them, or a point or comma
 * before digits, inside it (then only digits, or another joiner, go on).
 * One walk by code point, each character's kind looked up once: the same
 * rule as Unicode regular expressions took two to five times as long (a
 * 1.3 MB text, 29-39 ms against 6-12), and every import and save counts.
 */
function countParts(text: string): { cjk: number; others: number } {
  const { length } = text;
  let cjk = 0;
  let others = 0;
  /** Where the character kindAt last read ends. */
  let next = 0;
  const kindAt = (index: number): Kind => {
    if (index >= length) {
      next = index;
      return Kind.Other;
    }
    const unit = text.charCodeAt(index);
    next = index + 1;
    if (unit < 0x80) return asciiKinds[unit] as Kind;
    if (unit >= 0xd800 && unit <= 0xdbff && next < length) {
      const low = text.charCodeAt(next);
      if (low >= 0xdc00 && low <= 0xdfff) {
        next++;
        return kindOf((unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000);
      }
    }
    return kindOf(unit);
  };
  let at = 0;
  while (at < length) {
    const kind = kindAt(at);
    at = next;
    if (kind === Kind.Cjk) cjk++;
    if (kind !== Kind.Letter && kind !== Kind.Digit) continue;
    others++;
    let digitsOnly = false;
    for (;;) {
      const inside = kindAt(at);
      const afterInside = next;
      if (inside === Kind.Digit || (inside === Kind.Letter && !digitsOnly)) {
        at = afterInside;
        continue;
      }
      if (inside !== Kind.Joiner && inside !== Kind.Separator) break;
      const after = kindAt(afterInside);
      if (after === Kind.Digit || (after === Kind.Letter && inside === Kind.Joiner)) {
        at = next;
        digitsOnly = inside === Kind.Separator;
        continue;
      }
      break;
    }
  }
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
