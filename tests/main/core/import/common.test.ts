import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasPassageText, importTime, isoTime, passageParagraphs, refuseBinary } from '../../../../main/core/import/common';
import { parseKindleClippings } from '../../../../main/core/import/kindle-clippings';
import { parseKindleNotebook } from '../../../../main/core/import/kindle-notebook';
import { parseReadwiseCsv } from '../../../../main/core/import/readwise-csv';
import { parseWebAnnotations } from '../../../../main/core/import/web-annotation';
import { highlightSchema } from '../../../../main/core/storage/schema';

/** The schema a stored time must pass (createdAt, like every time in storage). */
const storedTime = highlightSchema.shape.createdAt;

describe('isoTime', () => {
  it('keeps a time as written exactly when storage accepts it, and gives only times storage accepts', () => {
    const digits = (value: number, width: number) => String(value).padStart(width, '0');
    const time = fc
      .record({
        year: fc.integer({ min: 0, max: 10_001 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        separator: fc.constantFrom('T', ' ', 't'),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.option(fc.integer({ min: 0, max: 61 })),
        fraction: fc.option(fc.stringMatching(/^\d{1,10}$/)),
        zone: fc.constantFrom('Z', 'z', '', '+02:00', '+0200', '-23:59', '+24:00', ' UTC', '+05'),
      })
      .map(({ year, month, day, separator, hour, minute, second, fraction, zone }) => {
        const seconds = second === null ? '' : `:${digits(second, 2)}${fraction === null ? '' : `.${fraction}`}`;
        return `${digits(year, 4)}-${digits(month, 2)}-${digits(day, 2)}${separator}${digits(hour, 2)}:${digits(minute, 2)}${seconds}${zone}`;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          time,
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.string({ maxLength: 30 }),
        ),
        (text) => {
          const result = isoTime(text);
          expect(result === text).toBe(storedTime.safeParse(text).success);
          if (result !== null) expect(storedTime.safeParse(result).success).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives no time for one an offset or a rollover carries out of years 0000–9999, which storage cannot keep', () => {
    // Found by the property above (seed -321492850): Date writes such times as +010000-… or -000001-….
    expect(isoTime('9999-12-31T00:01-23:59')).toBeNull();
    expect(isoTime('9999-12-31 24:00:00')).toBeNull();
    expect(isoTime('0000-01-01T00:30+01:00')).toBeNull();
    expect(isoTime('9999-12-31 23:59:59+00:00')).toBe('9999-12-31T23:59:59.000Z');
    expect(isoTime('0000-01-01 01:30+01:00')).toBe('0000-01-01T00:30:00.000Z');
  });
});

describe('isoTime without a zone or in UTC (Z, UTC, +00:00)', () => {
  it('gives what parsing it as a Date gives, rolled-over and impossible dates included', () => {
    const digits = (value: number, width: number) => String(value).padStart(width, '0');
    /** What isoTime gave before it wrote real calendar times out itself: the time parsed as a Date, refused when no date at all. */
    const asDateReadsIt = (year: string, month: string, day: string, clock: string, millis: string): string | null => {
      const time = new Date(`${year}-${month}-${day}T${clock}${millis}Z`);
      return Number.isNaN(time.getTime()) || Number(month) < 1 || Number(month) > 12 || Number(day) > 31 ? null : time.toISOString();
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9_999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 60 })),
        fc.option(fc.stringMatching(/^\d{1,9}$/)),
        fc.constantFrom('', 'Z', 'z', ' UTC', 'utc', '+00:00', '-00:00', '+0000', '+00'),
        (yearNumber, monthNumber, dayNumber, hour, minute, second, fraction, zone) => {
          const [year, month, day] = [digits(yearNumber, 4), digits(monthNumber, 2), digits(dayNumber, 2)];
          const seconds = second === null ? '00' : digits(second, 2);
          const clock = `${digits(hour, 2)}:${digits(minute, 2)}:${seconds}`;
          const written = `${year}-${month}-${day} ${digits(hour, 2)}:${digits(minute, 2)}${second === null ? '' : `:${seconds}${fraction === null ? '' : `.${fraction}`}`}${zone}`;
          const millis = second === null || fraction === null ? '' : `.${fraction.padEnd(3, '0').slice(0, 3)}`;
          expect(isoTime(written)).toBe(asDateReadsIt(year, month, day, clock, millis));
        },
      ),
      { numRuns: 5_000 },
    );
    expect(isoTime('2024-02-29 23:59:59')).toBe('2024-02-29T23:59:59.000Z');
    expect(isoTime('2023-02-29 10:00:00')).toBe('2023-03-01T10:00:00.000Z');
    expect(isoTime('1900-02-29 10:00:00')).toBe('1900-03-01T10:00:00.000Z');
    expect(isoTime('2000-02-29 10:00:00.1')).toBe('2000-02-29T10:00:00.100Z');
    // As Readwise's export writes it.
    expect(isoTime('2022-11-03 07:15:00+00:00')).toBe('2022-11-03T07:15:00.000Z');
  });
});

