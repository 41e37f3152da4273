import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { removeLeftoverTemporaries, writeFileDurably } from './durable-file';
import { fileStamp } from './set-aside';

/** How many copies of each file are kept; older ones are deleted. */
export const backupsKept = 5;

/**
 * Rotating copies of one data file, newest last by name (names are timestamps).
 * A copy is taken when a file is loaded and differs from the newest copy, so a
 * file damaged later can be restored to the state it had at the last launch.
 */
export class BackupShelf {
  constructor(readonly folder: string) {}

  async keep(content: string, time: Date): Promise<void> {
    const names = await this.names();
    const newest = names.at(-1);
    if (newest && (await readFile(join(this.folder, newest), 'utf8')) === content) return;
    await mkdir(this.folder, { recursive: true });
    await removeLeftoverTemporaries(this.folder);
    // The sequence number keeps names unique and in order even within one millisecond.
    const sequence = String(names.length > 0 ? sequenceOf(names.at(-1)!) + 1 : 0).padStart(6, '0');
    await writeFileDurably(join(this.folder, `${fileStamp(time)}_${sequence}.json`), content);
    const kept = await this.names();
    await Promise.all(kept.slice(0, Math.max(0, kept.length - backupsKept)).map((name) => rm(join(this.folder, name), { force: true })));
  }

  /** Backup file names, oldest first (names start with the time they were taken). */
  async names(): Promise<string[]> {
    try {
      return (await readdir(this.folder)).filter((name) => name.endsWith('.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** The newest backup that `decode` accepts, with the time it was taken, or null. */
  async newestValid<T>(decode: (text: string) => T): Promise<{ data: T; takenAt: string } | null> {
    for (const name of (await this.names()).reverse()) {
      try {
        const data = decode(await readFile(join(this.folder, name), 'utf8'));
        return { data, takenAt: stampToIso(name.replace(/_\d+\.json$/, '')) };
      } catch {
        // A damaged backup is skipped in favour of an older one.
      }
    }
    return null;
  }
}

function sequenceOf(name: string): number {
  return Number(/_(\d+)\.json$/.exec(name)?.[1] ?? 0);
}

function stampToIso(stamp: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/.exec(stamp);
  return match ? `${match[1]}:${match[2]}:${match[3]}.${match[4]}Z` : stamp;
}
