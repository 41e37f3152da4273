import { describe, expect, it } from 'vitest';
import { allInReadingOrder } from '../../../../main/core/export/common';
import {
  csvField,
  neutraliseFormula,
  readwiseColumns,
  readwiseNote,
  restoreNeutralisedFormula,
  toReadwiseCsv,
} from '../../../../main/core/export/csv';
import { expectedRows, parseCsv } from './csv-reader';
import { essay, highlight, library } from './fixture';
import { expectGolden } from './golden';

describe('toReadwiseCsv', () => {
  it('matches golden/readwise.csv', async () => {
    await expectGolden('readwise.csv', toReadwiseCsv(library));
  });

  it('starts with the exact Readwise header, no byte order mark, and ends every record in CR LF', () => {
    const csv = toReadwiseCsv(library);
    expect(csv.startsWith('Highlight,Title,Author,URL,Note,Location,Date\r\n')).toBe(true);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('parses back to every field exactly, line breaks, quotes and commas included', () => {
    const rows = parseCsv(toReadwiseCsv(library));
    expect(rows).toEqual(expectedRows(library));
    expect(rows).toHaveLength(10);
    // The fields come from the highlights untouched.
    const sources = library.flatMap(allInReadingOrder);
    expect(rows.map((row) => row.Highlight)).toEqual(sources.map((h) => h.quote.exact));
    expect(rows.map((row) => row.Location)).toEqual(sources.map((h) => String(h.position.start)));
    expect(rows.find((row) => row.Highlight.startsWith('First line'))?.Highlight).toContain(
      'First line\r\nSecond line\nThird line\rFourth',
    );
  });

  it('fills Title, Author, URL and Date from the document and the highlight', () => {
    const rows = parseCsv(toReadwiseCsv(library));
    expect(rows[0]).toMatchObject({
      Title: 'The “Curly” Essay: On *Markdown*, <HTML> & Other | Things',
      Author: 'Zoë "Z" Müller, Jr.',
      URL: 'https://example.com/essays/curly?x=1&y=(2)',
      Date: '2024-01-02 10:05:00',
    });
    expect(rows.find((row) => row.Highlight.startsWith('日本語のテキスト'))?.Date).toBe('2024-01-04 23:30:00');
    // The article has no author or source.
    expect(rows.find((row) => row.Highlight === '東京は日本の首都です。')).toMatchObject({ Author: '', URL: '' });
  });

  it('is just the header for documents without highlights', () => {
    expect(toReadwiseCsv([])).toBe('Highlight,Title,Author,URL,Note,Location,Date\r\n');
    expect(parseCsv(toReadwiseCsv([{ ...essay, highlights: [] }]))).toEqual([]);
  });

  it('names the columns in Readwise’s order', () => {
    expect(readwiseColumns).toEqual(['Highlight', 'Title', 'Author', 'URL', 'Note', 'Location', 'Date']);
  });
});

describe('readwiseNote', () => {
  it.each([
    ['a note alone', 'Just a note', [], 'Just a note'],
    ['tags alone', '', ['one', 'two'], '.one .two'],
    ['tags on the first line, then the note', 'Line 1\nLine 2', ['a'], '.a\nLine 1\nLine 2'],
    ['spaces in a tag as dashes', '', ['syntax test', ' padded '], '.syntax-test .padded'],
    ['a whitespace-only note as no note', '  \n ', ['a'], '.a'],
    ['nothing', '', [], ''],
  ])('writes %s', (_name, note, tags, expected) => {
    expect(readwiseNote(highlight({ id: 'x', quote: 'q', start: 0, note, tags }))).toBe(expected);
  });
});

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['', ''],
    [' spaced ', ' spaced '],
    ['日本語 😀', '日本語 😀'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('spreadsheet formula injection (OWASP, CSV Injection)', () => {
  it.each([
    ['=HYPERLINK("https://evil.example","x")', '\'=HYPERLINK("https://evil.example","x")'],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tstarts with a tab', "'\tstarts with a tab"],
    ['\rstarts with a CR', "'\rstarts with a CR"],
    ['plain words = fine', 'plain words = fine'],
    ['', ''],
  ])('writes %j as %j by default, and Gloss’s import reads it back', (stored, written) => {
    expect(neutraliseFormula(stored)).toBe(written);
    expect(restoreNeutralisedFormula(written)).toBe(stored);
  });

  it('neutralises every column of a row, and writes raw values when asked', () => {
    const doc = { ...library[0]!, document: { ...library[0]!.document, title: '=cmd', author: '@me' } };
    const [row] = parseCsv(toReadwiseCsv([doc], 'neutralised'));
    expect(row).toMatchObject({ Title: "'=cmd", Author: "'@me" });
    const [raw] = parseCsv(toReadwiseCsv([doc], 'raw'));
    expect(raw).toMatchObject({ Title: '=cmd', Author: '@me' });
  });
});
