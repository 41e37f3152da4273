import type { GlossApi, GlossErrorCode, GlossMethod, IpcResult } from '../../common/contract';

/** A failed call to main, carrying the message main wrote for the user. */
export class BridgeError extends Error {
  constructor(
    readonly code: GlossErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new BridgeError(result.error.code, result.error.message);
}

/** `window.gloss` as plain async methods that throw `BridgeError` on failure. */
export const gloss: GlossApi = new Proxy({} as GlossApi, {
  get(_target, method: GlossMethod) {
    const call = window.gloss[method] as (...args: unknown[]) => Promise<IpcResult<unknown>>;
    return async (...args: unknown[]) => unwrap(await call(...args));
  },
});
