import type { DomainApi, libraryMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** The library and its documents (common/contract/library.ts). */
export function libraryService({ store, search, changed, searchStale }: ServiceContext): DomainApi<typeof libraryMethods> {
  return {
    async getLibrary() {
      return (await store()).state();
    },
    async getLibraryDetails() {
      return (await search()).details();
    },
    async openDocument(documentId) {
      return (await store()).openDocument(documentId);
    },
    async saveReadingPosition(documentId, position) {
      await (await store()).saveReadingPosition(documentId, position);
      // Progress shows in the library details; the synced files do not carry it.
      searchStale(documentId);
    },
    async setDocumentNote(documentId, text) {
      await (await store()).setDocumentNote(documentId, text);
      changed([documentId]);
    },
    async saveDocumentBody(documentId, markdown, baseRevision) {
      const saved = await (await store()).saveDocumentBody(documentId, markdown, baseRevision);
      changed([documentId]);
      return saved;
    },
    async editDocumentMetadata(documentId, metadata) {
      // Empty author or date fields mean "none".
      const summary = await (
        await store()
      ).editMetadata(documentId, { title: metadata.title, author: metadata.author || null, date: metadata.date || null });
      changed([documentId]);
      return summary;
    },
    async deleteDocument(documentId) {
      return (await store()).trashDocument(documentId);
    },
    async restoreDocument(trashId) {
      return (await store()).restoreDocument(trashId);
    },
  };
}
