/**
 * A library of `count` generated documents written straight into a data
 * folder (the store's own import would fsync each one): short bodies of
 * 5-65 paragraphs, 10 highlights each, and a version 1 index, so the first
 * launch works out each document's list details. For benchmarks and for
 * end-to-end tests that need a big library.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import type { Highlight } from '../../common/contract';
import { seedArticlePath } from '../../main/config';
import { dataLayout } from '../../main/core/storage/layout';
import { LibraryStore } from '../../main/core/storage/library-store';
import { projectRoot } from '../harness';
import { seededRandom } from './seeded-random';

export const highlightsPerDocument = 10;

function body(index: number, random: () => number): string {
  const paragraphs = 5 + Math.floor(random() * 60);
  return Array.from(
    { length: paragraphs },
    (_, paragraph) => `Paragraph ${paragraph} of generated article ${index}, prose enough to read.`,
  ).join('\n\n');
}

function highlights(index: number): Highlight[] {
  return Array.from({ length: highlightsPerDocument }, (_, n) => ({
    id: `h-${index}-${n}`,
    quote: { type: 'TextQuoteSelector', exact: 'generated article', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 20, end: 37 },
    revision: 0,
    color: 'yellow',
    note: `Note ${n} on article ${index}.`,
    tags: [`tag${n % 7}`],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }));
}

/** Writes the library; returns its version 1 index as written. */
export async function generateLibrary(dataDir: string, count: number): Promise<string> {
  const random = seededRandom(count);
  const layout = dataLayout(dataDir);
  await mkdir(layout.documents, { recursive: true });
  const summaries = [];
  for (let index = 0; index < count; index++) {
    const id = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const addedAt = new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString();
    const metadata = { id, title: `Generated article ${index}`, author: null, date: null, source: null, addedAt };
    const paths = layout.document(id);
    await mkdir(paths.folder);
    await writeFile(paths.body, body(index, random));
    const document = {
      schemaVersion: 5,
      ...metadata,
      readingPosition: { blockIndex: 2, blockOffset: 0, progress: random() },
      revision: 0,
      documentNote: null,
      highlights: highlights(index),
    };
    await writeFile(paths.data, JSON.stringify(document));
    summaries.push({ ...metadata, openedAt: null });
  }
  const index = JSON.stringify({ schemaVersion: 1, documents: summaries, lastOpenedDocumentId: null });
  await writeFile(layout.library, index);
  return index;
}

/** A generated library as any launch after the first leaves it: each document's list details worked out and kept in the index. */
export async function generateListedLibrary(dataDir: string, count: number): Promise<void> {
  await generateLibrary(dataDir, count);
  const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
  await store.documentDetails();
  await store.flush();
}
