import { join } from 'node:path';
import { z } from 'zod';
import type { VaultConflict, VaultSyncStatus } from '../../../common/contract';
import { CorruptFileError, GlossError } from '../errors';
import { toMarkdown } from '../export/markdown';
import type { ExportDocument } from '../export/types';
import { DurableJsonFile, readTextIfExists, writeFileDurably } from '../storage/durable-file';
import { orphanIds } from '../storage/library-reader';
import type { StoredDocumentContent } from '../storage/library-store';
import { dataLayout } from '../storage/layout';
import { upgrade, type FileFormat } from '../storage/migrations';
import { documentIdSchema } from '../storage/schema';
import { setAside } from '../storage/set-aside';
import { mergeVaultFile, sameButForExportTime, vaultFileName } from './vault-file';

/**
 * vault-sync.json, beside library.json: a file of its own, so turning sync on
 * or off never rewrites the library index (and its format stays version 1).
 * `fileNames` remembers each document's file once written, so the name stays
 * the same (and unique) even if another document later takes a similar title.
 */
const settingsSchema = z.object({
  schemaVersion: z.literal(1),
  folder: z.string().min(1).nullable(),
  // A name straight in the folder: `../outside/x.md` in a hand-edited or synced settings file was written outside it.
  fileNames: z.record(
    documentIdSchema,
    z
      .string()
      .min(1)
      .max(255)
      .refine((name) => !/[/\\\u0000-\u001f]/.test(name) && name !== '.' && name !== '..', 'not a plain file name'),
  ),
});
type SyncSettings = z.infer<typeof settingsSchema>;

const settingsFormat: FileFormat<SyncSettings> = { currentVersion: 1, migrations: {}, schema: settingsSchema };

/** Tries at merging into a file the user keeps changing before this update is left for the next change. */
const maxMergeAttempts = 3;

/** Edits usually come in bursts (typing a note); one write per burst and document is enough. */
const defaultDebounceMs = 500;
/** At most this many new files' names wait to be written to the settings. */
const namesSavedAtMost = 500;
const statusIntervalMs = 250;

export interface VaultSyncOptions {
  dataDir: string;
  /** The document as the store has it now (including changes still being written). */
  readDocument(documentId: string): Promise<StoredDocumentContent>;
  documentIds(): string[];
  appVersion: string;
  /** Told the new status whenever it changes, so the page can show it. */
  onChange(status: VaultSyncStatus): void;
  now?: () => Date;
  debounceMs?: number;
}

/**
 * Keeps one Markdown file per document in a folder the user chose, updated
 * after each change (debounced, in the background: a save never waits for
 * it). Only the region between Gloss's markers is Gloss's; a file Gloss did
 * not write is never touched (see vault-file.ts), it is reported as a conflict.
 */
export class VaultSync {
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #lastSyncedAt: string | null = null;
  #error: string | null = null;
  readonly #conflicts = new Map<string, VaultConflict>();
  readonly #now: () => Date;
  /** The file names taken, in lower case (vaultFileName); made when first needed, dropped when the settings are replaced. */
  #takenNames: Set<string> | null = null;
  /** New files named since the settings were last written. */
  #unsavedNames = 0;
  #lastStatusAt = 0;

  private constructor(
    private readonly options: VaultSyncOptions,
    private settings: SyncSettings,
    private readonly file: DurableJsonFile<SyncSettings>,
    /** Set when the settings file is from a newer Gloss: it is neither used nor rewritten. */
    private readonly refusal: string | null,
  ) {
    this.#now = options.now ?? (() => new Date());
    this.#error = refusal;
  }

