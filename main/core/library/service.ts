import type { DomainApi, libraryMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** The library and its documents (common/contract/library.ts). */
export function libraryService({
  store,
  changed,
  searchStale,
  librarySync,
  recordChange,
}: ServiceContext): DomainApi<typeof libraryMethods> {
  return {
    async getLibrary() {
      const library = await store();
      // Library sync, when it was on, starts with the library: its passes then run without waiting for a first change.
      void librarySync().catch(() => undefined);
      return library.state();
    },
    async getLibraryFirstPage(size) {
      const library = await store();
      void librarySync().catch(() => undefined);
      return library.firstPage(size);
    },
    async getLibraryDetails() {
      return (await store()).documentDetails();
    },
    async openDocument(documentId) {
      return (await store()).openDocument(documentId);
    },
    async saveReadingPosition(documentId, position) {
      // Synced as stored, with its furthest point, so the synced copy and the store agree.
      const stored = await (await store()).saveReadingPosition(documentId, position);
      await recordChange((sync) => sync.recordReadingPosition(documentId, stored));
      // Progress shows in the library details; the synced files do not carry it.
      searchStale(documentId);
    },
    async setDocumentNote(documentId, text) {
      await (await store()).setDocumentNote(documentId, text);
      await recordChange((sync) => sync.recordDocumentNote(documentId, text));
      changed([documentId]);
    },
    async saveDocumentBody(documentId, markdown, baseRevision) {
      const saved = await (await store()).saveDocumentBody(documentId, markdown, baseRevision);
      await recordChange((sync) => sync.recordBody(documentId, markdown));
      changed([documentId]);
      return saved;
    },
    async editDocumentMetadata(documentId, metadata) {
      // Empty author or date fields mean "none".
      const summary = await (
        await store()
      ).editMetadata(documentId, { title: metadata.title, author: metadata.author || null, date: metadata.date || null });
      await recordChange((sync) => sync.recordMetadata(documentId, summary));
      changed([documentId]);
      return summary;
    },
    async deleteDocument(documentId) {
      const deleted = await (await store()).trashDocument(documentId);
      await recordChange((sync) => sync.recordDocumentDeleted(documentId));
      return deleted;
    },
    async restoreDocument(trashId) {
      const restored = await (await store()).restoreDocument(trashId);
      await recordChange((sync) => sync.recordDocument(restored.id));
      return restored;
    },
  };
}
