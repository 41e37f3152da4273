import { readerWritingMode, readingFlow } from './reading-flow';
import { scrollUntilSettled } from './reading-position';

/** Pixels a wheel notch in lines or pages moves (WheelEvent.deltaMode 1 and 2). */
const pixelsPerWheelLine = 40;
/** Share of the viewport a page key moves: a little of the last page stays in sight. */
const pageShare = 0.875;

/**
 * Frames Home and End wait for the far end to stay put: the browser lays out
 * a long document's last pieces (until then of estimated size) a few frames
 * after they come into view, and each moves the end again.
 */
const steadyFramesAtAnEnd = 8;

/**
 * In vertical text the reader scrolls sideways, which the browser does for
 * neither a mouse wheel turned down nor PageDown and Space: both would do
 * nothing. So they are turned with the text: down (or PageDown, Space) goes
 * on reading, leftwards in Japanese. Home and End go to the start and the
 * end in any text: the browser's own End stops at the end the estimated
 * sizes gave, thousands of pixels short in a long book.
 */
export function scrollReaderWithWheelAndKeys(scroller: HTMLElement): void {
  scroller.addEventListener(
    'wheel',
    (event) => {
      if (!readerWritingMode(scroller) || event.ctrlKey || Math.abs(event.deltaX) >= Math.abs(event.deltaY)) return;
      const flow = readingFlow(scroller);
      const unit =
        event.deltaMode === WheelEvent.DOM_DELTA_LINE
          ? pixelsPerWheelLine
          : event.deltaMode === WheelEvent.DOM_DELTA_PAGE
            ? flow.viewport()
            : 1;
      event.preventDefault();
      flow.scrollBy(event.deltaY * unit);
    },
    { passive: false },
  );
  scroller.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target instanceof Element && event.target.closest('input, textarea, select, button, [contenteditable]')) return;
    const flow = readingFlow(scroller);
    const page = flow.viewport() * pageShare;
    const ends: Record<string, () => void> = {
      Home: () => void scrollUntilSettled(scroller, () => -flow.scrolled(), steadyFramesAtAnEnd),
      End: () => void scrollUntilSettled(scroller, () => flow.scrollable() - flow.scrolled(), steadyFramesAtAnEnd),
    };
    const pages: Record<string, () => void> = {
      PageDown: () => flow.scrollBy(page),
      PageUp: () => flow.scrollBy(-page),
      ' ': () => flow.scrollBy(event.shiftKey ? -page : page),
    };
    const move = ends[event.key] ?? (flow.writingMode ? pages[event.key] : undefined);
    if (!move) return;
    event.preventDefault();
    move();
  });
}
