/**
 * Peak memory of the longest books, converted as the app converts them: in
 * the import worker, under its heap ceiling (work.ts workerHeapCeilingMb),
 * each in a process of its own so the peak (maxRSS) is the book's. The
 * baseline, in the same run, is the ceiling the worker had before, 4,096 MB.
 * Issue #11's target: under 500 MB for a book the size of the Mahabharata
 * (2,014 chapters, 36 MB unpacked). Needs `npx electron-vite build` (the
 * worker script).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerHeapCeilingMb } from '../../main/core/import/work';
import { buildBook, xhtmlChapter } from '../support/epub-builder';
import { builtWorkerScript, printTable } from './measure';

const chapters = 2_014;

/** A book of `chapters` chapters of `paragraphs` paragraphs of ~220 characters, each with an id (as Standard Ebooks' are), and its unpacked size. */
function longBook(paragraphs: number): { bytes: Uint8Array; unpackedMb: number } {
  const paragraph = (chapter: number, index: number): string =>
    `<p id="c${chapter}p${index}">In the ${index}th verse of section ${chapter}, the king of the Kurus, having heard these words, asked the sage about the duties of rulers and the conduct of the good in times of distress.</p>`;
  const files = Array.from({ length: chapters }, (_, chapter) => ({
    id: `c${chapter}`,
    href: `c${chapter}.xhtml`,
    content: xhtmlChapter(
      `<h2>Section ${chapter + 1}</h2>${Array.from({ length: paragraphs }, (_, index) => paragraph(chapter, index)).join('\n')}`,
    ),
  }));
  return { bytes: buildBook({ files }), unpackedMb: files.reduce((sum, file) => sum + file.content.length, 0) / 1024 / 1024 };
}

interface Converted {
  peakMb: number;
  ms: number;
  textMb: number;
}

function convertAlone(path: string, heapCeilingMb: number): Converted {
  const script = fileURLToPath(new URL('../support/import-peak-memory.mjs', import.meta.url));
  return JSON.parse(
    execFileSync(process.execPath, [script, path, fileURLToPath(builtWorkerScript), String(heapCeilingMb)], { encoding: 'utf8' }),
  ) as Converted;
}

export async function benchBookMemory(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'gloss-bench-book-'));
  const rows: Record<string, string | number>[] = [];
  let floor: Converted;
  try {
    // What the harness itself takes (Node, tsx, the worker's code): a one-chapter book.
    const smallest = join(folder, 'one-chapter.epub');
    await writeFile(smallest, buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter('<p>One paragraph.</p>') }] }));
    floor = convertAlone(smallest, workerHeapCeilingMb);
    // 95 paragraphs a chapter: about the Mahabharata's 36 MB; 120: close to Gloss's limit of 50 MB of text.
    for (const paragraphs of process.env.GLOSS_BENCH_QUICK ? [95] : [95, 120]) {
      const path = join(folder, `${paragraphs}.epub`);
      const book = longBook(paragraphs);
      await writeFile(path, book.bytes);
      const ours = convertAlone(path, workerHeapCeilingMb);
      const baseline = convertAlone(path, 4096);
      rows.push({
        book: `${chapters.toLocaleString('en')} chapters, ${paragraphs} paragraphs each`,
        'unpacked (MB)': book.unpackedMb,
        'Markdown (MB)': ours.textMb,
        [`peak, ${workerHeapCeilingMb} MB ceiling (MB)`]: ours.peakMb,
        'peak, 4,096 MB ceiling (MB)': baseline.peakMb,
        'peak vs baseline': `${(ours.peakMb / baseline.peakMb).toFixed(2)}×`,
        'time (s)': ours.ms / 1000,
        'time, baseline (s)': baseline.ms / 1000,
      });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  printTable(
    `Longest books: peak memory of a conversion in the import worker (a process each; with a one-chapter book the process peaks at ${floor.peakMb} MB)`,
    rows,
  );
}

// Run on its own with `npx tsx tests/bench/book-memory.bench.ts` (after `npx electron-vite build`).
if (import.meta.url === `file://${process.argv[1]}`) await benchBookMemory();
