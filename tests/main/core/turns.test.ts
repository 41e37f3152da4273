import { describe, expect, it } from 'vitest';
import { mapInTurns, nextTurn } from '../../../main/core/turns';

describe('nextTurn', () => {
  it('resolves only after the events already waiting have run', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('waiting event'));
    await nextTurn();
    order.push('after the turn');
    expect(order).toEqual(['waiting event', 'after the turn']);
  });
});

describe('mapInTurns', () => {
  it('maps every item in order, as Array.prototype.map does', async () => {
    expect(await mapInTurns(['a', 'b', 'c'], (item, index) => `${index}:${item}`)).toEqual(['0:a', '1:b', '2:c']);
  });

  it('lets the event loop in once a turn has run for its slice of time, and not before', async () => {
    const busy = (ms: number): void => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    let eventsRun = 0;
    const seen: number[] = [];
    let counting = true;
    const count = (): void => {
      eventsRun++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    // 2 ms per item against a 5 ms slice: the loop is let in every third item, so the event cannot run after each.
    await mapInTurns(
      Array.from({ length: 9 }, (_, index) => index),
      () => {
        seen.push(eventsRun);
        busy(2);
      },
      5,
    );
    counting = false;
    expect(seen[0]).toBe(0);
    expect(seen[1]).toBe(0);
    expect(seen.at(-1)).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBeLessThan(seen.length);
  });

  it('maps a short list in the turn it was called in', async () => {
    let eventRan = false;
    setImmediate(() => (eventRan = true));
    const mapped = mapInTurns([1, 2, 3], (item) => ({ item, eventRan }));
    expect((await mapped).map((entry) => entry.eventRan)).toEqual([false, false, false]);
  });
});
