import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GlossError } from '../../../../main/core/errors';
import { allInReadingOrder, hasNote, normalizeNewlines, utcDateTime, webUrl } from '../../../../main/core/export/common';
import { csvRecords } from '../../../../main/core/import/csv-text';
import { parseReadwiseCsv } from '../../../../main/core/import/readwise-csv';
import type { BooksImport } from '../../../../main/core/import/types';
import { library } from '../export/fixture';
import { parseFailure } from './parse-failure';

const importTime = new Date('2026-01-01T00:00:00.000Z');
const parse = (text: string): BooksImport => parseReadwiseCsv(text, { now: () => importTime });
const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

const failure = (text: string): GlossError => parseFailure(parse, text);

const importHeader = 'Highlight,Title,Author,URL,Note,Location,Date';
const exportHeader = 'Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,Highlighted at,Document tags';

describe('parseReadwiseCsv on Gloss’s own CSV export (the export golden file)', () => {
  const parsed = parse(read('../export/golden/readwise.csv'));

  it('reads the import format and groups the rows into the exported documents', () => {
    expect(parsed.format).toBe('readwise-import');
    // The handout has no highlights, so no rows.
    expect(parsed.books.map(({ title, author, source }) => ({ title, author, source }))).toEqual(
      library
        .filter((doc) => doc.highlights.length > 0)
        .map((doc) => ({ title: doc.document.title, author: doc.document.author, source: webUrl(doc.document.source) })),
    );
  });

  it('gives back every highlight’s text, note, tags, date and offset', () => {
    const expected = library.flatMap((doc) =>
      allInReadingOrder(doc).map((highlight) => ({
        exact: normalizeNewlines(highlight.quote.exact),
        note: hasNote(highlight) ? highlight.note : '',
        // Readwise's inline tags have no spaces: "syntax test" comes back as "syntax-test".
        tags: highlight.tags.map((tag) => tag.trim().replace(/\s+/g, '-')),
        created: `${utcDateTime(highlight.createdAt).replace(' ', 'T')}.000Z`,
        start: highlight.position.start,
      })),
    );
    const actual = parsed.books.flatMap((book) =>
      book.annotations.map((annotation) => ({
        exact: annotation.quote!.exact,
        note: annotation.note,
        tags: annotation.tags,
        created: annotation.createdAt,
        start: annotation.position!.start,
      })),
    );
    expect(actual).toEqual(expected);
  });

  it('gives quotes without context, and a body of the passages', () => {
    const first = parsed.books[0]!;
    expect(first.annotations.every((annotation) => annotation.quote?.prefix === '' && annotation.quote.suffix === '')).toBe(true);
    expect(first.body).toContain('He said, “it’s fine” — and then "really, it\'s fine".');
    expect(first.body).toContain('\\<script\\>alert(1)\\</script\\>');
  });
});

describe('parseReadwiseCsv, import format', () => {
  const parsed = parse(read('./fixtures/readwise-import.csv'));

  it('ignores Excel’s byte order mark and reads quoted commas, quotes and line breaks', () => {
    const tale = parsed.books[0]!;
    expect(tale).toMatchObject({ title: 'A Tale of Two Cities', author: 'Charles Dickens', source: 'https://example.com/tale' });
    // Ordered by Location.
    expect(tale.annotations.map((annotation) => annotation.quote?.exact)).toEqual([
      'First line\nSecond line\n\nNew paragraph, with "quotes".',
      'It was the best of times, it was the worst of times.',
    ]);
    expect(tale.annotations[1]).toMatchObject({
      note: 'The "famous" one.',
      tags: ['classics', 'openings'],
      createdAt: '2023-01-15T18:32:00.000Z',
      position: { type: 'TextPositionSelector', start: 120, end: 172 },
      origin: 'line 2',
    });
    // The first row's note spans two lines, so the second row starts on line 4.
    expect(tale.annotations[0]!.origin).toBe('line 4');
  });

  it('puts a row without a title in an untitled book, keeping a plain note as it is', () => {
    expect(parsed.books[1]).toMatchObject({ title: 'Untitled', author: null, source: null });
    expect(parsed.books[1]!.annotations[0]).toMatchObject({
      note: 'Just a note, no tags.',
      tags: [],
      position: null,
      createdAt: '2023-02-01T10:00:00Z',
    });
  });

  it('dates a row without a date to the import', () => {
    const parsedRow = parse(`${importHeader}\r\nText,T,,,,,\r\n`);
    expect(parsedRow.books[0]!.annotations[0]!.createdAt).toBe(importTime.toISOString());
  });
});

