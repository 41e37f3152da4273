/**
 * How a function's time grows when its input doubles, measured so that a
 * busy machine (two cores shared by many processes) does not decide the
 * answer: the two sizes are timed alternately, each ratio is a ratio of
 * medians, and a ratio over the limit is measured again before it counts.
 * A quadratic path shows ~4× every time; noise rarely survives five tries.
 */

/** What a doubling may cost: linear work is 2×, with room for cache effects and noise. */
export const maxDoublingRatio = 2.2;

export interface GrowthCase<Input> {
  name: string;
  /** The adversarial input at size `n` (e.g. `n` repetitions of an opener). */
  make(n: number): Input;
  run(input: Input): unknown;
  /** A starting size; it is doubled until one run takes long enough to time. */
  size: number;
}

export interface Growth {
  name: string;
  /** The size the ratio was measured at, and twice it. */
  size: number;
  ratio: number;
  /** Median time at twice the size. */
  slowestMs: number;
  /** Most heap a run at twice the size left allocated when it returned (no GC forced in between). */
  peakMb: number;
}

/** Below this a timing is mostly timer and scheduler noise: shorter times count as this long in a ratio. */
const minimumMs = 20;
/** After this many doublings the input is big enough, whatever the time (a path bounded by a cut stays fast forever). */
const maxCalibrationDoublings = 6;
const rounds = 7;
const attempts = 5;

export function measureGrowth<Input>(growthCase: GrowthCase<Input>): Growth {
  let size = growthCase.size;
  let input = growthCase.make(size);
  for (let doubling = 0; doubling < maxCalibrationDoublings && time(growthCase, input).ms < minimumMs; doubling++) {
    size *= 2;
    input = growthCase.make(size);
  }
  const doubled = growthCase.make(size * 2);
  let best: Growth | null = null;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const small: number[] = [];
    const large: number[] = [];
    let peak = 0;
    for (let round = 0; round < rounds; round++) {
      small.push(time(growthCase, input).ms);
      const run = time(growthCase, doubled);
      large.push(run.ms);
      peak = Math.max(peak, run.heapGrowth);
    }
    const growth: Growth = {
      name: growthCase.name,
      size,
      ratio: Math.max(median(large), minimumMs) / Math.max(median(small), minimumMs),
      slowestMs: median(large),
      peakMb: peak / 1024 / 1024,
    };
    if (!best || growth.ratio < best.ratio) best = growth;
    if (growth.ratio <= maxDoublingRatio) break;
  }
  return best!;
}

function time<Input>(growthCase: GrowthCase<Input>, input: Input): { ms: number; heapGrowth: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  const start = performance.now();
  try {
    growthCase.run(input);
  } catch {
    // Refusing an input (a parse error, a size limit) is an answer too; what is measured is how long it took.
  }
  const ms = performance.now() - start;
  return { ms, heapGrowth: Math.max(0, process.memoryUsage().heapUsed - heapBefore) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
