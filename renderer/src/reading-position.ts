import type { ReadingPosition } from '../../preload/api';

/**
 * Where `scroller` is within the top-level blocks of `content`: the first
 * block whose bottom is below the top of the viewport, and how far into it.
 */
export function measureReadingPosition(scroller: HTMLElement, content: HTMLElement): ReadingPosition {
  const viewportTop = scroller.getBoundingClientRect().top;
  const blocks = Array.from(content.children) as HTMLElement[];
  const scrollable = scroller.scrollHeight - scroller.clientHeight;
  const progress = scrollable > 0 ? clamp(scroller.scrollTop / scrollable) : 0;
  for (const [blockIndex, block] of blocks.entries()) {
    const box = block.getBoundingClientRect();
    if (box.bottom > viewportTop) {
      const blockOffset = box.height > 0 ? clamp((viewportTop - box.top) / box.height) : 0;
      return { blockIndex, blockOffset, progress };
    }
  }
  return { blockIndex: Math.max(0, blocks.length - 1), blockOffset: 1, progress };
}

/** Scrolls so that the saved block is back at the top; falls back to the saved progress if the block is gone. */
export function restoreReadingPosition(scroller: HTMLElement, content: HTMLElement, position: ReadingPosition): void {
  const block = content.children[position.blockIndex] as HTMLElement | undefined;
  if (!block) {
    scroller.scrollTop = position.progress * (scroller.scrollHeight - scroller.clientHeight);
    return;
  }
  const box = block.getBoundingClientRect();
  const viewportTop = scroller.getBoundingClientRect().top;
  scroller.scrollTop += box.top - viewportTop + position.blockOffset * box.height;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}
