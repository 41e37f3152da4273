/**
 * How much of a document has been read: the furthest the reader has scrolled,
 * kept with the reading position, so going back up to reread a passage does
 * not lower the "% read" the library shows.
 */
import type { ReadingPosition } from './contract';

/** The fraction (0–1) read by `position`: its furthest point, or where it is for a position saved before that was kept. */
export function fractionRead(position: ReadingPosition | null | undefined): number {
  if (!position) return 0;
  return Math.max(position.furthest ?? 0, position.progress);
}

/**
 * `next`, carrying the furthest point reached over `previous` and `next`;
 * `furthest` is written only when it lies beyond where the reader is, so a
 * reader going forward saves the same position as before it existed.
 */
export function withFurthest(previous: ReadingPosition | null | undefined, next: ReadingPosition): ReadingPosition {
  return positionReadTo(next, Math.max(fractionRead(previous), fractionRead(next)));
}

/** `position`, having been read as far as `furthest` (written only when beyond where it is). */
export function positionReadTo({ blockIndex, blockOffset, progress }: ReadingPosition, furthest: number): ReadingPosition {
  return furthest > progress ? { blockIndex, blockOffset, progress, furthest } : { blockIndex, blockOffset, progress };
}
