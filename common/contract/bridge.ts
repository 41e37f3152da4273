/** The wire: what a call answers, and the bridge object the preload builds from a transport. */
import { glossEvents, glossMethods, type GlossApi, type GlossMethod, type GlossSubscriptions } from './api';
import { type EventSpec, subscriberName } from './define';

export type GlossErrorCode = 'invalid-argument' | 'not-found' | 'conflict' | 'forbidden' | 'storage' | 'internal';

export interface GlossErrorInfo {
  code: GlossErrorCode;
  message: string;
}

/**
 * What crosses the wire. Errors travel as values because Electron flattens a
 * thrown error into a string prefixed with "Error invoking remote method".
 */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: GlossErrorInfo };

/** `window.gloss`: every method answering with an `IpcResult`, and a subscribe function per event. */
export type GlossBridge = {
  [M in GlossMethod]: (...args: Parameters<GlossApi[M]>) => Promise<IpcResult<Awaited<ReturnType<GlossApi[M]>>>>;
} & GlossSubscriptions;

export interface Transport {
  invoke(channel: string, args: unknown[]): Promise<unknown>;
  /** Hands `listener` each payload main sends on `channel` (the payload only, never the IPC event); returns the unsubscribe function. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds the bridge object from a transport; used by the preload (ipcRenderer)
 * and, through it, by the test runtime. Each event's payload is checked
 * against its schema before a listener sees it; one that does not fit is
 * dropped and reported to `reportInvalidEvent` (common/ has no console of its own).
 */
export function createBridge(transport: Transport, reportInvalidEvent: (message: string) => void): GlossBridge {
  const bridge: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(glossMethods)) {
    bridge[name] = (...args: unknown[]) => transport.invoke(spec.channel, args);
  }
  for (const [name, spec] of Object.entries(glossEvents) as [string, EventSpec<unknown>][]) {
    bridge[subscriberName(name)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(spec.channel, (payload) => {
        const parsed = spec.payload.safeParse(payload);
        if (parsed.success) listener(parsed.data);
        else
          reportInvalidEvent(`Gloss: a ${name} event that does not fit its schema was dropped: ${parsed.error.issues[0]?.message ?? ''}`);
      });
  }
  // The transport returns what main's dispatcher produced for each channel; the
  // dispatcher is typed per method, so this one widening is checked there.
  return Object.freeze(bridge) as unknown as GlossBridge;
}
