// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readingFlow } from '../../renderer/src/reading-flow';

/** A scroller 300 × 200 with 1,000 px of overflow each way; jsdom lays nothing out, so the sizes are set by hand. */
function scroller(writingMode?: string): HTMLElement {
  const element = document.createElement('main');
  if (writingMode) element.dataset.writingMode = writingMode;
  let left = 0;
  let top = 0;
  Object.defineProperties(element, {
    scrollLeft: { get: () => left, set: (value: number) => (left = value) },
    scrollTop: { get: () => top, set: (value: number) => (top = value) },
    scrollWidth: { value: 1300 },
    scrollHeight: { value: 1200 },
    clientWidth: { value: 300 },
    clientHeight: { value: 200 },
  });
  return element;
}

const rect = (left: number, top: number, width: number, height: number): DOMRectReadOnly => new DOMRect(left, top, width, height);

describe('readingFlow', () => {
  it('reads down the page for horizontal text', () => {
    const element = scroller();
    const flow = readingFlow(element);
    expect(flow.writingMode).toBeNull();
    expect([flow.start(rect(10, 20, 30, 40)), flow.end(rect(10, 20, 30, 40))]).toEqual([20, 60]);
    flow.scrollBy(150);
    expect([element.scrollTop, element.scrollLeft, flow.scrolled()]).toEqual([150, 0, 150]);
    expect([flow.scrollable(), flow.viewport()]).toEqual([1000, 200]);
    expect(flow.point(50, 7)).toEqual({ x: 7, y: 50 });
    expect(flow.leadingBand(0.25)).toBe('0px 0px -75% 0px');
  });

  it('reads leftwards across the page for vertical-rl, where scrolling on makes scrollLeft negative', () => {
    const element = scroller('vertical-rl');
    const flow = readingFlow(element);
    expect(flow.writingMode).toBe('vertical-rl');
    // Further left is further on: the right edge, negated, is where a box starts.
    expect([flow.start(rect(10, 20, 30, 40)), flow.end(rect(10, 20, 30, 40))]).toEqual([-40, -10]);
    expect(flow.start(rect(0, 0, 10, 10))).toBeGreaterThan(flow.start(rect(100, 0, 10, 10)));
    flow.scrollBy(150);
    expect([element.scrollLeft, element.scrollTop, flow.scrolled()]).toEqual([-150, 0, 150]);
    flow.scrollTo(40);
    expect(element.scrollLeft).toBe(-40);
    expect([flow.scrollable(), flow.viewport()]).toEqual([1000, 300]);
    expect(flow.point(-290, 7)).toEqual({ x: 290, y: 7 });
    expect(flow.leadingBand(0.25)).toBe('0px 0px 0px -75%');
  });

  it('reads rightwards for vertical-lr (Mongolian)', () => {
    const element = scroller('vertical-lr');
    const flow = readingFlow(element);
    expect([flow.start(rect(10, 20, 30, 40)), flow.end(rect(10, 20, 30, 40))]).toEqual([10, 40]);
    flow.scrollBy(150);
    expect([element.scrollLeft, flow.scrolled()]).toEqual([150, 150]);
    expect(flow.point(290, 7)).toEqual({ x: 290, y: 7 });
    expect(flow.leadingBand(0.5)).toBe('0px -50% 0px 0px');
  });

  it('takes an unknown writing mode for horizontal', () => {
    expect(readingFlow(scroller('sideways-rl')).writingMode).toBeNull();
  });
});
