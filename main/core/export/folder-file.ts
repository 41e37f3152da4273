import { lstat } from 'node:fs/promises';
import { readTextIfExists, type ReplaceOptions, writeFileDurably } from '../storage/durable-file';
import { mergeVaultFile, sameButForExportTime } from '../sync/vault-file';

/** One document's Markdown for a folder export; `documentId` marks Gloss's region so a later export updates it in place. */
export interface FolderExportFile {
  name: string;
  text: string;
  documentId?: string;
}

/**
 * Writes one file of a Markdown export into a folder, under the same rule as
 * vault sync (sync/vault-file.ts): a new file is written whole; a file Gloss
 * wrote for this document has only its region and frontmatter keys replaced,
 * keeping the user's text around them; anything else (a file Gloss did not
 * write, one for another document, a symlink, a folder) is left alone. An
 * export into a synced vault once erased the user's text around the region
 * and replaced a symlink sync had refused to touch. A file that would change
 * only in its time of export is not rewritten.
 * Returns null when written (or already as it would be written), else why the file was left alone.
 */
export async function writeFolderExportFile(path: string, file: FolderExportFile, options: ReplaceOptions = {}): Promise<string | null> {
  const entry = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (entry && !entry.isFile()) return `${file.name} is not a regular file (a link or a folder); Gloss leaves it alone.`;
  const existing = entry ? await readTextIfExists(path) : null;
  if (file.documentId === undefined) {
    if (existing !== null) return `${file.name} is already there and Gloss did not write it; Gloss leaves it alone.`;
    await writeFileDurably(path, file.text, options);
    return null;
  }
  const merged = mergeVaultFile(existing, file.documentId, file.text, file.name);
  if (!merged.ok) return merged.message;
  if (!sameButForExportTime(existing, merged.text)) await writeFileDurably(path, merged.text, options);
  return null;
}
