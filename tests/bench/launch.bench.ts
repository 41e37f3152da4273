/**
 * Launch: from opening the data folder to the library list complete (titles,
 * then each document's progress, highlight count, tags and words), for
 * libraries of 10 to 10,000 generated documents with 10 highlights each
 * (100,000 at the largest). Ours reads the list's details from the index
 * (library.json version 2); the baseline is how Gloss filled them before:
 * reading every document (measured by opening the same library with a
 * version 1 index, which makes the store read each document once).
 * Issue #15's target: 10,000 documents within 1.5× of 10.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Highlight } from '../../common/contract';
import { dataLayout } from '../../main/core/storage/layout';
import { LibraryStore } from '../../main/core/storage/library-store';
import { seededRandom } from '../support/seeded-random';
import { measure, printTable } from './measure';

const sizes = process.env.GLOSS_BENCH_QUICK ? [10, 100, 1_000] : [10, 100, 1_000, 10_000];
const highlightsPerDocument = 10;

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

/** Writes a library of `count` documents straight to disk (the store's own import would fsync each one), with a version 1 index. */
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
      schemaVersion: 4,
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

async function launch(dataDir: string, seedArticlePath: string): Promise<number> {
  const store = await LibraryStore.open({ dataDir, seedArticlePath });
  store.state();
  const details = await store.documentDetails();
  await store.flush();
  return details.length;
}

export async function benchLaunch(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  let smallest: number | null = null;
  for (const size of sizes) {
    const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-launch-'));
    try {
      const seedArticlePath = join(dataDir, 'seed.md');
      await writeFile(seedArticlePath, '# Seed\n\nThe first article.\n');
      const versionOneIndex = await generateLibrary(dataDir, size);
      const libraryPath = dataLayout(dataDir).library;
      const baseline = await measure(size >= 10_000 ? 1 : 3, async () => {
        await writeFile(libraryPath, versionOneIndex);
        const listed = await launch(dataDir, seedArticlePath);
        if (listed !== size) throw new Error(`listed ${listed} of ${size}`);
      });
      // The last baseline run kept the details in the index: every launch from now on is ours.
      if (!(await readFile(libraryPath, 'utf8')).includes('"details"')) throw new Error('the index did not keep the details');
      const ours = await measure(5, () => launch(dataDir, seedArticlePath));
      smallest ??= ours.median;
      rows.push({
        documents: size,
        highlights: size * highlightsPerDocument,
        'baseline: reading every document (ms)': baseline.median,
        'ours: from the index (ms)': ours.median,
        'baseline ÷ ours': baseline.median / ours.median,
        'ours vs 10 documents': `${(ours.median / smallest).toFixed(1)}×`,
      });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  printTable('Launch to the library list complete (titles and each document’s details)', rows);
}
