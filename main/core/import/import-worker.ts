/**
 * The worker thread behind importWorker (work.ts): does one piece of an
 * import's, a search index's or an export's heavy work at a time and answers
 * with the result or the error (an export's or a book's progress before it),
 * so the main process keeps answering the window meanwhile.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GlossError } from '../errors';
import type { ExportProgress } from '../../../common/contract';
import { exportOnThisThread } from '../export/build';
import { indexDocument } from '../search/search-index';
import { importOnThisThread, type WorkerStart, type WorkReply, type WorkRequest } from './work';
import { warmUp, warmUpPieces } from './warm-up';
import { sliced } from './plan-slices';

const port = parentPort;
if (!port) throw new Error('import-worker runs only as a worker thread');

/** One piece of work; an error, thrown or not, becomes a rejection and so a reply. */
async function perform(work: WorkRequest, reply: (message: WorkReply) => void): Promise<unknown> {
  if (work.kind === 'convert')
    return importOnThisThread.convert(work.request, undefined, (done, total) => reply({ chapters: { done, total } }));
  if (work.kind === 'plan') return sliced(await importOnThisThread.plan(work.request));
  const onProgress = (progress: ExportProgress): void => reply({ progress });
  if (work.kind === 'export-save') return exportOnThisThread.save(work.request, work.path, onProgress);
  if (work.kind === 'export-preview') return exportOnThisThread.preview(work.request, work.length, onProgress);
  return indexDocument(work.request);
}

let requested = false;

port.on('message', (work: WorkRequest) => {
  requested = true;
  perform(work, (message) => port.postMessage(message)).then(
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

// Started as the user chooses a file (ImportWork.prepare): until the file comes, get the import's code optimised.
if ((workerData as WorkerStart | undefined)?.warmUp) {
  const { files, plans } = warmUpPieces();
  void warmUp([files, ...plans], () => requested);
}
