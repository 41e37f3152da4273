import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type GlossError } from '../../../../main/core/errors';
import { allInReadingOrder, hasNote } from '../../../../main/core/export/common';
import { firstJsonError } from '../../../../main/core/import/json-text';
import type { WebAnnotationImport } from '../../../../main/core/import/types';
import { parseWebAnnotations } from '../../../../main/core/import/web-annotation';
import { library } from '../export/fixture';
import { parseFailure } from './parse-failure';

const importTime = new Date('2026-01-01T00:00:00.000Z');
const parse = (text: string): WebAnnotationImport => parseWebAnnotations(text, { now: () => importTime });
const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

const failure = (text: string): GlossError => parseFailure(parse, text);

/** A minimal valid annotation to build shapes and breakages from. */
const annotation = (overrides: Record<string, unknown> = {}) => ({
  type: 'Annotation',
  id: 'urn:uuid:11111111-2222-4333-8444-555555555555',
  created: '2024-01-01T00:00:00Z',
  target: {
    source: 'https://example.com/a',
    selector: [
      { type: 'TextQuoteSelector', exact: 'quoted', prefix: 'before ', suffix: ' after' },
      { type: 'TextPositionSelector', start: 7, end: 13 },
    ],
  },
  ...overrides,
});

describe('parseWebAnnotations on Gloss’s own JSON export (the export golden file)', () => {
  const parsed = parse(read('../export/golden/annotations.json'));

  it('gives back every highlight: id, selectors, color, note, tags, times and its document', () => {
    const expected = library.flatMap((doc) =>
      allInReadingOrder(doc).map((highlight) => ({
        sourceDocument: {
          id: doc.document.id,
          title: doc.document.title,
          ...(doc.document.source ? { uri: doc.document.source } : {}),
        },
        quote: highlight.quote,
        position: highlight.position,
        color: highlight.color,
        note: hasNote(highlight) ? highlight.note : '',
        tags: highlight.tags,
        createdAt: highlight.createdAt,
        updatedAt: highlight.updatedAt,
        id: highlight.id,
      })),
    );
    expect(parsed.annotations.map(({ origin: _origin, ...rest }) => rest)).toEqual(expected);
    expect(parsed.annotations.map((item) => item.origin)).toEqual(expected.map((_, index) => `$.first.items[${index}]`));
    expect(parsed.warnings).toEqual([]);
  });

  it('reads the documents’ metadata and document notes', () => {
    expect(parsed.documents).toEqual(
      library.map((doc) => ({
        id: doc.document.id,
        title: doc.document.title,
        author: doc.document.author,
        date: doc.document.date,
        addedAt: doc.document.addedAt,
        ...(doc.document.source ? { uri: doc.document.source } : {}),
        documentNote: doc.documentNote,
        origin: expect.stringMatching(/^\$\["gloss:documents"\]\[\d\]$/),
      })),
    );
  });
});

describe('parseWebAnnotations on a Hypothesis export', () => {
  const parsed = parse(read('./fixtures/hypothesis.json'));

  it('reads each item’s quote and position from target[0].selector, its note from text and its tags', () => {
    expect(parsed.annotations).toHaveLength(3);
    const [first, second] = parsed.annotations;
    expect(first).toEqual({
      sourceDocument: { uri: 'https://example.org/global-cooperation', title: 'The coronavirus outbreak and global cooperation' },
      quote: {
        type: 'TextQuoteSelector',
        exact: 'Globalization has bound people around the world more than ever',
        prefix: 'disputes or disagreements?\n\n',
        suffix: ', but the challenges of terroris',
      },
      position: { type: 'TextPositionSelector', start: 181, end: 271 },
      color: 'yellow',
      note: 'The key claim of the piece.',
      tags: ['governance', 'UN'],
      // Microseconds and an offset are valid ISO 8601: kept as written.
      createdAt: '2024-04-30T12:34:56.789012+00:00',
      updatedAt: '2024-05-01T09:00:00.123456+00:00',
      // Hypothesis ids hold "_", which Gloss ids cannot: a stable UUID stands in.
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      origin: '$.annotations[0]',
    });
    expect(second).toMatchObject({ note: '', tags: [], position: null, id: 'Lm4bC0dEEeyQZw3jPq8a1B' });
  });

  it('reads a page note (no selector) with a null quote, for apply to report', () => {
    expect(parsed.annotations[2]).toMatchObject({
      quote: null,
      position: null,
      note: 'A page note: worth rereading with the 2019 speech at hand.',
      tags: ['reread'],
    });
  });

  it('gives the same ids when read again', () => {
    expect(parse(read('./fixtures/hypothesis.json')).annotations.map((item) => item.id)).toEqual(parsed.annotations.map((item) => item.id));
  });
});

