import type { ReadingPosition } from '../../common/contract';
import { documentBlocks } from './reader-view';

/** Frames a scroll is re-checked for while pieces of the document settle from estimated to laid-out heights. */
const settleFrames = 4;

/**
 * Where `scroller` is within the top-level blocks of `content`: the first
 * block whose bottom is below the top of the viewport, and how far into it.
 * The piece at the top of the viewport is found first: a piece the browser has
 * not laid out keeps its estimated height while its blocks, measured, take
 * their real one and overflow it, so blocks are compared only within the piece
 * that is laid out. Binary searches keep this to a few dozen measurements.
 */
export function measureReadingPosition(scroller: HTMLElement, content: HTMLElement): ReadingPosition {
  const viewportTop = scroller.getBoundingClientRect().top;
  const scrollable = scroller.scrollHeight - scroller.clientHeight;
  const progress = scrollable > 0 ? clamp(scroller.scrollTop / scrollable) : 0;
  const pieces = Array.from(content.children);
  const pieceIndex = firstReaching(pieces, viewportTop);
  const piece = pieces[pieceIndex];
  const blocksBefore = pieces.slice(0, pieceIndex).reduce((count, earlier) => count + earlier.childElementCount, 0);
  const inPiece = piece ? firstReaching(Array.from(piece.children), viewportTop) : 0;
  const block = piece?.children[inPiece];
  if (!block) return { blockIndex: Math.max(0, blocksBefore + (piece?.childElementCount ?? 0) - 1), blockOffset: 1, progress };
  const box = block.getBoundingClientRect();
  const blockOffset = box.height > 0 ? clamp((viewportTop - box.top) / box.height) : 0;
  return { blockIndex: blocksBefore + inPiece, blockOffset, progress };
}

/** The index of the first of `elements` (in page order) whose bottom is below `y`; their count if none is. */
function firstReaching(elements: readonly Element[], y: number): number {
  let low = 0;
  let high = elements.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (elements[middle]!.getBoundingClientRect().bottom > y) high = middle;
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
  const block = documentBlocks(content)[position.blockIndex];
  if (!block) {
    scroller.scrollTop = position.progress * (scroller.scrollHeight - scroller.clientHeight);
    return;
  }
  await scrollUntilSettled(scroller, () => {
    const box = block.getBoundingClientRect();
    return box.top + position.blockOffset * box.height - scroller.getBoundingClientRect().top;
  });
}

/** Fired on the scroller before a jump moves it (reading-place.ts then lets go of the place it was keeping). */
export const jumpEvent = 'gloss-jump';

/**
 * Scrolls by what `distance` (pixels from the top of the viewport to the
 * target) says, again on each of the next frames while it still says
 * something, as layout near the new position replaces estimated heights.
 */
export async function scrollUntilSettled(scroller: HTMLElement, distance: () => number): Promise<void> {
  scroller.dispatchEvent(new Event(jumpEvent));
  for (let frame = 0; frame < settleFrames; frame++) {
    const offBy = distance();
    if (Math.abs(offBy) < 1) return;
    scroller.scrollTop += offBy;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * Brings `target` to the top of the viewport. Element.scrollIntoView lands on
 * the top of a piece the browser has not laid out yet, wherever the target is
 * inside it; measuring the target forces its layout, so this lands right.
 */
export function scrollToElement(scroller: HTMLElement, target: Element): Promise<void> {
  return scrollUntilSettled(scroller, () => target.getBoundingClientRect().top - scroller.getBoundingClientRect().top);
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
