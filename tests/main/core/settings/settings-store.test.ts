import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NewerSchemaError } from '../../../../main/core/errors';
import { readerSettingsSchema } from '../../../../common/contract';
import { repairSettings, SettingsStore } from '../../../../main/core/settings/settings-store';
import { defaultReaderSettings, type ReaderSettings } from '../../../../common/contract';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-settings-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const chosen: ReaderSettings = { fontFamily: 'mono', fontSize: 22, lineHeight: 1.9, columnWidth: 44, theme: 'sepia', verticalLines: false };

describe('reader settings validation', () => {
  it('accepts settings within range and refuses any value outside it, or an unknown key', () => {
    expect(readerSettingsSchema.safeParse(chosen).success).toBe(true);
    for (const bad of [
      { fontSize: 500 },
      { lineHeight: 0 },
      { columnWidth: 'wide' },
      { theme: 'neon' },
      { fontFamily: 'comic' },
      { extra: true },
    ]) {
      expect(readerSettingsSchema.safeParse({ ...chosen, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it.each([
    ['nothing', undefined, defaultReaderSettings],
    ['one bad value among good ones', { ...chosen, fontSize: 999 }, { ...chosen, fontSize: defaultReaderSettings.fontSize }],
    ['a missing value', { theme: 'dark' }, { ...defaultReaderSettings, theme: 'dark' }],
    ['the wrong type', 'serif', defaultReaderSettings],
  ])('repairs %s by putting the default in place of each bad value only', (_case, stored, expected) => {
    expect(repairSettings(stored)).toEqual(expected);
  });
});

describe('SettingsStore', () => {
  it('starts from the defaults, writes nothing until a change, and reads back what was saved', async () => {
    const store = await SettingsStore.open(dataDir);
    expect(store.get()).toEqual(defaultReaderSettings);
    expect(await readdir(dataDir)).toEqual([]);
    await store.save(chosen);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8'))).toEqual({ schemaVersion: 1, reader: chosen });
    expect((await SettingsStore.open(dataDir)).get()).toEqual(chosen);
  });

  it('keeps a damaged file aside and goes on with the defaults', async () => {
    await writeFile(join(dataDir, 'settings.json'), '{ not json');
    const store = await SettingsStore.open(dataDir, () => new Date('2026-11-28T10:00:00.000Z'));
    expect(store.get()).toEqual(defaultReaderSettings);
    expect(await readdir(dataDir)).toEqual(['settings.json.corrupt-2026-11-28T10-00-00-000Z']);
  });

  it('refuses a file from a newer Gloss and leaves it untouched', async () => {
    const newer = JSON.stringify({ schemaVersion: 2, reader: chosen, other: {} });
    await writeFile(join(dataDir, 'settings.json'), newer);
    await expect(SettingsStore.open(dataDir)).rejects.toBeInstanceOf(NewerSchemaError);
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).toBe(newer);
  });

  it('repairs an out-of-range value found on disk without losing the others', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, reader: { ...chosen, lineHeight: 40 } }));
    expect((await SettingsStore.open(dataDir)).get()).toEqual({ ...chosen, lineHeight: defaultReaderSettings.lineHeight });
  });

  it('opens a file written before vertical lines could be turned off with them on, keeping the rest', async () => {
    const { verticalLines: _absent, ...older } = chosen;
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, reader: older }));
    expect((await SettingsStore.open(dataDir)).get()).toEqual({ ...chosen, verticalLines: true });
  });
});
