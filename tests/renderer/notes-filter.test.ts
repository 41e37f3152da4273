// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { type Highlight, type HighlightColor, highlightColors } from '../../common/contract';
import { type NotesFilter, matchesFilter, matchRanges, queryWords } from '../../renderer/src/notes/filter';
import { markMatches } from '../../renderer/src/notes/mark-matches';
import { colorLabel, formatTime, parseTags } from '../../renderer/src/notes/format-notes';

function highlight(overrides: Partial<Highlight> = {}): Highlight {
  return {
    id: 'h1',
    quote: { type: 'TextQuoteSelector', exact: 'The Café on the corner opened early', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 35 },
    revision: 1,
    color: 'yellow',
    note: 'Remember the **naïve** owner',
    tags: ['travel', 'Paris-2024'],
    createdAt: '2026-11-28T09:40:00.000Z',
    updatedAt: '2026-11-28T09:40:00.000Z',
    ...overrides,
  };
}

const noFilter: NotesFilter = { color: null, tag: null, query: '' };
const filter = (overrides: Partial<NotesFilter>): NotesFilter => ({ ...noFilter, ...overrides });

describe('matchesFilter', () => {
  it('lets every highlight through an empty filter', () => {
    expect(matchesFilter(highlight(), noFilter)).toBe(true);
  });

  it.each(highlightColors.map((color) => [color, color === 'green'] as const))(
    'with the color filter %s, a green highlight matches: %s',
    (color, expected) => {
      expect(matchesFilter(highlight({ color: 'green' }), filter({ color }))).toBe(expected);
    },
  );

  it.each([
    ['travel', true],
    ['Paris-2024', true],
    ['trav', false],
    ['Travel', false],
    ['food', false],
  ])('with the tag filter %j, a highlight tagged travel and Paris-2024 matches: %s', (tag, expected) => {
    expect(matchesFilter(highlight(), filter({ tag }))).toBe(expected);
  });

  it('matches nothing by tag when the highlight has no tags', () => {
    expect(matchesFilter(highlight({ tags: [] }), filter({ tag: 'travel' }))).toBe(false);
  });

  it.each([
    // One word, in each of the searched fields.
    ['corner', true],
    ['owner', true],
    ['travel', true],
    ['paris-2024', true],
    // Case and accents are ignored, both ways.
    ['cafe', true],
    ['CAFÉ', true],
    ['Café', true],
    ['naive', true],
    ['NAÏVE', true],
    // Every word must be found, but they may come from different fields.
    ['cafe owner travel', true],
    ['corner early', true],
    ['corner museum', false],
    // Words, not a phrase: order and spacing do not matter.
    ['early   corner', true],
    ['  corner\t', true],
    // A word may be part of a longer word.
    ['open', true],
    // Absent words.
    ['museum', false],
    ['cafes', false],
    // Only whitespace is no query.
    ['   ', true],
  ])('the query %j matches the highlight: %s', (query, expected) => {
    expect(matchesFilter(highlight(), filter({ query }))).toBe(expected);
  });

  it('finds a decomposed accent with a precomposed query and the other way round', () => {
    const decomposed = highlight({
      quote: { type: 'TextQuoteSelector', exact: 'Cafe\u0301 society', prefix: '', suffix: '' },
      note: '',
      tags: [],
    });
    expect(matchesFilter(decomposed, filter({ query: 'café' }))).toBe(true);
    expect(matchesFilter(decomposed, filter({ query: 'cafe' }))).toBe(true);
    const precomposed = highlight({
      quote: { type: 'TextQuoteSelector', exact: 'Caf\u00e9 society', prefix: '', suffix: '' },
      note: '',
      tags: [],
    });
    expect(matchesFilter(precomposed, filter({ query: 'cafe\u0301' }))).toBe(true);
  });

  it('does not search the quote’s prefix and suffix, only the highlighted words', () => {
    const withContext = highlight({
      quote: { type: 'TextQuoteSelector', exact: 'opened early', prefix: 'The museum ', suffix: ' every day' },
      note: '',
      tags: [],
    });
    expect(matchesFilter(withContext, filter({ query: 'museum' }))).toBe(false);
    expect(matchesFilter(withContext, filter({ query: 'early' }))).toBe(true);
  });

  it('requires the color, the tag and the query all to match', () => {
    const h = highlight({ color: 'blue', tags: ['travel'] });
    expect(matchesFilter(h, filter({ color: 'blue', tag: 'travel', query: 'cafe' }))).toBe(true);
    expect(matchesFilter(h, filter({ color: 'pink', tag: 'travel', query: 'cafe' }))).toBe(false);
    expect(matchesFilter(h, filter({ color: 'blue', tag: 'food', query: 'cafe' }))).toBe(false);
    expect(matchesFilter(h, filter({ color: 'blue', tag: 'travel', query: 'museum' }))).toBe(false);
  });
});

