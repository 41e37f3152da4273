import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { anchorSelectors, describeTextRange } from '../../../common/anchoring';
import { textLanguage } from '../../../common/text/language';
import type { Highlight, HighlightAnchor, LibrarySyncStatus, ReaderSettings, ReadingPosition } from '../../../common/contract';
import { GlossError } from '../errors';
import { renderedText } from '../import/rendered-text';
import type { SettingsStore } from '../settings/settings-store';
import { readTextIfExists, writeFileDurably } from '../storage/durable-file';
import type { LibraryStore, StoredDocumentContent } from '../storage/library-store';
import { dataLayout } from '../storage/layout';
import {
  anchorChanges,
  contentChanges,
  documentChanges,
  documentNoteChanges,
  highlightChanges,
  highlightDeleted,
  type LocalDocument,
  metadataChanges,
  positionChanges,
  samePosition,
} from './changes';
import { HybridClock, parseHlc } from './hlc';
import { type DocumentContent, type DocumentView, MergedLibrary } from './merge';
import type { Op, UnstampedOp } from './ops';
import { contentHash, DeviceFolder, type ReadResult, syncFolderName, SyncFolderReader } from './sync-folder';

/** `library-sync.json` in the data folder (storage/layout.ts): this device's id (kept for good) and the synced folder, if any. */
const configSchema = z.object({
  schemaVersion: z.literal(1),
  deviceId: z.string().regex(/^[A-Za-z0-9_]{4,64}$/),
  folder: z.string().nullable(),
  lastSyncedAt: z.string().nullable(),
  // Added after the first release of this file: absent means the default, off.
  sharesSettings: z.boolean().default(false),
});
type SyncConfig = z.infer<typeof configSchema>;

export interface LibrarySyncOptions {
  dataDir: string;
  /** Opened lazily by the service; sync needs it only once it is on. */
  store: () => Promise<LibraryStore>;
  /** How this device names itself to the others (its host name). */
  deviceName: string;
  /** The reading settings, shared when the user chooses to. */
  settings: () => Promise<SettingsStore>;
  /** Told when another device's reading settings were taken here (the page applies them). */
  onSettingsChanged?: (settings: ReaderSettings) => void;
  /** Told which documents a sync pass changed in the store (search, vault sync and the page follow). */
  onDocumentsChanged?: (documentIds: readonly string[]) => void;
  /** Told when the status changed. */
  onStatusChanged?: () => void;
  /** How often the folder is looked at for changes the engine brought in; 0: only when asked (tests). */
  pollMs?: number;
  now?: () => number;
}

interface Running {
  folder: string;
  device: DeviceFolder;
  reader: SyncFolderReader;
  merged: MergedLibrary;
  clock: HybridClock;
  timer: NodeJS.Timeout | null;
}

/** Documents a pass could not bring in yet because their text or images have not arrived. */
type Waiting = Set<string>;

/**
 * Library sync: this device's changes go to its own log in the synced folder,
 * and every device's logs are merged (merge.ts) into the library. Local
 * changes are recorded as the service accepts them (`record*`), synchronously
 * against the merged state, so a pass that runs meanwhile can never put back
 * an older value over them. Passes run one at a time.
 */
export class LibrarySync {
  #running: Running | null = null;
  #passes: Promise<void> = Promise.resolve();
  #writes: Promise<void> = Promise.resolve();
  readonly #waiting: Waiting = new Set();
  #lastMerge: string | null = null;
  #lastChanged: LibrarySyncStatus['lastChanged'] = null;
  #problem: string | null = null;
  readonly #now: () => number;

  private constructor(
    private readonly options: LibrarySyncOptions,
    private config: SyncConfig,
  ) {
    this.#now = options.now ?? Date.now;
  }

  static async open(options: LibrarySyncOptions): Promise<LibrarySync> {
    const sync = new LibrarySync(options, await readConfig(options.dataDir));
    if (sync.config.folder !== null) {
      try {
        await sync.#start(sync.config.folder);
      } catch (error) {
        sync.#problem = describeProblem(error, sync.config.folder);
      }
    }
    return sync;
  }