describe('parseReadwiseCsv, Readwise’s export format', () => {
  const parsed = parse(read('./fixtures/readwise-export.csv'));

  it('reads title, author, colors, the Tags column and inline tags, in Location order', () => {
    expect(parsed.format).toBe('readwise-export');
    expect(parsed.books).toHaveLength(1);
    const moby = parsed.books[0]!;
    expect(moby).toMatchObject({ title: 'Moby-Dick; or, The Whale', author: 'Herman Melville', source: null });
    expect(
      moby.annotations.map(({ quote, color, tags, note, createdAt }) => ({ exact: quote?.exact, color, tags, note, createdAt })),
    ).toEqual([
      { exact: '"Quoted", he said.\nAnd went on.', color: 'yellow', tags: [], note: '', createdAt: '2022-11-02T22:00:00.000Z' },
      {
        exact: 'Call me Ishmael.',
        color: 'yellow',
        tags: ['favorite', 'classics', 'opening'],
        note: '',
        createdAt: '2022-11-03T07:15:00.000Z',
      },
      {
        exact: expect.stringMatching(/^Some years ago—never mind how long precisely/),
        color: 'blue',
        tags: [],
        note: 'Line one of a note\nline two, with a comma',
        createdAt: '2022-11-03T07:16:30.000Z',
      },
    ]);
    // Kindle locations are no offsets into Gloss's text.
    expect(moby.annotations.every((annotation) => annotation.position === null)).toBe(true);
  });

  it('keeps the Amazon Book ID and the document tags with the book, and each Location with its type', () => {
    expect(parsed.warnings).toEqual([]);
    expect(parsed.books[0]!.details).toEqual({ amazonBookId: 'B004UJR2JY', tags: ['fiction'] });
    expect(parsed.books[0]!.annotations.map((annotation) => annotation.imported)).toEqual([
      { location: { start: 9, end: 9 } },
      { location: { start: 27, end: 27 } },
      { location: { start: 28, end: 28 } },
    ]);
  });
});

