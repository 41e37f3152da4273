/**
 * A document's language and writing direction, as HTML's `lang` and `dir`
 * take them: what an EPUB's dc:language, a page's <html lang dir> or a
 * Markdown file's frontmatter (`lang`, `dir`, as Pandoc names them) declare.
 */

export type TextDirection = 'ltr' | 'rtl';

/** What a document declares of its text: each field absent when its file did not say. */
export interface TextLanguage {
  lang?: string;
  dir?: TextDirection;
}

/** The fields declared, without the ones that were not. */
export function textLanguage(lang: string | null | undefined, dir: TextDirection | null | undefined): TextLanguage {
  return { ...(lang ? { lang } : {}), ...(dir ? { dir } : {}) };
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
