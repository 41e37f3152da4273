import { mkdir } from 'node:fs/promises';
import type { GlossApi } from '../../preload/api';
import { GlossError } from './errors';
import { acquireDataLock, type DataLock } from './storage/data-lock';
import { LibraryStore } from './storage/library-store';

export interface GlossServiceOptions {
  dataDir: string;
  seedArticlePath: string;
  /** Hands a vetted link to the operating system (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
}

export interface GlossService extends GlossApi {
  /** Resolves once every accepted write is on disk. */
  flush(): Promise<void>;
  /** Flushes, then gives up the data folder's lock; the app awaits it before quitting. */
  close(): Promise<void>;
}

const externalProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * Everything main does for the renderer, free of Electron so the app, the
 * browser test runtime and the command line share it. The library opens on
 * first use; if it cannot be opened, every call reports why.
 */
export function createGlossService(options: GlossServiceOptions): GlossService {
  let lock: DataLock | null = null;
  let opening: Promise<LibraryStore> | null = null;
  const store = (): Promise<LibraryStore> => {
    if (!opening) {
      opening = (async () => {
        await mkdir(options.dataDir, { recursive: true });
        lock ??= await acquireDataLock(options.dataDir, 'The Gloss app');
        return LibraryStore.open({ dataDir: options.dataDir, seedArticlePath: options.seedArticlePath });
      })();
      // A failed open (the folder is locked by the command line, a newer format) is tried again on the next call.
      opening.catch(() => (opening = null));
    }
    return opening;
  };

  return {
    async getLibrary() {
      return (await store()).state();
    },
    async openDocument(documentId) {
      return (await store()).openDocument(documentId);
    },
    async saveReadingPosition(documentId, position) {
      await (await store()).saveReadingPosition(documentId, position);
    },
    async putHighlight(documentId, highlight) {
      await (await store()).putHighlight(documentId, highlight);
    },
    async deleteHighlight(documentId, highlightId) {
      await (await store()).deleteHighlight(documentId, highlightId);
    },
    async updateAnchors(documentId, anchors) {
      await (await store()).updateAnchors(documentId, anchors);
    },
    async setDocumentNote(documentId, text) {
      await (await store()).setDocumentNote(documentId, text);
    },
    async saveDocumentBody(documentId, markdown, baseRevision) {
      return (await store()).saveDocumentBody(documentId, markdown, baseRevision);
    },
    async openExternal(url) {
      const parsed = URL.canParse(url) ? new URL(url) : null;
      if (!parsed || !externalProtocols.has(parsed.protocol)) {
        throw new GlossError('forbidden', `Gloss opens only web and mail links, not ${JSON.stringify(url.slice(0, 80))}.`);
      }
      // The normalised form is what was checked, so it is what leaves the app.
      await options.openExternal(parsed.href);
    },
    async flush() {
      if (opening) await (await opening.catch(() => null))?.flush();
    },
    async close() {
      await this.flush();
      await lock?.release();
      lock = null;
    },
  };
}
