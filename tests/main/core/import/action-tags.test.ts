/**
 * Readwise's action tags do what Readwise documents, instead of becoming
 * ordinary tags: `.h1`–`.h6` headings, `.c1`… joined highlights, and `.qa` or
 * `.fav`/`.favorite` kept in the note as written so they go back unchanged.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { applyImport } from '../../../../main/core/import/apply';
import { parseKindleClippings } from '../../../../main/core/import/kindle-clippings';
import { parseReadwiseCsv } from '../../../../main/core/import/readwise-csv';
import { parseCsv } from '../export/csv-reader';
import { exportCsv, freshLibrary, highlightsByTitle, removeLibraries } from './library';

afterAll(removeLibraries);

const now = () => new Date('2026-01-01T00:00:00.000Z');
const header = 'Highlight,Book Title,Book Author,Note,Location Type,Location,Highlighted at';
const row = (highlight: string, note: string, location: number) =>
  `"${highlight}",The Handbook,R. Reader,"${note}",location,${location},2024-01-0${(location % 9) + 1} 10:00:00`;
const csv = [
  header,
  row('Part One', '.h1', 10),
  row('The First Chapter', '.h2', 11),
  row('An ordinary passage.', '.ideas', 12),
  row('The start of a thought', '.c1', 13),
  row('and its end, further on.', '.c2 worth joining', 14),
  row('What is a margin?', '.qa Where readers answer back', 15),
  row('A favourite line.', '.favorite ..rl', 16),
].join('\r\n');

describe('Readwise action tags in a Readwise export', () => {
  const parsed = parseReadwiseCsv(csv, { now });
  const book = parsed.books[0]!;

  it('turns .h1–.h6 highlights into the document’s headings, not highlights or tags', () => {
    expect(book.headings).toEqual([
      { before: 0, level: 1, text: 'Part One' },
      { before: 0, level: 2, text: 'The First Chapter' },
    ]);
    expect(book.body.startsWith('# Part One\n\n## The First Chapter\n\nAn ordinary passage.\n\n')).toBe(true);
    expect(book.annotations.flatMap((annotation) => annotation.tags)).toEqual(['ideas']);
  });

  it('joins .c1, .c2 into one highlight, passage after passage, notes together', () => {
    expect(book.annotations[1]).toMatchObject({
      quote: { exact: 'The start of a thought\n\nand its end, further on.' },
      note: 'worth joining',
    });
  });

  it('keeps .qa and .favorite in the note as written', () => {
    expect(book.annotations.map((annotation) => annotation.note).slice(2)).toEqual(['.qa Where readers answer back', '.favorite ..rl']);
  });

  it('reads a Kindle note’s action tags the same way', () => {
    const clip = (details: string, text: string) => `B (A)\r\n${details}\r\n\r\n${text}\r\n==========\r\n`;
    const kindle = parseKindleClippings(
      clip('- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM', 'Chapter Two') +
        clip('- Your Note on Location 2 | Added on Monday, May 6, 2024 10:00:01 AM', '.h2') +
        clip('- Your Highlight on Location 5-6 | Added on Monday, May 6, 2024 10:01:00 AM', 'A passage.'),
      { now },
    );
    expect(kindle.books[0]!.headings).toEqual([{ before: 0, level: 2, text: 'Chapter Two' }]);
    expect(kindle.books[0]!.annotations.map((annotation) => annotation.quote?.exact)).toEqual(['A passage.']);
  });
});

describe('into a library and out again', () => {
  it('makes a document with the headings and four highlights, and exports each note unchanged', async () => {
    const library = await freshLibrary();
    const report = await applyImport(library.store, parseReadwiseCsv(csv, { now }));
    expect(report).toMatchObject({ documentsCreated: 1, highlightsAdded: 4, unmatched: [] });
    const stored = (await highlightsByTitle(library)).get('The Handbook')!;
    expect(stored.highlights.map((highlight) => highlight.quote.exact).sort()).toEqual(
      ['A favourite line.', 'An ordinary passage.', 'The start of a thought\nand its end, further on.', 'What is a margin?'].sort(),
    );
    const notes = parseCsv(await exportCsv(library)).map((exported) => exported.Note);
    expect(notes).toEqual(['.ideas', 'worth joining', '.qa Where readers answer back', '.favorite ..rl']);

    // Importing the same file again adds nothing: the document made of passages and headings is recognised.
    const again = await applyImport(library.store, parseReadwiseCsv(csv, { now }));
    expect(again).toMatchObject({ documentsCreated: 0, highlightsAdded: 0, alreadyPresent: 4 });
  }, 60_000);
});
