import type { GlossErrorCode } from '../../common/contract';

/** An error whose message is written for the user and whose code the UI can act on. */
export class GlossError extends Error {
  constructor(
    readonly code: GlossErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GlossError';
  }
}

/** A data file that cannot be read as what it claims to be. */
export class CorruptFileError extends GlossError {
  constructor(
    readonly filePath: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super('storage', `${filePath} is damaged: ${reason}`, options);
    this.name = 'CorruptFileError';
  }
}

/** A data file written by a newer Gloss: it is refused, never rewritten. */
export class NewerSchemaError extends GlossError {
  constructor(
    readonly filePath: string,
    readonly foundVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      'storage',
      `${filePath} was written by a newer version of Gloss (format ${foundVersion}; this version reads up to ${supportedVersion}). ` +
        'Update Gloss to open it, or start with another data folder (--data-dir).',
    );
    this.name = 'NewerSchemaError';
  }
}

/** The system error codes that mean "the disk will not take this write now", which a later retry may get past. */
const unwritableReasons = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'your disk quota is used up',
  EROFS: 'its data folder is on a read-only disk',
  EACCES: 'it is not allowed to write to its data folder',
  EPERM: 'it is not allowed to write to its data folder',
} as const;

export type UnwritableCode = keyof typeof unwritableReasons;

/**
 * A write the disk refused (full, read-only, no permission). Its message is
 * for the user; the file it was meant to replace is untouched, and the change
 * is still in memory, so trying again once there is room loses nothing.
 */
export class StorageWriteError extends GlossError {
  constructor(
    readonly filePath: string,
    readonly systemCode: UnwritableCode,
    options?: ErrorOptions,
  ) {
    // The path stays on the error, not in the message: the page shows this in one short status line.
    super('storage', `Gloss can't save: ${unwritableReasons[systemCode]}.`, options);
    this.name = 'StorageWriteError';
  }
}

/** `error` as a StorageWriteError when the disk refused the write, else unchanged. */
export function asStorageWriteError(error: unknown, filePath: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && Object.hasOwn(unwritableReasons, code)
    ? new StorageWriteError(filePath, code as UnwritableCode, { cause: error })
    : error;
}
