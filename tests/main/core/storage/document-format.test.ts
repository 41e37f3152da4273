/**
 * document.json versions 3 to 5: details kept from imported files, then the language and direction (issue #11), then a
 * vertical writing mode, and the steps to them.
 */
import { describe, expect, it } from 'vitest';
import { NewerSchemaError } from '../../../../main/core/errors';
import { upgrade } from '../../../../main/core/storage/migrations';
import { documentFormat } from '../../../../main/core/storage/schema';

const path = '/data/documents/d1/document.json';
const highlight = {
  id: 'h1',
  quote: { type: 'TextQuoteSelector', exact: 'A passage.', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 10 },
  revision: 0,
  color: 'yellow',
  note: '',
  tags: [],
  createdAt: '2024-05-06T10:00:00.000Z',
  updatedAt: '2024-05-06T10:00:00.000Z',
};
const version2 = {
  schemaVersion: 2,
  id: 'd1',
  title: 'A Kindle book',
  author: null,
  date: null,
  source: 'Kindle',
  addedAt: '2024-05-06T10:00:00.000Z',
  readingPosition: null,
  revision: 0,
  documentNote: null,
  highlights: [highlight],
};

describe('document.json version 3', () => {
  it('reads a version 2 file as it was, moved to version 5', () => {
    const { data, migratedFrom } = upgrade(structuredClone(version2), documentFormat, path);
    expect(migratedFrom).toBe(2);
    expect(data).toEqual({ ...version2, schemaVersion: 5 });
  });

  it('keeps a highlight’s Kindle location, page and unread date, and a book’s Amazon id and tags', () => {
    const imported = {
      location: { start: 180, end: 182 },
      page: 'xiv',
      dateText: 'the ides of March',
      otherLocation: { type: 'order', value: '3' },
    };
    const importedDetails = { amazonBookId: 'B00TEST123', tags: ['to-reread'] };
    const file = { ...version2, schemaVersion: 3, importedDetails, highlights: [{ ...highlight, imported }] };
    expect(upgrade(structuredClone(file), documentFormat, path).data).toEqual({ ...file, schemaVersion: 5 });
  });

  it('refuses details of the wrong shape as damage, naming the field', () => {
    const file = { ...version2, schemaVersion: 5, highlights: [{ ...highlight, imported: { location: { start: 9, end: 2 } } }] };
    expect(() => upgrade(file, documentFormat, path)).toThrow(/highlights\.0\.imported\.location/);
  });

  it('is refused by a Gloss that knows only version 2, rather than read and written back without the details', () => {
    const olderGloss = { ...documentFormat, currentVersion: 2 };
    expect(() => upgrade({ ...version2, schemaVersion: 3 }, olderGloss, path)).toThrow(NewerSchemaError);
  });
});

describe('document.json version 4', () => {
  it('keeps the language and direction the imported file declared, moved to version 5', () => {
    const file = { ...version2, schemaVersion: 4, lang: 'he', dir: 'rtl' };
    const { data, migratedFrom } = upgrade(structuredClone(file), documentFormat, path);
    expect(migratedFrom).toBe(4);
    expect(data).toEqual({ ...file, schemaVersion: 5 });
  });

  it.each([
    ['a language that is a name, not a tag', { lang: 'Hebrew' }, 'lang'],
    ['a direction other than ltr or rtl', { dir: 'auto' }, 'dir'],
  ])('refuses %s as damage, naming the field', (_case, fields, field) => {
    expect(() => upgrade({ ...version2, schemaVersion: 5, ...fields }, documentFormat, path)).toThrow(new RegExp(field));
  });

  it('is refused by a Gloss that knows only version 3, rather than read and written back without them', () => {
    const olderGloss = { ...documentFormat, currentVersion: 3 };
    expect(() => upgrade({ ...version2, schemaVersion: 4, lang: 'ar' }, olderGloss, path)).toThrow(NewerSchemaError);
  });
});

describe('document.json version 5', () => {
  it('keeps a vertical writing mode as it is, with the language and direction', () => {
    const file = { ...version2, schemaVersion: 5, lang: 'ja', dir: 'ltr', writingMode: 'vertical-rl' };
    const { data, migratedFrom } = upgrade(structuredClone(file), documentFormat, path);
    expect(migratedFrom).toBeNull();
    expect(data).toEqual(file);
  });

  it.each(['horizontal-tb', 'tb-rl', 'sideways-rl'])('refuses the writing mode %s as damage, naming the field', (writingMode) => {
    expect(() => upgrade({ ...version2, schemaVersion: 5, writingMode }, documentFormat, path)).toThrow(/writingMode/);
  });

  it('is refused by a Gloss that knows only version 4, rather than read and written back without it', () => {
    const olderGloss = { ...documentFormat, currentVersion: 4 };
    expect(() => upgrade({ ...version2, schemaVersion: 5, writingMode: 'vertical-rl' }, olderGloss, path)).toThrow(NewerSchemaError);
  });
});