describe('the time given to what a file leaves undated', () => {
  /** A clock that moves a second each time it is read, and counts the reads. */
  function steppingClock(): { now: () => Date; reads: () => number } {
    let reads = 0;
    return { now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, reads++)), reads: () => reads };
  }

  it('is read from the clock once, when first needed, and then stays', () => {
    const clock = steppingClock();
    const undated = importTime(clock.now);
    expect(clock.reads()).toBe(0);
    expect([undated(), undated(), undated()]).toEqual(Array(3).fill('2026-01-01T00:00:00.000Z'));
    expect(clock.reads()).toBe(1);
  });

  const undatedFiles: [string, (now: () => Date) => string[]][] = [
    [
      'Readwise CSV',
      (now) =>
        parseReadwiseCsv('Highlight,Title,Date\nOne,Book,\nTwo,Book,\nThree,Other,\n', { now }).books.flatMap((book) =>
          book.annotations.map((annotation) => annotation.createdAt),
        ),
    ],
    [
      'Web Annotation JSON',
      (now) =>
        parseWebAnnotations(
          JSON.stringify(['one', 'two', 'three'].map((exact) => ({ target: { selector: { type: 'TextQuoteSelector', exact } } }))),
          { now },
        ).annotations.map((annotation) => annotation.createdAt),
    ],
    [
      'Kindle clippings',
      (now) =>
        parseKindleClippings(
          ['One', 'Two', 'Three']
            .map(
              (text, index) => `Book (Author)\n- Your Highlight on location ${index + 1} | Added on no day at all\n\n${text}\n==========\n`,
            )
            .join(''),
          { now },
        ).books.flatMap((book) => book.annotations.map((annotation) => annotation.createdAt)),
    ],
    [
      'Kindle notebook export',
      (now) =>
        parseKindleNotebook(
          `<div class="bookTitle">Book</div><div class="authors">Author</div>${['One', 'Two', 'Three']
            .map(
              (text, index) =>
                `<div class="noteHeading">Highlight(<span class="highlight_yellow">yellow</span>) - Location ${index + 1}</div><div class="noteText">${text}</div>`,
            )
            .join('')}`,
          { now },
        ).books.flatMap((book) => book.annotations.map((annotation) => annotation.createdAt)),
    ],
  ];

  it.each(undatedFiles)('is one time for all of a %s file’s undated items', (_kind, createdTimes) => {
    const clock = steppingClock();
    expect(createdTimes(clock.now)).toEqual(Array(3).fill('2026-01-01T00:00:00.000Z'));
    expect(clock.reads()).toBe(1);
  });
});

describe('refuseBinary', () => {
  const text = (lines: string[]) => lines.join('\n');

  it('refuses text that is more than a tenth U+FFFD (undecodable bytes), naming the first one’s line', () => {
    const mostlyReplaced = text(['Highlight,Title', `${'\uFFFD'.repeat(20)}${'a'.repeat(80)}`]);
    expect(() => refuseBinary(mostlyReplaced, 'a Readwise CSV file')).toThrow(
      'line 2: this does not look like a Readwise CSV file: it is not UTF-8 text.',
    );
  });

  it('reads text with a few U+FFFD, up to a tenth of it, as text', () => {
    const tenth = `${'\uFFFD'.repeat(10)}${'a'.repeat(90)}`;
    expect(() => refuseBinary(tenth, 'a Readwise CSV file')).not.toThrow();
    expect(() => refuseBinary(`${'a'.repeat(100)}\uFFFD`, 'a Readwise CSV file')).not.toThrow();
  });

  it('refuses a NUL character wherever it is', () => {
    expect(() => refuseBinary(text(['a', 'b', 'c\u0000']), 'JSON')).toThrow('line 3: this does not look like JSON: it holds binary data');
  });
});

describe('hasPassageText', () => {
  it('says whether passageParagraphs finds any paragraph, for text made of spaces, line breaks, control characters and letters', () => {
    const character = fc.constantFrom(
      ' ',
      '\t',
      '\n',
      '\r',
      '\u000B',
      '\u000C',
      '\u0000',
      '\u0007',
      '\u001F',
      '\u007F',
      '\u0085',
      '\u00A0',
      '\u2028',
      '\u3000',
      '\uFEFF',
      'a',
      '語',
      '.',
    );
    fc.assert(
      fc.property(fc.array(character, { maxLength: 12 }), (characters) => {
        const text = characters.join('');
        expect(hasPassageText(text)).toBe(passageParagraphs(text).length > 0);
      }),
      { numRuns: 2_000 },
    );
  });

  it('finds no text in white space and control characters alone, and finds one visible character', () => {
    expect(hasPassageText(' \r\n\t\u0000\u00A0\uFEFF\u3000 ')).toBe(false);
    expect(hasPassageText(' \u0001x\u0002 ')).toBe(true);
  });
});
