export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'retrying'; message: string }
  /** Main refused the change itself (e.g. invalid input): retrying cannot help. */
  | { kind: 'refused'; message: string };

/** How long to wait before trying a failed write again, growing to the last value. */
const retryDelaysMs = [1000, 2000, 5000, 10_000];

/**
 * Every write to main goes through here, one at a time and in order (a
 * create must land before the delete that undoes it). A write that fails is
 * kept and retried, with the user told, instead of being dropped.
 */
export class SaveQueue {
  readonly #pending: (() => Promise<unknown>)[] = [];
  #running = false;
  #idle: Promise<void> = Promise.resolve();
  #resolveIdle: (() => void) | null = null;

  constructor(
    private readonly onState: (state: SaveState) => void,
    /** Whether a failed write may succeed later (a full disk) or never will (a refused argument). */
    private readonly isRetryable: (error: unknown) => boolean,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  enqueue(write: () => Promise<unknown>): void {
    this.#pending.push(write);
    if (!this.#running) void this.#drain();
  }

  /**
   * For the page going away: sends every waiting write now, in order, without
   * waiting for answers (there will be no page to receive them). Main handles
   * calls in the order they arrive, so the order of effects is kept.
   */
  sendAllNow(): void {
    // The first pending write is already in flight when the queue is running.
    for (const write of this.#pending.splice(this.#running ? 1 : 0)) void write().catch(() => undefined);
  }

  /** Resolves when every write enqueued so far has been handled: succeeded, or refused and reported. */
  whenIdle(): Promise<void> {
    return this.#idle;
  }

  async #drain(): Promise<void> {
    this.#running = true;
    this.#idle = new Promise((resolve) => (this.#resolveIdle = resolve));
    this.onState({ kind: 'saving' });
    while (this.#pending.length > 0) {
      const write = this.#pending[0]!;
      for (let attempt = 0; ; attempt++) {
        try {
          await write();
          break;
        } catch (error) {
          if (!this.isRetryable(error)) {
            this.onState({ kind: 'refused', message: (error as Error).message });
            break;
          }
          // The retrying state (and its message) stays up through the next attempt: a brief
          // "Saving…" between attempts would hide why nothing is saved yet.
          this.onState({ kind: 'retrying', message: (error as Error).message });
          await this.wait(retryDelaysMs[Math.min(attempt, retryDelaysMs.length - 1)]!);
        }
      }
      this.#pending.shift();
    }
    this.#running = false;
    this.onState({ kind: 'saved' });
    this.#resolveIdle?.();
  }
}
