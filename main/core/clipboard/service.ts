import type { clipboardMethods, DomainApi } from '../../../common/contract';
import type { ServiceContext } from '../context';
import { GlossError } from '../errors';
import { documentToClipboardMarkdown, highlightToClipboardMarkdown } from '../export/clipboard';
import { orphanIds } from '../storage/library-reader';

/** Highlights as Markdown for the clipboard (common/contract/clipboard.ts). */
export function clipboardService({ store }: ServiceContext): DomainApi<typeof clipboardMethods> {
  return {
    async clipboardMarkdown(documentId, highlightId) {
      const { summary, documentNote, highlights, revision } = await (await store()).readDocument(documentId);
      const doc = { document: summary, documentNote, highlights, orphanIds: orphanIds({ highlights, revision }) };
      if (highlightId === null) return documentToClipboardMarkdown(doc);
      const highlight = highlights.find((candidate) => candidate.id === highlightId);
      if (!highlight) throw new GlossError('not-found', 'That highlight no longer exists.');
      return highlightToClipboardMarkdown(doc, highlight);
    },
  };
}
