import { open } from 'node:fs/promises';
import { maxDocumentBytes } from '../../../common/contract';
import { GlossError } from '../errors';

/**
 * Reads a file named on the command line for import, after checking what it
 * is: only a regular file of at most `maxDocumentBytes` is read. The checks
 * run on the opened handle (not the path) so the file cannot be swapped in
 * between, and before a single byte is read: `/dev/zero` grew the process to
 * 8.5 GB, and a sparse 1.9 GB file was read whole before the size limit
 * refused it. A file that grows while being read is read up to its size at
 * opening plus one byte, which still keeps a file past the limit out.
 */
export async function readImportFile(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new GlossError('not-found', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile())
      throw new GlossError('invalid-argument', `${path} is not a regular file (a folder, device or pipe); nothing was read.`);
    if (stats.size > maxDocumentBytes) throw tooLarge(path);
    const bytes = new Uint8Array(stats.size + 1);
    let length = 0;
    while (length < bytes.length) {
      const { bytesRead } = await handle.read(bytes, length, bytes.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxDocumentBytes) throw tooLarge(path);
    return bytes.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function tooLarge(path: string): GlossError {
  return new GlossError(
    'invalid-argument',
    `${path} is larger than ${maxDocumentBytes / 1024 / 1024} MB, Gloss's limit for one file; nothing was read.`,
  );
}
