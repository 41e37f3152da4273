import type { DomainApi, highlightMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** Highlights and their anchors (common/contract/highlights.ts). */
export function highlightsService({ store, changed }: ServiceContext): DomainApi<typeof highlightMethods> {
  return {
    async putHighlight(documentId, highlight) {
      await (await store()).putHighlight(documentId, highlight);
      changed([documentId]);
    },
    async deleteHighlight(documentId, highlightId) {
      await (await store()).deleteHighlight(documentId, highlightId);
      changed([documentId]);
    },
    async updateAnchors(documentId, anchors) {
      await (await store()).updateAnchors(documentId, anchors);
      changed([documentId]);
    },
  };
}
