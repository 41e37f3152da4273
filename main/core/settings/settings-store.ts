import { z } from 'zod';
import { defaultReaderSettings, type ReaderSettings, readerSettingSchemas } from '../../../common/contract';
import { CorruptFileError } from '../errors';
import { DurableJsonFile, parseJsonFile, readTextIfExists } from '../storage/durable-file';
import { type FileFormat, upgrade } from '../storage/migrations';
import { dataLayout } from '../storage/layout';
import { setAside } from '../storage/set-aside';

/**
 * Keeps the settings that are valid and puts the default in place of each
 * one that is missing or out of range (hand-edited, or from a Gloss whose
 * ranges differed), so a single odd value never resets the rest.
 */
export function repairSettings(value: unknown): ReaderSettings {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const pick = <K extends keyof ReaderSettings>(key: K): ReaderSettings[K] => {
    const parsed = readerSettingSchemas[key].safeParse(record[key]);
    return parsed.success ? (parsed.data as ReaderSettings[K]) : defaultReaderSettings[key];
  };
  return {
    fontFamily: pick('fontFamily'),
    fontSize: pick('fontSize'),
    lineHeight: pick('lineHeight'),
    columnWidth: pick('columnWidth'),
    theme: pick('theme'),
    verticalLines: pick('verticalLines'),
  };
}

const settingsFileSchema = z.object({
  schemaVersion: z.literal(1),
  reader: z.unknown().transform(repairSettings),
});
export type SettingsFile = { schemaVersion: 1; reader: ReaderSettings };

/**
 * settings.json, in the data folder beside library.json and owned by this
 * store alone, so that moving a slider rewrites no other file. Version 1 is
 * the first; the reader's settings sit under `reader`, leaving room for other
 * parts of the app without a new version. A later version adds its pure
 * migration `1: (data) => …` here, as schema.ts does for document.json.
 */
export const settingsFormat: FileFormat<SettingsFile> = {
  currentVersion: 1,
  migrations: {},
  // The transform repairs `reader`, so the parsed type is SettingsFile although zod's input type is wider.
  schema: settingsFileSchema as z.ZodType<SettingsFile>,
};

/** The reader settings on disk: read once, written durably on each change. */
export class SettingsStore {
  #settings: ReaderSettings = { ...defaultReaderSettings };
  readonly #file: DurableJsonFile<SettingsFile>;

  private constructor(filePath: string) {
    this.#file = new DurableJsonFile(filePath, (json) => upgrade(json, settingsFormat, filePath).data);
  }

  /**
   * Opens settings.json. A damaged file is kept aside (`*.corrupt-<time>`) and
   * the defaults are used; a file from a newer Gloss is refused by `upgrade`,
   * never rewritten.
   */
  static async open(dataDir: string, now: () => Date = () => new Date()): Promise<SettingsStore> {
    const filePath = dataLayout(dataDir).settings;
    const store = new SettingsStore(filePath);
    const text = await readTextIfExists(filePath);
    if (text === null) return store;
    try {
      store.#settings = upgrade(parseJsonFile(filePath, text), settingsFormat, filePath).data.reader;
    } catch (error) {
      if (!(error instanceof CorruptFileError)) throw error;
      await setAside(filePath, now());
    }
    return store;
  }

  get(): ReaderSettings {
    return { ...this.#settings };
  }

  async save(settings: ReaderSettings): Promise<ReaderSettings> {
    this.#settings = repairSettings(settings);
    await this.#file.write({ schemaVersion: 1, reader: this.#settings });
    return this.get();
  }

  flush(): Promise<void> {
    return this.#file.flush();
  }
}