describe('parseWebAnnotations, other shapes', () => {
  it.each([
    ['one annotation', annotation(), '$'],
    ['a list of annotations', [annotation()], '$[0]'],
    ['an AnnotationPage', { type: 'AnnotationPage', items: [annotation()] }, '$.items[0]'],
    [
      'an AnnotationCollection with an embedded next page',
      {
        type: 'AnnotationCollection',
        first: { type: 'AnnotationPage', items: [], next: { type: 'AnnotationPage', items: [annotation()] } },
      },
      '$.first.next.items[0]',
    ],
    ['a Hypothesis API search result', { total: 1, rows: [annotation()] }, '$.rows[0]'],
  ])('reads %s', (_name, json, origin) => {
    const parsed = parse(JSON.stringify(json));
    expect(parsed.annotations).toHaveLength(1);
    expect(parsed.annotations[0]).toMatchObject({
      id: '11111111-2222-4333-8444-555555555555',
      origin,
      sourceDocument: { uri: 'https://example.com/a' },
      quote: { exact: 'quoted' },
    });
  });

  it('reads W3C bodies: commenting and untyped text as the note, tagging as tags, bodyValue, a link body as a warning', () => {
    const parsed = parse(
      JSON.stringify(
        annotation({
          bodyValue: 'plain value',
          body: [
            { type: 'TextualBody', value: 'a comment', purpose: ['commenting'] },
            { value: 'untyped' },
            { type: 'TextualBody', value: 'tag one', purpose: 'tagging' },
            'https://example.com/audio.mp3',
          ],
        }),
      ),
    );
    expect(parsed.annotations[0]).toMatchObject({ note: 'plain value\n\na comment\n\nuntyped', tags: ['tag one'] });
    expect(parsed.warnings).toEqual(['$.body[3]: a body that is only a link (https://example.com/audio.mp3) was not imported.']);
  });

  it('dates an annotation without dates to the import, and derives a stable id for one without an id', () => {
    const { id: _id, created: _created, ...bare } = annotation();
    const first = parse(JSON.stringify(bare)).annotations[0]!;
    expect(first.createdAt).toBe(importTime.toISOString());
    expect(first.updatedAt).toBe(importTime.toISOString());
    expect(parseWebAnnotations(JSON.stringify({ ...bare, created: '2024-02-02T00:00:00Z' })).annotations[0]!.id).toBe(
      parseWebAnnotations(JSON.stringify({ ...bare, created: '2024-02-02T00:00:00Z' })).annotations[0]!.id,
    );
  });

  it('cuts context longer than Gloss keeps, keeping the part next to the quote', () => {
    const long = 'x'.repeat(1500);
    const parsed = parse(
      JSON.stringify(
        annotation({
          target: { source: 's', selector: { type: 'TextQuoteSelector', exact: 'q', prefix: `${long}P`, suffix: `S${long}` } },
        }),
      ),
    );
    expect(parsed.annotations[0]!.quote!.prefix).toHaveLength(1000);
    expect(parsed.annotations[0]!.quote!.prefix.endsWith('P')).toBe(true);
    expect(parsed.annotations[0]!.quote!.suffix.startsWith('S')).toBe(true);
  });
});

