/**
 * A hybrid logical clock (Kulkarni et al., 2014): wall-clock milliseconds
 * plus a counter, so that a change made after seeing another always sorts
 * after it even when the two machines' clocks disagree, while unrelated
 * changes still sort roughly by real time.
 *
 * A timestamp is one string, `<ms, 13 digits>-<counter, 6 digits>-<device id>`:
 * comparing two timestamps as strings compares time, then counter, then
 * device id, which breaks ties between devices the same way everywhere.
 * It is also unique per change, so it doubles as the change's id.
 */
export type Hlc = string;

const msDigits = 13;
const counterDigits = 6;
const maxCounter = 10 ** counterDigits - 1;
/** Device ids end a timestamp, so they must not contain its separator's neighbours in a way that breaks ordering: keep them plain. */
export const deviceIdPattern = /^[A-Za-z0-9_]{4,64}$/;
export const hlcPattern = /^\d{13}-\d{6}-[A-Za-z0-9_]{4,64}$/;

export interface HlcParts {
  ms: number;
  counter: number;
  deviceId: string;
}

export function formatHlc({ ms, counter, deviceId }: HlcParts): Hlc {
  return `${String(ms).padStart(msDigits, '0')}-${String(counter).padStart(counterDigits, '0')}-${deviceId}`;
}

export function parseHlc(hlc: Hlc): HlcParts {
  return {
    ms: Number(hlc.slice(0, msDigits)),
    counter: Number(hlc.slice(msDigits + 1, msDigits + 1 + counterDigits)),
    deviceId: hlc.slice(msDigits + counterDigits + 2),
  };
}

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The later of two timestamps (either may be absent). */
export function laterHlc(a: Hlc | undefined, b: Hlc | undefined): Hlc | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/** One device's clock. `now` is injectable so tests can run skewed or frozen clocks. */
export class HybridClock {
  #ms = 0;
  #counter = 0;

  constructor(
    readonly deviceId: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!deviceIdPattern.test(deviceId)) throw new Error(`Not a valid device id: ${JSON.stringify(deviceId)}`);
  }

  /** A timestamp for a change made here, later than every timestamp this clock has issued or seen. */
  tick(): Hlc {
    const physical = this.now();
    if (physical > this.#ms) {
      this.#ms = physical;
      this.#counter = 0;
    } else this.#bumpCounter();
    return formatHlc({ ms: this.#ms, counter: this.#counter, deviceId: this.deviceId });
  }

  /** Takes in a timestamp from another device (or from this device's own log after a restart). */
  observe(hlc: Hlc): void {
    const { ms, counter } = parseHlc(hlc);
    if (ms > this.#ms) {
      this.#ms = ms;
      this.#counter = counter;
    } else if (ms === this.#ms && counter > this.#counter) this.#counter = counter;
  }

  #bumpCounter(): void {
    if (this.#counter < maxCounter) this.#counter += 1;
    else {
      // A million changes in one millisecond: borrow the next millisecond rather than overflow the field.
      this.#ms += 1;
      this.#counter = 0;
    }
  }
}
