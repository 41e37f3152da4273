/**
 * How Gloss's costs grow with the library: launch to the list complete, the
 * search index built in the background, the first search after it and a
 * typing-speed one, a note saved, and the main process's memory with the
 * whole library indexed, at 100, 1,000 and 10,000 documents (1,000 at most
 * with GLOSS_BENCH_QUICK). Documents are of mixed sizes, as a real library's
 * are: 90% of 1-10 KB, 9% of 10-200 KB and 1% of 200 KB-2 MB, of the
 * search bench's prose (a few common words, most rare), 10 highlights each. Each row is compared with the smallest library's, measured in the
 * same run. Issue #15's targets at 10,000: launch within 1.5× of the
 * smallest, first search under 200 ms, searches under 50 ms, memory under
 * 500 MB, a note save that does not grow with the library.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importWorker } from '../../main/core/import/work';
import { SearchIndex } from '../../main/core/search/search-index';
import { dataLayout } from '../../main/core/storage/layout';
import { LibraryStore } from '../../main/core/storage/library-store';
import { collectGarbage } from '../support/collect-garbage';
import { seededRandom } from '../support/seeded-random';
import { generateLibrary } from '../support/generated-library';
import { builtWorkerScript, measure, printTable } from './measure';
import { documentText, vocabulary } from './search.bench';

const sizes = process.env.GLOSS_BENCH_QUICK ? [100, 1_000] : [100, 1_000, 10_000];
/** Bytes per word of the search bench's prose, a word and its space. */
const bytesPerWord = 5.5;

/** 90% of 1-10 KB, 9% of 10-200 KB, 1% of 200 KB-2 MB, spread log-uniformly within each band. */
function mixedSize(random: () => number): number {
  const band = random();
  const [low, high] = band < 0.9 ? [1_000, 10_000] : band < 0.99 ? [10_000, 200_000] : [200_000, 2_000_000];
  return Math.round(low * (high / low) ** random());
}

/** A generated library (titles, highlights, a version 1 index: tests/support/generated-library.ts), with bodies of mixed sizes. */
async function mixedLibrary(dataDir: string, count: number, words: string[]): Promise<number> {
  await generateLibrary(dataDir, count);
  const random = seededRandom(count * 7);
  const layout = dataLayout(dataDir);
  let total = 0;
  for (let index = 0; index < count; index++) {
    const body = documentText(random, words, index, Math.round(mixedSize(random) / bytesPerWord));
    total += body.length;
    await writeFile(layout.document(`00000000-0000-4000-8000-${String(index).padStart(12, '0')}`).body, body);
  }
  return total;
}

/** The heap and the typed arrays' memory outside it (the word-pair filters' bytes, search/word-pairs.ts). */
function heldMemory(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export async function benchGrowth(): Promise<void> {
  const words = vocabulary(seededRandom(20261203));
  // Typed as a reader types: a rare word's first letters, and a word most documents use.
  const rareStart = words[3_000]!.slice(0, 4);
  const worker = importWorker({ script: builtWorkerScript });
  const rows: Record<string, string | number>[] = [];
  let smallest: { launch: number; save: number } | null = null;
  try {
    for (const size of sizes) {
      const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-growth-'));
      try {
        const seedArticlePath = join(dataDir, 'seed.md');
        await writeFile(seedArticlePath, '# Seed\n\nThe first article.\n');
        const textBytes = await mixedLibrary(dataDir, size, words);
        // The first launch keeps each document's list details in the index (a migration every library makes once).
        await (await LibraryStore.open({ dataDir, seedArticlePath })).documentDetails();
        const launch = await measure(3, async () => {
          const store = await LibraryStore.open({ dataDir, seedArticlePath });
          await store.documentDetails();
        });
        collectGarbage();
        const heldBefore = heldMemory();
        const store = await LibraryStore.open({ dataDir, seedArticlePath });
        await store.documentDetails();
        const index = new SearchIndex(
          { summaries: () => store.state().documents, load: (documentId) => store.readDocument(documentId) },
          worker.index,
        );
        const buildStart = performance.now();
        await index.warm();
        const buildMs = performance.now() - buildStart;
        const firstStart = performance.now();
        await index.search(words[2_000]!);
        const firstSearchMs = performance.now() - firstStart;
        const typingRare = await measure(15, () => index.search(rareStart));
        const typingCommon = await measure(15, () => index.search(`the ${words[12]}`));
        // As in the app once its worker has been idle for 30 seconds: what stays is the library and its index.
        await worker.close();
        collectGarbage();
        const held = heldMemory();
        const { rss } = process.memoryUsage();
        const target = store.state().documents.at(-1)!.id;
        let note = 0;
        const save = await measure(10, () => store.setDocumentNote(target, `A note, saved for the ${++note}th time.`));
        await store.flush();
        smallest ??= { launch: launch.median, save: save.median };
        rows.push({
          documents: size,
          'text (MB)': textBytes / 1024 / 1024,
          'launch (ms)': launch.median,
          'launch vs smallest': `${(launch.median / smallest.launch).toFixed(1)}×`,
          'index built in the background (ms)': buildMs,
          'first search after it (ms)': firstSearchMs,
          [`typing “${rareStart}” (ms, median)`]: typingRare.median,
          'typing two common words (ms, median)': typingCommon.median,
          'note save (ms, median)': save.median,
          'note save vs smallest': `${(save.median / smallest.save).toFixed(1)}×`,
          'library and index in memory (MB)': (held - heldBefore) / 1024 / 1024,
          'process RSS, worker ended (MB)': rss / 1024 / 1024,
        });
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await worker.close();
  }
  printTable('Growth: launch, search, note save and memory as the library grows (mixed sizes, 10 highlights a document)', rows);
}

// Run on its own with `npx tsx tests/bench/growth.bench.ts` (after `npx electron-vite build`: the index is built in the app's worker).
if (import.meta.url === `file://${process.argv[1]}`) await benchGrowth();
