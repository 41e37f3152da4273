import type { GlossErrorCode } from '../../preload/api';

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
