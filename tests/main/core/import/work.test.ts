/**
 * An import's heavy work in a worker thread (main/core/import/work.ts): the
 * same documents and plans as on the calling thread, the same refusals, and
 * the calling thread free meanwhile; cancelling and running out of memory end
 * only the worker. The worker runs from its TypeScript source through tsx.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ConversionRequest, exportWorker, importOnThisThread, importWorker } from '../../../../main/core/import/work';
import { GlossError } from '../../../../main/core/errors';
import { exportFromDataFolder, type LibraryExportRequest, previewOf } from '../../../../main/core/export/build';
import { readStoredDocument } from '../../../../main/core/storage/library-store';
import type { ExportProgress } from '../../../../common/contract';
import { type IndexedDocument, indexDocument, type IndexRequest } from '../../../../main/core/search/search-index';
import { sampleHighlight } from '../../../support/sample-highlight';
import { buildEpub } from '../../../support/epub-builder';
import { headlessGloss } from '../../../support/headless-gloss';
import type { GlossService, GlossServiceOptions } from '../../../../main/core/service';

/** Every worker thread started by the code under test, to tell when one is started and which one does the work; and what each was started with. */
const startedThreads = vi.hoisted((): { threadId: number }[] => []);
const startedWith = vi.hoisted((): unknown[] => []);
vi.mock('node:worker_threads', async (importOriginal) => {
  const threads = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends threads.Worker {
    constructor(...args: ConstructorParameters<typeof threads.Worker>) {
      super(...args);
      startedThreads.push(this);
      startedWith.push(args[1]?.workerData);
    }
  }
  return { ...threads, Worker: CountedWorker };
});

const script = new URL('../../../support/import-worker-from-source.mjs', import.meta.url);
const page = readFileSync(new URL('../documents/fixtures/messy-article.html', import.meta.url), 'utf8');
const documentId = '00000000-0000-4000-8000-000000000001';
const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));

/** A web page large enough that jsdom, Readability and turndown take a while on it. */
function bigPage(paragraphs: number): ConversionRequest {
  const body = Array.from({ length: paragraphs }, (_, index) => `<p>Paragraph ${index} of a long article, with <em>some</em> words.</p>`);
  return {
    name: 'long.html',
    content: `<html><head><title>Long</title></head><body><article>${body.join('')}</article></body></html>`,
    documentId,
  };
}

const workers: { close(): Promise<void> }[] = [];
function worker(options: { maxHeapMb?: number } = {}) {
  const made = importWorker({ script, ...options });
  workers.push(made);
  return made;
}
const converter = (options: { maxHeapMb?: number } = {}) => worker(options).convert;

afterEach(async () => {
  await Promise.all(workers.splice(0).map((made) => made.close()));
});

