import { gloss } from './bridge';
import type { DocumentController } from './document-controller';
import type { SaveQueue } from './save-queue';

/**
 * Nothing typed is lost when the page goes: hidden, pending writes go out;
 * leaving (closing the window, quitting), they are all sent at once. Returns
 * the answer to main's "prepare to close", which holds the close until every
 * pending write has reached it.
 */
export function keepWritesOnLeaving(
  documents: DocumentController,
  queue: SaveQueue,
  settingsSaved: () => Promise<void>,
): () => Promise<void> {
  window.addEventListener('pagehide', () => {
    documents.flushPendingWrites();
    queue.sendAllNow();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') documents.flushPendingWrites();
  });
  return async () => {
    documents.flushPendingWrites();
    await Promise.all([queue.whenIdle(), settingsSaved()]);
    await gloss.readyToClose();
  };
}
