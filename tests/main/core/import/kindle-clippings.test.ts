import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type GlossError } from '../../../../main/core/errors';
import { passagesBody } from '../../../../main/core/import/common';
import { parseKindleClippings, readDate } from '../../../../main/core/import/kindle-clippings';
import type { BooksImport } from '../../../../main/core/import/types';
import { parseFailure } from './parse-failure';

const fixture = readFileSync(new URL('./fixtures/my-clippings.txt', import.meta.url), 'utf8');
const importTime = new Date('2026-01-01T00:00:00.000Z');
const now = () => importTime;
/** The fixture's dates are wall-clock times without a zone, read as this computer's local time. */
const local = (...fields: [number, number, number, number, number, number]) =>
  new Date(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]).toISOString();

function parse(text: string): BooksImport {
  return parseKindleClippings(text, { now });
}

function book(parsed: BooksImport, title: string) {
  const found = parsed.books.find((candidate) => candidate.title === title);
  expect(found, title).toBeDefined();
  return found!;
}

const failure = (text: string): GlossError => parseFailure(parse, text);

/** A clipping as the Kindle writes it. */
const clip = (title: string, details: string, text: string) => `${title}\r\n${details}\r\n\r\n${text}\r\n==========\r\n`;

describe('parseKindleClippings on a realistic file (CR LF, stray BOMs, bookmarks, notes, an edit, other languages)', () => {
  const parsed = parse(fixture);

  it('makes one book per title and author, in the order they first appear', () => {
    expect(parsed.format).toBe('kindle');
    expect(parsed.books.map(({ title, author, source }) => ({ title, author, source }))).toEqual([
      { title: 'The Art of Reading', author: 'Jane Doe', source: 'Kindle' },
      { title: 'Der Prozess', author: 'Franz Kafka', source: 'Kindle' },
      { title: 'Pan Tadeusz', author: 'Adam Mickiewicz', source: 'Kindle' },
    ]);
  });

  it('keeps highlights in reading order, skips the bookmark, keeps only the later of an edited highlight, and removes every BOM', () => {
    const art = book(parsed, 'The Art of Reading');
    expect(art.annotations.map((annotation) => annotation.quote?.exact)).toEqual([
      '*Stars* and <tags> & [links](x) stay text',
      "Reading is thinking with someone else's head instead of one's own.",
      'A book is a garden carried in the pocket.',
    ]);
    expect(
      art.annotations.every(
        (annotation) => annotation.quote?.prefix === '' && annotation.quote.suffix === '' && annotation.position === null,
      ),
    ).toBe(true);
    expect(JSON.stringify(parsed)).not.toContain('\uFEFF');
  });

  it('attaches a note to the highlight whose location range contains it, its inline tags becoming tags', () => {
    const reading = book(parsed, 'The Art of Reading').annotations[1]!;
    expect(reading).toMatchObject({
      note: 'Schopenhauer, actually.',
      tags: ['philosophy', 'quotes'],
      color: 'yellow',
      createdAt: local(2024, 3, 3, 22, 15, 32),
      updatedAt: local(2024, 3, 3, 22, 16, 5),
      sourceDocument: { title: 'The Art of Reading' },
    });
    expect(reading.origin).toBe('line 1');
  });

  it('keeps a note that no highlight contains, with where and when it was made', () => {
    expect(book(parsed, 'The Art of Reading').notesWithoutHighlight).toEqual([
      {
        text: 'A thought with no highlight.',
        where: 'Location 500',
        dateText: 'Tuesday, March 5, 2024 9:00:00 PM',
        createdAt: local(2024, 3, 5, 21, 0, 0),
        origin: 'line 31',
      },
    ]);
  });

  it('reads a German details line: kind, position, and date with a German month', () => {
    const prozess = book(parsed, 'Der Prozess');
    expect(prozess.annotations).toHaveLength(1);
    expect(prozess.annotations[0]).toMatchObject({
      note: 'Der berühmte erste Satz.',
      createdAt: local(2024, 3, 5, 9, 30, 0),
      updatedAt: local(2024, 3, 5, 9, 31, 0),
    });
  });

  it('reads a details line in a language it does not know by its N-M location, dates it to the import and says so', () => {
    const pan = book(parsed, 'Pan Tadeusz');
    expect(pan.annotations.map((annotation) => annotation.quote?.exact)).toEqual(['Litwo! Ojczyzno moja! ty jesteś jak zdrowie.']);
    expect(pan.annotations[0]!.createdAt).toBe(importTime.toISOString());
    expect(parsed.warnings).toEqual([
      'line 47: the details “- Twoje zakreślenie na stronie 14 | lokalizacja 200-204 | Dodano środa, 6 marca 2024 21:00:00” are in a language Gloss does not know; read as a highlight at location 200-204.',
      'line 47: the date “Dodano środa, 6 marca 2024 21:00:00” could not be read; the highlight is dated to the import.',
    ]);
  });

  it('gives each book a body of its passages as paragraphs, escaped to show as plain text', () => {
    const art = book(parsed, 'The Art of Reading');
    expect(art.body).toBe(passagesBody(art.annotations.map((annotation) => annotation.quote!.exact)));
    expect(art.body).toBe(
      "\\*Stars\\* and \\<tags\\> \\& \\[links\\](x) stay text\n\nReading is thinking with someone else's head instead of one's own.\n\nA book is a garden carried in the pocket.\n",
    );
  });

  it('gives the same ids when the same file is read again, and different ones to different highlights', () => {
    const again = parse(fixture);
    const ids = parsed.books.flatMap((entry) => entry.annotations.map((annotation) => annotation.id));
    expect(again.books.flatMap((entry) => entry.annotations.map((annotation) => annotation.id))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id ?? ''))).toBe(true);
  });
});

