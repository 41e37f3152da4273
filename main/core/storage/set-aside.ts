import { link, unlink } from 'node:fs/promises';

/** A filesystem-safe timestamp, e.g. `2026-11-28T09-30-00-000Z`. */
export function fileStamp(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

/**
 * Moves a damaged file out of the way, untouched, so that nothing overwrites it
 * and the user (or support) can still recover from it. Returns its new path.
 */
export async function setAside(filePath: string, time: Date): Promise<string> {
  const base = `${filePath}.corrupt-${fileStamp(time)}`;
  for (let attempt = 1; ; attempt++) {
    const asidePath = attempt === 1 ? base : `${base}-${attempt}`;
    try {
      // link() fails if the name is taken, so an earlier damaged copy is never overwritten.
      await link(filePath, asidePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await unlink(filePath);
    return asidePath;
  }
}
