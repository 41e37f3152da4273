/**
 * Import back: 10,000 highlights over 10 documents, exported by Gloss as Web
 * Annotation JSON (carrying each document's text) and as Readwise CSV, then
 * read back. "parse" reads the file; "parse + apply" also plans, anchors,
 * validates and writes everything into an empty library (fsynced), which is
 * what Add documents… and `gloss import` do. The baseline is JSON.parse of the
 * same JSON file, measured in the same run. The floor is what any import of
 * the file must do, also measured in the same run: read the file (JSON.parse,
 * or the CSV's records), render each new document's body as the reader will
 * (the text its quotes are placed in), and write the documents with their
 * highlights durably; the planning between (reading each annotation, placing
 * its quote, validating the highlight) is done beforehand, untimed.
 *
 * "as the app does it" is Add documents…'s own path (importFiles): the file's
 * bytes are planned in the built import worker (out/main/import-worker.js,
 * bundled as the app runs it) and the plan written on this thread. It is
 * timed with the worker already running, as after an earlier import, and
 * with a fresh one, as the first import after launch: the worker starts, loads
 * its code, and runs it before V8 has optimised any of it; and with a fresh
 * one started as the file chooser opened (prepareImport), half a second before.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildExport } from '../../main/core/export/build';
import { toReadwiseCsv } from '../../main/core/export/csv';
import { selectForExport } from '../../main/core/export/from-library';
import { parseMarkdownSource } from '../../main/core/documents/markdown-source';
import { applyImport, parseImport } from '../../main/core/import';
import { importFiles } from '../../main/core/import/import-files';
import { type ImportWork, importWorker } from '../../main/core/import/work';
import { planImport, readLibrary as readLibrarySnapshot, writePlan } from '../../main/core/import/apply';
import { csvRecords } from '../../main/core/import/csv-text';
import { renderedBlocks, renderedText } from '../../main/core/import/rendered-text';
import { readLibrary } from '../../main/core/storage/library-reader';
import { LibraryStore } from '../../main/core/storage/library-store';
import { type Highlight, highlightColors } from '../../common/contract';
import { describeTextRange } from '../../common/anchoring';
import { builtWorkerScript, measure, printTable, summarize, targetMs, type Timing } from './measure';

const documentCount = 10;
const highlightsPerDocument = 1_000;
const parseRuns = 5;
const applyRuns = 5;

const seedArticlePath = fileURLToPath(new URL('../../resources/articles/global-cooperation.md', import.meta.url));

/** One paragraph per highlight, each distinct, so every quote anchors to one place as in a real article. */
function documentBody(doc: number): string {
  const paragraphs = Array.from(
    { length: highlightsPerDocument },
    (_, index) =>
      `Paragraph ${index} of article ${doc}: the reader paused at a passage about “emphasis”, commas, and brackets — 日本語 too.`,
  );
  return `---\ntitle: Generated article ${doc}\nauthor: Bench Author\nsource: https://example.com/article/${doc}\n---\n${paragraphs.join('\n\n')}\n`;
}

async function sourceLibrary(): Promise<{ dataDir: string; json: string; csv: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-import-'));
  const store = await LibraryStore.open({ dataDir, seedArticlePath });
  for (let doc = 0; doc < documentCount; doc++) {
    const { id } = await store.importMarkdown(documentBody(doc));
    const { markdown, revision } = await store.readDocument(id);
    const text = renderedText(markdown);
    const highlights: Highlight[] = [];
    for (let index = 0, from = 0; index < highlightsPerDocument; index++) {
      const start = text.indexOf(`Paragraph ${index} of`, from);
      const end = text.indexOf('\n', start) === -1 ? text.length : text.indexOf('\n', start);
      from = end;
      const createdAt = new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString();
      highlights.push({
        id: `${doc.toString(16).padStart(8, '0')}-${index.toString(16).padStart(4, '0')}-4000-8000-000000000000`,
        ...describeTextRange(text, start, end),
        revision,
        color: highlightColors[index % highlightColors.length]!,
        note: index % 3 === 0 ? `A note with **Markdown** (${index}).` : '',
        tags: index % 2 === 0 ? ['reading', 'idea'] : [],
        createdAt,
        updatedAt: createdAt,
      });
    }
    await store.putHighlights(id, highlights);
  }
  await store.flush();
  const stored = (await readLibrary(dataDir)).filter((document) => document.summary.title.startsWith('Generated'));
  const ids = stored.map((document) => document.summary.id);
  const options = { exportedAt: new Date('2024-06-01T00:00:00.000Z'), appVersion: 'bench' };
  const json = (await buildExport(dataDir, stored, ids, 'json', options)).files[0]!.text;
  const csv = toReadwiseCsv(selectForExport(stored, ids).documents);
  return { dataDir, json, csv };
}

/** One way of importing the file into an empty library: it prepares, untimed, and gives back the timed work. */
type ImportWay = (library: { store: LibraryStore; dataDir: string }) => Promise<() => Promise<void>>;

/**
 * Runs each way into a fresh, empty library `applyRuns` times, taking turns
 * so that a slow stretch of the disk falls on all of them; creating the
 * library is not timed.
 */
async function measureInEmptyLibrary(ways: ImportWay[]): Promise<{ timing: Timing; added: number }[]> {
  const samples = ways.map((): number[] => []);
  const added = ways.map(() => 0);
  for (let run = 0; run < applyRuns; run++) {
    for (const [index, way] of ways.entries()) {
      await inThrowawayLibrary(async (store, dataDir) => {
        const work = await way({ store, dataDir });
        const start = performance.now();
        await work();
        await store.flush();
        samples[index]!.push(performance.now() - start);
        // Counted in the library, after the clock stopped, the same way for every way.
        added[index] = (await store.documentDetails()).reduce((sum, { highlightCount }) => sum + highlightCount, 0);
      });
    }
  }
  return samples.map((times, index) => ({ timing: summarize(times), added: added[index]! }));
}

