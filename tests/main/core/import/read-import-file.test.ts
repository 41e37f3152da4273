import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readImportFile } from '../../../../main/core/import/read-import-file';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'gloss-read-import-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const megabytes = (bytes: number): number => bytes / 1024 / 1024;

describe('reading a file named for import', () => {
  it('reads a regular file whole', async () => {
    const path = join(folder, 'a.md');
    await writeFile(path, '# A\n\nText.\n');
    expect(Buffer.from(await readImportFile(path)).toString('utf8')).toBe('# A\n\nText.\n');
  });

  it('refuses /dev/zero as not a regular file, without reading it', async () => {
    const before = process.memoryUsage().rss;
    await expect(readImportFile('/dev/zero')).rejects.toThrow(
      '/dev/zero is not a regular file (a folder, device or pipe); nothing was read.',
    );
    expect(megabytes(process.memoryUsage().rss - before)).toBeLessThan(64);
  });

  it('refuses a folder', async () => {
    await expect(readImportFile(folder)).rejects.toThrow('is not a regular file');
  });

  it('refuses a sparse 1.9 GB file by its size, without reading it', async () => {
    const path = join(folder, 'huge.md');
    const handle = await open(path, 'w');
    await handle.truncate(1_900 * 1024 * 1024);
    await handle.close();
    const before = process.memoryUsage().rss;
    await expect(readImportFile(path)).rejects.toThrow("is larger than 50 MB, Gloss's limit for one file; nothing was read.");
    expect(megabytes(process.memoryUsage().rss - before)).toBeLessThan(64);
  });

  it('names a missing file', async () => {
    await expect(readImportFile(join(folder, 'gone.md'))).rejects.toThrow(/cannot read .*gone\.md: ENOENT/);
  });
});
