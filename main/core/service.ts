import type { GlossApi } from '../../preload/api';
import { GlossError } from './errors';
import { LibraryStore } from './storage/library-store';

export interface GlossServiceOptions {
  dataDir: string;
  seedArticlePath: string;
  /** Hands a vetted link to the operating system (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
}

export interface GlossService extends GlossApi {
  /** Resolves once every accepted write is on disk; the app awaits it before quitting. */
  flush(): Promise<void>;
}

const externalProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * Everything main does for the renderer, free of Electron so the app, the
 * browser test runtime and the command line share it. The library opens on
 * first use; if it cannot be opened, every call reports why.
 */
export function createGlossService(options: GlossServiceOptions): GlossService {
  let opening: Promise<LibraryStore> | null = null;
  const store = (): Promise<LibraryStore> =>
    (opening ??= LibraryStore.open({ dataDir: options.dataDir, seedArticlePath: options.seedArticlePath }));

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
  };
}