describe('parseWebAnnotations refuses a damaged file, naming the line or the field', () => {
  it('truncated JSON, naming the line and column where it ends', () => {
    const text = read('../export/golden/annotations.json');
    const cut = text.slice(0, text.indexOf('"He said,"') + 5);
    const lines = cut.split('\n');
    expect(failure(cut).message).toBe(
      `line ${lines.length}, column ${lines.at(-1)!.length + 1}: this is not valid JSON, so not Web Annotation JSON: the text ends too early (is the file cut short?).`,
    );
  });

  it('a syntax error V8 gives no position for, naming its line and column', () => {
    expect(failure('{\n  "type": "Annotation",\n  "target": x\n}').message).toBe(
      'line 3, column 13: this is not valid JSON, so not Web Annotation JSON: unexpected “x”.',
    );
  });

  it('an empty file, and binary garbage', () => {
    expect(failure('').message).toMatch(/^line 1: the file is empty/);
    expect(failure('\uFEFF\n  \n').message).toMatch(/^line 1: the file is empty/);
    expect(failure('\u0089PNG\r\n\u001a\n\u0000\u0000').message).toMatch(
      /^line 3: this does not look like Web Annotation JSON: it holds binary data/,
    );
  });

  it.each([
    ['JSON that is no annotation', { hello: 'world' }, '$: this JSON is no annotation'],
    ['an item that is not an object', [annotation(), 42], '$[1]: must be a JSON object; it is 42.'],
    ['an annotation without a target', [{ type: 'Annotation' }], '$[0].target: is missing'],
    [
      'a position that ends before it starts',
      {
        type: 'AnnotationCollection',
        first: { items: [annotation({ target: { source: 's', selector: [{ type: 'TextPositionSelector', start: 9, end: 3 }] } })] },
      },
      '$.first.items[0].target.selector[0].end: (3) must be after start (9).',
    ],
    [
      'a position that is no whole number',
      [annotation({ target: [{ source: 's', selector: [{ type: 'TextPositionSelector', start: 1.5, end: 3 }] }] })],
      '$[0].target[0].selector[0].start: must be a whole number',
    ],
    [
      'an empty quote',
      [annotation({ target: { selector: { type: 'TextQuoteSelector', exact: '' } } })],
      '$[0].target.selector.exact: is empty',
    ],
    [
      'a quote that is not text',
      [annotation({ target: { selector: { type: 'TextQuoteSelector', exact: 5 } } })],
      '$[0].target.selector.exact: must be text.',
    ],
    [
      'an unknown Gloss color',
      [annotation({ 'gloss:color': 'teal' })],
      '$[0]["gloss:color"]: must be one of yellow, green, blue, pink, purple',
    ],
    ['a date it cannot read', [annotation({ created: 'last week' })], '$[0].created: “last week” is not a date'],
    ['a tag with a comma', [annotation({ tags: ['ok', 'a,b'] })], '$[0].tags[1]: the tag “a,b” contains a comma'],
    ['tags that are no list', [annotation({ tags: 'a b' })], '$[0].tags: must be a list of tags.'],
    [
      'a first page that is a link',
      { type: 'AnnotationCollection', first: 'https://example.com/page1' },
      '$.first: the annotations are on a separate page',
    ],
    [
      'gloss:documents that is no list',
      { type: 'AnnotationCollection', 'gloss:documents': {}, first: { items: [] } },
      '$["gloss:documents"]: must be a list.',
    ],
  ])('%s', (_name, json, message) => {
    expect(failure(JSON.stringify(json)).message).toContain(message);
  });
});