describe('parseReadwiseCsv refuses a damaged file, naming the line', () => {
  it('a wrong header, quoting both headers it expects', () => {
    const message = failure('Text,Book,Writer\r\na,b,c\r\n').message;
    expect(message).toContain('line 1: the header is "Text,Book,Writer"');
    expect(message).toContain(`“${importHeader}”`);
    expect(message).toContain(`“${exportHeader}”`);
  });

  it('a header in the wrong case, with a column it does not know, or with a column twice', () => {
    expect(failure('highlight,title,author,url,note,location,date\r\n').message).toMatch(/^line 1: the header is .*no Highlight column/);
    expect(failure('Highlight,Title,Page Count\r\n').message).toMatch(
      /^line 1: the header is .*columns? Gloss does not know \("Page Count"\)/,
    );
    expect(failure('Highlight,Title,Title\r\n').message).toMatch(/^line 1: the header is .*"Title" appears twice/);
  });

  it('a row with a field too many (an unquoted comma)', () => {
    expect(failure(`${importHeader}\r\nok,T,A,,,1,2024-01-01 00:00:00\r\nnot, ok,T,A,,,1,2024-01-01 00:00:00\r\n`).message).toBe(
      'line 3: the row has 8 fields but the header has 7. A field holding a comma, a quote or a line break must be in double quotes.',
    );
  });

  it('a quoted field that never closes, naming the line it opens on', () => {
    expect(failure(`${importHeader}\r\nok,T,A,,,1,\r\n"open,T,A,,,1,\r\nmore\r\n`).message).toMatch(
      /^line 3: a quoted field opens here and never closes/,
    );
  });

  it('text after a closing quote', () => {
    expect(failure(`${importHeader}\r\n"a"b,T,A,,,1,\r\n`).message).toMatch(/^line 2: text follows the closing quote/);
  });

  it('a row without highlighted text', () => {
    expect(failure(`${importHeader}\r\n,T,A,,note,1,\r\n`).message).toBe(
      'line 2: the Highlight column is empty; every row needs the highlighted text.',
    );
  });

  it('the first problem in the file is the one named, whatever its kind', () => {
    // Rows are read one at a time (csvRecords), so a row without text is met before a short row or an unclosed quote after it.
    expect(failure(`${importHeader}\r\n,T,A,,note,1,\r\nshort,T\r\n"open,T,A,,,1,\r\n`).message).toMatch(
      /^line 2: the Highlight column is empty/,
    );
    expect(failure(`${importHeader}\r\nshort,T\r\n,T,A,,note,1,\r\n`).message).toMatch(/^line 2: the row has 2 fields/);
  });

  it('a date it cannot read, naming the column', () => {
    expect(failure(`${importHeader}\r\n\r\nText,T,A,,,1,next tuesday\r\n`).message).toMatch(/^line 3, Date: “next tuesday” is not a date/);
  });

  it('a tag with a comma, naming the column', () => {
    expect(failure(`${exportHeader}\r\nText,T,A,,,,"a;b",,,,\r\nText2,T,A,,".x,y",,,,,,\r\n`).message).toMatch(
      /^line 3, Note: the tag “x,y”/,
    );
  });

  it('an empty file, and binary garbage', () => {
    expect(failure('').message).toMatch(/^line 1: the file is empty; expected a Readwise CSV/);
    expect(failure('\u0000\u0001\u0002PK\u0003\u0004').message).toMatch(/^line 1: this does not look like a Readwise CSV file/);
  });
});

describe('csvRecords', () => {
  it('reads RFC 4180: quoted separators, doubled quotes, CR LF, LF and CR inside and between records', () => {
    expect([...csvRecords('a,"b,c","d""e"\r\n"f\r\ng",h\ni,"j\rk"\r\n\r\n')]).toEqual([
      { fields: ['a', 'b,c', 'd"e'], line: 1 },
      { fields: ['f\r\ng', 'h'], line: 2 },
      { fields: ['i', 'j\rk'], line: 4 },
    ]);
  });

  it('keeps a quote in the middle of an unquoted field, and empty fields', () => {
    expect([...csvRecords('5" tall,,x\n""')]).toEqual([
      { fields: ['5" tall', '', 'x'], line: 1 },
      { fields: [''], line: 2 },
    ]);
  });

  it('reads back any fields written as RFC 4180, each record with the line it starts on', () => {
    const unit = fc.constantFrom('a', 'é', '😀', ' ', ',', '"', '\r', '\n', '\r\n');
    const field = fc.record({ text: fc.string({ unit, maxLength: 8 }), quoteAnyway: fc.boolean() });
    // A record of one empty unquoted field would be an empty line, which is no record.
    const record = fc
      .array(field, { minLength: 1, maxLength: 5 })
      .filter((fields) => fields.length > 1 || fields[0]!.text !== '' || fields[0]!.quoteAnyway);
    const breaks = (text: string) => text.match(/\r\n?|\n/g)?.length ?? 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ fields: record, end: fc.constantFrom('\r\n', '\n', '\r') }), { maxLength: 6 }),
        fc.boolean(),
        (rows, lastEnds) => {
          let text = '';
          let line = 1;
          const expected = rows.map(({ fields, end }, index) => {
            const start = line;
            text += fields
              .map(({ text: value, quoteAnyway }) => (quoteAnyway || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value))
              .join(',');
            line += fields.reduce((sum, { text: value }) => sum + breaks(value), 0);
            if (index < rows.length - 1 || lastEnds) {
              text += end;
              line++;
            }
            return { fields: fields.map(({ text: value }) => value), line: start };
          });
          expect([...csvRecords(text)]).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names the line where an unclosed quote opens, and where text follows a closing quote', () => {
    expect(() => [...csvRecords('a\r\n"b\n\nc,d\n')]).toThrow(/^line 2: a quoted field opens here and never closes/);
    expect(() => [...csvRecords('a\r\nx,"b\r\n\rc"d\n')]).toThrow(/^line 4: text follows the closing quote of a field \("d\\n"\)/);
  });
});

