import type { z } from 'zod';
import { CorruptFileError, NewerSchemaError } from '../errors';

type JsonObject = Record<string, unknown>;

/** Turns data of version N into version N + 1. Pure: no I/O, no clock. */
export type Migration = (data: JsonObject) => JsonObject;

/** One kind of data file: its current version, how to reach it, and its shape there. */
export interface FileFormat<T> {
  currentVersion: number;
  /** `migrations[n]` upgrades version n to n + 1; every version below current needs one. */
  migrations: Readonly<Record<number, Migration>>;
  schema: z.ZodType<T>;
}

export interface Upgraded<T> {
  data: T;
  /** The version the file was at, when it was older than current. */
  migratedFrom: number | null;
}

/**
 * Reads parsed JSON of any known version as the current one. A file from a
 * newer Gloss is refused (never downgraded); a file of the wrong shape is
 * reported as damaged with the first offending field.
 */
export function upgrade<T>(json: unknown, format: FileFormat<T>, filePath: string): Upgraded<T> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CorruptFileError(filePath, 'it does not hold a JSON object');
  }
  let data = json as JsonObject;
  const version = data.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CorruptFileError(filePath, 'it has no valid schemaVersion');
  }
  if (version > format.currentVersion) {
    throw new NewerSchemaError(filePath, version, format.currentVersion);
  }
  for (let from = version; from < format.currentVersion; from++) {
    const step = format.migrations[from];
    if (!step) throw new Error(`No migration from version ${from} of ${filePath}'s format`);
    data = { ...step(data), schemaVersion: from + 1 };
  }
  const parsed = format.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'its content';
    throw new CorruptFileError(filePath, `${where} is not valid (${issue?.message ?? 'unknown problem'})`);
  }
  return { data: parsed.data, migratedFrom: version < format.currentVersion ? version : null };
}
