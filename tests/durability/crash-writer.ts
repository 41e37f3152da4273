/**
 * The child half of the crash-durability test (crash.test.ts): performs an
 * endless random stream of writes through the real storage and reports each
 * one on stdout, one JSON line at a time, until the parent SIGKILLs it.
 *
 *   node --import tsx tests/durability/crash-writer.ts DATA_DIR SEED [SEQ_START]
 *
 * Without arguments it reads them as one JSON line on stdin,
 * `{"dataDir":…,"seed":…,"seqStart":…,"seedArticlePath":…}` (WriterParameters
 * in protocol.ts): the parent starts children ahead of time and hands each its
 * round once the previous one is dead. The parent runs a bundled copy of this
 * file by default (tsx costs a child a second of CPU; see crash.test.ts).
 *
 * Protocol (stdout, one JSON object per line; pipes are written synchronously
 * on Linux, so a line written is in the pipe before the next step runs):
 *   {"t":"ready"}                               the library is open
 *   {"t":"issue","seq":N,"kind":K,...}          a write is about to be asked for
 *   {"t":"ack","seq":N,...}                     that write's promise resolved: it is on disk
 * An `issue` line comes before the store sees the write, so everything that can
 * be on disk after a kill has been issued; only acknowledged writes must be.
 * Any failure is reported on stderr and ends the process with status 1.
 */
import { fileURLToPath } from 'node:url';
import type { Highlight, ReadingPosition } from '../../common/contract';
import { highlightColors } from '../../common/contract';
import { LibraryStore } from '../../main/core/storage/library-store';
import { highlightIdFor, seededRandom, type WriterLine, type WriterParameters } from './protocol';

interface KnownDocument {
  /** The highlights this process knows of (from openDocument or written by it), by id. */
  highlights: Map<string, Highlight>;
  revision: number;
}

/** From the command line, or, with no arguments, from one JSON line on stdin. */
async function parameters(): Promise<WriterParameters> {
  const [dataDir, seed, seqStart] = process.argv.slice(2);
  if (dataDir !== undefined) {
    if (seed === undefined) throw new Error('usage: crash-writer.ts [DATA_DIR SEED [SEQ_START]]');
    return { dataDir, seed: Number(seed), seqStart: Number(seqStart ?? 0) };
  }
  let buffered = '';
  for await (const chunk of process.stdin) {
    buffered += String(chunk);
    const end = buffered.indexOf('\n');
    if (end !== -1) return JSON.parse(buffered.slice(0, end)) as WriterParameters;
  }
  throw new Error('stdin closed before the parameters line arrived');
}

/** The app's seed article, found from this file's place in the repository (a bundled copy is told the path instead). */
function defaultSeedArticlePath(): string {
  return fileURLToPath(new URL('../../resources/articles/global-cooperation.md', import.meta.url));
}

async function main(): Promise<void> {
  const { dataDir, seed, seqStart, seedArticlePath = defaultSeedArticlePath() } = await parameters();
  const random = seededRandom(seed);
  let seq = seqStart;

  const store = await LibraryStore.open({ dataDir, seedArticlePath });
  const emit = (line: WriterLine): void => {
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  emit({ t: 'ready' });

  const documentIds = store.state().documents.map((summary) => summary.id);
  /** Documents opened by this process; a document is opened (a real write of the index) before it is changed. */
  const known = new Map<string, Promise<KnownDocument>>();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = (): string => new Date().toISOString();

  const openKnown = (doc: string): Promise<KnownDocument> => {
    let opening = known.get(doc);
    if (!opening) {
      const mySeq = seq++;
      emit({ t: 'issue', seq: mySeq, kind: 'open', doc });
      opening = store.openDocument(doc).then((opened) => {
        emit({ t: 'ack', seq: mySeq });
        return { highlights: new Map(opened.highlights.map((highlight) => [highlight.id, highlight])), revision: opened.revision };
      });
      known.set(doc, opening);
    }
    return opening;
  };

  const step = async (): Promise<void> => {
    const roll = random();
    if (roll < 0.03 || documentIds.length === 0) {
      // One document, or an import file's few books written side by side and listed together.
      const books = Array.from({ length: random() < 0.5 ? 1 : 2 + Math.floor(random() * 3) }, () => {
        const mySeq = seq++;
        const title = `Crash document #${mySeq}`;
        emit({ t: 'issue', seq: mySeq, kind: 'import', title });
        const paragraphs = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, index) => `Paragraph ${index} of import #${mySeq}.`);
        return { mySeq, text: `---\ntitle: ${JSON.stringify(title)}\n---\n${paragraphs.join('\n\n')}\n` };
      });
      const summaries =
        books.length === 1
          ? [await store.importMarkdown(books[0]!.text)]
          : await store.importMarkdownAll(books.map(({ text }) => ({ text })));
      for (const [index, summary] of summaries.entries()) {
        documentIds.push(summary.id);
        emit({ t: 'ack', seq: books[index]!.mySeq, doc: summary.id });
      }
      return;
    }
    const doc = pick(documentIds);
    const document = await openKnown(doc);
    const mySeq = seq++;
    if (roll < 0.15) {
      const note = `Document note #${mySeq}`;
      emit({ t: 'issue', seq: mySeq, kind: 'doc-note', doc, note });
      await store.setDocumentNote(doc, note);
    } else if (roll < 0.3) {
      const position: ReadingPosition = { blockIndex: mySeq, blockOffset: random(), progress: random() };
      emit({ t: 'issue', seq: mySeq, kind: 'position', doc, position });
      await store.saveReadingPosition(doc, position);
    } else if (roll < 0.6 || document.highlights.size === 0) {
      const id = highlightIdFor(mySeq);
      const start = Math.floor(random() * 1000);
      const highlight: Highlight = {
        id,
        quote: { type: 'TextQuoteSelector', exact: `quoted text ${mySeq}`, prefix: 'before ', suffix: ' after' },
        position: { type: 'TextPositionSelector', start, end: start + 1 + Math.floor(random() * 200) },
        revision: document.revision,
        color: pick(highlightColors),
        note: `Highlight note #${mySeq}`,
        tags: random() < 0.5 ? [] : ['crash', `t${mySeq % 7}`],
        createdAt: now(),
        updatedAt: now(),
      };
      document.highlights.set(id, highlight);
      emit({ t: 'issue', seq: mySeq, kind: 'highlight-create', doc, highlight: id, note: highlight.note });
      await store.putHighlight(doc, highlight);
    } else {
      const existing = pick([...document.highlights.values()]);
      const edited: Highlight = { ...existing, note: `Edited note #${mySeq}${'.'.repeat(Math.floor(random() * 50))}`, updatedAt: now() };
      document.highlights.set(edited.id, edited);
      emit({ t: 'issue', seq: mySeq, kind: 'highlight-note', doc, highlight: edited.id, note: edited.note });
      await store.putHighlight(doc, edited);
    }
    emit({ t: 'ack', seq: mySeq });
  };

  // A few writers at once, so writes to one file overlap and are coalesced.
  const workers = 1 + Math.floor(random() * 3);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) await step();
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`crash-writer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
