import type { TextMap } from './highlights/text-map';
import { readingFlow } from './reading-flow';
import { distanceIntoView, jumpEvent } from './reading-position';

/** How far into the viewport the first visible line is looked for, a few pixels at a time, when its start edge falls between paragraphs. */
const probeStepPx = 6;
const probeSteps = 20;
/** How long after a change of settings or of the reader's size the document's reflow is still that change's. */
const layoutSettleMs = 1000;

/**
 * Keeps the reader's place, the first visible character, across every change
 * of layout: text size, font, line height, column width, theme, a window
 * resize, a sidebar toggle. While the reader scrolls, the character at the
 * start of the first visible line (the top one, or the rightmost of vertical
 * Japanese) is noted with its distance from that edge; when the
 * layout changes (the reader's own size, or the page's reading settings on
 * the root element) and the document's size follows (a ResizeObserver on its
 * body), the reader is scrolled to put that character back at the same
 * distance, before the frame is painted. The body also grows on its own while
 * a long document's pieces are laid out as a jump reaches them: that is not a
 * change of layout, and restoring then would undo the jump. The browser's own scroll
 * anchoring picks an element, not a character, and gives up on large reflows.
 */
export class ReadingPlace {
  #textMap: TextMap | null = null;
  #observer: ResizeObserver | null = null;
  /** A character of the text and how far it was from the start of the viewport, along the reading flow (reading-flow.ts). */
  #anchor: { offset: number; intoView: number } | null = null;
  /** The scroll position this class set itself: its scroll event must not replace the anchor it restored. */
  #restoredScroll: number | null = null;
  #recordQueued = false;
  /** Until when a body resize counts as the result of a layout change (settings applied, the reader resized). */
  #layoutChangingUntil = 0;

  constructor(private readonly scroller: HTMLElement) {
    new MutationObserver(() => this.#layoutChanging()).observe(document.documentElement, { attributes: true });
    new ResizeObserver(() => {
      this.#layoutChanging();
      this.#restore();
    }).observe(scroller);
    // A jump (a note, a heading, a link, a search hit) moves the place: the one kept through a change of
    // layout in the second before must not be put back when the pieces the jump reached are laid out.
    scroller.addEventListener(jumpEvent, () => {
      this.#layoutChangingUntil = 0;
      this.#anchor = null;
    });
    scroller.addEventListener('scroll', () => {
      if (this.#restoredScroll !== null && Math.abs(readingFlow(scroller).scrolled() - this.#restoredScroll) < 1) return;
      this.#restoredScroll = null;
      this.#queueRecord();
    });
  }

  attach(textMap: TextMap, body: HTMLElement): void {
    this.detach();
    this.#textMap = textMap;
    this.#record();
    this.#observer = new ResizeObserver(() => {
      if (performance.now() < this.#layoutChangingUntil) this.#restore();
    });
    this.#observer.observe(body);
  }

  detach(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#textMap = null;
    this.#anchor = null;
  }

  #layoutChanging(): void {
    this.#layoutChangingUntil = performance.now() + layoutSettleMs;
  }

  /** Once a frame at most: scrolling fires many events per frame. */
  #queueRecord(): void {
    if (this.#recordQueued || !this.#textMap) return;
    this.#recordQueued = true;
    requestAnimationFrame(() => {
      this.#recordQueued = false;
      this.#record();
    });
  }

  #record(): void {
    const textMap = this.#textMap;
    if (!textMap) return;
    const flow = readingFlow(this.scroller);
    const viewStart = flow.start(this.scroller.getBoundingClientRect());
    const column = textMap.root.getBoundingClientRect();
    // Just inside the column, where its lines start: the left edge, or the top in vertical text.
    const across = (flow.writingMode ? column.top : column.left) + 1;
    for (let step = 0; step < probeSteps; step++) {
      const { x, y } = flow.point(viewStart + 1 + step * probeStepPx, across);
      const offset = offsetAtPoint(textMap, x, y);
      if (offset === null) continue;
      this.#anchor = { offset, intoView: this.#intoView(textMap, offset) };
      return;
    }
  }

  #restore(): void {
    const textMap = this.#textMap;
    const anchor = this.#anchor;
    if (!textMap || !anchor) return;
    const flow = readingFlow(this.scroller);
    const offBy = this.#intoView(textMap, anchor.offset) - anchor.intoView;
    if (Math.abs(offBy) < 1) return;
    flow.scrollBy(offBy);
    this.#restoredScroll = flow.scrolled();
  }

  /** How far past the start of the viewport, along the reading flow, the character at `offset` starts. */
  #intoView(textMap: TextMap, offset: number): number {
    const range = textMap.range(offset, Math.min(offset + 1, textMap.text.length));
    return distanceIntoView(this.scroller, range.getClientRects()[0] ?? range.getBoundingClientRect());
  }
}

/** The document text offset of the character at a point, when the point is on text (not a margin between blocks). */
function offsetAtPoint(textMap: TextMap, x: number, y: number): number | null {
  const caret = document.caretPositionFromPoint?.(x, y);
  const node = caret ? caret.offsetNode : document.caretRangeFromPoint?.(x, y)?.startContainer;
  const inNode = caret ? caret.offset : (document.caretRangeFromPoint?.(x, y)?.startOffset ?? 0);
  // Only text nodes: the offset of an element boundary costs a walk over all the text before it.
  if (!node || node.nodeType !== Node.TEXT_NODE || !textMap.root.contains(node)) return null;
  return textMap.offsetOf(node, inNode);
}