describe('cells Gloss neutralised against spreadsheet formulas', () => {
  it('reads a leading apostrophe before = + - @ as the export’s, and keeps any other', () => {
    const text = `Highlight,Title,Author,URL,Note,Location,Date\n'=1+1,'@Book,'it's me,,'-note,1,\n`;
    const [book] = parseReadwiseCsv(text).books;
    expect(book).toMatchObject({ title: '@Book', author: "'it's me" });
    expect(book?.annotations[0]).toMatchObject({ quote: { exact: '=1+1' }, note: '-note' });
  });
});

describe('parseReadwiseCsv, every header Readwise writes or accepts', () => {
  const row = {
    Highlight: 'A line.',
    Title: 'T',
    'Book Title': 'T',
    Author: 'A',
    'Book Author': 'A',
    Note: 'n',
    Location: '12',
    Date: '2024-01-02 03:04:05',
    'Highlighted at': '2024-01-02 03:04:05',
    'Location Type': 'page',
    URL: '',
    'Amazon Book ID': 'B01',
    Color: 'blue',
    Tags: 'x',
    'Document tags': 'd',
  };
  const file = (columns: (keyof typeof row)[]) => `${columns.join(',')}\r\n${columns.map((column) => row[column]).join(',')}\r\n`;

  it.each([
    [
      'the older 10-column export, without Document tags',
      ['Highlight', 'Book Title', 'Book Author', 'Amazon Book ID', 'Note', 'Color', 'Tags', 'Location Type', 'Location', 'Highlighted at'],
      'readwise-export',
    ],
    ['the 6-column import shape, without Date', ['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location'], 'readwise-import'],
    ['Highlight alone', ['Highlight'], 'readwise-import'],
    ['the import columns in another order', ['Title', 'Note', 'Highlight', 'Date', 'Author'], 'readwise-import'],
    ['the export columns in another order', ['Book Title', 'Location', 'Location Type', 'Highlight', 'Highlighted at'], 'readwise-export'],
  ] as const)('reads %s', (_name, columns, format) => {
    const parsed = parse(file([...columns]));
    expect(parsed.format).toBe(format);
    const annotation = parsed.books[0]!.annotations[0]!;
    expect(annotation.quote?.exact).toBe('A line.');
    if (columns.includes('Note' as never)) expect(annotation.note).toBe('n');
    if (columns.includes('Title' as never) || columns.includes('Book Title' as never)) expect(parsed.books[0]!.title).toBe('T');
    expect(annotation.createdAt).toBe(
      columns.includes('Date' as never) || columns.includes('Highlighted at' as never)
        ? '2024-01-02T03:04:05.000Z'
        : importTime.toISOString(),
    );
  });

  it('keeps a Location of another type than a Kindle location, with that type', () => {
    const parsed = parse(file(['Highlight', 'Book Title', 'Location Type', 'Location']));
    expect(parsed.books[0]!.annotations[0]!.imported).toEqual({ page: '12' });
    const ordered = parse('Highlight,Book Title,Location Type,Location\r\nA line.,T,order,3\r\n');
    expect(ordered.books[0]!.annotations[0]!.imported).toEqual({ otherLocation: { type: 'order', value: '3' } });
  });
});
