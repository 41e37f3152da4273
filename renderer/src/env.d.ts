import type { GlossBridge } from '../../common/contract';

declare global {
  interface Window {
    /** Exposed by the preload (or the test runtime); see preload/api.ts. */
    readonly gloss: GlossBridge;
  }
}
