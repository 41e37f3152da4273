import { anchorSelectors, type AnchorResult, type TextSelectors } from '../../../common/anchoring';

export interface AnchoringRequest {
  text: string;
  highlights: (TextSelectors & { id: string })[];
}

export interface AnchoringReply {
  /** Each highlight's anchor, or null for an orphan. */
  found: [id: string, anchor: AnchorResult | null][];
  done: boolean;
}

/**
 * Anchors `highlights` in `text`, reporting results in batches through
 * `onFound`; resolves once every highlight has been reported.
 */
export type Anchorer = (
  text: string,
  highlights: AnchoringRequest['highlights'],
  onFound: (found: AnchoringReply['found']) => void,
) => Promise<void>;

/** On this thread, all at once: for tests, and where a worker cannot start. */
export const anchorHere: Anchorer = (text, highlights, onFound) => {
  onFound(highlights.map((highlight) => [highlight.id, anchorSelectors(text, highlight)]));
  return Promise.resolve();
};

/**
 * In a worker, so the page scrolls, selects and types while a heavily edited
 * document's highlights are searched for. If the worker cannot start or
 * fails, whatever it had not reported is anchored here instead: slower to
 * respond, but no highlight is left unplaced.
 */
export const anchorInWorker: Anchorer = (text, highlights, onFound) =>
  new Promise((resolve) => {
    const pending = new Map(highlights.map((highlight) => [highlight.id, highlight]));
    let worker: Worker | undefined;
    const finishHere = (reason: string): void => {
      console.warn(`Anchoring highlights on the page's thread: ${reason}`);
      worker?.terminate();
      void anchorHere(text, [...pending.values()], onFound).then(resolve);
    };
    try {
      worker = new Worker(new URL('./anchoring-worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      finishHere((error as Error).message);
      return;
    }
    const started = worker;
    started.addEventListener('message', (event: MessageEvent<AnchoringReply>) => {
      for (const [id] of event.data.found) pending.delete(id);
      onFound(event.data.found);
      if (!event.data.done) return;
      started.terminate();
      resolve();
    });
    started.addEventListener('error', (event) => {
      event.preventDefault();
      finishHere(event.message || 'the anchoring worker failed to start');
    });
    started.postMessage({ text, highlights } satisfies AnchoringRequest);
  });