describe('parseTags', () => {
  it.each([
    ['a, b ,, #c, a', ['a', 'b', 'c']],
    ['a\nb\n\nc', ['a', 'b', 'c']],
    ['a\r\nb', ['a', 'b']],
    ['a,\n b', ['a', 'b']],
    ['', []],
    ['   ', []],
    [', , ,', []],
    ['#', []],
    ['# spaced', ['spaced']],
    ['##double', ['#double']],
    ['c#, f#', ['c#', 'f#']],
    ['two words, one', ['two words', 'one']],
    ['#a, a', ['a']],
    ['Reading, reading', ['Reading', 'reading']],
    ['z, y, x', ['z', 'y', 'x']],
  ])('parses %j as %j', (input, expected) => {
    expect(parseTags(input)).toEqual(expected);
  });
});

describe('formatTime', () => {
  it.each([
    ['2026-11-28T09:40:00.000Z', '28 Nov 2026, 09:40'],
    ['2026-11-28T23:05:59Z', '28 Nov 2026, 23:05'],
    ['2024-02-29T00:00:00Z', '29 Feb 2024, 00:00'],
    // Another zone's time is converted to UTC.
    ['2026-01-01T01:30:00+02:00', '31 Dec 2025, 23:30'],
  ])('formats %s in en-GB and UTC as %j', (iso, expected) => {
    expect(formatTime(iso, 'en-GB', 'UTC')).toBe(expected);
  });

  it('uses the time zone it is given', () => {
    expect(formatTime('2026-11-28T09:40:00Z', 'en-GB', 'Asia/Tokyo')).toBe('28 Nov 2026, 18:40');
  });

  it('uses the locale it is given', () => {
    // ICU versions differ on the space before AM (U+0020 or U+202F).
    expect(formatTime('2026-11-28T09:40:00Z', 'en-US', 'UTC').replace(/\s/gu, ' ')).toBe('Nov 28, 2026, 9:40 AM');
  });
});

describe('colorLabel', () => {
  it.each([
    ['yellow', 'Yellow'],
    ['green', 'Green'],
    ['blue', 'Blue'],
    ['pink', 'Pink'],
    ['purple', 'Purple'],
  ] satisfies [HighlightColor, string][])('labels %s as %s', (color, label) => {
    expect(colorLabel(color)).toBe(label);
  });

  it('has a label for every highlight color', () => {
    expect(highlightColors.map(colorLabel)).toEqual(['Yellow', 'Green', 'Blue', 'Pink', 'Purple']);
  });
});

describe('matchRanges', () => {
  it.each([
    ['The Café on the corner', ['cafe'], [[4, 8]]],
    ['The Cafe\u0301 opened', ['cafe'], [[4, 9]]],
    [
      'naïve, NAIVE and naive',
      ['naive'],
      [
        [0, 5],
        [7, 12],
        [17, 22],
      ],
    ],
    ['the corner opened early', ['open', 'opened'], [[11, 17]]],
    ['no match here', ['absent'], []],
    ['ab', [], []],
  ])('finds in %j the words %j at %j', (text, words, expected) => {
    expect(matchRanges(text, words)).toEqual(expected);
  });

  it('finds what matchesFilter matched, folded the same way', () => {
    const words = queryWords('  CAFÉ   corner ');
    expect(words).toEqual(['cafe', 'corner']);
    const text = highlight().quote.exact;
    expect(matchRanges(text, words).map(([start, end]) => text.slice(start, end))).toEqual(['Café', 'corner']);
  });
});

describe('markMatches', () => {
  it('wraps each match in <mark>, leaves the text as it was, and takes the marks away for the next query', () => {
    const root = document.createElement('div');
    root.innerHTML = '<p>Remember the <strong>naïve</strong> owner, naive as ever</p>';
    markMatches(root, queryWords('naive'));
    expect(Array.from(root.querySelectorAll('mark'), (mark) => mark.textContent)).toEqual(['naïve', 'naive']);
    expect(root.textContent).toBe('Remember the naïve owner, naive as ever');
    markMatches(root, queryWords('owner'));
    expect(Array.from(root.querySelectorAll('mark'), (mark) => mark.textContent)).toEqual(['owner']);
    markMatches(root, []);
    expect(root.innerHTML).toBe('<p>Remember the <strong>naïve</strong> owner, naive as ever</p>');
  });
});
