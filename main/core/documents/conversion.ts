import { Worker } from 'node:worker_threads';
import { documentAssetPath } from '../../../common/document-assets';
import { GlossError } from '../errors';
import { documentFromFile } from './document-file';
import type { ImportedDocument } from './types';

/** A file to turn into a document, and the id its images will be served under. */
export interface ConversionRequest {
  name: string;
  content: string | Uint8Array;
  documentId: string;
}

/**
 * Turns a file into a document (documentFromFile). Aborting `signal` stops the
 * conversion and rejects with a GlossError('conflict') saying so.
 */
export type ConvertDocument = (request: ConversionRequest, signal?: AbortSignal) => Promise<ImportedDocument>;

/** On the calling thread: what tests and the command line's one-off runs may use. */
export const convertOnThisThread: ConvertDocument = async ({ name, content, documentId }, signal) => {
  if (signal?.aborted) throw cancelled(name);
  return documentFromFile(name, content, (asset) => documentAssetPath(documentId, asset));
};

/** What crosses from the worker: a document, or an error as a GlossError's code and message or a plain message. */
export type ConversionReply =
  { ok: true; document: ImportedDocument } | { ok: false; error: { code: GlossError['code'] | null; message: string } };

export interface WorkerConverterOptions {
  /** The worker's script: conversion-worker.js beside the built main process. */
  script: URL;
  /** A conversion past this heap is stopped and the file refused; the app itself is not touched. */
  maxHeapMb?: number;
  /** An idle worker is ended after this long, giving back the memory a big book took. */
  idleMs?: number;
}

/**
 * Converts in a worker thread, so that a big web page or book (jsdom,
 * Readability and turndown take seconds on megabytes) never stops the main
 * process from answering the window. One conversion at a time; a cancelled
 * or runaway one ends its worker, and the next starts a fresh one.
 */
export function workerConverter({ script, maxHeapMb = 4096, idleMs = 30_000 }: WorkerConverterOptions): ConvertDocument & {
  close(): Promise<void>;
} {
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const end = async (): Promise<void> => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    const ending = worker;
    worker = null;
    await ending?.terminate();
  };

  const convertOne = (request: ConversionRequest, signal?: AbortSignal): Promise<ImportedDocument> => {
    if (signal?.aborted) return Promise.reject(cancelled(request.name));
    if (idleTimer) clearTimeout(idleTimer);
    const current = (worker ??= new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } }));
    return new Promise<ImportedDocument>((resolve, reject) => {
      const settle = (): void => {
        current.off('message', onMessage);
        current.off('error', onError);
        current.off('exit', onExit);
        signal?.removeEventListener('abort', onAbort);
      };
      const onMessage = (reply: ConversionReply): void => {
        settle();
        // Idle, it must not keep a command-line run alive.
        current.unref();
        if (reply.ok) resolve(reply.document);
        else reject(reply.error.code ? new GlossError(reply.error.code, reply.error.message) : new Error(reply.error.message));
        idleTimer = setTimeout(() => void end(), idleMs);
        idleTimer.unref();
      };
      const onError = (error: Error & { code?: string }): void => {
        settle();
        worker = null;
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new GlossError(
                'invalid-argument',
                `${request.name} needs more memory to convert than Gloss allows one file; nothing was added.`,
              )
            : error,
        );
      };
      const onExit = (): void => {
        settle();
        worker = null;
        reject(new Error(`the converter stopped while reading ${request.name}`));
      };
      const onAbort = (): void => {
        settle();
        void end();
        reject(cancelled(request.name));
      };
      current.on('message', onMessage);
      current.on('error', onError);
      current.on('exit', onExit);
      signal?.addEventListener('abort', onAbort, { once: true });
      current.ref();
      // The bytes are copied, not transferred: the caller may still need them (a duplicate check, a retry).
      current.postMessage(request);
    });
  };

  const convert: ConvertDocument = (request, signal) => {
    const run = queue.then(() => convertOne(request, signal));
    queue = run.catch(() => undefined);
    return run;
  };
  return Object.assign(convert, { close: end });
}

/** Why a file was not added when the user cancelled the import it was in. */
export function cancelled(name: string): GlossError {
  return new GlossError('conflict', `Cancelled before ${name} was added; nothing was added from it.`);
}
