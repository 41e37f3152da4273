import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseState, FuseV1Options } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyGlossFuses, glossFuses } from '../../scripts/fuses';

describe('the fuses every packaged Gloss gets', () => {
  it.each([
    ['RunAsNode', false],
    ['EnableNodeOptionsEnvironmentVariable', false],
    ['EnableNodeCliInspectArguments', false],
    ['GrantFileProtocolExtraPrivileges', false],
    ['EnableCookieEncryption', true],
    ['EnableEmbeddedAsarIntegrityValidation', true],
    ['OnlyLoadAppFromAsar', true],
  ] as const)('sets %s to %s', (name, value) => {
    expect(glossFuses[FuseV1Options[name]]).toBe(value);
  });

  it('decides every fuse this Electron has, and insists on it when packaging', () => {
    const fuses = Object.values(FuseV1Options).filter((option) => typeof option === 'number');
    for (const option of fuses) expect(typeof glossFuses[option], FuseV1Options[option]).toBe('boolean');
    expect(glossFuses.strictlyRequireAllFuses).toBe(true);
  });
});

/**
 * No Electron binary can be packaged here, so the flip runs on a stand-in:
 * bytes around the fuse sentinel laid out as in Electron's binary (the
 * sentinel, wire version 1, wire length, then one byte per fuse).
 */
describe('applyGlossFuses', () => {
  const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  const fuseCount = Object.values(FuseV1Options).filter((option) => typeof option === 'number').length;
  let folder: string;
  let binary: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'gloss-fuses-'));
    binary = join(folder, 'electron');
    // Electron's defaults: RunAsNode, NODE_OPTIONS and --inspect on, the rest as shipped.
    const wire = Buffer.from('101100101'.slice(0, fuseCount));
    await writeFile(
      binary,
      Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from(sentinel), Buffer.from([1, fuseCount]), wire, Buffer.from('…more code')]),
    );
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('writes the configured state into the fuse wire and nothing else', async () => {
    const before = await readFile(binary);
    await applyGlossFuses(binary);
    const after = await readFile(binary);
    const wireStart = before.indexOf(sentinel) + sentinel.length + 2;
    const expected = Array.from({ length: fuseCount }, (_, option) =>
      glossFuses[option as FuseV1Options] ? FuseState.ENABLE : FuseState.DISABLE,
    );
    expect([...after.subarray(wireStart, wireStart + fuseCount)]).toEqual(expected);
    expect(after.subarray(0, wireStart)).toEqual(before.subarray(0, wireStart));
    expect(after.subarray(wireStart + fuseCount)).toEqual(before.subarray(wireStart + fuseCount));
  });

  it('refuses a binary with more fuses than this config decides', async () => {
    await writeFile(
      binary,
      Buffer.concat([Buffer.from(sentinel), Buffer.from([1, fuseCount + 1]), Buffer.from('1'.repeat(fuseCount + 1))]),
    );
    await expect(applyGlossFuses(binary)).rejects.toThrow(/strictlyRequireAllFuses|not long enough|fuses/);
  });
});
