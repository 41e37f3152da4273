import type { ReadingPosition } from '../../common/contract';
import { documentBlocks } from './reader-view';
import { readingFlow } from './reading-flow';

/** Frames a scroll is re-checked for while pieces of the document settle from estimated to laid-out heights. */
const settleFrames = 8;

/**
 * Where `scroller` is within the top-level blocks of `content`: the first
 * block whose end is past the start of the viewport (its top, or its right
 * edge in vertical text: reading-flow.ts), and how far into it.
 * The piece at the top of the viewport is found first: a piece the browser has
 * not laid out keeps its estimated height while its blocks, measured, take
 * their real one and overflow it, so blocks are compared only within the piece
 * that is laid out. Binary searches keep this to a few dozen measurements.
 */
export function measureReadingPosition(scroller: HTMLElement, content: HTMLElement): ReadingPosition {
  const flow = readingFlow(scroller);
  const viewportStart = flow.start(scroller.getBoundingClientRect());
  const scrollable = flow.scrollable();
  const progress = scrollable > 0 ? clamp(flow.scrolled() / scrollable) : 0;
  const pieces = Array.from(content.children);
  const pieceIndex = firstPast(pieces, viewportStart, flow.end);
  const piece = pieces[pieceIndex];
  const blocksBefore = pieces.slice(0, pieceIndex).reduce((count, earlier) => count + earlier.childElementCount, 0);
  const inPiece = piece ? firstPast(Array.from(piece.children), viewportStart, flow.end) : 0;
  const block = piece?.children[inPiece];
  if (!block) return { blockIndex: Math.max(0, blocksBefore + (piece?.childElementCount ?? 0) - 1), blockOffset: 1, progress };
  const box = block.getBoundingClientRect();
  const length = flow.end(box) - flow.start(box);
  const blockOffset = length > 0 ? clamp((viewportStart - flow.start(box)) / length) : 0;
  return { blockIndex: blocksBefore + inPiece, blockOffset, progress };
}

/**
 * The index of the first of `elements` (in reading order) whose `edge` (a
 * ReadingFlow's start or end) lies past `along`; their count if none does.
 */
export function firstPast(elements: readonly Element[], along: number, edge: (rect: DOMRectReadOnly) => number): number {
  let low = 0;
  let high = elements.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edge(elements[middle]!.getBoundingClientRect()) > along) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Scrolls so that the saved block is back at the top; falls back to the saved
 * progress if the block is gone. Pieces of the document away from the viewport
 * have estimated heights until the browser lays them out, so the scroll is
 * re-checked over a few frames until the block stays where it belongs.
 */
export async function restoreReadingPosition(scroller: HTMLElement, content: HTMLElement, position: ReadingPosition): Promise<void> {
  const flow = readingFlow(scroller);
  const block = documentBlocks(content)[position.blockIndex];
  if (!block) {
    flow.scrollTo(position.progress * flow.scrollable());
    return;
  }
  await scrollUntilSettled(scroller, () => {
    const box = block.getBoundingClientRect();
    const start = flow.start(box);
    return start + position.blockOffset * (flow.end(box) - start) - flow.start(scroller.getBoundingClientRect());
  });
}

/** Fired on the scroller before a jump moves it (reading-place.ts then lets go of the place it was keeping). */
export const jumpEvent = 'gloss-jump';

/** What a reader does to scroll by hand: any of it ends a jump's corrections. */
const handInputs = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
/** The keys that scroll; others (a shortcut pressed while a document opens, say) leave a jump to settle. */
const scrollingKeys = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End', ' ']);

/**
 * Scrolls by what `distance` (pixels along the reading flow from the start of
 * the viewport to the target) says, again on each of the next frames while it
 * still says something, as layout near the new position replaces estimated
 * sizes, until it has said nothing for `steadyFrames` frames, or until the
 * reader scrolls by hand meanwhile (wheel, touch, the scroll bar, a scrolling
 * key): what they do wins, and the jump does not pull them back.
 */
export async function scrollUntilSettled(scroller: HTMLElement, distance: () => number, steadyFrames = 2): Promise<void> {
  scroller.dispatchEvent(new Event(jumpEvent));
  const flow = readingFlow(scroller);
  let takenOver = false;
  const takeOver = (event: Event): void => {
    if (!(event instanceof KeyboardEvent) || scrollingKeys.has(event.key)) takenOver = true;
  };
  const view = scroller.ownerDocument;
  for (const type of handInputs) view.addEventListener(type, takeOver, { capture: true, passive: true });
  try {
    for (let frame = 0, framesInPlace = 0; frame < settleFrames + 4 * steadyFrames && !takenOver; frame++) {
      const offBy = distance();
      // In place before any move: nothing new comes into view. After a move, the browser decides which pieces are
      // in view once a frame is drawn and lays them out a frame or more later, so the place must stay right a while.
      if (Math.abs(offBy) < 1) {
        if (frame === 0 || ++framesInPlace === steadyFrames) return;
      } else {
        framesInPlace = 0;
        flow.scrollBy(offBy);
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  } finally {
    for (const type of handInputs) view.removeEventListener(type, takeOver, { capture: true });
  }
}

/**
 * Brings `target` to the start of the viewport. Element.scrollIntoView lands
 * on the start of a piece the browser has not laid out yet, wherever the
 * target is inside it; measuring the target forces its layout, so this lands
 * right.
 */
export function scrollToElement(scroller: HTMLElement, target: Element, margin = 0): Promise<void> {
  return scrollUntilSettled(scroller, () => distanceIntoView(scroller, target.getBoundingClientRect()) - margin);
}

/** How far along the reading flow `rect` starts past the start of the reader's viewport. */
export function distanceIntoView(scroller: HTMLElement, rect: DOMRectReadOnly): number {
  const flow = readingFlow(scroller);
  return flow.start(rect) - flow.start(scroller.getBoundingClientRect());
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
