import { describe, expect, it, vi } from 'vitest';
import { SaveQueue, type SaveState } from '../../renderer/src/save-queue';

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback run (a macrotask comes after all microtasks). */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

class RetryableError extends Error {}
class RefusedError extends Error {}

function makeQueue(options: { wait?: (ms: number) => Promise<void> } = {}) {
  const states: SaveState[] = [];
  const wait = vi.fn(options.wait ?? (() => Promise.resolve()));
  const queue = new SaveQueue(
    (state) => states.push(state),
    (error) => error instanceof RetryableError,
    wait,
  );
  return { queue, states, wait };
}

describe('SaveQueue', () => {
  it('runs writes one at a time, in the order they were enqueued', async () => {
    const { queue } = makeQueue();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const gates = [deferred(), deferred(), deferred()];
    gates.forEach((gate, index) =>
      queue.enqueue(async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        log.push(`start ${index}`);
        await gate.promise;
        log.push(`end ${index}`);
        running--;
      }),
    );

    await settle();
    expect(log).toEqual(['start 0']);

    // Finishing them out of order must not let a later one start early.
    gates[2]!.resolve();
    gates[1]!.resolve();
    await settle();
    expect(log).toEqual(['start 0']);

    gates[0]!.resolve();
    await queue.whenIdle();
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(maxRunning).toBe(1);
  });

  it('starts the first write at once, without waiting for a tick', () => {
    const { queue } = makeQueue();
    const write = vi.fn(() => Promise.resolve());
    queue.enqueue(write);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('does not start a write enqueued while another is running until that one ends', async () => {
    const { queue } = makeQueue();
    const first = deferred();
    const second = vi.fn(() => Promise.resolve());
    queue.enqueue(() => first.promise);
    await settle();
    queue.enqueue(second);
    await settle();
    expect(second).not.toHaveBeenCalled();

    first.resolve();
    await queue.whenIdle();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('reports saving while writing and saved once the queue is empty', async () => {
    const { queue, states } = makeQueue();
    const gate = deferred();
    queue.enqueue(() => gate.promise);
    queue.enqueue(() => Promise.resolve());
    expect(states).toEqual([{ kind: 'saving' }]);

    gate.resolve();
    await queue.whenIdle();
    expect(states).toEqual([{ kind: 'saving' }, { kind: 'saved' }]);
  });

  it('reports saving again for a write enqueued after the queue went idle', async () => {
    const { queue, states } = makeQueue();
    queue.enqueue(() => Promise.resolve());
    await queue.whenIdle();
    queue.enqueue(() => Promise.resolve());
    await queue.whenIdle();
    expect(states).toEqual([{ kind: 'saving' }, { kind: 'saved' }, { kind: 'saving' }, { kind: 'saved' }]);
  });

  it('retries a write that failed with a retryable error, reporting retrying with its message, until it succeeds', async () => {
    const { queue, states, wait } = makeQueue();
    let attempts = 0;
    const write = vi.fn(async () => {
      attempts++;
      if (attempts < 3) throw new RetryableError(`disk full (${attempts})`);
    });
    queue.enqueue(write);
    await queue.whenIdle();

    expect(write).toHaveBeenCalledTimes(3);
    expect(wait).toHaveBeenCalledTimes(2);
    // The retrying message stays up between attempts; only success replaces it.
    expect(states).toEqual([
      { kind: 'saving' },
      { kind: 'retrying', message: 'disk full (1)' },
      { kind: 'retrying', message: 'disk full (2)' },
      { kind: 'saved' },
    ]);
  });

  it('keeps a change refused by a full disk in memory and delivers exactly it, once, when the disk has room again', async () => {
    let diskFull = true;
    const onDisk: string[] = [];
    const { queue, states } = makeQueue({ wait: () => new Promise((resolve) => setTimeout(resolve, 0)) });
    const send = (note: string) => async () => {
      if (diskFull) throw new RetryableError("Gloss can't save: the disk is full.");
      onDisk.push(note);
    };
    queue.enqueue(send('first note'));
    queue.enqueue(send('second note'));

    await vi.waitFor(() => expect(states.filter((state) => state.kind === 'retrying').length).toBeGreaterThanOrEqual(3));
    expect(onDisk).toEqual([]);
    expect(states.at(-1)).toEqual({ kind: 'retrying', message: "Gloss can't save: the disk is full." });

    diskFull = false;
    await queue.whenIdle();
    expect(onDisk).toEqual(['first note', 'second note']);
    expect(states.at(-1)).toEqual({ kind: 'saved' });
  });

  it('waits longer after each failed attempt, up to a ceiling', async () => {
    const { queue, wait } = makeQueue();
    let attempts = 0;
    queue.enqueue(async () => {
      attempts++;
      if (attempts <= 6) throw new RetryableError('busy');
    });
    await queue.whenIdle();

    const delays = wait.mock.calls.map(([ms]) => ms);
    expect(delays).toHaveLength(6);
    for (let index = 1; index < delays.length; index++) expect(delays[index]).toBeGreaterThanOrEqual(delays[index - 1]!);
    expect(delays[1]).toBeGreaterThan(delays[0]!);
    expect(delays[5]).toBe(delays[4]);
  });

  it('holds later writes back until a retried write has succeeded', async () => {
    const retry = deferred();
    const { queue, states } = makeQueue({ wait: () => retry.promise });
    const log: string[] = [];
    let attempts = 0;
    queue.enqueue(async () => {
      attempts++;
      log.push(`first, attempt ${attempts}`);
      if (attempts === 1) throw new RetryableError('offline');
    });
    queue.enqueue(async () => {
      log.push('second');
    });

    await settle();
    expect(log).toEqual(['first, attempt 1']);
    expect(states.at(-1)).toEqual({ kind: 'retrying', message: 'offline' });

    retry.resolve();
    await queue.whenIdle();
    expect(log).toEqual(['first, attempt 1', 'first, attempt 2', 'second']);
  });

  it('reports a non-retryable failure as refused, without retrying, and moves on to the next write', async () => {
    const { queue, states, wait } = makeQueue();
    const refused = vi.fn(() => Promise.reject(new RefusedError('Tags must be strings')));
    const next = vi.fn(() => Promise.resolve());
    queue.enqueue(refused);
    queue.enqueue(next);
    await queue.whenIdle();

    expect(refused).toHaveBeenCalledTimes(1);
    expect(wait).not.toHaveBeenCalled();
    expect(next).toHaveBeenCalledTimes(1);
    expect(states).toEqual([{ kind: 'saving' }, { kind: 'refused', message: 'Tags must be strings' }, { kind: 'saved' }]);
  });

  it('treats a write that throws synchronously like one that rejects', async () => {
    const { queue, states } = makeQueue();
    const next = vi.fn(() => Promise.resolve());
    queue.enqueue(() => {
      throw new RefusedError('bad argument');
    });
    queue.enqueue(next);
    await queue.whenIdle();

    expect(next).toHaveBeenCalledTimes(1);
    expect(states).toContainEqual({ kind: 'refused', message: 'bad argument' });
  });

  it('resolves whenIdle at once when nothing was ever enqueued', async () => {
    const { queue } = makeQueue();
    await expect(queue.whenIdle()).resolves.toBeUndefined();
  });

  it('resolves whenIdle only after every write enqueued so far has succeeded', async () => {
    const { queue } = makeQueue();
    const gates = [deferred(), deferred()];
    const done: number[] = [];
    gates.forEach((gate, index) => queue.enqueue(() => gate.promise.then(() => void done.push(index))));

    let idle = false;
    void queue.whenIdle().then(() => (idle = true));

    gates[0]!.resolve();
    await settle();
    expect(done).toEqual([0]);
    expect(idle).toBe(false);

    gates[1]!.resolve();
    await settle();
    expect(done).toEqual([0, 1]);
    expect(idle).toBe(true);
  });

  it('makes whenIdle wait for a write enqueued while the queue was already busy', async () => {
    const { queue } = makeQueue();
    const first = deferred();
    const second = deferred();
    queue.enqueue(() => first.promise);
    let idle = false;
    void queue.whenIdle().then(() => (idle = true));
    queue.enqueue(() => second.promise);

    first.resolve();
    await settle();
    expect(idle).toBe(false);

    second.resolve();
    await settle();
    expect(idle).toBe(true);
  });

  it('does not resolve whenIdle while a write keeps failing and being retried', async () => {
    let allowSuccess = false;
    const { queue } = makeQueue({ wait: () => new Promise((resolve) => setTimeout(resolve, 0)) });
    queue.enqueue(async () => {
      if (!allowSuccess) throw new RetryableError('locked');
    });
    let idle = false;
    void queue.whenIdle().then(() => (idle = true));

    for (let tick = 0; tick < 5; tick++) await settle();
    expect(idle).toBe(false);

    allowSuccess = true;
    await vi.waitFor(() => expect(idle).toBe(true));
  });
});
