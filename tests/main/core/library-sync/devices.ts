/** Gloss instances for sync tests: each its own data folder and service, as on two machines. */
import { fileURLToPath } from 'node:url';
import { describeTextRange } from '../../../../common/anchoring';
import type { Highlight, OpenedDocument } from '../../../../common/contract';
import { renderedText } from '../../../../main/core/import/rendered-text';
import type { GlossService } from '../../../../main/core/service';
import { headlessGloss } from '../../../support/headless-gloss';

export const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));

export function glossAt(dataDir: string, name: string): GlossService {
  return headlessGloss({
    dataDir,
    seedArticlePath,
    deviceName: name,
    librarySyncPollMs: 0,
  });
}

/** A highlight of the first occurrence of `exact` in an opened document, as the reader would make it. */
export function highlightOf(opened: OpenedDocument, exact: string, id: string, fields: Partial<Highlight> = {}): Highlight {
  const text = renderedText(opened.markdown);
  const start = text.indexOf(exact);
  if (start === -1) throw new Error(`${JSON.stringify(exact)} is not in the document`);
  const at = new Date().toISOString();
  return {
    id,
    ...describeTextRange(text, start, start + exact.length),
    revision: opened.revision,
    color: 'yellow',
    note: '',
    tags: [],
    createdAt: at,
    updatedAt: at,
    ...fields,
  };
}

/** Every document's title, highlights (id, color, note, tags, quote) and notes: what must agree between two devices. */
export async function libraryContents(gloss: GlossService): Promise<unknown> {
  const { documents } = await gloss.getLibrary();
  const contents = [];
  for (const summary of [...documents].sort((a, b) => a.id.localeCompare(b.id))) {
    const opened = await gloss.openDocument(summary.id);
    contents.push({
      id: summary.id,
      title: summary.title,
      author: summary.author,
      markdown: opened.markdown,
      documentNote: opened.documentNote?.text ?? null,
      readingPosition: opened.readingPosition,
      highlights: opened.highlights
        .map(({ id, color, note, tags, quote }) => ({ id, color, note, tags, exact: quote.exact }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    });
  }
  return contents;
}
