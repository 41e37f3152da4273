/**
 * The worker thread behind workerConverter (conversion.ts): converts one file
 * at a time and answers with the document or the error, so the main process
 * keeps answering the window meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import { GlossError } from '../errors';
import { type ConversionReply, type ConversionRequest, convertOnThisThread } from './conversion';

const port = parentPort;
if (!port) throw new Error('conversion-worker runs only as a worker thread');

port.on('message', (request: ConversionRequest) => {
  convertOnThisThread(request).then(
    (document) => {
      // Copied rather than transferred: an image's bytes may be a view into a buffer shared with others.
      const reply: ConversionReply = { ok: true, document };
      port.postMessage(reply);
    },
    (error: unknown) => {
      const reply: ConversionReply = {
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
