/**
 * The worker thread behind importWorker (work.ts): does one piece of an
 * import's heavy work at a time and answers with the result or the error,
 * so the main process keeps answering the window meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import { GlossError } from '../errors';
import { indexEntry } from '../search/search-index';
import { importOnThisThread, type WorkReply, type WorkRequest } from './work';

const port = parentPort;
if (!port) throw new Error('import-worker runs only as a worker thread');

/** One piece of work; an error, thrown or not, becomes a rejection and so a reply. */
async function perform(work: WorkRequest): Promise<unknown> {
  if (work.kind === 'convert') return importOnThisThread.convert(work.request);
  if (work.kind === 'plan') return importOnThisThread.plan(work.request);
  return indexEntry(work.request.summary, work.request.document);
}

port.on('message', (work: WorkRequest) => {
  perform(work).then(
    (result) => {
      // Copied rather than transferred: an image's bytes may be a view into a buffer shared with others.
      const reply: WorkReply = { ok: true, result };
      port.postMessage(reply);
    },
    (error: unknown) => {
      const reply: WorkReply = {
        ok: false,
        error:
          error instanceof GlossError
            ? { code: error.code, message: error.message }
            : { code: null, message: error instanceof Error ? error.message : String(error) },
      };
      port.postMessage(reply);
    },
  );
});
