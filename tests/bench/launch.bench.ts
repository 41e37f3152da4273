/**
 * Launch: from opening the data folder to the library list complete (titles,
 * then each document's progress, highlight count, tags and words), for
 * libraries of 10 to 10,000 generated documents with 10 highlights each
 * (100,000 at the largest). Ours reads the list's details from the index
 * (library.json version 2); the baseline is how Gloss filled them before:
 * reading every document (measured by opening the same library with a
 * version 1 index, which makes the store read each document once).
 * Issue #15's target: 10,000 documents within 1.5× of 10.
 *
 * The same launch in the app (the test harness's runtime, so its start-up is
 * included): from starting it to the list's first page shown with each row's
 * details and the count of the rest. Before the list was shown a page at a
 * time, 10,000 rows kept a launched Gloss from showing its list for 4-8 s
 * (Chromium builds the layout of every row in the page). Main now reads the
 * index while the page loads, and the page asks for its first page alone: the
 * whole list (3.5 MB at 10,000) cost the page 170-300 ms more in this runtime,
 * whose calls cross as JSON text. Needs the app built.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataLayout } from '../../main/core/storage/layout';
import { LibraryStore } from '../../main/core/storage/library-store';
import { generateLibrary, generateListedLibrary, highlightsPerDocument } from '../support/generated-library';
import { launchApp } from '../harness';
import { measure, printTable, summarize } from './measure';

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

/**
 * Starts the app on `dataDir` and waits for the list's first page, with
 * details, and the count of the rows not shown yet. Returns the time from the
 * start, and the page's own time from its navigation start (the app's share,
 * without the runtime's start); closing the app after is in neither.
 */
async function launchToList(dataDir: string, documents: number): Promise<{ launch: number; inPage: number }> {
  const started = performance.now();
  const app = await launchApp({ dataDir });
  try {
    const listed = await app.page.waitForFunction(
      (total) => {
        const page = Math.min(total, 100);
        const rows = document.querySelectorAll('.library-entry');
        const rest = document.querySelector<HTMLElement>('.library-more');
        const restCounted = total <= page ? rest?.hidden === true : (rest?.textContent ?? '').includes(total.toLocaleString());
        const complete = rows.length === page && document.querySelectorAll('.library-item-meta').length === page && restCounted;
        return complete && performance.now();
      },
      documents,
      { polling: 10, timeout: 120_000 },
    );
    const launch = performance.now() - started;
    return { launch, inPage: (await listed.jsonValue()) as number };
  } finally {
    await app.close();
  }
}

/** Launches of each size take turns, so a busy moment of the machine falls on both and not on one size's runs alone. */
export async function benchAppLaunch(): Promise<void> {
  const sizes = process.env.GLOSS_BENCH_QUICK ? [10, 1_000] : [10, 10_000];
  const libraries = await Promise.all(
    sizes.map(async (size) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-app-launch-'));
      await generateListedLibrary(dataDir, size);
      // The first launch of a library applies what the generator left for it to do; it is not timed.
      await launchToList(dataDir, size);
      return { size, dataDir, runs: [] as { launch: number; inPage: number }[] };
    }),
  );
  try {
    for (let run = 0; run < 7; run++) for (const library of libraries) library.runs.push(await launchToList(library.dataDir, library.size));
  } finally {
    await Promise.all(libraries.map((library) => rm(library.dataDir, { recursive: true, force: true })));
  }
  let smallest: { launch: number; inPage: number } | null = null;
  const rows = libraries.map(({ size, runs }) => {
    const ours = summarize(runs.map((run) => run.launch));
    const inPage = summarize(runs.map((run) => run.inPage));
    smallest ??= { launch: ours.median, inPage: inPage.median };
    return {
      documents: size,
      'launch to the list’s first page (ms, median)': ours.median,
      'p95 (ms)': ours.p95,
      'vs 10 documents': `${(ours.median / smallest.launch).toFixed(2)}×`,
      'the page’s share: navigation to list (ms, median)': inPage.median,
      'its share vs 10 documents (target ≤ 1.5×)': `${(inPage.median / smallest.inPage).toFixed(2)}×`,
    };
  });
  printTable('Launch in the app to the library list shown (first page of rows with their details, the rest counted)', rows);
}
