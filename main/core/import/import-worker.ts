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

port.on('message', (work: WorkRequest) => {
  const running =
    work.kind === 'convert'
      ? importOnThisThread.convert(work.request)
      : work.kind === 'plan'
        ? importOnThisThread.plan(work.request)
        : Promise.resolve(indexEntry(work.request.summary, work.request.document));
  running.then(
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
