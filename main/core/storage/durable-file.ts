import { randomUUID } from 'node:crypto';
import { readFile as readFileThenCall } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Adapter } from 'lowdb';
import { asStorageWriteError, CorruptFileError } from '../errors';

/**
 * Replaces `filePath` so that after a crash or power loss it holds either the
 * old or the new content in full: write a temporary file beside it, fsync it,
 * rename it over the target, then fsync the folder so the rename itself is on
 * disk. (steno, lowdb's own writer, renames but never fsyncs.)
 */
export async function writeFileDurably(filePath: string, content: string | Uint8Array, options: ReplaceOptions = {}): Promise<void> {
  try {
    await replaceFile(filePath, content, options);
  } catch (error) {
    // A full or read-only disk becomes a typed error the page can explain and retry; the target is untouched.
    throw asStorageWriteError(error, filePath);
  }
}

export interface ReplaceOptions {
  /**
   * The caller fsyncs the folder itself once its batch of files is written
   * (syncFolder): each file is still whole, old or new, after a crash, and the
   * batch is on disk before the caller reports it done. One folder fsync per
   * file was half of a 10,000-file export's writing time.
   */
  folderSyncedByCaller?: boolean;
}

async function replaceFile(filePath: string, content: string | Uint8Array, options: ReplaceOptions): Promise<void> {
  const folder = dirname(filePath);
  const temporary = join(folder, `.${basename(filePath)}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, filePath);
  } catch (error) {
    // A full disk or a failed rename must not leave half-written temporaries
    // behind; if even that fails (a read-only disk), the first error is the one to report.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  if (!options.folderSyncedByCaller) await syncFolder(folder);
}

/**
 * Writes files into a new folder that nothing refers to yet, each fsynced,
 * then the folder once. No temporary and rename: until a later step names
 * the folder (see LibraryStore.importMarkdown), a crash leaves it unlisted
 * and it is set aside whole, so a half-written file there is never read.
 */
export async function writeNewFilesDurably(folder: string, files: readonly { name: string; bytes: Uint8Array }[]): Promise<void> {
  for (const { name, bytes } of files) {
    // 'wx': never overwrites, so two files with one name are an error, not a silent loss.
    const handle = await open(join(folder, name), 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  await syncFolder(folder);
}

/** Makes a folder's entries (a new file or subfolder, a rename) durable. */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open or fsync a directory; the rename is as durable as that OS allows.
    if (!isFolderSyncUnsupported(error)) throw error;
  } finally {
    await handle?.close();
  }
}

function isFolderSyncUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'EPERM' || code === 'EISDIR' || code === 'EINVAL';
}

/** The name writeFileDurably gives its temporary files. */
const temporaryName = /^\..+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/**
 * Deletes temporary files that a killed writer left in `folder`: they were
 * never renamed into place, so they hold nothing the data files lack. Safe
 * only for the folder's one writer (the holder of the data lock).
 */
export async function removeLeftoverTemporaries(folder: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const leftovers = names.filter((name) => temporaryName.test(name));
  await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true })));
  return leftovers.length;
}

/**
 * fs.readFile, awaited: fs/promises' readFile makes a round trip to the
 * thread pool for each of open, stat, read and close, and read 10,000 small
 * document files in 650 ms where this takes 330 ms (a library's export and
 * launch read every one).
 */
const readWholeFile = promisify(readFileThenCall);

/** Reads a file as UTF-8, or null when it does not exist. */
export async function readTextIfExists(filePath: string): Promise<string | null> {
  try {
    return await readWholeFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Parses JSON text, naming the file when it is not JSON at all. */
export function parseJsonFile(filePath: string, text: string): unknown {
  if (text.trim() === '') throw new CorruptFileError(filePath, 'the file is empty');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CorruptFileError(filePath, `it is not valid JSON (${(error as Error).message})`, { cause: error });
  }
}

interface QueuedWrite {
  content: string;
  done: Promise<void>;
}

/**
 * A lowdb adapter over one JSON file with durable writes. Writes run one at a
 * time; a write asked for while another is running replaces any write still
 * waiting, because each one carries the whole latest state anyway.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  #running: Promise<void> = Promise.resolve();
  #waiting: QueuedWrite | null = null;

  /** `decode` turns the parsed JSON into `T` or throws (see `migrations.ts`). */
  constructor(
    readonly filePath: string,
    private readonly decode: (json: unknown) => T,
  ) {}

  /** The file's data, null when the file does not exist; throws `CorruptFileError` or `NewerSchemaError`. */
  async read(): Promise<T | null> {
    const text = await readTextIfExists(this.filePath);
    return text === null ? null : this.decode(parseJsonFile(this.filePath, text));
  }

  write(data: T): Promise<void> {
    const content = `${JSON.stringify(data, null, 2)}\n`;
    if (this.#waiting) {
      this.#waiting.content = content;
      return this.#waiting.done;
    }
    const queued: QueuedWrite = { content, done: Promise.resolve() };
    queued.done = this.#running.then(() => {
      this.#waiting = null;
      return writeFileDurably(this.filePath, queued.content);
    });
    this.#waiting = queued;
    // A failed write must not block the ones after it; its caller sees the failure.
    this.#running = queued.done.catch(() => undefined);
    return queued.done;
  }

  /** Resolves once every write asked for so far is on disk. */
  async flush(): Promise<void> {
    await this.#running;
  }
}