  /** Shares this library through `folder` (a folder a sync engine keeps in step): writes it all there, then merges what is there. */
  async enable(folder: string): Promise<LibrarySyncStatus> {
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory()) throw new GlossError('not-found', `The folder ${folder} does not exist.`);
    await this.disable();
    this.config = { ...this.config, folder };
    await writeConfig(this.options.dataDir, this.config);
    await this.#start(folder);
    return this.status();
  }

  async disable(): Promise<LibrarySyncStatus> {
    const running = this.#running;
    if (running) {
      if (running.timer) clearInterval(running.timer);
      this.#running = null;
      await this.flush();
    }
    if (this.config.folder !== null) {
      this.config = { ...this.config, folder: null };
      await writeConfig(this.options.dataDir, this.config);
    }
    this.#problem = null;
    this.#lastMerge = null;
    return this.status();
  }

  status(): LibrarySyncStatus {
    const running = this.#running;
    const devices = (running?.reader.devices() ?? []).map((device) => ({
      ...device,
      thisDevice: device.deviceId === this.config.deviceId,
    }));
    return {
      folder: this.config.folder,
      deviceId: this.config.deviceId,
      lastSyncedAt: this.config.lastSyncedAt,
      devices,
      lastMerge: this.#lastMerge,
      problem: this.#problem,
      lastChanged: this.#lastChanged && { ...this.#lastChanged, documentIds: [...this.#lastChanged.documentIds] },
      sharesSettings: this.config.sharesSettings,
    };
  }

  /**
   * Shares this device's reading settings, or stops. A device that starts
   * sharing takes the settings the others already share (the newest of each);
   * only when none are shared yet does it give its own.
   */
  async shareSettings(share: boolean): Promise<LibrarySyncStatus> {
    if (share !== this.config.sharesSettings) {
      this.config = { ...this.config, sharesSettings: share };
      await writeConfig(this.options.dataDir, this.config);
    }
    if (share && this.#running) {
      await this.#offerSettings(this.#running);
      await this.syncNow();
    }
    return this.status();
  }

  /** Reads the folder and merges what other devices wrote (also run by the timer). */
  syncNow(): Promise<void> {
    const pass = this.#passes.then(() => this.#pass());
    this.#passes = pass.catch(() => undefined);
    return pass;
  }

  /** Resolves once every change recorded so far is in this device's log, and the last pass asked for has finished. */
  async flush(): Promise<void> {
    await this.#passes;
    await this.#writes;
  }

  async close(): Promise<void> {
    if (this.#running?.timer) clearInterval(this.#running.timer);
    await this.flush();
    this.#running = null;
  }

  // ── local changes, recorded as the service accepts them ──

  recordHighlight(documentId: string, highlight: Highlight): void {
    this.#record(documentId, (view) => highlightChanges(documentId, findHighlight(view, highlight.id), highlight, view.content.body));
  }

  recordHighlightDeleted(documentId: string, highlightId: string): void {
    this.#record(documentId, (view) => highlightDeleted(documentId, findHighlight(view, highlightId), highlightId));
  }

  recordAnchors(documentId: string, anchors: readonly HighlightAnchor[]): void {
    this.#record(documentId, (view) =>
      anchors.flatMap((anchor) => anchorChanges(documentId, findHighlight(view, anchor.id), anchor, view.content.body)),
    );
  }

  recordDocumentNote(documentId: string, text: string): void {
    this.#record(documentId, (view) => documentNoteChanges(view, text));
  }

  recordReadingPosition(documentId: string, position: ReadingPosition): void {
    this.#record(documentId, (view) => positionChanges(view, position));
  }

  recordMetadata(documentId: string, metadata: { title: string; author: string | null; date: string | null }): void {
    this.#record(documentId, (view) => metadataChanges(view, metadata));
  }

  recordBody(documentId: string, markdown: string): void {
    // An edit changes the words, not the language they are in.
    this.#record(documentId, (view) => contentChanges(view, { ...view.content, body: contentHash(markdown) }), [markdown]);
  }

  recordSettings(settings: ReaderSettings): void {
    const running = this.#running;
    if (!running || !this.config.sharesSettings) return;
    const shared = running.merged.settings();
    const changed = Object.fromEntries(Object.entries(settings).filter(([key, value]) => shared[key as keyof ReaderSettings] !== value));
    if (Object.keys(changed).length > 0) this.#commit(running, [{ kind: 'settings', settings: changed }], []);
  }

  recordDocumentDeleted(documentId: string): void {
    const running = this.#running;
    if (!running || !running.merged.view(documentId)) return;
    this.#commit(running, [{ kind: 'document-deleted', document: documentId }], []);
  }

  /** A document added or brought back (import, restore): all of it, with its text and images. */
  async recordDocument(documentId: string): Promise<void> {
    const running = this.#running;
    if (!running) return;
    const store = await this.options.store();
    const content = await store.readDocument(documentId);
    const { local, blobs } = await this.#localDocument(content);
    this.#commit(running, documentChanges(running.merged.view(documentId), local), blobs);
  }

  #record(documentId: string, changes: (view: DocumentView) => UnstampedOp[], blobs: (string | Uint8Array)[] = []): void {
    const running = this.#running;
    const view = running?.merged.view(documentId);
    // A document the merge does not show yet (sync just turned on and not done) is recorded whole by recordDocument.
    if (!running || !view) return;
    this.#commit(running, changes(view), blobs);
  }

  /** Stamps changes, merges them here at once, and appends them (after their blobs) to this device's log. */
  #commit(running: Running, changes: readonly UnstampedOp[], blobs: readonly (string | Uint8Array)[]): void {
    if (changes.length === 0) return;
    const ops = changes.map((change) => ({ ...change, hlc: running.clock.tick() }) as Op);
    for (const op of ops) running.merged.apply(op);
    const write = this.#writes.then(async () => {
      for (const blob of blobs) await running.device.putBlob(blob);
      await running.device.append(ops);
    });
    this.#writes = write.then(
      () => this.#clearProblem(),
      (error: unknown) => this.#setProblem(describeProblem(error, running.folder)),
    );
  }

  async #localDocument(content: StoredDocumentContent): Promise<{ local: LocalDocument; blobs: (string | Uint8Array)[] }> {
    const { summary, markdown, highlights, documentNote, readingPosition, lang, dir, writingMode } = content;
    const assets = await readAssets(dataLayout(this.options.dataDir).document(summary.id).assets);
    const body = contentHash(markdown);
    const local: LocalDocument = {
      ...summary,
      content: {
        body,
        assets: assets.map(({ name, bytes }) => ({ name, hash: contentHash(bytes) })),
        ...textLanguage({ lang, dir, writingMode }),
      },
      position: readingPosition,
      note: documentNote?.text ?? '',
      highlights,
      anchoredIn: () => body,
    };
    return { local, blobs: [markdown, ...assets.map(({ bytes }) => bytes)] };
  }

  // ── passes ──

  async #start(folder: string): Promise<void> {
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory()) throw new GlossError('not-found', `The sync folder ${folder} is missing.`);
    const device = await DeviceFolder.open(folder, this.config.deviceId, this.options.deviceName);
    const running: Running = {
      folder,
      device,
      reader: new SyncFolderReader(folder),
      merged: new MergedLibrary(),
      clock: new HybridClock(this.config.deviceId, this.#now),
      timer: null,
    };
    this.#running = running;
    // Everything already there first (this device's own log included, which also sets its clock past its last change),
    await this.#readFolder(running);
    for (const id of running.merged.documentIds()) this.#waiting.add(id);
    // then whatever this library holds that the folder does not (all of it, the first time),
    const store = await this.options.store();
    for (const { id } of store.state().documents) await this.recordDocument(id);
    if (this.config.sharesSettings) await this.#offerSettings(running);
    // then the merge into this library.
    await this.syncNow();
    const pollMs = this.options.pollMs ?? 1000;
    if (pollMs > 0) {
      running.timer = setInterval(() => void this.syncNow().catch(() => undefined), pollMs);
      running.timer.unref();
    }
  }

  /**
   * Offers this device's reading settings to the others when none are shared
   * yet; otherwise the next pass takes theirs. Only offered: the others' may
   * be on their way, and any they chose, even before this offer, wins over it
   * (merge.ts).
   */
  async #offerSettings(running: Running): Promise<void> {
    if (Object.keys(running.merged.settings()).length > 0) return;
    const settings = (await this.options.settings()).get();
    if (this.#running === running && this.config.sharesSettings) this.#commit(running, [{ kind: 'settings', settings, offered: true }], []);
  }

  /** Takes the shared reading settings into this device's own, if they differ. Returns whether they did. */
  async #reconcileSettings(running: Running): Promise<boolean> {
    const store = await this.options.settings();
    const local = store.get();
    const shared = running.merged.settings();
    if (Object.entries(shared).every(([key, value]) => local[key as keyof ReaderSettings] === value)) return false;
    this.options.onSettingsChanged?.(await store.save({ ...local, ...shared }));
    return true;
  }

  /** New changes from the folder, merged; returns the documents they touched. */
  async #readFolder(running: Running): Promise<{ touched: Set<string>; merged: number; devices: Set<string> }> {
    const read = await running.reader.read();
    const touched = new Set<string>();
    const devices = new Set<string>();
    let merged = 0;
    for (const op of read.ops) {
      running.clock.observe(op.hlc);
      if (!running.merged.apply(op)) continue;
      merged++;
      if (op.kind !== 'settings') touched.add(op.document);
      devices.add(parseHlc(op.hlc).deviceId);
    }
    const problem = folderProblem(read);
    if (problem) this.#setProblem(problem);
    return { touched, merged, devices };
  }

  async #pass(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    try {
      if (!(await stat(join(running.folder, syncFolderName)).catch(() => null))) {
        throw new GlossError('not-found', `The sync folder ${running.folder} is missing (moved, or a drive not mounted).`);
      }
      const { touched, merged, devices } = await this.#readFolder(running);
      for (const id of this.#waiting) touched.add(id);
      this.#waiting.clear();
      const changed: string[] = [];
      for (const id of touched) if (await this.#reconcile(running, id)) changed.push(id);
      if (changed.length > 0) this.options.onDocumentsChanged?.(changed);
      const settingsTaken = this.config.sharesSettings && (await this.#reconcileSettings(running));
      if (merged > 0) {
        const fromOthers = [...devices].filter((id) => id !== this.config.deviceId).length;
        this.#lastMerge =
          `${merged} change${merged === 1 ? '' : 's'} from ${fromOthers} other device${fromOthers === 1 ? '' : 's'}, ` +
          `${changed.length} document${changed.length === 1 ? '' : 's'} updated` +
          (settingsTaken ? ', reading settings taken' : '') +
          (this.#waiting.size > 0 ? `, ${this.#waiting.size} waiting for their text to arrive.` : '.');
      }
      this.config = { ...this.config, lastSyncedAt: new Date(this.#now()).toISOString() };
      if (changed.length > 0) this.#lastChanged = { at: this.config.lastSyncedAt!, documentIds: changed };
      // Told only when something arrived: a pass every second that found nothing is not news.
      if (merged > 0) {
        await writeConfig(this.options.dataDir, this.config);
        this.options.onStatusChanged?.();
      }
    } catch (error) {
      this.#setProblem(describeProblem(error, running.folder));
      throw error;
    }
  }

  /** Brings one document in the store to what the merge shows. Returns whether the store changed. */
  async #reconcile(running: Running, documentId: string): Promise<boolean> {
    const store = await this.options.store();
    const view = running.merged.view(documentId);
    const listed = store.state().documents.some(({ id }) => id === documentId);
    if (!view) {
      if (!listed || !running.merged.isDeleted(documentId)) return false;
      // Deleted on another device: to this device's trash, where it can still be restored.
      await store.trashDocument(documentId);
      return true;
    }
    let stored: StoredDocumentContent;
    if (!listed) {
      const body = await running.reader.blob(view.content.body);
      const assets = await Promise.all(
        view.content.assets.map(async ({ name, hash }) => ({ name, bytes: await running.reader.blob(hash) })),
      );
      if (body === null || assets.some(({ bytes }) => bytes === null)) {
        this.#waiting.add(documentId);
        return false;
      }
      const { id, title, author, date, source, addedAt } = view;
      // Revision 1, so that a highlight made on an older text can be told apart (revision 0) until the reader places it.
      await store.addDocument(
        { id, title, author, date, source, addedAt, revision: 1, ...textLanguage(view.content) },
        body.toString('utf8'),
        assets.map(({ name, bytes }) => ({ name, bytes: bytes! })),
      );
      stored = await store.readDocument(documentId);
    } else stored = await store.readDocument(documentId);

    let changed = !listed;
    const { summary } = stored;
    if (summary.title !== view.title || summary.author !== view.author || summary.date !== view.date) {
      await store.editMetadata(documentId, { title: view.title, author: view.author, date: view.date });
      changed = true;
    }
    if (contentHash(stored.markdown) !== view.content.body) {
      const body = await running.reader.blob(view.content.body);
      // The new text has not arrived: its highlights are placed in it once it has (the next pass).
      if (body === null) {
        this.#waiting.add(documentId);
        return changed;
      }
      await store.saveDocumentBody(documentId, body.toString('utf8'), stored.revision);
      changed = true;
      stored = await store.readDocument(documentId);
    }
    if (stored.lang !== view.content.lang || stored.dir !== view.content.dir || stored.writingMode !== view.content.writingMode) {
      await store.setTextLanguage(documentId, view.content);
      changed = true;
    }
    changed = (await this.#reconcileHighlights(store, stored, view)) || changed;
    if ((stored.documentNote?.text ?? '') !== view.note) {
      await store.setDocumentNote(documentId, view.note);
      changed = true;
    }
    if (view.position && !samePosition(stored.readingPosition, view.position)) {
      await store.saveReadingPosition(documentId, view.position);
      changed = true;
    }
    return changed;
  }

  async #reconcileHighlights(store: LibraryStore, stored: StoredDocumentContent, view: DocumentView): Promise<boolean> {
    const body = contentHash(stored.markdown);
    let text: string | null = null;
    const storedById = new Map(stored.highlights.map((highlight) => [highlight.id, highlight]));
    const puts: Highlight[] = [];
    for (const wanted of view.highlights) {
      let anchor: Pick<Highlight, 'quote' | 'position' | 'revision'> = {
        quote: wanted.anchor.quote,
        position: wanted.anchor.position,
        revision: stored.revision,
      };
      if (wanted.anchor.body !== body) {
        // Made on another text (an edit this device has not seen, or has already applied): placed again here, as the reader would.
        text ??= renderedText(stored.markdown);
        const found = anchorSelectors(text, anchor);
        // Not found: kept where it was, on the revision before, which lists it under "Could not be placed".
        anchor = found
          ? { ...describeTextRange(text, found.start, found.end), revision: stored.revision }
          : { ...anchor, revision: Math.max(0, stored.revision - 1) };
      }
      const highlight: Highlight = {
        id: wanted.id,
        ...anchor,
        color: wanted.color,
        tags: wanted.tags,
        note: wanted.note,
        createdAt: wanted.createdAt,
        updatedAt: new Date(parseHlc(wanted.updatedAt).ms).toISOString(),
      };
      const current = storedById.get(wanted.id);
      if (!current || !sameHighlight(current, highlight)) puts.push(highlight);
    }
    if (puts.length > 0) await store.putHighlights(stored.summary.id, puts);
    const shown = new Set(view.highlights.map(({ id }) => id));
    const gone = stored.highlights.filter(({ id }) => !shown.has(id));
    for (const { id } of gone) await store.deleteHighlight(stored.summary.id, id);
    return puts.length > 0 || gone.length > 0;
  }

  #setProblem(problem: string): void {
    if (this.#problem === problem) return;
    this.#problem = problem;
    this.options.onStatusChanged?.();
  }

  #clearProblem(): void {
    if (this.#problem === null) return;
    this.#problem = null;
    this.options.onStatusChanged?.();
  }
}

/** A problem in what the folder holds, in one sentence, or null. */
function folderProblem(read: ReadResult): string | null {
  const unreadable = read.unreadable.reduce((sum, { lines }) => sum + lines, 0);
  if (unreadable > 0) {
    return (
      `${unreadable} line${unreadable === 1 ? '' : 's'} in ${read.unreadable.map(({ file }) => file).join(', ')} could not be read ` +
      '(damaged, or written by a newer Gloss) and were skipped.'
    );
  }
  if (read.conflictCopies.length > 0) {
    return `The sync engine made conflict copies (${read.conflictCopies.join(', ')}); Gloss merged them, and they can be deleted.`;
  }
  return null;
}

/** What the merged folder holds, for `gloss sync status`. */
export interface FolderSummary {
  status: LibrarySyncStatus;
  changes: number;
  documents: number;
  highlights: number;
}

/**
 * The sync status read from the data folder and the sync folder without
 * writing anything (the command line may run beside the app): the devices
 * and their changes, what merging them gives, and any problem.
 */
export async function readLibrarySyncStatus(dataDir: string): Promise<FolderSummary> {
  const text = await readTextIfExists(dataLayout(dataDir).librarySync);
  const config = text === null ? null : configSchema.safeParse(parseJsonOrNull(text)).data;
  const status: LibrarySyncStatus = {
    folder: config?.folder ?? null,
    deviceId: config?.deviceId ?? '',
    lastSyncedAt: config?.lastSyncedAt ?? null,
    devices: [],
    lastMerge: null,
    problem: null,
    lastChanged: null,
    sharesSettings: config?.sharesSettings ?? false,
  };
  const summary: FolderSummary = { status, changes: 0, documents: 0, highlights: 0 };
  if (status.folder === null) return summary;
  if (!(await stat(join(status.folder, syncFolderName)).catch(() => null))) {
    status.problem = `The sync folder ${status.folder} is missing (moved, or a drive not mounted).`;
    return summary;
  }
  const reader = new SyncFolderReader(status.folder);
  const read = await reader.read();
  const merged = new MergedLibrary();
  for (const op of read.ops) merged.apply(op);
  const library = merged.snapshot();
  status.devices = reader.devices().map((device) => ({ ...device, thisDevice: device.deviceId === status.deviceId }));
  status.problem = folderProblem(read);
  return {
    status,
    changes: merged.size,
    documents: library.length,
    highlights: library.reduce((sum, document) => sum + document.highlights.length, 0),
  };
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function findHighlight(view: DocumentView, id: string): DocumentView['highlights'][number] | undefined {
  return view.highlights.find((highlight) => highlight.id === id);
}

function sameHighlight(a: Highlight, b: Highlight): boolean {
  const { updatedAt: _a, ...left } = a;
  const { updatedAt: _b, ...right } = b;
  return JSON.stringify(left, Object.keys(left).sort()) === JSON.stringify(right, Object.keys(right).sort());
}

async function readAssets(folder: string): Promise<{ name: string; bytes: Buffer }[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  return Promise.all(names.sort().map(async (name) => ({ name, bytes: await readFile(join(folder, name)) })));
}

async function readConfig(dataDir: string): Promise<SyncConfig> {
  const text = await readTextIfExists(dataLayout(dataDir).librarySync);
  if (text !== null) {
    try {
      return configSchema.parse(JSON.parse(text));
    } catch {
      // A damaged file loses nothing but the folder's name: this device then shows up as a new one in the folder.
    }
  }
  const config: SyncConfig = {
    schemaVersion: 1,
    deviceId: randomUUID().replaceAll('-', ''),
    folder: null,
    lastSyncedAt: null,
    sharesSettings: false,
  };
  return config;
}

async function writeConfig(dataDir: string, config: SyncConfig): Promise<void> {
  await writeFileDurably(dataLayout(dataDir).librarySync, `${JSON.stringify(config, null, 2)}\n`);
}

/** One sentence for the status line. */
function describeProblem(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT')
    return `The disk holding ${folder} is full; changes are kept here and written when there is room.`;
  if (code === 'ENOENT') return `The sync folder ${folder} is missing (moved, or a drive not mounted).`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return `Gloss may not write in ${folder}.`;
  if (error instanceof GlossError) return error.message;
  return `Library sync failed: ${error instanceof Error ? error.message : String(error)}`;
}

export type { DocumentContent };
