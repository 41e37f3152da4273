import type { DomainApi, highlightMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** Highlights and their anchors (common/contract/highlights.ts). */
export function highlightsService({ store, changed, recordChange }: ServiceContext): DomainApi<typeof highlightMethods> {
  return {
    async putHighlight(documentId, highlight) {
      await (await store()).putHighlight(documentId, highlight);
      await recordChange((sync) => sync.recordHighlight(documentId, highlight));
      changed([documentId]);
    },
    async deleteHighlight(documentId, highlightId) {
      await (await store()).deleteHighlight(documentId, highlightId);
      await recordChange((sync) => sync.recordHighlightDeleted(documentId, highlightId));
      changed([documentId]);
    },
    async updateAnchors(documentId, anchors) {
      await (await store()).updateAnchors(documentId, anchors);
      await recordChange((sync) => sync.recordAnchors(documentId, anchors));
      changed([documentId]);
    },
  };
}
