/**
 * Re-anchoring a heavily edited document in the app: 1,000 highlights on a
 * 1 MB document, none at its stored position any more and half with a
 * changed character, so each is searched for. Measured in the built app
 * under the test harness: how long the page's thread was blocked at most
 * while the highlights were found (Long Tasks between the gloss:all-rendered
 * and gloss:complete marks), against the same anchoring run in one go in
 * Node, which is how long the page's thread was blocked when it anchored on
 * that thread (before the worker).
 *
 * Needs the app built (`npx electron-vite build`).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { anchorSelectors } from '../../common/anchoring';
import type { Highlight } from '../../common/contract';
import { seedArticlePath } from '../../main/config';
import { LibraryStore } from '../../main/core/storage/library-store';
import { launchApp, projectRoot } from '../harness';
import { printTable } from './measure';
import { generateHighlights, generateMarkdown, preparePage, renderedText, waitForMark } from './reader.bench';

const highlightCount = 1_000;
/** A task longer than this makes typing and scrolling visibly stutter. */
const targetLongestTaskMs = 100;

/** The highlight as it was stored before the document was edited: one character later, and every other quote with one letter changed. */
function beforeTheEdit(highlight: Highlight, index: number): Highlight {
  const { quote, position } = highlight;
  const exact = index % 2 === 0 || quote.exact.length < 12 ? quote.exact : `${quote.exact.slice(0, 5)}#${quote.exact.slice(6)}`;
  return { ...highlight, quote: { ...quote, exact }, position: { ...position, start: position.start + 1, end: position.end + 1 } };
}

export async function benchReanchoring(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-reanchoring-'));
  try {
    const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
    const summary = await store.importMarkdown(generateMarkdown(1024 * 1024, 4242, 'Re-anchoring benchmark'));
    const { revision } = await store.openDocument(summary.id);
    await store.flush();
    const text = await renderedText(dataDir, summary.title);
    const highlights = generateHighlights(text, highlightCount, 4243, revision).map(beforeTheEdit);
    const documentPath = join(dataDir, 'documents', summary.id, 'document.json');
    const documentFile = JSON.parse(await readFile(documentPath, 'utf8')) as { highlights: Highlight[] };
    documentFile.highlights = highlights;
    await writeFile(documentPath, `${JSON.stringify(documentFile, null, 2)}\n`);

    const began = performance.now();
    let placedInNode = 0;
    for (const highlight of highlights) if (anchorSelectors(text, highlight)) placedInNode++;
    const onOneThreadMs = performance.now() - began;

    const app = await launchApp({ dataDir });
    try {
      const { page } = app;
      await preparePage(page);
      await waitForMark(page, 'gloss:complete');
      const inApp = await page.evaluate(async () => {
        const at = (name: string): number => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? Number.NaN;
        const tasks = await new Promise<PerformanceEntry[]>((resolve) => {
          const observer = new PerformanceObserver((list) => {
            observer.disconnect();
            resolve(list.getEntries());
          });
          observer.observe({ type: 'longtask', buffered: true });
          // No long task at all also ends the wait.
          setTimeout(() => resolve([]), 1000);
        });
        const longest = (from: number, to: number): { ms: number; count: number } => {
          const during = tasks.filter((task) => task.startTime + task.duration > from && task.startTime < to);
          return { ms: Math.max(0, ...during.map((task) => task.duration)), count: during.length };
        };
        let placed = 0;
        for (const color of ['yellow', 'green', 'blue', 'pink', 'purple']) placed += CSS.highlights.get(`gloss-${color}`)?.size ?? 0;
        return {
          inPlaceMs: at('gloss:anchored-in-place') - at('gloss:all-rendered'),
          beforeSearch: longest(at('gloss:all-rendered'), at('gloss:anchored-in-place')),
          searchMs: at('gloss:complete') - at('gloss:anchored-in-place'),
          duringSearch: longest(at('gloss:anchored-in-place') + 1, at('gloss:complete')),
          placed,
        };
      });
      printTable(
        `Re-anchoring ${highlightCount.toLocaleString('en')} moved highlights (half with a changed letter) in a 1 MB document: ` +
          `the page's longest task while they are searched for (${app.runtime} runtime), target under ${targetLongestTaskMs} ms. ` +
          'The task that hands them to the worker also runs every view that follows the opened document (outline, word count, ...), ' +
          'and is reported on its own',
        [
          {
            where: "before: on the page's thread (the same anchoring in Node, one task)",
            'search (ms)': Math.round(onOneThreadMs),
            'longest page task while searching (ms)': Math.round(onOneThreadMs),
            'tasks over 50 ms while searching': 1,
            placed: `${placedInNode} of ${highlightCount}`,
            'task that opened the document and handed them over (ms)': '(the same task)',
          },
          {
            where: 'now: in a worker, painted in batches',
            'search (ms)': Math.round(inApp.searchMs),
            'longest page task while searching (ms)': Math.round(inApp.duringSearch.ms),
            'tasks over 50 ms while searching': inApp.duringSearch.count,
            placed: `${inApp.placed} of ${highlightCount}`,
            'task that opened the document and handed them over (ms)': Math.round(inApp.beforeSearch.ms),
          },
        ],
      );
    } finally {
      await app.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
