/**
 * Kindle clippings as the world writes them: every language we could
 * document, old firmware, dashes of every kind, two-digit years, and files in
 * which one clipping is unreadable.
 */
import { describe, expect, it } from 'vitest';
import { parseKindleClippings, readDate } from '../../../../main/core/import/kindle-clippings';
import type { BooksImport } from '../../../../main/core/import/types';
import {
  bookTitle,
  clippingsInEveryLanguage,
  firstPassage,
  highlightDate,
  kindleLanguages,
  noteDate,
  secondPassage,
} from './fixtures/kindle-languages';

const importTime = new Date('2026-01-01T00:00:00.000Z');
const parse = (text: string): BooksImport => parseKindleClippings(text, { now: () => importTime });
const local = (fields: readonly [number, number, number, number, number, number]) =>
  new Date(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]).toISOString();
const clip = (title: string, details: string, text: string) => `${title}\r\n${details}\r\n\r\n${text}\r\n==========\r\n`;

describe('a clippings file holding every Kindle language we know', () => {
  const parsed = parse(clippingsInEveryLanguage());

  it('reads every clipping without a warning, one book per language', () => {
    expect(parsed.warnings).toEqual([]);
    expect(parsed.books.map((book) => book.title)).toEqual(kindleLanguages.map(bookTitle));
  });

  describe.each(kindleLanguages.map((language) => [language.name, language] as const))('%s', (_name, language) => {
    const book = () => parsed.books.find((candidate) => candidate.title === bookTitle(language))!;

    it('keeps both highlights, skips the bookmark, and keeps each one’s Kindle location and page', () => {
      expect(book().annotations.map((annotation) => annotation.quote?.exact)).toEqual([firstPassage, secondPassage]);
      expect(book().annotations.map((annotation) => annotation.imported)).toEqual([
        { location: { start: 180, end: 182 }, ...(language.noPage ? {} : { page: '12' }) },
        { location: { start: 1300, end: 1301 }, ...(language.noPage ? {} : { page: '97' }) },
      ]);
    });

    it('attaches each note to its highlight: the range’s end was read, whatever word joins it', () => {
      expect(book().annotations.map((annotation) => annotation.note)).toEqual([
        `First note (${language.name}).`,
        `Second note (${language.name}).`,
      ]);
      expect(book().notesWithoutHighlight).toEqual([]);
    });

    it('reads the dates', () => {
      expect(book().annotations[0]).toMatchObject({
        createdAt: local(language.highlightDate ?? highlightDate),
        updatedAt: local(language.noteDate ?? noteDate),
      });
    });
  });
});

describe('one unreadable clipping never sinks the file', () => {
  const good = (title: string) => clip(title, '- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM', 'kept');

  it('imports the rest and names the skipped clipping’s line and why', () => {
    const text = good('First (A)') + clip('Broken (B)', 'this is not a details line', 'lost') + good('Last (C)');
    const parsed = parse(text);
    expect(parsed.books.map((book) => book.title)).toEqual(['First', 'Last']);
    expect(parsed.warnings).toEqual([
      "line 7: expected the clipping's details (“- Your Highlight on page … | Location … | Added on …”) after its title on line 6; found “this is not a details line”. That clipping was skipped; the others were imported.",
    ]);
  });

  it('skips a clipping that runs into the next (their separator lost), keeping the others', () => {
    const runTogether = clip('Two (B)', '- Your Highlight on Location 5-6 | Added on Monday, May 6, 2024 10:00:00 AM', 'one').replace(
      '==========\r\n',
      '',
    );
    const parsed = parse(good('First (A)') + runTogether + good('Three (C)'));
    expect(parsed.books.map((book) => book.title)).toEqual(['First']);
    expect(parsed.warnings).toHaveLength(1);
    expect(parsed.warnings[0]).toMatch(/^line 11: a new clipping seems to start on line 10 .* That clipping was skipped/);
  });

  it('reads a Russian clipping (en dash) among English ones', () => {
    const russian = clip(
      'Книга (Автор)',
      '– Ваш выделенный отрывок на странице 5 | позиция 60–61 | Добавлено: понедельник, 6 мая 2024 г. в 10:00:00',
      'Текст.',
    );
    const parsed = parse(good('First (A)') + russian + good('Last (C)'));
    expect(parsed.warnings).toEqual([]);
    expect(parsed.books.map((book) => book.title)).toEqual(['First', 'Книга', 'Last']);
    expect(parsed.books[1]!.annotations[0]!.createdAt).toBe(local([2024, 5, 6, 10, 0, 0]));
  });

  it('reads a details line that has lost its dash, or has an em dash', () => {
    for (const details of [
      'Your Highlight on page 3 | Location 40-41 | Added on Monday, May 6, 2024 10:00:00 AM',
      '— Your Highlight on page 3 | Location 40-41 | Added on Monday, May 6, 2024 10:00:00 AM',
    ]) {
      const parsed = parse(clip('B (A)', details, 'text'));
      expect(parsed.warnings).toEqual([]);
      expect(parsed.books[0]!.annotations[0]!.imported).toEqual({ location: { start: 40, end: 41 }, page: '3' });
    }
  });
});

describe('dates', () => {
  it.each([
    ['Monday, 3 December 12 19:42:30 Greenwich Mean Time', [2012, 12, 3, 19, 42, 30]],
    ['venerdì 6 aprile 12, 10:21:34', [2012, 4, 6, 10, 21, 34]],
    ['Thursday, December 06, 12 07:42 PM', [2012, 12, 6, 19, 42, 0]],
    ['воскресенье, 3 марта 2024 г. в 22:15:32', [2024, 3, 3, 22, 15, 32]],
    ['2024년 3월 3일 일요일 오후 10:15:32', [2024, 3, 3, 22, 15, 32]],
    ['zondag 3 maart 2024 22:15:32', [2024, 3, 3, 22, 15, 32]],
  ])('reads “%s”', (text, [year, month, day, hour, minute, second]) => {
    expect(readDate(text)).toEqual({ year, month, day, hour, minute, second });
  });

  it('keeps a date it cannot read verbatim beside the highlight, and dates it to the import', () => {
    const parsed = parse(clip('B (A)', '- Your Highlight on Location 1-2 | Added on the ides of March', 'text'));
    expect(parsed.books[0]!.annotations[0]).toMatchObject({
      createdAt: importTime.toISOString(),
      imported: { location: { start: 1, end: 2 }, dateText: 'the ides of March' },
    });
    expect(parsed.warnings).toEqual(['line 2: the date “the ides of March” could not be read; the highlight is dated to the import.']);
  });
});
