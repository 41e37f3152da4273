import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat, parseImport } from '../../../../main/core/import';
import { importFiles } from '../../../../main/core/import/import-files';
import { parseKindleNotebook } from '../../../../main/core/import/kindle-notebook';
import { freshLibrary, removeLibraries } from './library';

afterAll(removeLibraries);

/** Our own notebook export, written to the structure the Kindle apps' Export Notebook gives (classes, heading wording). */
const notebook = readFileSync(new URL('./fixtures/kindle-notebook.html', import.meta.url), 'utf8');
const now = () => new Date('2026-01-01T00:00:00.000Z');

describe('parseKindleNotebook', () => {
  it('reads the book, its highlights in reading order with their colours and places, and the notes written on them', () => {
    const { format, books, warnings } = parseKindleNotebook(notebook, { now });
    expect(format).toBe('kindle');
    expect(warnings).toEqual([]);
    expect(books).toHaveLength(1);
    const [book] = books;
    expect(book).toMatchObject({ title: "The Lighthouse Keeper's Almanac", author: 'Marta Quill', source: 'Kindle' });
    expect(book!.annotations.map((annotation) => [annotation.quote?.exact, annotation.color, annotation.note, annotation.tags])).toEqual([
      [
        "The sea keeps its own calendar, and the keeper\nkeeps the sea's.",
        'yellow',
        'Calendar: compare with the almanac of 1851. #tides',
        [],
      ],
      ['A lamp is a promise made to strangers.', 'blue', '', []],
      // The Kindle's orange has no Gloss twin.
      ['Oil, wick and glass; then patience.', 'yellow', '', []],
    ]);
    // The heading gives where a highlight starts; the note written on it marks where it ends.
    expect(book!.annotations.map((annotation) => annotation.imported)).toEqual([
      { location: { start: 180, end: 182 }, page: '12' },
      { location: { start: 240, end: 240 } },
      { location: { start: 260, end: 260 }, page: '20' },
    ]);
    expect(book!.annotations.every((annotation) => annotation.createdAt === '2026-01-01T00:00:00.000Z')).toBe(true);
    // A note on no highlight is kept for the document note; the bookmark, which holds no text, is not.
    expect(book!.notesWithoutHighlight.map(({ text, where }) => [text, where])).toEqual([
      ['A thought on the whole chapter, on no passage.', 'Location 400'],
    ]);
  });

  it('is told from a web page by its classes, and a page is still a page', () => {
    expect(detectFormat('The Almanac-Notebook.html', notebook)).toBe('kindle-notebook');
    expect(detectFormat('article.html', '<html><body><div class="bookTitle">Not a notebook</div></body></html>')).toBeNull();
  });

  it('names the line of a heading in a language Gloss does not know, and reads it as a highlight', () => {
    const unknown = notebook.replace('Highlight(<span class="highlight_blue">blue</span>) - Location 240', 'Zvýraznění - Umístění 240');
    const parsed = parseImport('book.html', unknown, { now });
    if (parsed.format !== 'kindle') throw new Error(`read as ${parsed.format}`);
    const { books, warnings } = parsed;
    expect(warnings).toEqual([
      expect.stringMatching(/^line 43: the heading “Zvýraznění - Umístění 240” is in a language Gloss does not know/),
    ]);
    expect(books[0]!.annotations.map((annotation) => annotation.quote?.exact)).toContain('A lamp is a promise made to strangers.');
  });

  it('refuses a notebook with no entries, saying so', () => {
    expect(() => parseKindleNotebook('<div class="bookTitle">T</div><div class="noteHeadingX"></div>')).toThrow(
      /holds no highlights or notes/,
    );
  });
});

describe('a notebook export added to the library', () => {
  it('becomes its book, with highlights placed and the loose note in the document note, once', async () => {
    const library = await freshLibrary();
    const [outcome] = await importFiles(library.store, library.dataDir, [
      { name: 'The Lighthouse Keeper-Notebook.html', content: new TextEncoder().encode(notebook) },
    ]);
    expect(outcome).toMatchObject({ status: 'annotations' });
    const summary = library.store.state().documents.find((document) => document.source === 'Kindle')!;
    const book = await library.store.readDocument(summary.id);
    expect(book.highlights).toHaveLength(3);
    expect(book.documentNote?.text).toContain('A thought on the whole chapter, on no passage.');
    const [again] = await importFiles(library.store, library.dataDir, [{ name: 'The Lighthouse Keeper-Notebook.html', content: notebook }]);
    expect(again).toMatchObject({ status: 'annotations' });
    expect((await library.store.readDocument(summary.id)).highlights).toHaveLength(3);
    expect(library.store.state().documents.filter((document) => document.source === 'Kindle')).toHaveLength(1);
  }, 30_000);
});
