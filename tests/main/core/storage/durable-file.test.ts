import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DurableJsonFile, readTextIfExists, removeLeftoverTemporaries, writeFileDurably } from '../../../../main/core/storage/durable-file';
import { CorruptFileError } from '../../../../main/core/errors';

// Wrap (not replace) the two calls that mark a real write, so the tests can count them.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, rename: vi.fn(actual.rename), open: vi.fn(actual.open) };
});

const realFs = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
const renameSpy = vi.mocked(fs.rename);
const openSpy = vi.mocked(fs.open);

interface Counter {
  n: number;
}

const decodeCounter = (json: unknown): Counter => {
  if (typeof json !== 'object' || json === null || typeof (json as Counter).n !== 'number') {
    throw new Error('not a counter');
  }
  return json as Counter;
};

let folder: string;

beforeEach(async () => {
  folder = await realFs.mkdtemp(join(tmpdir(), 'gloss-durable-'));
  renameSpy.mockClear();
  openSpy.mockClear();
});

afterEach(async () => {
  await realFs.rm(folder, { recursive: true, force: true });
});

/** How many times the file at `target` was actually replaced. */
function replacementsOf(target: string): number {
  return renameSpy.mock.calls.filter(([, to]) => to === target).length;
}

function readCounter(target: string): Counter {
  return JSON.parse(readFileSync(target, 'utf8')) as Counter;
}

