/**
 * Storage: what one reading-position (later: note) save costs as the library
 * grows. Ours rewrites one document file with fsync; the baseline is lowdb's
 * stock JSONFile holding the whole library in one file (no fsync at all).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { LibraryStore } from '../../main/core/storage/library-store';
import { measure, printTable } from './measure';

const librarySizes = [10, 100, 1000];
const bodyBytes = 20_000;
const saves = 40;

function articleBody(index: number): string {
  const sentence = `Paragraph text of generated article ${index}, with enough words to look like prose. `;
  return Array.from({ length: Math.ceil(bodyBytes / sentence.length) }, (_, line) => (line % 6 === 5 ? `${sentence}\n\n` : sentence)).join(
    '',
  );
}

export async function benchStorage(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  for (const size of librarySizes) {
    const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-'));
    const seedPath = join(dataDir, 'seed.md');
    await writeFile(seedPath, `# Seed\n\n${articleBody(0)}`);
    const first = await LibraryStore.open({ dataDir, seedArticlePath: seedPath });
    const importStart = performance.now();
    for (let index = 1; index < size; index++) await first.importMarkdown(`# Article ${index}\n\n${articleBody(index)}`);
    const importMs = performance.now() - importStart;
    await first.flush();

    const open = await measure(5, () => LibraryStore.open({ dataDir, seedArticlePath: seedPath }));
    const store = await LibraryStore.open({ dataDir, seedArticlePath: seedPath });
    const target = store.state().documents.at(-1)!.id;
    await store.openDocument(target);
    const ours = await measure(saves, (run) =>
      store.saveReadingPosition(target, { blockIndex: run, blockOffset: 0.5, progress: run / saves }),
    );

    const baselineFile = join(dataDir, 'single-file-library.json');
    const baseline = new Low(new JSONFile<{ documents: { id: string; body: string; position: number }[] }>(baselineFile), {
      documents: [],
    });
    baseline.data.documents = Array.from({ length: size }, (_, index) => ({ id: String(index), body: articleBody(index), position: 0 }));
    await baseline.write();
    const theirs = await measure(saves, async (run) => {
      baseline.data.documents[size - 1]!.position = run;
      await baseline.write();
    });

    rows.push({
      documents: size,
      'import each (ms, mean)': importMs / Math.max(1, size - 1),
      'open library (ms, median)': open.median,
      'save position, ours (ms, median)': ours.median,
      'save position, ours (ms, p95)': ours.p95,
      'save, one-file lowdb baseline (ms, median)': theirs.median,
      'ours / baseline': ours.median / theirs.median,
    });
    await rm(dataDir, { recursive: true, force: true });
  }
  printTable(`Storage: one save as the library grows (${bodyBytes / 1000} KB per document; ours fsyncs, the baseline does not)`, rows);
}
