/**
 * Whether a book's or a page's own CSS sets its lines vertically. Read as
 * text, not parsed: only the property's value matters, and a stylesheet is
 * not worth a CSS parser for that.
 */
import { type WritingMode, writingMode } from '../../../common/text/language';

/**
 * `writing-mode` and the prefixed names EPUB 3.0 readers (`-epub-`) and older
 * WebKit (`-webkit-`) took, which Japanese books still declare beside or
 * instead of it. Linear: each match is a literal name, then spaces, then a word.
 */
const writingModeDeclaration = /(?:-epub-|-webkit-)?writing-mode\s*:\s*([a-z-]+)/gi;

/** The first vertical writing mode the CSS text declares, or null when it declares none (or only horizontal ones). */
export function declaredWritingMode(css: string): WritingMode | null {
  for (const [, value] of css.matchAll(writingModeDeclaration)) {
    const mode = writingMode(value);
    if (mode) return mode;
  }
  return null;
}
