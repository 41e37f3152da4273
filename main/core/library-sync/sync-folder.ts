import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { syncFolder, writeFileDurably } from '../storage/durable-file';
import { deviceIdPattern } from './hlc';
import { type Op, opSchema } from './ops';

/**
 * The sync folder's layout. The engine (Syncthing, Dropbox, …) copies it
 * between machines; every file in it has exactly one writer, so the engine
 * never has to choose between two versions of a file:
 *
 *   gloss-sync/devices/<device id>/device.json     the device's name, written once
 *   gloss-sync/devices/<device id>/ops-<n>.jsonl   its changes, one JSON line each, only ever appended to
 *   gloss-sync/devices/<device id>/blobs/<sha256>  document texts and images, named by their content, never rewritten
 *
 * A device starts a new log segment each time it opens the folder (so it never
 * appends after a line a crash cut short) and when one grows past
 * `segmentLimit`. A line counts once it ends in a newline and parses: a file
 * the engine is still bringing in is read up to its last whole line, and the
 * rest is read when it has arrived. Copies an engine made of a file it thought
 * conflicted (`ops-1.sync-conflict-….jsonl`, `ops-1 (… conflicted copy ….jsonl`)
 * still start with `ops-` and end in `.jsonl`, so they are read too; their
 * changes are mostly ones already seen, and each change is merged once.
 */
export const syncFolderName = 'gloss-sync';
const devicesFolderName = 'devices';
const blobsFolderName = 'blobs';
const deviceFileName = 'device.json';
const segmentLimit = 8 * 1024 * 1024;
const logFilePattern = /^ops-.*\.jsonl$/;
/** The names engines give to the copies they keep of a file changed on two machines at once. */
const conflictCopyPattern = /sync-conflict|conflicted copy|\bconflict\b/i;

