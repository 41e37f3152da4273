/**
 * The pure half of the reading focus: which stretch of the document's text
 * (offsets into the TextMap's string) the next or previous paragraph, sentence
 * or word is. No DOM here, so it is tested in Node with plain strings.
 */

export type Granularity = 'paragraph' | 'sentence' | 'word';

/** Text offsets [start, end) into the rendered document's text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Segmenters are costly to build and stateless once built; one per granularity
 * and language is kept. `undefined` lets the runtime pick the user's language.
 */
const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(granularity: 'sentence' | 'word', locale: string | undefined): Intl.Segmenter {
  const key = `${granularity}:${locale ?? ''}`;
  let found = segmenters.get(key);
  if (!found) {
    found = new Intl.Segmenter(locale, { granularity });
    segmenters.set(key, found);
  }
  return found;
}

/**
 * The sentences (Unicode sentence boundaries, UAX #29, through Intl.Segmenter)
 * or words of `text`, offset by `base`. Sentences lose the white space that
 * trails them; only word-like segments count as words (punctuation and spaces
 * are never focused on their own).
 */
export function segmentSpans(text: string, granularity: 'sentence' | 'word', base = 0, locale?: string): Span[] {
  const spans: Span[] = [];
  for (const segment of segmenter(granularity, locale).segment(text)) {
    if (granularity === 'word' && !segment.isWordLike) continue;
    const trimmed = trimSpan(text, segment.index, segment.index + segment.segment.length);
    if (trimmed) spans.push({ start: base + trimmed.start, end: base + trimmed.end });
  }
  return spans;
}

/** The span without leading and trailing white space, or null if nothing is left. */
export function trimSpan(text: string, start: number, end: number): Span | null {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? { start, end } : null;
}

/** The units of one paragraph at a granularity: the paragraph itself (trimmed), its sentences or its words. */
export function unitsOf(text: string, paragraph: Span, granularity: Granularity, locale?: string): Span[] {
  if (granularity === 'paragraph') {
    const trimmed = trimSpan(text, paragraph.start, paragraph.end);
    return trimmed ? [trimmed] : [];
  }
  return segmentSpans(text.slice(paragraph.start, paragraph.end), granularity, paragraph.start, locale);
}

/** The index of the paragraph holding `offset` (or the last one starting before it), -1 before the first. */
export function paragraphAt(paragraphs: readonly Span[], offset: number): number {
  let low = 0;
  let high = paragraphs.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (paragraphs[middle]!.start <= offset) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/**
 * The unit after (direction 1) or before (-1) `from` at `granularity`:
 * within `from`'s paragraph first, then in the next paragraphs that have one.
 * A unit "after" starts at or after `from` ends; one "before" ends at or
 * before `from` starts, so a sentence focus steps to the words around it,
 * not inside it, and a word focus steps to the sentence it is in the middle
 * of only when going forward past it. Null at either end of the document.
 */
export function stepUnit(
  text: string,
  paragraphs: readonly Span[],
  from: Span,
  granularity: Granularity,
  direction: 1 | -1,
  locale?: string,
): Span | null {
  let index = paragraphAt(paragraphs, direction === 1 ? from.end - 1 : from.start);
  if (index === -1 && direction === 1) index = 0;
  for (; index >= 0 && index < paragraphs.length; index += direction) {
    const units = unitsOf(text, paragraphs[index]!, granularity, locale);
    const found = direction === 1 ? units.find((unit) => unit.start >= from.end) : units.findLast((unit) => unit.end <= from.start);
    if (found) return found;
  }
  return null;
}

/**
 * The unit of `granularity` that contains `offset` (the word or sentence under
 * a point, or at the start of the first visible paragraph), or the first one
 * after it in the same paragraph. Null when the paragraph has no unit there.
 */
export function unitAt(text: string, paragraphs: readonly Span[], offset: number, granularity: Granularity, locale?: string): Span | null {
  const paragraph = paragraphs[Math.max(0, paragraphAt(paragraphs, offset))];
  if (!paragraph) return null;
  const units = unitsOf(text, paragraph, granularity, locale);
  return units.find((unit) => unit.end > offset) ?? units[units.length - 1] ?? null;
}

/** The smallest span covering both: the selection a focus extended with Shift makes. */
export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** The focus the keyboard moves: a span and the granularity it was reached at. */
export interface Focus extends Span {
  granularity: Granularity;
}

const fineness: Record<Granularity, number> = { paragraph: 0, sentence: 1, word: 2 };

/**
 * The next focus from `from` at `granularity`. Going finer starts inside the
 * current focus (→ on a focused paragraph is its first sentence, ← its last),
 * as a reader narrows down; the same or a coarser granularity steps past it.
 * Stays put at either end of the document.
 */
export function nextFocus(
  text: string,
  paragraphs: readonly Span[],
  from: Focus,
  granularity: Granularity,
  direction: 1 | -1,
  locale?: string,
): Focus {
  const edge = direction === 1 ? from.start : from.end;
  const origin = fineness[granularity] > fineness[from.granularity] ? { start: edge, end: edge } : from;
  const found = stepUnit(text, paragraphs, origin, granularity, direction, locale);
  return found ? { ...found, granularity } : from;
}
