/**
 * Crash durability: a child process (crash-writer.ts) writes through the real
 * LibraryStore — new highlights, edited highlight notes, document notes,
 * reading positions, opened documents, imports — and reports every write it
 * asks for and every one acknowledged. The parent SIGKILLs it at a random
 * moment, reopens the library in this process and checks that every data file
 * parses and passes its schema, that opening reports no damage, and that every
 * acknowledged write is there (its value, or a newer one that was in flight).
 *
 *   GLOSS_CRASH_ROUNDS   kills to perform (default 300)
 *   GLOSS_CRASH_SEED     seed for the kill moments and the children's writes (default: the clock; printed)
 *   GLOSS_CRASH_TSX=1    run crash-writer.ts through `node --import tsx` instead of a bundle (slower: see below)
 *
 * A data folder lives for `roundsPerFolder` rounds, so the library grows from
 * one run to the next and a later run can lose what an earlier one wrote.
 * Starting a child costs CPU: over a second through tsx (mostly compiling and
 * loading zod, marked and the storage code), a quarter of that for the same
 * code bundled once by esbuild (the compiler tsx itself uses). So by default
 * the writer is bundled into a temporary folder, and children are started
 * ahead of time and wait for their round's parameters on stdin.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import type { Notice, ReadingPosition } from '../../common/contract';
import { parseJsonFile } from '../../main/core/storage/durable-file';
import { LibraryStore } from '../../main/core/storage/library-store';
import { upgrade } from '../../main/core/storage/migrations';
import { documentFormat, libraryFormat, openRecordFormat } from '../../main/core/storage/schema';
import { type IssueLine, seededRandom, type WriterLine, type WriterParameters } from './protocol';
import { recordFigure } from '../support/figures';

const rounds = Number(process.env.GLOSS_CRASH_ROUNDS ?? 300);
const seed = Number(process.env.GLOSS_CRASH_SEED ?? Date.now() % 2 ** 31);
const roundsPerFolder = 50;
/** Children started ahead of the one running. */
const warmChildren = 2;
const killDelayMs = { min: 5, max: 120 };

const root = fileURLToPath(new URL('../..', import.meta.url));
const writerPath = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const seedArticlePath = join(root, 'resources', 'articles', 'global-cooperation.md');

// ---------------------------------------------------------------------------
// The children

interface Finished {
  lines: WriterLine[];
  /** From handing over the round to the first acknowledgement. */
  firstAckMs: number;
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

/** A crash-writer process, started early; `run` hands it a round, waits for its first acknowledgement plus `delayMs`, and SIGKILLs it. */
class Writer {
  readonly #child: ChildProcess;
  readonly #lines: WriterLine[] = [];
  #stderr = '';
  #partial = '';
  #onAck: (() => void) | null = null;
  readonly #closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(command: readonly string[]) {
    this.#child = spawn(process.execPath, command, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.#child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.#receive(chunk));
    this.#child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.#stderr += chunk));
    // The child may be killed before it reads stdin; that is no error of ours.
    this.#child.stdin!.on('error', () => undefined);
    this.#closed = new Promise((resolve) => this.#child.on('close', (code, signal) => resolve({ code, signal })));
  }

  #receive(chunk: string): void {
    const parts = (this.#partial + chunk).split('\n');
    // A line cut short by the kill has no newline; it is dropped (lines are far below PIPE_BUF, so this does not happen).
    this.#partial = parts.pop()!;
    for (const part of parts) {
      if (part === '') continue;
      const line = JSON.parse(part) as WriterLine;
      this.#lines.push(line);
      if (line.t === 'ack') this.#onAck?.();
    }
  }

