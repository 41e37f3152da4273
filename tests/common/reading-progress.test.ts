import { describe, expect, it } from 'vitest';
import type { ReadingPosition } from '../../common/contract';
import { fractionRead, withFurthest } from '../../common/reading-progress';

const at = (progress: number, furthest?: number): ReadingPosition => ({
  blockIndex: 3,
  blockOffset: 0.5,
  progress,
  ...(furthest === undefined ? {} : { furthest }),
});

describe('how much of a document has been read', () => {
  it.each([
    ['no saved position', null, 0],
    ['a position saved before the furthest point was kept', at(0.4), 0.4],
    ['a position scrolled back up from further down', at(0.1, 0.8), 0.8],
    ['a position further than any before', at(0.9, 0.8), 0.9],
  ])('is read from %s', (_, position, expected) => {
    expect(fractionRead(position)).toBe(expected);
  });

  it('keeps the furthest point when the reader scrolls back up, and moves it on when they go further', () => {
    const down = withFurthest(null, at(0.7));
    const up = withFurthest(down, at(0.2));
    const further = withFurthest(up, at(0.95));
    expect([fractionRead(down), fractionRead(up), fractionRead(further)]).toEqual([0.7, 0.7, 0.95]);
    // Written only when it lies beyond where the reader is: going forward saves the position as it always was.
    expect([down.furthest, up.furthest, further.furthest]).toEqual([undefined, 0.7, undefined]);
    // Where the reader is stays theirs.
    expect(up).toMatchObject({ blockIndex: 3, blockOffset: 0.5, progress: 0.2 });
  });

  it('never lowers the furthest point, whatever the order of positions', () => {
    const sequence = [0.3, 0.1, 0.6, 0.05, 0.6, 0.2, 1, 0];
    let position: ReadingPosition | null = null;
    let previous = 0;
    for (const progress of sequence) {
      position = withFurthest(position, at(progress));
      expect(fractionRead(position)).toBeGreaterThanOrEqual(previous);
      previous = fractionRead(position);
    }
    expect(previous).toBe(1);
  });
});
