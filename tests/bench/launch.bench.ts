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
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataLayout } from '../../main/core/storage/layout';
import { LibraryStore } from '../../main/core/storage/library-store';
import { generateLibrary, highlightsPerDocument } from '../support/generated-library';
import { measure, printTable } from './measure';

const sizes = process.env.GLOSS_BENCH_QUICK ? [10, 100, 1_000] : [10, 100, 1_000, 10_000];

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
