import { describe, expect, it } from 'vitest';
import { eachAtOnce } from '../../../main/core/at-once';

/** A task per item that waits until released, recording when each starts and ends. */
function heldTasks() {
  const events: string[] = [];
  const release = new Map<number, (failure?: Error) => void>();
  const task = (item: string, index: number): Promise<void> => {
    events.push(`start ${item}`);
    return new Promise((resolve, reject) =>
      release.set(index, (failure) => {
        events.push(`end ${item}`);
        if (failure) reject(failure);
        else resolve();
      }),
    );
  };
  return { events, release, task };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('eachAtOnce', () => {
  it('runs at most the limit at once, starting the items in order, and says which finished', async () => {
    const { events, release, task } = heldTasks();
    const running = eachAtOnce(['a', 'b', 'c', 'd'], 2, task);
    await settle();
    expect(events).toEqual(['start a', 'start b']);
    release.get(1)!();
    await settle();
    expect(events).toEqual(['start a', 'start b', 'end b', 'start c']);
    release.get(0)!();
    await settle();
    release.get(2)!();
    release.get(3)!();
    expect(await running).toEqual({ finished: [true, true, true, true], failure: null });
  });

  it('starts nothing more once one fails, and answers only when those under way are done', async () => {
    const { events, release, task } = heldTasks();
    const failure = new Error('disk full');
    let answered = false;
    const running = eachAtOnce(['a', 'b', 'c', 'd'], 2, task).finally(() => (answered = true));
    await settle();
    release.get(0)!(failure);
    await settle();
    expect(answered).toBe(false);
    release.get(1)!();
    expect(await running).toEqual({ finished: [false, true, false, false], failure: { error: failure } });
    expect(events).toEqual(['start a', 'start b', 'end a', 'end b']);
  });

  it('does nothing for no items', async () => {
    expect(await eachAtOnce([], 4, () => Promise.reject(new Error('never called')))).toEqual({ finished: [], failure: null });
  });
});