/** Parse and apply, as an import does. */
function applying(name: string, text: string): ImportWay {
  return async ({ store }) =>
    async () =>
      void (await applyImport(store, parseImport(name, text)));
}

/** Ends the workers `asTheAppDoes` left running, once the bench is done. */
const endWorkers: (() => Promise<void>)[] = [];

/** How long the bench gives a worker started as the file chooser opens: a quick choice of one file. */
const choosingMs = 500;

/**
 * Add documents…'s path, planned in the built worker: one kept running across
 * runs (`warm`), or a fresh one for each run, started by the import itself
 * (`fresh`) or `choosingMs` before it, as the file chooser opens (`prepared`).
 */
function asTheAppDoes(name: string, bytes: Uint8Array, worker: 'warm' | 'fresh' | 'prepared'): ImportWay {
  let current: ReturnType<typeof importWorker> | null = null;
  endWorkers.push(async () => current?.close());
  const importInto = async (store: LibraryStore, dataDir: string, work: ImportWork) => {
    const [outcome] = await importFiles(store, dataDir, [{ name, content: bytes }], { work });
    if (outcome?.status !== 'annotations') throw new Error(`the bench's ${name} was not imported: ${JSON.stringify(outcome)}`);
  };
  return async ({ store, dataDir }) => {
    if (!current || worker !== 'warm') {
      // The worker of the run before is ended first, so idle workers holding an import's memory do not pile up.
      await current?.close();
      const fresh = importWorker({ script: builtWorkerScript });
      current = fresh;
      // Started, and its code optimised, by imports like the timed one into libraries thrown away.
      if (worker === 'warm') for (let run = 0; run < 3; run++) await inThrowawayLibrary((...library) => importInto(...library, fresh));
    }
    const work = current;
    if (worker === 'prepared') {
      work.prepare();
      await new Promise((resolve) => setTimeout(resolve, choosingMs));
    }
    return () => importInto(store, dataDir, work);
  };
}

/** Runs `use` on a new library in a temporary folder (only the seed article, written), then removes it. */
async function inThrowawayLibrary(use: (store: LibraryStore, dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-import-into-'));
  try {
    const store = await LibraryStore.open({ dataDir, seedArticlePath });
    await store.flush();
    await use(store, dataDir);
    await store.flush();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The floor (see the top of this file): the file read, the new documents rendered, the plan made beforehand written. */
function floor(name: string, text: string): ImportWay {
  return async ({ store }) => {
    const plan = planImport(await readLibrarySnapshot(store), parseImport(name, text));
    return async () => {
      if (name.endsWith('.json')) JSON.parse(text);
      // Each record is read and let go, as the Readwise reader does.
      else for (const record of csvRecords(text)) void record;
      for (const { markdown } of plan.creates) renderedBlocks(parseMarkdownSource(markdown).body);
      await writePlan(store, plan);
    };
  };
}

export async function benchImport(): Promise<void> {
  const { dataDir, json, csv } = await sourceLibrary();
  const total = documentCount * highlightsPerDocument;
  const rows: Record<string, string | number>[] = [];
  const baseline = await measure(parseRuns, () => JSON.parse(json));
  const row = (what: string, timing: Timing, added: number | string, floor?: Timing): void => {
    rows.push({
      'import back': what,
      'median (ms)': timing.median,
      'p95 (ms)': timing.p95,
      'µs / highlight': (timing.median * 1000) / total,
      'highlights added': added,
      [`under ${targetMs} ms`]: timing.median < targetMs ? 'yes' : 'no',
      '× baseline': timing.median / baseline.median,
      '× floor': floor ? timing.median / floor.median : '—',
    });
  };
  row('JSON.parse of the JSON file (baseline)', baseline, '—');
  for (const [format, name, text] of [
    ['Web Annotation JSON', 'bench.json', json],
    ['Readwise CSV', 'bench.csv', csv],
  ] as const) {
    parseImport(name, text); // warm-up
    row(`${format}: parse`, await measure(parseRuns, () => parseImport(name, text)), '—');
    const bytes = new TextEncoder().encode(text);
    const [applied, least, warm, fresh, prepared] = await measureInEmptyLibrary([
      applying(name, text),
      floor(name, text),
      asTheAppDoes(name, bytes, 'warm'),
      asTheAppDoes(name, bytes, 'fresh'),
      asTheAppDoes(name, bytes, 'prepared'),
    ]);
    row(`${format}: parse + apply into an empty library`, applied!.timing, applied!.added, least!.timing);
    row(`${format}: the floor (file read, documents rendered and written)`, least!.timing, least!.added, least!.timing);
    row(`${format}: as the app does it, the import worker running`, warm!.timing, warm!.added, least!.timing);
    row(`${format}: as the app does it, the first import after launch`, fresh!.timing, fresh!.added, least!.timing);
    row(
      `${format}: as the app does it, the first import, its worker started as the file chooser opened`,
      prepared!.timing,
      prepared!.added,
      least!.timing,
    );
  }
  await Promise.all(endWorkers.map((end) => end()));
  printTable(
    `Import back: ${total.toLocaleString('en')} highlights in ${documentCount} documents (parse: median of ${parseRuns}; apply: median of ${applyRuns})`,
    rows,
  );
  await rm(dataDir, { recursive: true, force: true });
}

// Run on its own with `npx tsx tests/bench/import.bench.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await benchImport();