/** A headless Gloss over a fresh data folder for `use`, closed and removed after. */
async function withGloss(
  prefix: string,
  options: Partial<GlossServiceOptions>,
  use: (service: GlossService, dataDir: string) => Promise<void>,
) {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const service = headlessGloss({ dataDir, seedArticlePath, ...options });
  try {
    await use(service, dataDir);
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** How many times a 5 ms timer fired on this thread while `work` ran: none while this thread was busy converting. */
async function timerTicksDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return ticks;
}

describe('converting in a worker thread', () => {
  it('gives the same document as converting on this thread, images included', async () => {
    const convert = converter();
    const html = { name: 'page.html', content: page, documentId };
    expect(await convert(html)).toEqual(await importOnThisThread.convert(html));
    const book = { name: 'book.epub', content: buildEpub(), documentId };
    const inWorker = await convert(book);
    const here = await importOnThisThread.convert(book);
    expect(here.assets.length).toBeGreaterThan(0);
    expect(inWorker.markdown).toBe(here.markdown);
    expect(inWorker.assets.map(({ name, bytes }) => [name, Buffer.from(bytes).toString('base64')])).toEqual(
      here.assets.map(({ name, bytes }) => [name, Buffer.from(bytes).toString('base64')]),
    );
  });

  it('tells how many of a book’s chapters are converted, as this thread does', async () => {
    const book = { name: 'book.epub', content: buildEpub(), documentId };
    const inWorker: [number, number][] = [];
    const here: [number, number][] = [];
    await converter()(book, undefined, (done, total) => inWorker.push([done, total]));
    await importOnThisThread.convert(book, undefined, (done, total) => here.push([done, total]));
    expect(here.length).toBeGreaterThan(1);
    expect(here.at(-1)?.[0]).toBe(here.at(-1)?.[1]);
    expect(inWorker).toEqual(here);
  });

  it('refuses what this thread refuses, with the same GlossError', async () => {
    const convert = converter();
    const empty = { name: 'empty.md', content: '', documentId };
    const here = await importOnThisThread.convert(empty).catch((error: unknown) => error);
    const there = await convert(empty).catch((error: unknown) => error);
    expect(here).toBeInstanceOf(GlossError);
    expect(there).toBeInstanceOf(GlossError);
    expect([(there as GlossError).code, (there as GlossError).message]).toEqual([(here as GlossError).code, (here as GlossError).message]);
  });

  it('leaves this thread free while it converts, where converting here holds it throughout', async () => {
    const request = bigPage(2_000);
    const convert = converter();
    await convert({ name: 'warm.md', content: '# Warm\n', documentId });
    expect(await timerTicksDuring(() => importOnThisThread.convert(request))).toBe(0);
    expect(await timerTicksDuring(() => convert(request))).toBeGreaterThan(5);
  });

  it('stops at once when cancelled, and converts the next file in a fresh worker', async () => {
    const convert = converter();
    const controller = new AbortController();
    const converting = convert(bigPage(40_000), controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(converting).rejects.toThrow(/^Cancelled before long\.html was added; nothing was added from it\.$/);
    expect((await convert({ name: 'next.md', content: '# Next\n\nText.\n', documentId })).markdown).toContain('Next');
  });

  it('refuses a file that needs more memory than allowed, ending only the worker', async () => {
    const convert = converter({ maxHeapMb: 24 });
    await expect(convert(bigPage(40_000))).rejects.toThrow(/long\.html needs more memory to import than Gloss allows one file/);
    // This thread goes on, and so does the next conversion in a roomier worker.
    expect((await converter()({ name: 'small.md', content: '# Small\n', documentId })).markdown).toContain('Small');
  });
});

describe('planning an annotation file in a worker thread', () => {
  it('places the highlights from the file’s bytes exactly as this thread does from its text, and refuses what this thread refuses', async () => {
    const { plan } = worker();
    for (const name of ['my-clippings.txt', 'readwise-export.csv', 'hypothesis.json']) {
      const bytes = readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
      const library = { documents: [], problems: [] };
      const here = await importOnThisThread.plan({ name, content: new TextDecoder().decode(bytes), library });
      const there = await plan({ name, content: new Uint8Array(bytes), library });
      // Ids made without one in the file are random, and a clipping without a readable date is stamped now; all else must match.
      const today = new Date().toISOString().slice(0, 10);
      const comparable = (value: unknown) =>
        JSON.parse(
          JSON.stringify(value)
            .replace(/"id":"[0-9a-f-]{36}"/g, '"id":"…"')
            .replaceAll(new RegExp(`"${today}T[0-9:.]+Z"`, 'g'), '"now"'),
        ) as unknown;
      expect(comparable(there)).toEqual(comparable(here));
      expect(here.report.highlightsAdded + here.report.unmatched.length).toBeGreaterThan(0);
    }
    const notUtf8 = new Uint8Array([0x48, 0x69, 0x67, 0x68, 0xff, 0xfe, 0x0a]);
    for (const broken of [
      { name: 'broken.json', content: '{"not": "annotations"', library: { documents: [], problems: [] } },
      { name: 'latin1.csv', content: notUtf8, library: { documents: [], problems: [] } },
    ]) {
      const refusedHere = await importOnThisThread.plan(broken).catch((error: unknown) => error as GlossError);
      const refusedThere = await plan(broken).catch((error: unknown) => error as GlossError);
      expect(refusedThere).toBeInstanceOf(GlossError);
      expect((refusedThere as GlossError).message).toBe((refusedHere as GlossError).message);
    }
    expect(await plan({ name: 'latin1.csv', content: notUtf8, library: { documents: [], problems: [] } }).catch(String)).toMatch(
      /latin1\.csv is not UTF-8 text/,
    );
  });
});

describe('getting an import ready while the user chooses files', () => {
  it('starts the worker once, and the import that follows runs in it', async () => {
    const work = worker();
    const before = startedThreads.length;
    work.prepare();
    work.prepare();
    expect(startedThreads.length).toBe(before + 1);
    const preparedThread = startedThreads.at(-1)!.threadId;
    const plan = await work.plan({
      name: 'readwise.csv',
      content: 'Highlight,Title\n"A line",Book\n',
      library: { documents: [], problems: [] },
    });
    expect(plan.report.highlightsAdded).toBe(1);
    expect(startedThreads.length).toBe(before + 1);
    expect(startedThreads.at(-1)!.threadId).toBe(preparedThread);
    // Running already, it is left alone.
    work.prepare();
    expect(startedThreads.length).toBe(before + 1);
  });

  it('has a worker started ahead warm up its code, and one started by the work itself not', async () => {
    const prepared = worker();
    prepared.prepare();
    expect(startedWith.at(-1)).toEqual({ warmUp: true });
    const started = worker();
    await started.plan({ name: 'readwise.csv', content: 'Highlight\nA line\n', library: { documents: [], problems: [] } });
    expect(startedWith.at(-1)).toEqual({ warmUp: false });
  });

  it('gives an import that comes once the worker has warmed up the plan it gets on this thread', async () => {
    const work = worker();
    work.prepare();
    // Long enough for the worker to load its code from source and warm up (about 1.5 s here; how far it is cannot be seen from here).
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const request = {
      name: 'readwise.csv',
      content: 'Highlight,Title,Note\n"First passage",Book,A note\n"Second passage",Book,\n',
      library: { documents: [], problems: [] },
    };
    const there = await work.plan(request);
    const here = await importOnThisThread.plan(request);
    expect(there.report.highlightsAdded).toBe(2);
    expect(there.creates.map(({ markdown }) => markdown)).toEqual(here.creates.map(({ markdown }) => markdown));
    expect(there.report).toEqual(here.report);
  });

  it('ends a worker started for an import that never came, as it ends an idle one', async () => {
    const work = importWorker({ script, idleMs: 50 });
    workers.push(work);
    const before = startedThreads.length;
    work.prepare();
    const prepared = startedThreads.at(-1) as unknown as import('node:worker_threads').Worker;
    expect(startedThreads.length).toBe(before + 1);
    await new Promise((resolve) => prepared.once('exit', resolve));
    // The next import starts a fresh one.
    await work.plan({ name: 'readwise.csv', content: 'Highlight\nA line\n', library: { documents: [], problems: [] } });
    expect(startedThreads.length).toBe(before + 2);
  });

  it('forgets a prepared worker that fails to start, and the import then says why instead of waiting', async () => {
    const work = importWorker({ script: new URL('./no-such-worker.mjs', import.meta.url) });
    workers.push(work);
    work.prepare();
    const prepared = startedThreads.at(-1) as unknown as import('node:worker_threads').Worker;
    await new Promise((resolve) => prepared.once('exit', resolve));
    await expect(
      work.plan({ name: 'readwise.csv', content: 'Highlight\nA line\n', library: { documents: [], problems: [] } }),
    ).rejects.toThrow(/no-such-worker/);
    expect(startedThreads.at(-1)).not.toBe(prepared);
  });

  it('is asked for by the service’s prepareImport, and on this thread there is nothing to start', async () => {
    const before = startedThreads.length;
    await withGloss('gloss-prepare-', { importWork: worker() }, async (service) => {
      await service.prepareImport();
      expect(startedThreads.length).toBe(before + 1);
    });
    await withGloss('gloss-prepare-here-', {}, async (service) => {
      await service.prepareImport();
      importOnThisThread.prepare();
      expect(startedThreads.length).toBe(before + 1);
    });
  });
});

describe('planning against a library read in the worker', () => {
  it('plans as against the store’s own snapshot, and names a document whose files cannot be read', async () => {
    await withGloss('gloss-plan-on-disk-', {}, async (service, dataDir) => {
      await service.importDocuments([{ name: 'harbour.md', content: '# Harbour\n\nThe keeper lit the lamp for the boats at dusk.\n' }]);
      await service.flush();
      const { documents } = await service.getLibrary();
      const text = 'Highlight,Title,Author,URL,Note,Location,Date\n"lit the lamp",Harbour,,,A note,,2024-01-01 10:00:00\n';
      const summaries = documents.map(({ id, title, author, date, source, addedAt, openedAt }) => ({
        id,
        title,
        author,
        date,
        source,
        addedAt,
        openedAt,
      }));
      const onDisk = await worker().plan({ name: 'readwise.csv', content: text, library: { dataDir, summaries } });
      const snapshot = {
        documents: await Promise.all(summaries.map(async (summary) => readStoredDocument(dataDir, summary))),
        problems: [],
      };
      expect(onDisk).toEqual(await importOnThisThread.plan({ name: 'readwise.csv', content: text, library: snapshot }));
      expect(onDisk.report.highlightsAdded).toBe(1);

      await rm(join(dataDir, 'documents', summaries[0]!.id, 'document.json'));
      const damaged = await worker().plan({ name: 'readwise.csv', content: text, library: { dataDir, summaries } });
      expect(damaged.report.warnings.join(' ')).toMatch(/could not be read, so nothing was matched to it/);
    });
  }, 60_000);
});

describe('cancelling an import', () => {
  it('reports the file being converted and those after it as cancelled, keeps those added before, and writes nothing else', async () => {
    await withGloss('gloss-cancel-', { importWork: worker() }, async (service) => {
      const before = (await service.getLibrary()).documents.length;
      const importing = service.importDocuments([
        { name: 'first.md', content: '# First\n\nAdded before the cancel.\n' },
        { name: 'long.html', content: bigPage(40_000).content },
        { name: 'last.md', content: '# Last\n\nNever reached.\n' },
      ]);
      // Once the first file is in and the long page is converting (it takes far longer than this test), the user cancels.
      await vi.waitFor(async () => expect((await service.getLibrary()).documents).toHaveLength(before + 1), { timeout: 20_000 });
      await service.cancelImport();
      const outcomes = await importing;
      expect(outcomes.map(({ name, status }) => `${name}: ${status}`)).toEqual([
        'first.md: added',
        'long.html: cancelled',
        'last.md: cancelled',
      ]);
      expect((await service.getLibrary()).documents.map(({ title }) => title)).toHaveLength(before + 1);
      // The next import works as usual.
      expect((await service.importDocuments([{ name: 'after.md', content: '# After\n' }]))[0]).toMatchObject({ status: 'added' });
    });
  }, 60_000);
});

describe('exporting in a worker thread', () => {
  it('saves the export this thread builds, telling how many documents are read, then written, while this thread keeps running', async () => {
    await withGloss('gloss-export-work-', {}, async (service, dataDir) => {
      const paragraph = 'The keeper climbed the stair at dusk and lit the lamp for the boats. ';
      const files = Array.from({ length: 40 }, (_, index) => ({
        name: `harbour-${index}.md`,
        content: `# Harbour ${index}\n\n${`${paragraph.repeat(30)}\n\n`.repeat(40)}`,
      }));
      await service.importDocuments(files);
      const { documents } = await service.getLibrary();
      const opened = await service.openDocument(documents[0]!.id);
      await service.putHighlight(opened.summary.id, sampleHighlight('h1', { exact: 'lit the lamp', note: 'A **good** line' }));
      await service.flush();
      const request: LibraryExportRequest = {
        dataDir,
        ids: 'all',
        format: 'json',
        options: { exportedAt: new Date('2026-01-01T00:00:00.000Z'), appVersion: 'test' },
      };
      const built = await exportFromDataFolder(request);
      const progress: ExportProgress[] = [];
      const exporter = exportWorker(script);
      workers.push(exporter);
      const { save, preview } = exporter.export;
      const folder = join(dataDir, 'out');
      await mkdir(folder);
      const path = join(folder, 'library.json');
      let saved: Awaited<ReturnType<typeof save>> | undefined;
      const ticks = await timerTicksDuring(async () => (saved = await save(request, path, (step) => progress.push(step))));
      expect(saved).toEqual({ destination: 'file', fileCount: 1, highlightCount: 1, leftAlone: [], skipped: [] });
      expect(await readFile(path, 'utf8')).toBe(built.files[0]!.text);
      expect(built.documentCount).toBe(41);
      const reading = progress.filter(({ stage }) => stage === 'reading');
      expect(reading.at(-1)).toEqual({ stage: 'reading', done: 41, total: 41 });
      expect(reading.every(({ total }) => total === 41)).toBe(true);
      expect(progress.slice(reading.length)).toEqual([
        { stage: 'writing', done: 0, total: 41 },
        { stage: 'writing', done: 41, total: 41 },
      ]);
      expect(ticks).toBeGreaterThan(0);

      // One document read, not the library, for one document's export.
      const one: ExportProgress[] = [];
      const single = await save({ ...request, ids: [opened.summary.id], format: 'markdown' }, join(folder, 'harbour.md'), (step) =>
        one.push(step),
      );
      expect(single).toEqual({ destination: 'file', fileCount: 1, highlightCount: 1, leftAlone: [], skipped: [] });
      expect((await readdir(folder)).sort()).toEqual(['harbour.md', 'library.json']);
      expect(one[0]).toEqual({ stage: 'reading', done: 1, total: 1 });

      // A preview comes back as its start only, the same as cut from the whole export here.
      const previewed: ExportProgress[] = [];
      const start = await preview(request, 500, (step) => previewed.push(step));
      expect(start).toEqual(previewOf(built, 500));
      expect(start.text).toHaveLength(500);
      expect(start.truncated).toBe(true);
      expect(previewed.at(-1)).toEqual({ stage: 'reading', done: 41, total: 41 });
    });
  }, 60_000);
});

describe('preparing documents for search in a worker thread', () => {
  it('gives the same entry and words as on this thread, while this thread keeps running', async () => {
    const paragraph = 'The keeper climbed the stair at dusk and lit the lamp for the boats, *slowly*. ';
    const request: IndexRequest = {
      name: 'Harbour',
      summary: {
        id: documentId,
        title: 'Harbour',
        author: 'Mara Lind',
        date: null,
        source: null,
        addedAt: '2026-01-01T00:00:00.000Z',
        openedAt: null,
      },
      document: {
        markdown: `# Harbour\n\n${`${paragraph.repeat(40)}\n\n`.repeat(300)}`,
        highlights: [sampleHighlight('h1', { exact: 'lit the lamp', note: 'A **good** line', tags: ['sea'] })],
        documentNote: { text: 'Read _twice_.', updatedAt: '2026-01-01T00:00:00.000Z' },
        readingPosition: null,
      },
    };
    const index = worker().index;
    let prepared: IndexedDocument | undefined;
    const ticks = await timerTicksDuring(async () => (prepared = await index(request)));
    expect(prepared).toEqual(indexDocument(request));
    expect(ticks).toBeGreaterThan(0);
  });
});
