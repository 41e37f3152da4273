/**
 * Golden files: the expected output of each exporter for the fixture library,
 * kept in ./golden and compared byte for byte. They are the spec: read a diff
 * before accepting it. To rewrite them after an intended change, run
 *
 *   UPDATE_GOLDEN=1 npx vitest run tests/main/core/export
 *
 * (./golden/.gitattributes keeps git from touching their line endings: the CSV
 * must keep its CR LF.)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), 'golden');

export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual, 'utf8');
    return;
  }
  const expected = await readFile(path, 'utf8').catch(() => {
    throw new Error(`No golden file ${name}: run with UPDATE_GOLDEN=1 once, then read it.`);
  });
  expect(actual).toBe(expected);
}
