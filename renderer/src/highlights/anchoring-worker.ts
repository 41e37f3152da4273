/**
 * Finds highlights whose stored position no longer holds, off the page's
 * thread: one search can take a tenth of a second in a long text, and a
 * document edited heavily can have a thousand of them.
 */
import { anchorSelectors } from '../../../common/anchoring';
import type { AnchoringReply, AnchoringRequest } from './background-anchoring';

/** Results are sent at most this often, so the page repaints as they come without repainting per highlight. */
const batchIntervalMs = 100;

addEventListener('message', (event: MessageEvent<AnchoringRequest>) => {
  const { text, highlights } = event.data;
  let found: AnchoringReply['found'] = [];
  let sentAt = performance.now();
  for (const highlight of highlights) {
    found.push([highlight.id, anchorSelectors(text, highlight)]);
    if (performance.now() - sentAt >= batchIntervalMs) {
      postMessage({ found, done: false } satisfies AnchoringReply);
      found = [];
      sentAt = performance.now();
    }
  }
  postMessage({ found, done: true } satisfies AnchoringReply);
});