  async run(parameters: WriterParameters, delayMs: number): Promise<Finished> {
    const firstAck = new Promise<boolean>((resolve) => {
      this.#onAck = () => resolve(true);
      void this.#closed.then(() => resolve(false));
      setTimeout(() => resolve(false), 30_000).unref();
    });
    const handedOver = performance.now();
    this.#child.stdin!.end(`${JSON.stringify(parameters)}\n`);
    const acknowledged = await firstAck;
    const firstAckMs = performance.now() - handedOver;
    if (acknowledged) await new Promise((resolve) => setTimeout(resolve, delayMs));
    this.#onAck = null;
    this.#child.kill('SIGKILL');
    const { code, signal } = await this.#closed;
    return { lines: this.#lines, firstAckMs, signal, code, stderr: this.#stderr };
  }

  async discard(): Promise<void> {
    this.#child.kill('SIGKILL');
    await this.#closed;
  }
}

// ---------------------------------------------------------------------------
// What must be on disk

/**
 * One thing a write sets: a highlight's note, a document's note, its reading
 * position, the last opened document, an imported document's presence.
 * `values` are the writes the child asked for, in the order it asked; `ack`
 * is their place in the order the child saw them acknowledged (null: in flight
 * at the kill). The value found by the previous check comes first, with ack 0.
 */
interface Key {
  label: string;
  values: { seq: number; value: string; ack: number | null }[];
}

interface Figures {
  kills: number;
  filesChecked: number;
  unreadable: number;
  acknowledged: number;
  lost: number;
  notices: number;
  unexpected: number;
  /** Distinct leftover temporary files seen after the kills. */
  temporaryFiles: number;
  /** Of those, how many the reopened store removed. */
  temporaryFilesRemoved: number;
  /** Leftover temporary files by the file they were to replace (library.json, document.json, body.md, backup). */
  temporaryByTarget: Record<string, number>;
  childFailures: number;
  byKind: Record<string, number>;
  problems: string[];
  /** Milliseconds summed over rounds: waiting for the writer's first acknowledgement, the whole writer run, checking. */
  time: { firstAck: number; writer: number; checking: number };
}

const figures: Figures = {
  kills: 0,
  filesChecked: 0,
  unreadable: 0,
  acknowledged: 0,
  lost: 0,
  notices: 0,
  unexpected: 0,
  temporaryFiles: 0,
  temporaryFilesRemoved: 0,
  temporaryByTarget: {},
  childFailures: 0,
  byKind: {},
  problems: [],
  time: { firstAck: 0, writer: 0, checking: 0 },
};

function problem(round: number, text: string): void {
  if (figures.problems.length < 40) figures.problems.push(`round ${round}: ${text}`);
}

const positionValue = (position: ReadingPosition): string => `${position.blockIndex}|${position.blockOffset}|${position.progress}`;

class Expectations {
  readonly keys = new Map<string, Key>();
  #acks = 0;
  #importTitles = new Set<string>();

  #key(id: string, label: string): Key {
    let key = this.keys.get(id);
    if (!key) this.keys.set(id, (key = { label, values: [] }));
    return key;
  }

