/**
 * Readwise's action tags, carried out as Readwise documents them
 * (docs.readwise.io, Action tags), for Readwise CSV and for Kindle notes
 * (readers write them on the device for Readwise):
 *
 * - `.h1`–`.h6` on a highlight of a book's heading: the passage becomes a
 *   heading of that level in the book's document, not a highlight;
 * - `.c1`, `.c2`, … join highlights into one: `.c1` starts a new one, each
 *   following `.cN` adds its passage (as a paragraph) and its note;
 * - `.qa` and `.fav`/`.favorite` have no Gloss feature to act on; they stay in
 *   the note as written (never as ordinary tags), so an export gives them back
 *   to Readwise unchanged.
 */
import { type BookHeading, passageParagraphs } from './common';
import type { ImportedAnnotation } from './types';

const leadingAction = /^\s*\.(h([1-6])|c(\d+))(?=\s|$)/i;

/** The book's highlights (in reading order) with headings taken out and concatenations joined. */
export function carryOutActionTags(
  annotations: readonly ImportedAnnotation[],
  warnings: string[],
): { annotations: ImportedAnnotation[]; headings: BookHeading[] } {
  const kept: ImportedAnnotation[] = [];
  const headings: BookHeading[] = [];
  let joining: ImportedAnnotation | null = null;
  for (const annotation of annotations) {
    const action = leadingAction.exec(annotation.note);
    const rest = action ? annotation.note.slice(action[0].length).trim() : annotation.note;
    const exact = annotation.quote?.exact ?? '';
    if (action?.[2] !== undefined && exact.trim() !== '') {
      headings.push({ before: kept.length, level: Number(action[2]), text: passageParagraphs(exact).join(' ') });
      if (rest !== '') warnings.push(`${annotation.origin}: the heading's note “${rest}” was not kept: a heading has no note.`);
      continue;
    }
    if (action?.[3] !== undefined && annotation.quote) {
      if (Number(action[3]) === 1 || joining === null) {
        // `.c1` starts a new joined highlight; a `.c2` without one before it starts one too.
        joining = { ...annotation, quote: { ...annotation.quote }, note: rest, tags: [...annotation.tags], position: null };
        kept.push(joining);
      } else {
        joining.quote!.exact = `${joining.quote!.exact}\n\n${exact}`;
        joining.note = [joining.note, rest].filter((note) => note !== '').join('\n\n');
        joining.tags = [...new Set([...joining.tags, ...annotation.tags])];
        if (annotation.updatedAt > joining.updatedAt) joining.updatedAt = annotation.updatedAt;
      }
      continue;
    }
    kept.push(annotation);
  }
  return { annotations: kept, headings };
}
