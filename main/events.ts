import type { WebContents } from 'electron';
import { type EmitEvent, glossEvents } from '../common/contract';

/**
 * Sends the contract's events to the page in `target()` (the main window's
 * contents, or nothing while there is no window): each on its own channel,
 * its payload typed by the contract and checked again by the preload.
 */
export function sendEventsTo(target: () => Pick<WebContents, 'send' | 'isDestroyed'> | null | undefined): EmitEvent {
  return (event, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(glossEvents[event].channel, payload);
  };
}