  /** Records one child's report: what it asked for, and which of those it saw acknowledged, in what order. */
  record(lines: readonly WriterLine[]): void {
    const issued = new Map<number, IssueLine>();
    for (const line of lines) {
      if (line.t === 'issue') {
        issued.set(line.seq, line);
        if (line.kind === 'import') this.#importTitles.add(line.title!);
        const target = this.#target(line);
        if (target) this.#key(target.id, target.label).values.push({ seq: line.seq, value: target.value, ack: null });
      } else if (line.t === 'ack') {
        const issue = issued.get(line.seq);
        if (!issue) throw new Error(`acknowledgement of ${line.seq}, never issued`);
        figures.acknowledged += 1;
        figures.byKind[issue.kind] = (figures.byKind[issue.kind] ?? 0) + 1;
        this.#acks += 1;
        if (issue.kind === 'import') {
          // The id is known once the import is done; the issue line gave the title only.
          this.#key(`document:${line.doc}`, `imported document “${issue.title}”`).values.push({
            seq: line.seq,
            value: issue.title!,
            ack: this.#acks,
          });
          continue;
        }
        const target = this.#target(issue)!;
        this.keys.get(target.id)!.values.find((value) => value.seq === line.seq)!.ack = this.#acks;
      }
    }
  }

  /** Whether a document found in the library is one a child asked to import (acknowledged or not). */
  isIssuedImport(title: string): boolean {
    return this.#importTitles.has(title);
  }

  #target(line: IssueLine): { id: string; label: string; value: string } | null {
    switch (line.kind) {
      case 'highlight-create':
      case 'highlight-note':
        return { id: `highlight:${line.doc}:${line.highlight}`, label: `highlight ${line.highlight} of ${line.doc}`, value: line.note! };
      case 'doc-note':
        return { id: `doc-note:${line.doc}`, label: `document note of ${line.doc}`, value: line.note! };
      case 'position':
        return { id: `position:${line.doc}`, label: `reading position of ${line.doc}`, value: positionValue(line.position!) };
      case 'open':
        return { id: 'last-opened', label: 'last opened document', value: line.doc! };
      case 'import':
        return null;
    }
  }

  /**
   * Compares what is on disk (`observed`, undefined when absent) with the key's
   * writes: it must be the value acknowledged last, or one still in flight at
   * the kill (written, perhaps, but not yet acknowledged). Acknowledgement
   * order decides "last", except for the last opened document: of two
   * overlapping opens the store keeps the one asked for last (its open
   * ticket), whichever finishes last, so there the order of asking decides.
   * Returns how many acknowledged writes the value on disk contradicts.
   */
  check(round: number, id: string, observed: string | undefined): number {
    const key = this.keys.get(id);
    if (!key) return 0;
    const byAsking = id === 'last-opened';
    const acked = key.values.filter((value) => value.ack !== null).sort((a, b) => (byAsking ? a.seq - b.seq : a.ack! - b.ack!));
    const last = acked.at(-1);
    // Asked for after the last acknowledged one: may already be on disk.
    if (byAsking && last && key.values.some((value) => value.value === observed && value.seq > last.seq)) return 0;
    const describe = (value: Key['values'][number] | undefined): string =>
      value ? `${JSON.stringify(value.value)} (${value.seq < 0 ? 'as found by the previous check' : `write #${value.seq}`})` : 'none';
    if (observed === undefined) {
      if (!last) return 0;
      problem(round, `${key.label} is missing; last acknowledged: ${describe(last)}`);
      return acked.length;
    }
    if (key.values.some((value) => value.value === observed && (value === last || value.ack === null))) return 0;
    const older = acked.filter((value) => value.value === observed).at(-1);
    problem(
      round,
      `${key.label} is ${older ? describe(older) : `${JSON.stringify(observed)} (never written)`}; last acknowledged: ${describe(last)}`,
    );
    return older ? acked.filter((value) => value.ack! > older.ack!).length : Math.max(1, acked.length);
  }

  /** After a check: what was found becomes the acknowledged starting point of the next round. */
  settle(id: string, label: string, observed: string | undefined): void {
    if (observed === undefined) this.keys.delete(id);
    else this.keys.set(id, { label, values: [{ seq: -1, value: observed, ack: 0 }] });
  }
}

// ---------------------------------------------------------------------------
// Checking a data folder

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else found.push(path);
  }
  return found;
}

const isTemporary = (path: string): boolean => path.endsWith('.tmp');

/** Every data file, read raw: JSON that parses and passes its schema, Markdown bodies that are not empty. Returns how many are unreadable. */
async function checkFiles(round: number, dataDir: string): Promise<number> {
  let unreadable = 0;
  for (const path of await walk(dataDir)) {
    const name = relative(dataDir, path).split(sep).join('/');
    if (isTemporary(path)) continue;
    figures.filesChecked += 1;
    try {
      const text = await readFile(path, 'utf8');
      if (name === 'library.json' || name.startsWith('backups/library/')) upgrade(parseJsonFile(path, text), libraryFormat, path);
      else if (name === 'opened.json') upgrade(parseJsonFile(path, text), openRecordFormat, path);
      else if (/^documents\/[^/]+\/document\.json$/.test(name) || /^backups\/documents\/[^/]+\/[^/]+\.json$/.test(name)) {
        upgrade(parseJsonFile(path, text), documentFormat, path);
      } else if (/^(documents|backups\/interrupted-imports)\/[^/]+\/body\.md$/.test(name)) {
        if (text.trim() === '') throw new Error('the body is empty');
      } else throw new Error('a file the store never writes (set aside as damaged?)');
    } catch (error) {
      unreadable += 1;
      problem(round, `${name} is unreadable: ${(error as Error).message}`);
    }
  }
  return unreadable;
}

