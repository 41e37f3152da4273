import { expect } from 'vitest';
import { GlossError } from '../../../../main/core/errors';

/** The error `parse(text)` throws, checked to be the user-facing kind (invalid-argument). */
export function parseFailure(parse: (text: string) => unknown, text: string): GlossError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(GlossError);
    expect((error as GlossError).code).toBe('invalid-argument');
    return error as GlossError;
  }
  throw new Error('expected the parse to fail');
}