describe('writeFileDurably', () => {
  it.each([
    ['a string', 'new content\n', 'new content\n'],
    ['bytes', new TextEncoder().encode('bytes: é ✓\n'), 'bytes: é ✓\n'],
    ['an empty string', '', ''],
  ])('replaces existing content with %s and leaves only the target file in the folder', async (_label, content, expected) => {
    const target = join(folder, 'library.json');
    await realFs.writeFile(target, 'old content that is longer than the new one\n');

    await writeFileDurably(target, content);

    expect(await realFs.readFile(target, 'utf8')).toBe(expected);
    expect(await realFs.readdir(folder)).toEqual(['library.json']);
  });

  it('creates the file when it does not exist yet, leaving no temporary file', async () => {
    const target = join(folder, 'fresh.json');

    await writeFileDurably(target, '{"a":1}');

    expect(await realFs.readFile(target, 'utf8')).toBe('{"a":1}');
    expect(await realFs.readdir(folder)).toEqual(['fresh.json']);
  });

  it('keeps the old content and leaves no temporary file when the rename fails', async () => {
    const target = join(folder, 'library.json');
    await realFs.writeFile(target, 'old');
    renameSpy.mockRejectedValueOnce(Object.assign(new Error('EXDEV: simulated'), { code: 'EXDEV' }));

    await expect(writeFileDurably(target, 'new')).rejects.toThrow('EXDEV');

    expect(await realFs.readFile(target, 'utf8')).toBe('old');
    expect(await realFs.readdir(folder)).toEqual(['library.json']);
  });

  it('keeps the old content and leaves no temporary file when writing the temporary file fails', async () => {
    const target = join(folder, 'library.json');
    await realFs.writeFile(target, 'old');
    openSpy.mockImplementationOnce(async (path, flags) => {
      const handle = await realFs.open(path, flags);
      handle.writeFile = () => Promise.reject(Object.assign(new Error('ENOSPC: simulated disk full'), { code: 'ENOSPC' }));
      return handle;
    });

    // A full disk comes back typed, for the page to explain (tests/main/core/storage/disk-full.test.ts).
    await expect(writeFileDurably(target, 'new')).rejects.toMatchObject({ code: 'storage', systemCode: 'ENOSPC' });

    expect(await realFs.readFile(target, 'utf8')).toBe('old');
    expect(await realFs.readdir(folder)).toEqual(['library.json']);
  });

  it('rejects when the folder does not exist', async () => {
    await expect(writeFileDurably(join(folder, 'missing', 'file.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('readTextIfExists', () => {
  it('reads a file as UTF-8 text, and gives null only when there is no file', async () => {
    const path = join(folder, 'note.md');
    const text = `# Übersicht 日本語 😀\n${'x'.repeat(200_000)}`;
    await realFs.writeFile(path, text);
    expect(await readTextIfExists(path)).toBe(text);
    expect(await readTextIfExists(join(folder, 'missing.md'))).toBeNull();
    // A folder where a file should be is a problem to report, not an absent file.
    await expect(readTextIfExists(folder)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('DurableJsonFile.read', () => {
  it('returns null for a file that does not exist', async () => {
    const file = new DurableJsonFile(join(folder, 'absent.json'), decodeCounter);

    expect(await file.read()).toBeNull();
  });

  it('returns what decode makes of the parsed JSON', async () => {
    const target = join(folder, 'counter.json');
    await realFs.writeFile(target, '{ "n": 41 }');
    const decode = vi.fn((json: unknown) => ({ n: (json as Counter).n + 1 }));

    expect(await new DurableJsonFile(target, decode).read()).toEqual({ n: 42 });
    expect(decode).toHaveBeenCalledWith({ n: 41 });
  });

  it('passes on what decode throws', async () => {
    const target = join(folder, 'counter.json');
    await realFs.writeFile(target, '{ "m": 1 }');

    await expect(new DurableJsonFile(target, decodeCounter).read()).rejects.toThrow('not a counter');
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['only whitespace', new TextEncoder().encode(' \n\t\r\n')],
    ['truncated JSON', new TextEncoder().encode('{\n  "n": 4')],
    ['truncated inside a string', new TextEncoder().encode('{"title": "The coron')],
    ['filled with NUL bytes', new Uint8Array(4096)],
    ['NUL bytes after valid JSON', new Uint8Array([...new TextEncoder().encode('{"n":1}'), 0, 0, 0, 0])],
    ['not JSON at all', new TextEncoder().encode('<html>oops</html>')],
  ])('throws CorruptFileError naming the file when it is %s', async (_label, bytes) => {
    const target = join(folder, 'damaged.json');
    await realFs.writeFile(target, bytes);
    const decode = vi.fn(decodeCounter);

    const error = await new DurableJsonFile(target, decode).read().then(
      () => null,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as CorruptFileError).filePath).toBe(target);
    expect((error as CorruptFileError).code).toBe('storage');
    expect((error as CorruptFileError).message).toContain(target);
    expect(decode).not.toHaveBeenCalled();
  });
});

describe('DurableJsonFile.write', () => {
  it('writes the data as JSON that read() returns', async () => {
    const target = join(folder, 'counter.json');
    const file = new DurableJsonFile(target, decodeCounter);

    await file.write({ n: 7 });

    expect(readCounter(target)).toEqual({ n: 7 });
    expect(await file.read()).toEqual({ n: 7 });
    expect(await realFs.readdir(folder)).toEqual(['counter.json']);
  });

  it('resolves every one of many concurrent writes, ends with the last data and writes fewer times than asked', async () => {
    const target = join(folder, 'counter.json');
    const file = new DurableJsonFile(target, decodeCounter);

    const writes = Array.from({ length: 25 }, (_, n) => file.write({ n }));
    const outcomes = await Promise.allSettled(writes);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(25).fill('fulfilled'));
    expect(readCounter(target)).toEqual({ n: 24 });
    expect(replacementsOf(target)).toBeGreaterThanOrEqual(1);
    expect(replacementsOf(target)).toBeLessThan(25);
    expect(await realFs.readdir(folder)).toEqual(['counter.json']);
  });

  it('ends with the last data when writes are asked for while an earlier write is on its way to disk', async () => {
    const target = join(folder, 'counter.json');
    const file = new DurableJsonFile(target, decodeCounter);
    const writes: Promise<void>[] = [];

    for (let n = 0; n < 30; n++) {
      writes.push(file.write({ n }));
      // Let the running write make progress between some of the requests.
      if (n % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(writes);

    expect(readCounter(target)).toEqual({ n: 29 });
    expect(replacementsOf(target)).toBeLessThan(30);
  });

  it('resolves each write only once its data, or newer data, is on disk', async () => {
    const target = join(folder, 'counter.json');
    const file = new DurableJsonFile(target, decodeCounter);
    const seenOnResolve: Array<[asked: number, onDisk: number]> = [];

    const writes: Promise<void>[] = [];
    for (let n = 0; n < 12; n++) {
      writes.push(file.write({ n }).then(() => void seenOnResolve.push([n, readCounter(target).n])));
      if (n % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(writes);

    expect(seenOnResolve).toHaveLength(12);
    for (const [asked, onDisk] of seenOnResolve) expect(onDisk).toBeGreaterThanOrEqual(asked);
  });

  it('rejects a write whose folder was removed, and a later write succeeds once the folder is back', async () => {
    const subfolder = join(folder, 'documents', 'abc');
    await realFs.mkdir(subfolder, { recursive: true });
    const target = join(subfolder, 'document.json');
    const file = new DurableJsonFile(target, decodeCounter);
    await file.write({ n: 1 });

    await realFs.rm(subfolder, { recursive: true });
    await expect(file.write({ n: 2 })).rejects.toMatchObject({ code: 'ENOENT' });

    await realFs.mkdir(subfolder, { recursive: true });
    await expect(file.write({ n: 3 })).resolves.toBeUndefined();
    expect(readCounter(target)).toEqual({ n: 3 });
    await expect(file.flush()).resolves.toBeUndefined();
  });

  it('does not let a failed first write block the writes after it', async () => {
    const subfolder = join(folder, 'gone');
    const target = join(subfolder, 'document.json');
    const file = new DurableJsonFile(target, decodeCounter);

    const failing = file.write({ n: 1 });
    const failingOutcome = failing.then(
      () => 'resolved',
      () => 'rejected',
    );
    expect(await failingOutcome).toBe('rejected');
    await realFs.mkdir(subfolder);
    await file.write({ n: 2 });

    expect(readCounter(target)).toEqual({ n: 2 });
  });
});

describe('DurableJsonFile.flush', () => {
  it('resolves at once when nothing was written', async () => {
    const target = join(folder, 'counter.json');

    await new DurableJsonFile(target, decodeCounter).flush();

    expect(existsSync(target)).toBe(false);
  });

  it('waits until writes that were not awaited are on disk', async () => {
    const target = join(folder, 'counter.json');
    const file = new DurableJsonFile(target, decodeCounter);
    await file.write({ n: 0 });

    void file.write({ n: 1 });
    void file.write({ n: 2 });
    await file.flush();

    expect(readCounter(target)).toEqual({ n: 2 });
  });

  it('waits for a write asked for while another was running', async () => {
    const target = join(folder, 'counter.json');
    const file = new DurableJsonFile(target, decodeCounter);

    void file.write({ n: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    void file.write({ n: 2 });
    await file.flush();

    expect(readCounter(target)).toEqual({ n: 2 });
  });
});

describe('removeLeftoverTemporaries', () => {
  it('deletes only the temporary files a killed writer left behind', async () => {
    const folder = await realFs.mkdtemp(join(tmpdir(), 'gloss-leftovers-'));
    try {
      const leftover = '.document.json.0b6f8a52-8d7e-4d36-9a57-7f3c2a1e9b10.tmp';
      await realFs.writeFile(join(folder, leftover), '{"half": ');
      await realFs.writeFile(join(folder, 'document.json'), '{}');
      await realFs.writeFile(join(folder, 'notes.tmp'), 'a user file that merely ends in .tmp');
      await realFs.writeFile(join(folder, '.hidden.tmp'), 'not ours either');

      expect(await removeLeftoverTemporaries(folder)).toBe(1);
      expect((await realFs.readdir(folder)).sort()).toEqual(['.hidden.tmp', 'document.json', 'notes.tmp']);
      expect(await removeLeftoverTemporaries(join(folder, 'missing'))).toBe(0);
    } finally {
      await realFs.rm(folder, { recursive: true, force: true });
    }
  });
});
