import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { GlossError } from '../errors';
import { dataLayout } from './layout';

interface LockOwner {
  pid: number;
  host: string;
  /** Who holds it, for the message another process shows ("the Gloss app", "gloss import"). */
  holder: string;
  since: string;
}

export interface DataLock {
  release(): Promise<void>;
  /** The lock was left by a process that is gone: the last session did not close (a crash, a kill). */
  tookOver: boolean;
}

/**
 * Makes this process the only writer of a data folder. lowdb's own locking
 * works within one process only; a second writer (the CLI while the app runs)
 * would interleave whole-file writes and lose changes. The lock is a file
 * created exclusively; one left by a process that no longer runs (a crash) is
 * taken over.
 */
export async function acquireDataLock(dataDir: string, holder: string): Promise<DataLock> {
  const lockPath = dataLayout(dataDir).lock;
  const owner: LockOwner = { pid: process.pid, host: hostname(), holder, since: new Date().toISOString() };
  let tookOver = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      try {
        await handle.writeFile(JSON.stringify(owner));
      } finally {
        await handle.close();
      }
      return { release: () => rm(lockPath, { force: true }), tookOver };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const current = await readOwner(lockPath);
      if (current && isAlive(current)) {
        throw new GlossError('conflict', `${current.holder} (process ${current.pid}) is using this data folder; close it and try again.`);
      }
      // Left behind by a process that is gone: take it over.
      await rm(lockPath, { force: true });
      tookOver = true;
    }
  }
  throw new GlossError('conflict', `Could not lock ${dataDir}: another process keeps taking the lock.`);
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  try {
    const owner = JSON.parse(await readFile(lockPath, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number'
      ? { pid: owner.pid, host: owner.host ?? '', holder: owner.holder ?? 'Another Gloss process', since: owner.since ?? '' }
      : null;
  } catch {
    // Unreadable or half-written: treat like a lock whose owner is gone.
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another machine (a synced folder) cannot be checked: respect it.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
