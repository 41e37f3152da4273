import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { CorruptFileError, NewerSchemaError } from '../../../../main/core/errors';
import { type FileFormat, type Migration, upgrade } from '../../../../main/core/storage/migrations';

/**
 * A test-only format with three versions:
 *   v1 { name }            v2 { title }            v3 { title, tags }
 */
const noteV3Schema = z.object({
  schemaVersion: z.literal(3),
  title: z.string().min(1),
  tags: z.array(z.string()),
});
type NoteV3 = z.infer<typeof noteV3Schema>;

const filePath = '/data/notes/note.json';

function testFormat() {
  const v1ToV2 = vi.fn<Migration>(({ name, ...rest }) => ({ ...rest, title: name }));
  const v2ToV3 = vi.fn<Migration>((data) => ({ ...data, tags: [] }));
  const format: FileFormat<NoteV3> = { currentVersion: 3, migrations: { 1: v1ToV2, 2: v2ToV3 }, schema: noteV3Schema };
  return { format, v1ToV2, v2ToV3 };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('upgrade', () => {
  it('migrates a version 1 file step by step to the current version and reports migratedFrom', () => {
    const { format, v1ToV2, v2ToV3 } = testFormat();

    const result = upgrade({ schemaVersion: 1, name: 'Reading list' }, format, filePath);

    expect(result).toEqual({ data: { schemaVersion: 3, title: 'Reading list', tags: [] }, migratedFrom: 1 });
    expect(v1ToV2).toHaveBeenCalledTimes(1);
    expect(v1ToV2).toHaveBeenCalledWith({ schemaVersion: 1, name: 'Reading list' });
    // The second step sees the first step's output, stamped with version 2.
    expect(v2ToV3).toHaveBeenCalledTimes(1);
    expect(v2ToV3).toHaveBeenCalledWith({ schemaVersion: 2, title: 'Reading list' });
    expect(v1ToV2.mock.invocationCallOrder[0]).toBeLessThan(v2ToV3.mock.invocationCallOrder[0]!);
  });

  it('runs only the steps a version 2 file still needs', () => {
    const { format, v1ToV2, v2ToV3 } = testFormat();

    const result = upgrade({ schemaVersion: 2, title: 'Halfway' }, format, filePath);

    expect(result).toEqual({ data: { schemaVersion: 3, title: 'Halfway', tags: [] }, migratedFrom: 2 });
    expect(v1ToV2).not.toHaveBeenCalled();
    expect(v2ToV3).toHaveBeenCalledTimes(1);
  });

  it('passes a file at the current version through with migratedFrom null', () => {
    const { format, v1ToV2, v2ToV3 } = testFormat();
    const current = { schemaVersion: 3, title: 'Now', tags: ['a', 'b'] };

    expect(upgrade(current, format, filePath)).toEqual({ data: current, migratedFrom: null });
    expect(v1ToV2).not.toHaveBeenCalled();
    expect(v2ToV3).not.toHaveBeenCalled();
  });

  it('does not modify the object it was given', () => {
    const { format } = testFormat();
    const input = { schemaVersion: 1, name: 'Untouched' };
    const copy = structuredClone(input);

    upgrade(input, format, filePath);

    expect(input).toEqual(copy);
  });

  it.each([4, 5, 99])('refuses version %i, newer than the current 3, with NewerSchemaError naming both versions', (found) => {
    const { format, v1ToV2, v2ToV3 } = testFormat();

    const error = caught(() => upgrade({ schemaVersion: found, title: 'From the future', tags: [] }, format, filePath));

    expect(error).toBeInstanceOf(NewerSchemaError);
    expect(error).toMatchObject({ foundVersion: found, supportedVersion: 3, filePath, code: 'storage' });
    const message = (error as Error).message;
    expect(message).toMatch(new RegExp(`\\b${found}\\b`));
    expect(message).toMatch(/\b3\b/);
    expect(message).toContain(filePath);
    expect(v1ToV2).not.toHaveBeenCalled();
    expect(v2ToV3).not.toHaveBeenCalled();
  });

  it.each<[string, Record<string, unknown>]>([
    ['missing', { title: 'x', tags: [] }],
    ['a string', { schemaVersion: '3', title: 'x', tags: [] }],
    ['zero', { schemaVersion: 0, title: 'x', tags: [] }],
    ['negative', { schemaVersion: -1, title: 'x', tags: [] }],
    ['fractional', { schemaVersion: 2.5, title: 'x', tags: [] }],
    ['NaN', { schemaVersion: Number.NaN, title: 'x', tags: [] }],
    ['Infinity', { schemaVersion: Number.POSITIVE_INFINITY, title: 'x', tags: [] }],
    ['null', { schemaVersion: null, title: 'x', tags: [] }],
    ['a boolean', { schemaVersion: true, title: 'x', tags: [] }],
    ['an object', { schemaVersion: { major: 3 }, title: 'x', tags: [] }],
  ])('reports a file whose schemaVersion is %s as damaged', (_label, json) => {
    const { format } = testFormat();

    const error = caught(() => upgrade(json, format, filePath));

    expect(error).toBeInstanceOf(CorruptFileError);
    expect(error).not.toBeInstanceOf(NewerSchemaError);
    expect((error as CorruptFileError).filePath).toBe(filePath);
    expect((error as CorruptFileError).reason).toMatch(/schemaVersion/);
  });

  it.each<[string, unknown]>([
    ['an empty array', []],
    ['an array holding a valid object', [{ schemaVersion: 3, title: 'x', tags: [] }]],
    ['null', null],
    ['a string', '{"schemaVersion":3}'],
    ['a number', 3],
    ['a boolean', true],
    ['undefined', undefined],
  ])('reports %s instead of an object as damaged', (_label, json) => {
    const { format } = testFormat();

    const error = caught(() => upgrade(json, format, filePath));

    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as CorruptFileError).filePath).toBe(filePath);
    expect((error as CorruptFileError).message).toContain(filePath);
  });

  it.each<[string, unknown, string]>([
    ['a title of the wrong type', { schemaVersion: 3, title: 42, tags: [] }, 'title'],
    ['an empty title', { schemaVersion: 3, title: '', tags: [] }, 'title'],
    ['a missing tags list', { schemaVersion: 3, title: 'x' }, 'tags'],
    ['a bad element deep in a list', { schemaVersion: 3, title: 'x', tags: ['ok', 'fine', 7] }, 'tags.2'],
    ['a version 1 file whose name migrates into a bad title', { schemaVersion: 1, name: ['not', 'text'] }, 'title'],
  ])('names the offending field of a file with %s', (_label, json, field) => {
    const { format } = testFormat();

    const error = caught(() => upgrade(json, format, filePath));

    expect(error).toBeInstanceOf(CorruptFileError);
    expect((error as CorruptFileError).message).toContain(`"${field}"`);
    expect((error as CorruptFileError).message).toContain(filePath);
  });

  it('treats a format without the migration a file needs as a programming error, not a damaged file', () => {
    const format: FileFormat<NoteV3> = { currentVersion: 3, migrations: { 2: (data) => ({ ...data, tags: [] }) }, schema: noteV3Schema };

    const error = caught(() => upgrade({ schemaVersion: 1, name: 'x' }, format, filePath));

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CorruptFileError);
    expect((error as Error).message).toMatch(/migration from version 1/);
  });
});
