/**
 * Library sync at scale: a library of 10,000 highlights (10 documents of
 * 1,000) shared through a sync folder, then brought into an empty second
 * device's store; and one change on the first device reaching the second's
 * store once the engine has delivered it (the second device's pass). The
 * baselines, measured in the same run: copying the first device's documents
 * folder as plain files (what moving the bytes costs without any merging),
 * and a pass that finds nothing new.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTextRange } from '../../common/anchoring';
import type { Highlight } from '../../common/contract';
import { renderedText } from '../../main/core/import/rendered-text';
import type { GlossService } from '../../main/core/service';
import { LibraryStore } from '../../main/core/storage/library-store';
import { measure, printTable } from './measure';
import { headlessGloss } from '../support/headless-gloss';

const documents = 10;
const highlightsPerDocument = 1_000;
const incrementalRuns = 20;

function body(index: number): string {
  return Array.from(
    { length: 400 },
    (_, paragraph) => `Paragraph ${paragraph} of article ${index}, with words enough to hold a highlight or two.`,
  ).join('\n\n');
}

function gloss(dataDir: string, seedArticlePath: string, name: string): GlossService {
  return headlessGloss({
    dataDir,
    seedArticlePath,
    appVersion: 'bench',
    deviceName: name,
    librarySyncPollMs: 0,
  });
}

export async function benchLibrarySync(): Promise<void> {
  const parent = await mkdtemp(join(tmpdir(), 'gloss-bench-sync-'));
  try {
    const seed = join(parent, 'seed.md');
    await writeFile(seed, '# Seed\n\nThe first article.\n');
    const laptopDir = join(parent, 'laptop');
    const folder = join(parent, 'Sync');
    await mkdir(folder);

    // The first device's library, written through the store (10,000 single saves would time fsyncs, not sync).
    const store = await LibraryStore.open({ dataDir: laptopDir, seedArticlePath: seed });
    const at = new Date().toISOString();
    for (let index = 0; index < documents; index++) {
      const markdown = body(index);
      const { id } = await store.importMarkdown(`# Article ${index}\n\n${markdown}`);
      const text = renderedText((await store.readDocument(id)).markdown);
      const highlights: Highlight[] = Array.from({ length: highlightsPerDocument }, (_, n) => {
        const start = text.indexOf(`Paragraph ${n % 400} `);
        return {
          id: `h-${index}-${n}`,
          ...describeTextRange(text, start, start + 20),
          revision: 0,
          color: 'yellow',
          note: n % 3 === 0 ? `note ${n}` : '',
          tags: n % 5 === 0 ? ['bench'] : [],
          createdAt: at,
          updatedAt: at,
        };
      });
      await store.putHighlights(id, highlights);
    }
    await store.flush();

    const laptop = gloss(laptopDir, seed, 'laptop');
    let started = performance.now();
    await laptop.enableLibrarySync(folder);
    await laptop.flush();
    const shareMs = performance.now() - started;

    const desktop = gloss(join(parent, 'desktop'), seed, 'desktop');
    started = performance.now();
    await desktop.enableLibrarySync(folder);
    await desktop.flush();
    const fullMs = performance.now() - started;
    const details = await Promise.all((await desktop.getLibrary()).documents.map(({ id }) => desktop.openDocument(id)));
    const arrived = details.reduce((sum, document) => sum + document.highlights.length, 0);

    const copy = await measure(3, async (run) => cp(join(laptopDir, 'documents'), join(parent, `copy-${run}`), { recursive: true }));

    // One change at a time: recolor on the laptop, then the desktop's pass brings it into its store.
    const target = (await laptop.getLibrary()).documents.find(({ title }) => title === 'Article 0')!.id;
    const opened = await laptop.openDocument(target);
    const colors = ['green', 'blue'] as const;
    const incremental = await measure(incrementalRuns, async (run) => {
      // The laptop's save and the engine's delivery are not timed: the pass is.
      await laptop.putHighlight(target, { ...opened.highlights[run]!, color: colors[run % 2]! });
      await laptop.flush();
      const pass = performance.now();
      await desktop.syncLibraryNow();
      return performance.now() - pass;
    });
    const idle = await measure(incrementalRuns, () => desktop.syncLibraryNow());
    const check = await desktop.openDocument(target);
    const carried = check.highlights.filter((highlight) => highlight.color !== 'yellow').length;

    printTable('Library sync: 10,000 highlights to an empty second device (the issue’s target: under 30 s)', [
      { step: 'first device writes its library to the folder', ms: shareMs, highlights: documents * highlightsPerDocument },
      { step: 'second device merges it into its empty store', ms: fullMs, highlights: arrived },
      { step: 'baseline: plain copy of the documents folder', ms: copy.median, highlights: documents * highlightsPerDocument },
    ]);
    printTable('Library sync: one change, after the engine delivered it (the issue’s target: under 2 s)', [
      { step: 'pass bringing one recolor into the store (median)', ms: incremental.median, p95: incremental.p95, changes: carried },
      { step: 'baseline: pass with nothing new (median)', ms: idle.median, p95: idle.p95, changes: 0 },
    ]);
    await laptop.close();
    await desktop.close();
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}
