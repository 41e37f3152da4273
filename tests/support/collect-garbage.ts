import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | null = null;

/**
 * Runs the garbage collector, so a heap measured next holds only what is
 * still alive: the one vitest exposes (vitest.config.ts passes --expose-gc),
 * else one asked for by flag at run time (`npm run bench` starts Node
 * without it).
 */
export function collectGarbage(): void {
  collector ??=
    (globalThis as { gc?: () => void }).gc ??
    (() => {
      setFlagsFromString('--expose-gc');
      return runInNewContext('gc') as () => void;
    })();
  collector();
}