  /** Reads the settings; a damaged file is set aside (sync is then off, and the status says why). */
  static async open(options: VaultSyncOptions): Promise<VaultSync> {
    const path = dataLayout(options.dataDir).vaultSync;
    const file = new DurableJsonFile(path, (json) => upgrade(json, settingsFormat, path).data);
    let settings: SyncSettings = { schemaVersion: 1, folder: null, fileNames: {} };
    let problem: string | null = null;
    let refusal: string | null = null;
    try {
      settings = (await file.read()) ?? settings;
    } catch (error) {
      if (error instanceof CorruptFileError) {
        await setAside(path, options.now?.() ?? new Date());
        problem = `The folder sync settings were damaged (${error.reason}) and were kept aside; choose the folder again.`;
      } else if (error instanceof GlossError) refusal = error.message;
      else throw error;
    }
    const sync = new VaultSync(options, settings, file, refusal);
    sync.#error ??= problem;
    // Changes made while the app was closed (gloss import) reach the folder too.
    if (settings.folder) sync.#syncAll();
    return sync;
  }

  status(): VaultSyncStatus {
    const { folder, fileNames } = this.settings;
    const state = !folder ? 'off' : this.#pending > 0 ? 'syncing' : this.#error || this.#conflicts.size > 0 ? 'error' : 'synced';
    const ids = new Set(this.options.documentIds());
    return {
      folder,
      state,
      lastSyncedAt: this.#lastSyncedAt,
      fileCount: Object.keys(fileNames).filter((id) => ids.has(id) && !this.#conflicts.has(id)).length,
      conflicts: [...this.#conflicts.values()],
      error: this.#error,
    };
  }

  /** Syncs into `folder` from now on, writing every document's file now. */
  async start(folder: string): Promise<VaultSyncStatus> {
    this.#refuseIfNewer();
    // Another folder: the names chosen for the old one do not apply.
    const fileNames = folder === this.settings.folder ? this.settings.fileNames : {};
    await this.#save({ ...this.settings, folder, fileNames });
    this.#conflicts.clear();
    this.#error = null;
    this.#syncAll();
    await this.flush();
    return this.status();
  }

  async stop(): Promise<VaultSyncStatus> {
    this.#refuseIfNewer();
    // Scheduled writes that will now never run no longer count as pending.
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#pending -= this.#timers.size;
    this.#timers.clear();
    await this.#chain;
    await this.#save({ schemaVersion: 1, folder: null, fileNames: {} });
    this.#conflicts.clear();
    this.#error = null;
    this.#lastSyncedAt = null;
    this.options.onChange(this.status());
    return this.status();
  }

  /** The user agreed to the conflict's alternative name: the document is written there from now on. */
  async resolveConflict(documentId: string): Promise<VaultSyncStatus> {
    const conflict = this.#conflicts.get(documentId);
    if (!conflict) throw new GlossError('not-found', 'That file conflict is already resolved.');
    await this.#save({ ...this.settings, fileNames: { ...this.settings.fileNames, [documentId]: conflict.alternativeName } });
    this.#conflicts.delete(documentId);
    this.#schedule(documentId, 0);
    await this.flush();
    return this.status();
  }

  /** A document changed: its file is brought up to date shortly, in the background. */
  documentChanged(documentId: string): void {
    if (this.settings.folder) this.#schedule(documentId, this.options.debounceMs ?? defaultDebounceMs);
  }

  /** Writes every scheduled change now and resolves when all are done (closing, tests). */
  async flush(): Promise<void> {
    for (const [documentId, timer] of [...this.#timers]) {
      clearTimeout(timer);
      this.#timers.delete(documentId);
      this.#enqueue(documentId);
    }
    await this.#chain;
  }

  #refuseIfNewer(): void {
    if (this.refusal) throw new GlossError('storage', this.refusal);
  }

  async #save(settings: SyncSettings): Promise<void> {
    this.settings = settings;
    this.#takenNames = null;
    this.#unsavedNames = 0;
    await this.file.write(settings);
  }

  #syncAll(): void {
    for (const documentId of this.options.documentIds()) this.#schedule(documentId, 0);
  }