describe('firstJsonError', () => {
  it.each([
    ['{"a": 1}', null],
    ['[1, 2, {"b": [true, false, null, -1.5e3, "\\u00e9\\n"]}]', null],
    ['{"a": 1,}', 8],
    ['[1 2]', 3],
    ['"abc', 4],
    ['{"a": "b\nc"}', 8],
    ['tru', 3],
    ['01', 1],
    ['', 0],
  ])('finds the first error in %j at %j', (text, offset) => {
    expect(firstJsonError(text)).toBe(offset);
  });
});

describe('hostile nesting', () => {
  it('refuses JSON nested deeper than 1,000 levels, naming where', () => {
    const text = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(() => parseWebAnnotations(text)).toThrow('line 1, column 1001: the JSON is nested more than 1000 levels deep');
    const inObjects = `{"items": [${'{"a":'.repeat(1_000)}1${'}'.repeat(1_000)}]}`;
    // The outer object and array are levels 1 and 2, so the 999th `{"a":` opens level 1,001: column 11 + 998 × 5 + 1.
    expect(() => parseWebAnnotations(inObjects)).toThrow('line 1, column 5002: the JSON is nested more than 1000 levels deep');
  });

  it('says how deep, not where the syntax breaks, when deep JSON is also invalid', () => {
    const text = `${'['.repeat(200_000)}x`;
    expect(() => parseWebAnnotations(text)).toThrow('line 1, column 1001: the JSON is nested more than 1000 levels deep');
  });

  it('reads JSON nested exactly 1,000 levels as far as its content', () => {
    const text = `${'['.repeat(1_000)}${']'.repeat(1_000)}`;
    expect(() => parseWebAnnotations(text)).not.toThrow(/nested more than/);
  });

  it('counts brackets inside strings as text, not nesting', () => {
    const quote = '['.repeat(2_000);
    expect(() => parseWebAnnotations(JSON.stringify([{ type: 'Annotation', target: { selector: { exact: quote } } }]))).not.toThrow(
      /nested more than/,
    );
  });

  it('reads escaped quotation marks and backslashes as part of their string', () => {
    // "\"[[[" stays one string; "\\" ends its string with a backslash, so the brackets after it nest.
    const quote = `"${'['.repeat(2_000)}`;
    expect(() => parseWebAnnotations(JSON.stringify([{ type: 'Annotation', target: { selector: { exact: quote } } }]))).not.toThrow(
      /nested more than/,
    );
    const text = `["\\\\", ${'['.repeat(1_000)}${']'.repeat(1_000)}]`;
    expect(() => parseWebAnnotations(text)).toThrow('line 1, column 1007: the JSON is nested more than 1000 levels deep');
  });
});

describe('parseWebAnnotations, a selector given as a link (an IRI)', () => {
  const quote = { type: 'TextQuoteSelector', exact: 'kept' };
  const collection = (items: unknown[]) =>
    JSON.stringify({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'AnnotationCollection',
      first: { type: 'AnnotationPage', items },
    });

  it('skips that annotation with a message naming it, and reads the others', () => {
    const parsed = parse(
      collection([
        { type: 'Annotation', target: { source: 'https://example.org/a', selector: quote } },
        { type: 'Annotation', target: { source: 'https://example.org/a', selector: 'https://example.org/selectors/1' } },
        { type: 'Annotation', target: { source: 'https://example.org/a', selector: [quote] } },
      ]),
    );
    expect(parsed.annotations.map((annotation) => annotation.origin)).toEqual(['$.first.items[0]', '$.first.items[2]']);
    expect(parsed.warnings).toEqual([
      '$.first.items[1].target.selector: the selector is a link (https://example.org/selectors/1), which Gloss cannot follow offline; that annotation was skipped.',
    ]);
  });

  it('keeps an annotation whose linked selector stands beside a quote it can use', () => {
    const parsed = parse(
      collection([
        { type: 'Annotation', target: { source: 'https://example.org/a', selector: ['https://example.org/selectors/1', quote] } },
      ]),
    );
    expect(parsed.annotations.map((annotation) => annotation.quote?.exact)).toEqual(['kept']);
    expect(parsed.warnings).toEqual([]);
  });
});
