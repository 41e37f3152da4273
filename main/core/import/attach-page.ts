/**
 * A web page added to the library fills in the placeholder an annotation
 * import left for its address (apply.ts #placeholderFor): the placeholder gets
 * the page's text and metadata, and its annotations are placed in that text
 * the way the reader places highlights after an edit; those whose passage is
 * not there stay listed as unplaced. The document keeps its id, so nothing
 * that names it (an export, a sync folder) changes.
 */
import type { DocumentSummary, HighlightAnchor } from '../../../common/contract';
import { anchorSelectors, describeTextRange } from '../../../common/anchoring';
import { textLanguage } from '../../../common/text/language';
import { deriveTitle, parseMarkdownSource } from '../documents/markdown-source';
import { webUrl } from '../export/common';
import type { LibraryStore } from '../storage/library-store';
import { renderedText } from './rendered-text';

/** Fills the placeholder awaiting this page's address, if there is one; returns it, or null when there is none. */
export async function fillPlaceholder(store: LibraryStore, markdown: string): Promise<DocumentSummary | null> {
  const { metadata, body } = parseMarkdownSource(markdown);
  const address = metadata.source === null ? null : webUrl(metadata.source);
  if (address === null) return null;
  for (const summary of store.state().documents) {
    if (summary.source === null || webUrl(summary.source) !== address) continue;
    const placeholder = await store.readDocument(summary.id);
    if (!placeholder.awaitingPage) continue;
    const { revision } = await store.saveDocumentBody(summary.id, body, placeholder.revision);
    const text = renderedText(body);
    const placed: HighlightAnchor[] = placeholder.highlights.flatMap((highlight) => {
      const found = anchorSelectors(text, highlight);
      return found ? [{ id: highlight.id, ...describeTextRange(text, found.start, found.end), revision }] : [];
    });
    if (placed.length > 0) await store.updateAnchors(summary.id, placed);
    await store.markPageAdded(summary.id, textLanguage(metadata));
    return store.editMetadata(summary.id, { title: metadata.title ?? deriveTitle(body), author: metadata.author, date: metadata.date });
  }
  return null;
}