describe('parseKindleClippings, details lines', () => {
  it.each([
    ['old Kindles’ shortened range', '- Highlight Loc. 1234-36  | Added on Friday, 13 September 2018 19:22:53', 'x'],
    ['the “at location” form', '- Your Highlight at location 1234-1236 | Added on Friday, September 13, 2018 7:22:53 PM', 'x'],
  ])('reads %s', (_name, details) => {
    const parsed = parse(clip('Book (A)', details, 'text'));
    expect(parsed.books[0]!.annotations[0]!.createdAt).toBe(local(2018, 9, 13, 19, 22, 53));
  });

  it('takes a shortened range as the full one when matching notes', () => {
    const parsed = parse(
      clip('Book (A)', '- Highlight Loc. 1234-36 | Added on Friday, 13 September 2018 19:22:53', 'text') +
        clip('Book (A)', '- Note Loc. 1236 | Added on Friday, 13 September 2018 19:23:00', 'my note'),
    );
    expect(parsed.books[0]!.annotations[0]!.note).toBe('my note');
  });

  it('keeps a highlight and a shortened copy of it at an overlapping location as one, the later', () => {
    const parsed = parse(
      clip('B', '- Your Highlight on Location 10-14 | Added on Monday, May 6, 2024 10:00:00 AM', 'A long highlight text') +
        clip('B', '- Your Highlight on Location 10-12 | Added on Monday, May 6, 2024 10:01:00 AM', 'A long highlight'),
    );
    expect(parsed.books[0]!.annotations.map((annotation) => annotation.quote?.exact)).toEqual(['A long highlight']);
  });

  it('keeps two highlights of the same words at different places', () => {
    const parsed = parse(
      clip('B', '- Your Highlight on Location 10-11 | Added on Monday, May 6, 2024 10:00:00 AM', 'Chapter One') +
        clip('B', '- Your Highlight on Location 90-91 | Added on Monday, May 6, 2024 10:01:00 AM', 'Chapter One'),
    );
    expect(parsed.books[0]!.annotations).toHaveLength(2);
  });

  it('keeps a title without an author, and an author in the last parentheses', () => {
    const parsed = parse(
      clip('Notes', '- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM', 'a') +
        clip(
          'Dune (Dune Chronicles, Book 1) (Frank Herbert)',
          '- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM',
          'b',
        ),
    );
    expect(parsed.books.map(({ title, author }) => [title, author])).toEqual([
      ['Notes', null],
      ['Dune (Dune Chronicles, Book 1)', 'Frank Herbert'],
    ]);
  });

  it('skips the Kindle’s clipping-limit placeholder and says so', () => {
    const parsed = parse(
      clip('B', '- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM', 'kept') +
        clip(
          'B',
          '- Your Highlight on Location 5-6 | Added on Monday, May 6, 2024 10:00:00 AM',
          '<You have reached the clipping limit for this item>',
        ),
    );
    expect(parsed.books[0]!.annotations).toHaveLength(1);
    expect(parsed.warnings[0]).toMatch(/^line 6: .*placeholder/);
  });

  it('accepts LF and lone CR line ends as well as CR LF', () => {
    const text = clip('B', '- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM', 'a');
    for (const variant of [text.replace(/\r\n/g, '\n'), text.replace(/\r\n/g, '\r')])
      expect(parse(variant).books[0]!.annotations[0]!.quote?.exact).toBe('a');
  });
});