/** What a leftover `.<name>.<uuid>.tmp` (durable-file.ts) was to become. */
function temporaryTarget(relativePath: string): string {
  if (relativePath.startsWith(`backups${sep}`)) return 'backup';
  return /^\.(.+)\.[0-9a-f-]{36}\.tmp$/.exec(relativePath.split(sep).at(-1)!)?.[1] ?? 'unknown';
}

async function temporaryFiles(dataDir: string): Promise<Set<string>> {
  return new Set((await walk(dataDir)).filter(isTemporary));
}

/** Reopens the library as the app would and checks every acknowledged write; returns how many are lost. */
async function checkLibrary(round: number, dataDir: string, expected: Expectations): Promise<number> {
  let lost = 0;
  const notices: Notice[] = [];
  const store = await LibraryStore.open({ dataDir, seedArticlePath });
  notices.push(...store.notices);
  const library = store.state();

  lost += expected.check(round, 'last-opened', library.lastOpenedDocumentId ?? undefined);
  const listed = new Map(library.documents.map((summary) => [summary.id, summary]));
  for (const [id] of [...expected.keys].filter(([keyId]) => keyId.startsWith('document:'))) {
    lost += expected.check(round, id, listed.get(id.slice('document:'.length))?.title);
  }
  for (const [index, summary] of library.documents.entries()) {
    const known = expected.keys.has(`document:${summary.id}`);
    const seedArticle = round % roundsPerFolder === 0 && index === 0;
    if (!known && !seedArticle && !expected.isIssuedImport(summary.title)) {
      figures.unexpected += 1;
      problem(round, `document ${summary.id} “${summary.title}” was never imported`);
    }
  }
  // Left by an import killed before the index was written: harmless unless never cleaned up.
  for (const name of await readdir(join(dataDir, 'documents'))) {
    if (!listed.has(name)) orphanFolders.add(join(dataDir, 'documents', name));
  }

  const opened = await Promise.all(library.documents.map(async (summary) => ({ summary, document: await store.openDocument(summary.id) })));
  for (const { summary, document } of opened) {
    notices.push(...document.notices);
    const doc = summary.id;
    lost += expected.check(round, `doc-note:${doc}`, document.documentNote?.text);
    lost += expected.check(round, `position:${doc}`, document.readingPosition ? positionValue(document.readingPosition) : undefined);
    const onDisk = new Map(document.highlights.map((highlight) => [highlight.id, highlight]));
    for (const id of [...expected.keys.keys()].filter((keyId) => keyId.startsWith(`highlight:${doc}:`))) {
      lost += expected.check(round, id, onDisk.get(id.slice(`highlight:${doc}:`.length))?.note);
    }
    for (const highlight of document.highlights) {
      if (!expected.keys.has(`highlight:${doc}:${highlight.id}`)) {
        figures.unexpected += 1;
        problem(round, `highlight ${highlight.id} of ${doc} was never written`);
      }
    }
  }
  // (A document gone from the index is counted through its `document:` key above, not highlight by highlight.)

  // Completing an import the kill interrupted is the store's designed recovery (library-store.ts #adoptUnlistedFolders), not damage.
  const damageNotices = notices.filter((notice) => !/whose import was interrupted, has been added/.test(notice.message));
  for (const notice of damageNotices) problem(round, `notice on reopening: [${notice.level}] ${notice.message}`);
  figures.notices += damageNotices.length;

  // What is there now is the next round's starting point (the parent's own openings moved the last opened document).
  await store.flush();
  const after = store.state();
  expected.settle('last-opened', 'last opened document', after.lastOpenedDocumentId ?? undefined);
  for (const summary of after.documents) expected.settle(`document:${summary.id}`, `imported document “${summary.title}”`, summary.title);
  for (const { summary, document } of opened) {
    const doc = summary.id;
    expected.settle(`doc-note:${doc}`, `document note of ${doc}`, document.documentNote?.text);
    const position = document.readingPosition;
    expected.settle(`position:${doc}`, `reading position of ${doc}`, position ? positionValue(position) : undefined);
    for (const id of [...expected.keys.keys()].filter((keyId) => keyId.startsWith(`highlight:${doc}:`))) expected.keys.delete(id);
    for (const highlight of document.highlights) {
      expected.settle(`highlight:${doc}:${highlight.id}`, `highlight ${highlight.id} of ${doc}`, highlight.note);
    }
  }
  return lost;
}

