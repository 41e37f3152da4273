/**
 * A document's language, writing direction and line orientation, as HTML's
 * `lang` and `dir` and CSS's `writing-mode` take them: what an EPUB's
 * dc:language and stylesheets, a page's <html lang dir> or a Markdown file's
 * frontmatter (`lang`, `dir`, as Pandoc names them, and `writing-mode`) declare.
 */

export type TextDirection = 'ltr' | 'rtl';

/**
 * Lines set top to bottom, following each other right to left (Japanese and
 * Chinese books) or left to right (Mongolian). Horizontal text, the default,
 * has no value: it is what a document that declares nothing gets.
 */
export type WritingMode = 'vertical-rl' | 'vertical-lr';

/** What a document declares of its text: each field absent when its file did not say. */
export interface TextLanguage {
  lang?: string;
  dir?: TextDirection;
  writingMode?: WritingMode;
}

/** The fields declared, without the ones that were not. */
export function textLanguage(declared: {
  lang?: string | null | undefined;
  dir?: TextDirection | null | undefined;
  writingMode?: WritingMode | null | undefined;
}): TextLanguage {
  const { lang, dir, writingMode } = declared;
  return { ...(lang ? { lang } : {}), ...(dir ? { dir } : {}), ...(writingMode ? { writingMode } : {}) };
}

/**
 * A vertical writing mode as CSS declares it, in any case, including the
 * values CSS 2 and SVG 1.1 had for the same (`tb-rl`, `tb`, `tb-lr`);
 * horizontal modes and anything else are no declaration.
 */
export function writingMode(declared: string | null | undefined): WritingMode | null {
  const mode = declared?.trim().toLowerCase();
  if (mode === 'vertical-rl' || mode === 'tb-rl' || mode === 'tb') return 'vertical-rl';
  if (mode === 'vertical-lr' || mode === 'tb-lr') return 'vertical-lr';
  return null;
}

/**
 * BCP 47's shape: a 2–3 letter language (or `x-`, `i-` private and
 * grandfathered tags), then subtags of up to 8 letters or digits. Books
 * also write names ("English") or codes with underscores ("en_US") there.
 */
const languageTagPattern = /^(?:[a-z]{2,3}|[xi])(?:-[a-z0-9]{1,8})*$/i;

/** Languages written right to left unless a script subtag says otherwise (Kurdish and Sindhi also have Latin or Devanagari forms). */
const rightToLeftLanguages = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ji', 'ks', 'nqo', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const rightToLeftScripts = new Set(['adlm', 'arab', 'hebr', 'mand', 'nkoo', 'rohg', 'samr', 'syrc', 'thaa']);

/** The language tag declared, tidied (`en_US` → `en-US`), or null when it is not one (a name, a sentence, nothing). */
export function languageTag(declared: string | null | undefined): string | null {
  const tag = declared?.trim().replace(/_/g, '-');
  return tag && tag.length <= 35 && languageTagPattern.test(tag) ? tag : null;
}

/** `ltr` or `rtl` as declared, in any case; anything else (`auto`, a typo) is no declaration. */
export function textDirection(declared: string | null | undefined): TextDirection | null {
  const direction = declared?.trim().toLowerCase();
  return direction === 'ltr' || direction === 'rtl' ? direction : null;
}

/** How text in this language runs: a script subtag (`az-Arab`, `ku-Latn`) decides, else the language. */
export function directionOfLanguage(tag: string): TextDirection {
  const [language = '', ...subtags] = tag.toLowerCase().split('-');
  const script = subtags.find((subtag) => /^[a-z]{4}$/.test(subtag));
  if (script !== undefined) return rightToLeftScripts.has(script) ? 'rtl' : 'ltr';
  return rightToLeftLanguages.has(language) ? 'rtl' : 'ltr';
}