describe('parseKindleClippings, localised details lines', () => {
  it.each([
    [
      'French',
      '- Votre surlignement sur la page 12 | emplacement 180-182 | Ajouté le dimanche 3 mars 2024 22:15:32',
      '- Votre note sur la page 12 | emplacement 182 | Ajouté le dimanche 3 mars 2024 22:16:00',
      '- Votre signet sur la page 20 | emplacement 300 | Ajouté le lundi 4 mars 2024 08:00:00',
    ],
    [
      'Spanish',
      '- Tu subrayado en la página 12 | posición 180-182 | Añadido el domingo, 3 de marzo de 2024 22:15:32',
      '- Tu nota en la página 12 | posición 182 | Añadido el domingo, 3 de marzo de 2024 22:16:00',
      '- Tu marcador en la página 20 | posición 300 | Añadido el lunes, 4 de marzo de 2024 8:00:00',
    ],
    [
      'Japanese',
      '- 12ページ|位置No. 180-182の ハイライト |作成日: 2024年3月3日日曜日 22:15:32',
      '- 12ページ|位置No. 182の メモ |作成日: 2024年3月3日日曜日 22:16:00',
      '- 20ページ|位置No. 300の ブックマーク |作成日: 2024年3月4日月曜日 8:00:00',
    ],
  ])('reads %s highlights, notes and bookmarks', (_language, highlight, note, bookmark) => {
    const parsed = parse(
      clip('Livre (Auteur)', highlight, 'Le texte surligné.') +
        clip('Livre (Auteur)', note, 'Ma note.') +
        clip('Livre (Auteur)', bookmark, ''),
    );
    expect(parsed.warnings).toEqual([]);
    expect(parsed.books).toHaveLength(1);
    expect(parsed.books[0]!.annotations).toHaveLength(1);
    expect(parsed.books[0]!.annotations[0]).toMatchObject({
      note: 'Ma note.',
      createdAt: local(2024, 3, 3, 22, 15, 32),
      updatedAt: local(2024, 3, 3, 22, 16, 0),
    });
    expect(parsed.books[0]!.notesWithoutHighlight).toEqual([]);
  });
});

describe('readDate', () => {
  it.each([
    ['Sunday, March 3, 2024 10:15:32 PM', [2024, 3, 3, 22, 15, 32]],
    ['Sunday, 3 March 2024 22:15:32', [2024, 3, 3, 22, 15, 32]],
    ['Monday, January 1, 2024 12:05:00 AM', [2024, 1, 1, 0, 5, 0]],
    ['dimanche 3 mars 2024 22:15:32', [2024, 3, 3, 22, 15, 32]],
    ['domingo, 3 de marzo de 2024 22:15:32', [2024, 3, 3, 22, 15, 32]],
    ['domenica 3 marzo 2024 22:15:32', [2024, 3, 3, 22, 15, 32]],
    ['Sonntag, 3. März 2024 22:15:32', [2024, 3, 3, 22, 15, 32]],
    ['2024年3月3日日曜日 22:15:32', [2024, 3, 3, 22, 15, 32]],
    ['2024年3月3日星期日 下午10:15:32', [2024, 3, 3, 22, 15, 32]],
  ])('reads “%s”', (text, [year, month, day, hour, minute, second]) => {
    expect(readDate(text)).toEqual({ year, month, day, hour, minute, second });
  });

  it('gives null for what is no date', () => {
    expect(readDate('środa, 6 marca 2024 21:00:00')).toBeNull();
    expect(readDate('yesterday')).toBeNull();
  });
});

describe('parseKindleClippings refuses a damaged file, naming the line', () => {
  it('an empty file', () => {
    expect(failure('').message).toMatch(/^line 1: the file is empty/);
    expect(failure('\uFEFF \r\n').message).toMatch(/^line 1: the file is empty/);
  });

  it('binary garbage', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(failure(bytes.toString('utf8')).message).toMatch(
      /^line 3: this does not look like a Kindle “My Clippings.txt”: it holds binary data/,
    );
  });

  it('two clippings run together, their separator missing', () => {
    const first = clip('B', '- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM', 'one').replace(
      '==========\r\n',
      '',
    );
    const text = first + clip('C', '- Your Highlight on Location 3-4 | Added on Monday, May 6, 2024 10:01:00 AM', 'two');
    expect(failure(text).message).toBe(
      'line 6: a new clipping seems to start on line 5 (“C”), but the clipping before it (from line 1) is not closed by a line of ten “=” (==========).',
    );
  });

  it('a last clipping without its separator (a file cut short)', () => {
    const text =
      clip('B', '- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM', 'one') +
      'C\r\n- Your Highlight on Location 3-4 | Added on Monday, May 6, 2024 10:01:00 AM\r\n\r\ntw';
    expect(failure(text).message).toMatch(/^line 6: the clipping starting here is not closed by a line of ten “=”/);
  });

  it('a title followed by something other than a details line', () => {
    expect(failure('Some book\r\nNot details\r\n\r\ntext\r\n==========\r\n').message).toMatch(
      /^line 2: expected the clipping's details .* after its title on line 1; found “Not details”\./,
    );
  });

  it('a clipping that is only a title', () => {
    expect(failure('Some book\r\n==========\r\n').message).toMatch(/^line 2: expected the clipping's details/);
  });
});