export function contentHash(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function devicesFolder(root: string): string {
  return join(root, syncFolderName, devicesFolderName);
}

/** This device's own part of the sync folder: the only files it writes there. */
export class DeviceFolder {
  #segment: { path: string; size: number } | null = null;
  #nextSegment = 1;
  #appending: Promise<void> = Promise.resolve();

  private constructor(readonly folder: string) {}

  static async open(root: string, deviceId: string, deviceName: string): Promise<DeviceFolder> {
    if (!deviceIdPattern.test(deviceId)) throw new Error(`Not a valid device id: ${deviceId}`);
    const folder = join(devicesFolder(root), deviceId);
    await mkdir(join(folder, blobsFolderName), { recursive: true });
    const device = new DeviceFolder(folder);
    const numbers = (await readdir(folder)).flatMap((name) => /^ops-(\d+)\.jsonl$/.exec(name)?.[1] ?? []).map(Number);
    device.#nextSegment = Math.max(0, ...numbers) + 1;
    const deviceFile = join(folder, deviceFileName);
    const existing = await readFile(deviceFile, 'utf8').catch(() => null);
    if (existing === null) await writeFileDurably(deviceFile, `${JSON.stringify({ deviceId, name: deviceName }, null, 2)}\n`);
    return device;
  }

  /**
   * Appends changes to this device's log and fsyncs it: once this resolves
   * they survive a crash. Appends run one after another, in call order.
   */
  append(ops: readonly Op[]): Promise<void> {
    if (ops.length === 0) return this.#appending;
    const text = ops.map((op) => `${JSON.stringify(op)}\n`).join('');
    const appended = this.#appending.then(() => this.#write(text));
    this.#appending = appended.catch(() => undefined);
    return appended;
  }

  /** Resolves once every append asked for so far has finished. */
  flush(): Promise<void> {
    return this.#appending;
  }

  async #write(text: string): Promise<void> {
    if (!this.#segment || this.#segment.size >= segmentLimit) {
      this.#segment = { path: join(this.folder, `ops-${String(this.#nextSegment++).padStart(6, '0')}.jsonl`), size: 0 };
    }
    const isNew = this.#segment.size === 0;
    const handle = await open(this.#segment.path, 'a');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (isNew) await syncFolder(this.folder);
    this.#segment.size += Buffer.byteLength(text);
  }

  /** Stores a document text or image under its hash (once; the same content is the same file). Returns the hash. */
  async putBlob(bytes: string | Uint8Array): Promise<string> {
    const hash = contentHash(bytes);
    const path = join(this.folder, blobsFolderName, hash);
    const present = await stat(path).then(
      () => true,
      () => false,
    );
    if (!present) await writeFileDurably(path, bytes);
    return hash;
  }
}

export interface DeviceSeen {
  deviceId: string;
  name: string | null;
  /** Changes read from its logs so far (duplicates included). */
  changes: number;
}

export interface ReadResult {
  ops: Op[];
  /** Whole lines that are not a change Gloss understands (damaged, or from a newer Gloss), by file. */
  unreadable: { file: string; lines: number }[];
  /** Engine conflict copies among the logs (read and merged like the others). */
  conflictCopies: string[];
}

interface FileCursor {
  inode: number;
  offset: number;
}

/**
 * Reads every device's logs, each file from where the last read stopped.
 * Holds nothing but positions: reading a file again from the start (after
 * the engine replaced it) only yields changes the merge already has.
 */
export class SyncFolderReader {
  readonly #cursors = new Map<string, FileCursor>();
  readonly #devices = new Map<string, DeviceSeen>();

  constructor(readonly root: string) {}

  devices(): DeviceSeen[] {
    return [...this.#devices.values()].map((device) => ({ ...device }));
  }

  async read(): Promise<ReadResult> {
    const result: ReadResult = { ops: [], unreadable: [], conflictCopies: [] };
    const root = devicesFolder(this.root);
    for (const deviceId of await readdir(root).catch(() => [] as string[])) {
      if (!deviceIdPattern.test(deviceId)) continue;
      const folder = join(root, deviceId);
      const names = await readdir(folder).catch(() => [] as string[]);
      const device = this.#device(deviceId);
      if (device.name === null && names.includes(deviceFileName)) device.name = await readDeviceName(join(folder, deviceFileName));
      for (const name of names.filter((candidate) => logFilePattern.test(candidate)).sort()) {
        if (conflictCopyPattern.test(name)) result.conflictCopies.push(`${deviceId}/${name}`);
        const { ops, unreadable } = await this.#readNew(join(folder, name));
        device.changes += ops.length;
        result.ops.push(...ops);
        if (unreadable > 0) result.unreadable.push({ file: `${deviceId}/${name}`, lines: unreadable });
      }
    }
    return result;
  }

  /** A blob's bytes, from whichever device wrote it; null while none holds it whole (not arrived, or still arriving). */
  async blob(hash: string): Promise<Buffer | null> {
    const root = devicesFolder(this.root);
    for (const deviceId of await readdir(root).catch(() => [] as string[])) {
      const bytes = await readFile(join(root, deviceId, blobsFolderName, hash)).catch(() => null);
      if (bytes && contentHash(bytes) === hash) return bytes;
    }
    return null;
  }

  #device(deviceId: string): DeviceSeen {
    let device = this.#devices.get(deviceId);
    if (!device) {
      device = { deviceId, name: null, changes: 0 };
      this.#devices.set(deviceId, device);
    }
    return device;
  }

  async #readNew(path: string): Promise<{ ops: Op[]; unreadable: number }> {
    const info = await stat(path).catch(() => null);
    if (!info) return { ops: [], unreadable: 0 };
    let cursor = this.#cursors.get(path);
    // A file replaced (a new inode) or shorter than what was read is read again from its start.
    if (!cursor || cursor.inode !== info.ino || info.size < cursor.offset) cursor = { inode: info.ino, offset: 0 };
    if (info.size === cursor.offset) {
      this.#cursors.set(path, cursor);
      return { ops: [], unreadable: 0 };
    }
    const handle = await open(path, 'r');
    let bytes: Buffer;
    try {
      bytes = Buffer.alloc(info.size - cursor.offset);
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, cursor.offset);
      bytes = bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    // Only whole lines: the rest is still arriving, and is read next time from here.
    const end = bytes.lastIndexOf(0x0a) + 1;
    const parsed = parseLines(bytes.subarray(0, end).toString('utf8'));
    this.#cursors.set(path, { inode: cursor.inode, offset: cursor.offset + end });
    return parsed;
  }
}

/** Parses whole log lines; a line that is not a valid change is counted and skipped, never guessed at. */
export function parseLines(text: string): { ops: Op[]; unreadable: number } {
  const ops: Op[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      unreadable++;
      continue;
    }
    const checked = opSchema.safeParse(json);
    if (checked.success) ops.push(checked.data);
    else unreadable++;
  }
  return { ops, unreadable };
}

async function readDeviceName(path: string): Promise<string | null> {
  try {
    const json = JSON.parse(await readFile(path, 'utf8')) as { name?: unknown };
    return typeof json.name === 'string' ? json.name.slice(0, 200) : null;
  } catch {
    // Still arriving, or damaged: the id names the device meanwhile.
    return null;
  }
}