  #schedule(documentId: string, delayMs: number): void {
    const existing = this.#timers.get(documentId);
    if (existing) clearTimeout(existing);
    else this.#pending++;
    this.#timers.set(
      documentId,
      setTimeout(() => {
        this.#timers.delete(documentId);
        this.#enqueue(documentId);
      }, delayMs),
    );
    if (!existing && this.#pending === 1) this.#reportStatus();
  }

  /** The status, to the page: when the queue empties, and at most every 250 ms while it runs (each status counts every file). */
  #reportStatus(): void {
    const now = Date.now();
    if (this.#pending > 1 && now - this.#lastStatusAt < statusIntervalMs) return;
    this.#lastStatusAt = now;
    this.options.onChange(this.status());
  }

  /** One write at a time: two updates of one file must not interleave their read and write. */
  #enqueue(documentId: string): void {
    this.#chain = this.#chain.then(async () => {
      try {
        await this.#syncDocument(documentId);
        // The names given to new files are written when the queue is done (or every few hundred), not after each
        // file: the settings hold every name, and writing them 10,000 times made a first sync quadratic. A name
        // lost in a crash is given again, the same, next time (vaultFileName), and finds its file.
        if (this.#unsavedNames > 0 && (this.#pending === 1 || this.#unsavedNames >= namesSavedAtMost)) await this.#save(this.settings);
        this.#error = null;
        this.#lastSyncedAt = this.#now().toISOString();
      } catch (error) {
        this.#error = `The sync folder could not be updated: ${(error as Error).message}`;
      } finally {
        this.#pending--;
        this.#reportStatus();
      }
    });
  }

  async #syncDocument(documentId: string): Promise<void> {
    const folder = this.settings.folder;
    if (!folder) return;
    let stored: StoredDocumentContent;
    try {
      stored = await this.options.readDocument(documentId);
    } catch (error) {
      // Deleted from the library meanwhile: nothing to write.
      if (error instanceof GlossError && error.code === 'not-found') return;
      throw error;
    }
    const exportDocument: ExportDocument = {
      document: stored.summary,
      documentNote: stored.documentNote,
      highlights: stored.highlights,
      orphanIds: orphanIds(stored),
    };
    const fileName = this.#fileName(exportDocument);
    const path = join(folder, fileName);
    // The user may be editing the file right now: if it changes between the read and the write, merge again with their latest text.
    for (let attempt = 1; !(await this.#writeMerged(documentId, exportDocument, path, fileName, await readTextIfExists(path))); attempt++) {
      if (attempt === maxMergeAttempts)
        throw new Error(`${fileName} kept changing while Gloss updated it; it is updated again after your next change in Gloss.`);
    }
    if (this.settings.fileNames[documentId] !== fileName && !this.#conflicts.has(documentId)) {
      this.settings.fileNames[documentId] = fileName;
      this.#takenNames?.add(fileName.toLowerCase());
      this.#unsavedNames++;
    }
  }

  /** Writes the merge of `existing`; false when the file changed meanwhile and nothing was written. */
  async #writeMerged(
    documentId: string,
    exportDocument: ExportDocument,
    path: string,
    fileName: string,
    existing: string | null,
  ): Promise<boolean> {
    const exported = toMarkdown(exportDocument, { exportedAt: this.#now(), appVersion: this.options.appVersion });
    const merged = mergeVaultFile(existing, documentId, exported, fileName);
    if (!merged.ok) {
      this.#conflicts.set(documentId, {
        documentId,
        title: exportDocument.document.title,
        fileName,
        message: merged.message,
        alternativeName: fileName.replace(/\.md$/, ' (Gloss).md'),
      });
      return true;
    }
    this.#conflicts.delete(documentId);
    if (sameButForExportTime(existing, merged.text)) return true;
    if ((await readTextIfExists(path)) !== existing) return false;
    await writeFileDurably(path, merged.text);
    return true;
  }

  /** The name the document's file already has, else a new one no other document's file has. */
  #fileName(doc: ExportDocument): string {
    const { fileNames } = this.settings;
    this.#takenNames ??= new Set(Object.values(fileNames).map((name) => name.toLowerCase()));
    return fileNames[doc.document.id] ?? vaultFileName(doc, this.#takenNames);
  }
}
