import { rename } from 'node:fs/promises';

/** A filesystem-safe timestamp, e.g. `2026-11-28T09-30-00-000Z`. */
export function fileStamp(time: Date): string {
  return time.toISOString().replace(/[:.]/g, '-');
}

/**
 * Moves a damaged file out of the way, untouched, so that nothing overwrites it
 * and the user (or support) can still recover from it. Returns its new path.
 */
export async function setAside(filePath: string, time: Date): Promise<string> {
  const asidePath = `${filePath}.corrupt-${fileStamp(time)}`;
  await rename(filePath, asidePath);
  return asidePath;
}