// ---------------------------------------------------------------------------

/**
 * Bundles crash-writer.ts and everything it imports into one ES module and
 * returns the command that runs it; falls back to tsx when esbuild (a
 * dependency of tsx and vite, not of Gloss) cannot be loaded.
 */
async function writerCommand(): Promise<string[]> {
  const tsxCommand = ['--import', 'tsx', writerPath];
  if (process.env.GLOSS_CRASH_TSX) return tsxCommand;
  let build: typeof import('esbuild').build;
  try {
    ({ build } = await import('esbuild'));
  } catch {
    console.log('crash: esbuild not found; running the writer through tsx (slower)');
    return tsxCommand;
  }
  const folder = await mkdtemp(join(tmpdir(), 'gloss-crash-writer-'));
  folders.push(folder);
  const outfile = join(folder, 'crash-writer.mjs');
  await build({
    entryPoints: [writerPath],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Some bundled CommonJS packages (yaml) call require() for Node built-ins.
    banner: {
      js: "import { createRequire as glossCreateRequire } from 'node:module'; const require = glossCreateRequire(import.meta.url);",
    },
  });
  return [outfile];
}

const folders: string[] = [];
/** Document folders not in the index (an import killed before it wrote library.json), across all data folders. */
const orphanFolders = new Set<string>();
const keptFolders = new Set<string>();

afterAll(async () => {
  await Promise.all(folders.filter((folder) => !keptFolders.has(folder)).map((folder) => rm(folder, { recursive: true, force: true })));
});

