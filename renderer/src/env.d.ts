import type { GlossBridge } from '../../preload/api';

declare global {
  interface Window {
    /** Exposed by the preload (or the test runtime); see preload/api.ts. */
    readonly gloss: GlossBridge;
  }
}
