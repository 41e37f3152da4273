import type { WritingMode } from '../../common/text/language';

/**
 * The direction reading advances in the reader: down the page for horizontal
 * lines; right to left across it for Japanese and Chinese vertical text
 * (`vertical-rl`), left to right for Mongolian (`vertical-lr`), where the
 * reader scrolls sideways. Everything that keeps or finds a reading place
 * (saving the position, jumping to a heading, a link or a search hit,
 * following the current section) measures along this flow, so it is written
 * once for all three.
 *
 * Flow coordinates are viewport pixels that grow the way reading goes: a
 * rectangle's `start` is its top, or its right edge negated in vertical-rl
 * (further left is further on), or its left edge in vertical-lr.
 */
export interface ReadingFlow {
  readonly writingMode: WritingMode | null;
  start(rect: DOMRectReadOnly): number;
  end(rect: DOMRectReadOnly): number;
  /** How far reading has scrolled from the beginning, in pixels (never negative). */
  scrolled(): number;
  scrollTo(distance: number): void;
  scrollBy(distance: number): void;
  /** The largest `scrolled()` can be. */
  scrollable(): number;
  /** The visible length of the flow: the reader's height, or its width when lines are vertical. */
  viewport(): number;
  /** A viewport point `along` pixels into the flow (a flow coordinate) and `across` pixels from the lines' start edge (top or left). */
  point(along: number, across: number): { x: number; y: number };
  /** IntersectionObserver's rootMargin that keeps the first `share` (0-1) of the viewport along the flow. */
  leadingBand(share: number): string;
}

/**
 * The writing mode the reader's `data-writing-mode` names (set when a vertical
 * document opens), null for horizontal, as it is for every document while the
 * reading settings turn vertical lines off.
 */
export function readerWritingMode(scroller: HTMLElement): WritingMode | null {
  if (document.documentElement.dataset.verticalLines === 'off') return null;
  const mode = scroller.dataset.writingMode;
  return mode === 'vertical-rl' || mode === 'vertical-lr' ? mode : null;
}

export function readingFlow(scroller: HTMLElement): ReadingFlow {
  const writingMode = readerWritingMode(scroller);
  const cut = (share: number): string => `-${Math.round((1 - share) * 100)}%`;
  if (writingMode === null)
    return {
      writingMode,
      start: (rect) => rect.top,
      end: (rect) => rect.bottom,
      scrolled: () => scroller.scrollTop,
      scrollTo: (distance) => (scroller.scrollTop = distance),
      scrollBy: (distance) => (scroller.scrollTop += distance),
      scrollable: () => scroller.scrollHeight - scroller.clientHeight,
      viewport: () => scroller.clientHeight,
      point: (along, across) => ({ x: across, y: along }),
      leadingBand: (share) => `0px 0px ${cut(share)} 0px`,
    };
  // Scrolled towards the left, scrollLeft is negative: its start is the right edge (CSSOM View).
  const sign = writingMode === 'vertical-rl' ? -1 : 1;
  return {
    writingMode,
    start: (rect) => (sign < 0 ? -rect.right : rect.left),
    end: (rect) => (sign < 0 ? -rect.left : rect.right),
    scrolled: () => sign * scroller.scrollLeft,
    scrollTo: (distance) => (scroller.scrollLeft = sign * distance),
    scrollBy: (distance) => (scroller.scrollLeft += sign * distance),
    scrollable: () => scroller.scrollWidth - scroller.clientWidth,
    viewport: () => scroller.clientWidth,
    point: (along, across) => ({ x: sign * along, y: across }),
    leadingBand: (share) => (sign < 0 ? `0px 0px 0px ${cut(share)}` : `0px ${cut(share)} 0px 0px`),
  };
}