it(`keeps every acknowledged write and every file readable across ${rounds} SIGKILLs`, { timeout: 30 * 60_000 }, async () => {
  const random = seededRandom(seed);
  const started = performance.now();
  const command = await writerCommand();
  const pool: Writer[] = Array.from({ length: warmChildren }, () => new Writer(command));
  let dataDir = '';
  let expected = new Expectations();
  let temporarySeen = new Set<string>();
  let folderTemporaryPeak = 0;

  try {
    for (let round = 0; round < rounds; round++) {
      if (round % roundsPerFolder === 0) {
        dataDir = await mkdtemp(join(tmpdir(), 'gloss-crash-'));
        folders.push(dataDir);
        expected = new Expectations();
        temporarySeen = new Set();
      }
      const writer = pool.shift()!;
      const seqStart = (round + 1) * 1_000_000;
      const delayMs = killDelayMs.min + Math.floor(random() * (killDelayMs.max - killDelayMs.min + 1));
      const problemsBefore = figures.unreadable + figures.lost + figures.notices + figures.unexpected + figures.childFailures;
      const runStarted = performance.now();
      const finished = await writer.run({ dataDir, seed: Math.floor(random() * 2 ** 31), seqStart, seedArticlePath }, delayMs);
      figures.kills += 1;
      // The next child starts while this round is checked, not while this one writes.
      pool.push(new Writer(command));
      const checkStarted = performance.now();
      figures.time.writer += checkStarted - runStarted;
      figures.time.firstAck += finished.firstAckMs;
      if (finished.signal !== 'SIGKILL' || !finished.lines.some((line) => line.t === 'ack')) {
        figures.childFailures += 1;
        problem(
          round,
          `the writer ended with ${finished.signal ?? `status ${finished.code}`} before being killed or acknowledged nothing: ${finished.stderr.trim().slice(0, 600)}`,
        );
      }
      expected.record(finished.lines);

      const unreadable = await checkFiles(round, dataDir);
      figures.unreadable += unreadable;
      const temporaryBefore = await temporaryFiles(dataDir);
      for (const path of temporaryBefore) {
        if (temporarySeen.has(path)) continue;
        figures.temporaryFiles += 1;
        const target = temporaryTarget(relative(dataDir, path));
        figures.temporaryByTarget[target] = (figures.temporaryByTarget[target] ?? 0) + 1;
      }
      temporarySeen = new Set([...temporarySeen, ...temporaryBefore]);
      const lost = await checkLibrary(round, dataDir, expected);
      figures.lost += lost;
      // A store that cleared its leftovers on open would remove them all here.
      const temporaryAfter = await temporaryFiles(dataDir);
      figures.temporaryFilesRemoved += [...temporaryBefore].filter((path) => !temporaryAfter.has(path)).length;
      folderTemporaryPeak = Math.max(folderTemporaryPeak, temporaryAfter.size);
      figures.time.checking += performance.now() - checkStarted;
      if (figures.unreadable + figures.lost + figures.notices + figures.unexpected + figures.childFailures > problemsBefore)
        keptFolders.add(dataDir);
    }
  } finally {
    await Promise.all(pool.map((writer) => writer.discard()));
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const perRound = (total: number): number => Math.round(total / Math.max(1, figures.kills));
  const kinds = Object.entries(figures.byKind)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  console.log(
    `crash: ${figures.kills} kills, ${figures.filesChecked} files checked, ${figures.unreadable} unreadable, ` +
      `${figures.acknowledged} acknowledged writes, ${figures.lost} lost`,
  );
  console.log(
    `crash: seed ${seed}, ${seconds} s (per round: ${perRound(figures.time.firstAck)} ms to the first acknowledgement, ` +
      `${perRound(figures.time.writer)} ms writer run in all, ${perRound(figures.time.checking)} ms checking); acknowledged by kind: ${kinds}; ${figures.notices} notices on reopening, ` +
      `${figures.unexpected} never-written items found, ${figures.childFailures} writer failures, ` +
      `${orphanFolders.size} unlisted document folders left by killed imports, ` +
      `${figures.temporaryFiles} leftover .tmp files (${Object.entries(figures.temporaryByTarget)
        .map(([target, count]) => `${target} ${count}`)
        .join(', ')}; ${figures.temporaryFilesRemoved} removed by reopening; ` +
      `up to ${folderTemporaryPeak} in one data folder)`,
  );
  recordFigure('crash', {
    line:
      `crash: ${figures.kills} kills, ${figures.filesChecked} files checked, ${figures.unreadable} unreadable, ` +
      `${figures.acknowledged} acknowledged writes, ${figures.lost} lost`,
    values: {
      kills: figures.kills,
      filesChecked: figures.filesChecked,
      unreadable: figures.unreadable,
      acknowledged: figures.acknowledged,
      lost: figures.lost,
      seed,
    },
  });
  if (keptFolders.size > 0) console.log(`crash: data folders kept for inspection: ${[...keptFolders].join(', ')}`);
  for (const line of figures.problems) console.log(`crash: ${line}`);

  expect(figures.kills).toBe(rounds);
  expect(figures.childFailures).toBe(0);
  expect(figures.unreadable).toBe(0);
  expect(figures.lost).toBe(0);
  expect(figures.notices).toBe(0);
  expect(figures.unexpected).toBe(0);
});
