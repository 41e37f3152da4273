/**
 * A small library that tries to break every export format: Unicode (curly
 * quotes, CJK, emoji with ZWJ, combining marks), commas and double quotes, CR,
 * LF and CR LF line breaks, Markdown syntax, HTML meant to run, an orphan,
 * overlapping highlights, two ids sharing their first 8 hex digits, an id that
 * is not a UUID, null metadata, a document without highlights, unclosed code
 * fences in notes.
 */
import type { DocumentSummary, Highlight, HighlightColor } from '../../../../common/contract';
import type { ExportDocument, ExportOptions } from '../../../../main/core/export/types';

export const options: ExportOptions = { exportedAt: new Date('2024-06-01T12:00:00.000Z'), appVersion: '0.1.0' };

interface HighlightSpec {
  id: string;
  quote: string;
  start: number;
  end?: number;
  color?: HighlightColor;
  note?: string;
  tags?: string[];
  createdAt?: string;
  prefix?: string;
  suffix?: string;
}

/** A highlight with plausible defaults, so each case below states only what it is about. */
export function highlight(spec: HighlightSpec): Highlight {
  const createdAt = spec.createdAt ?? '2024-01-02T10:00:00.000Z';
  return {
    id: spec.id,
    quote: { type: 'TextQuoteSelector', exact: spec.quote, prefix: spec.prefix ?? '', suffix: spec.suffix ?? '' },
    position: { type: 'TextPositionSelector', start: spec.start, end: spec.end ?? spec.start + spec.quote.length },
    revision: 3,
    color: spec.color ?? 'yellow',
    note: spec.note ?? '',
    tags: spec.tags ?? [],
    createdAt,
    updatedAt: createdAt,
  };
}

export function summary(fields: Partial<DocumentSummary> & Pick<DocumentSummary, 'id' | 'title'>): DocumentSummary {
  return { author: null, date: null, source: null, addedAt: '2024-01-01T00:00:00.000Z', openedAt: null, ...fields };
}

const essayHighlights = [
  highlight({
    id: 'a1b2c3d4-0001-4000-8000-000000000001',
    quote: 'He said, “it’s fine” — and then "really, it\'s fine".',
    start: 10,
    prefix: 'Chapter 1\n\n',
    suffix: ' After that, silence.',
    tags: ['dialogue'],
    createdAt: '2024-01-02T10:00:00.000Z',
  }),
  // Starts where the first one does and ends sooner: reading order puts it first.
  highlight({
    id: 'f00dfeed-0002-4000-8000-000000000002',
    quote: 'He said,',
    start: 10,
    color: 'green',
    createdAt: '2024-01-02T10:05:00.000Z',
  }),
  // Overlaps the first one.
  highlight({
    id: '0badc0de-0003-4000-8000-000000000003',
    quote:
      '*not emphasis* _nor this_ # not a heading > not a quote [not](a link) `not code` | not | a | table ==nor== $x$ ^nope %%c%% 50% & &amp; a@b.co https://example.com/x_y_z',
    start: 40,
    color: 'green',
    note: 'Plain note with **bold** and a list:\n- one\n- two',
    tags: ['markdown', 'syntax test', '#hash', 'c++'],
    createdAt: '2024-01-02T11:00:00.000Z',
  }),
  highlight({
    id: '7e57ab1e-0004-4000-8000-000000000004',
    quote:
      'First line\r\nSecond line\nThird line\rFourth line\n\n    four spaces, not code\n- not a list\n1. not a list either\n---\n\tand a tab',
    start: 200,
    color: 'blue',
    note: 'Line one\r\nLine two\rLine three',
    createdAt: '2024-01-03T09:00:00.000Z',
  }),
  highlight({
    id: 'dec0ded0-0005-4000-8000-000000000005',
    quote:
      '<script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a> <style>body{background:url(http://evil.example/x)}</style>',
    start: 400,
    color: 'pink',
    note: '<img src=x onerror=alert(4)> and <iframe src="https://evil.example"></iframe>',
    tags: ['xss'],
    createdAt: '2024-01-03T10:00:00.000Z',
  }),
  highlight({
    id: '5eed5eed-0006-4000-8000-000000000006',
    quote: '日本語のテキスト、絵文字 😀👩‍👩‍👧 and combining marks: e\u0301 n\u0303 — «guillemets», ‘single’',
    start: 600,
    color: 'purple',
    note: '注釈: ✓ café, "quoted", comma',
    tags: ['日本語', 'emoji😀'],
    // An offset other than Z: CSV dates are written in UTC.
    createdAt: '2024-01-05T01:30:00.000+02:00',
  }),
  // Shares its first 8 hex digits with the first highlight and is newer, so it gets the long block id.
  highlight({
    id: 'a1b2c3d4-9999-4000-8000-000000000007',
    quote: 'Same short id, newer.',
    start: 700,
    color: 'green',
    createdAt: '2024-02-01T00:00:00.000Z',
  }),
  highlight({
    id: '0a2fa2ed-0008-4000-8000-000000000008',
    quote: 'A passage that was edited away, with a comma, and "quotes".',
    start: 800,
    note: 'Still worth keeping.',
    tags: ['orphan'],
    createdAt: '2024-01-04T08:00:00.000Z',
  }),
];

/** A document with every kind of highlight, given out of order. */
export const essay: ExportDocument = {
  document: summary({
    id: '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f',
    title: 'The “Curly” Essay: On *Markdown*, <HTML> & Other | Things',
    author: 'Zoë "Z" Müller, Jr.',
    date: '2023-04-05',
    source: 'https://example.com/essays/curly?x=1&y=(2)',
    addedAt: '2024-01-02T03:04:05.000Z',
    openedAt: '2024-01-03T10:00:00.000Z',
  }),
  documentNote: {
    text: '# My take\r\n\r\nA *summary* with `code`, a [link](https://example.org) and <b>bold</b>.\n\n- point one\n- point two\n\n> quoting myself',
    updatedAt: '2024-01-06T00:00:00.000Z',
  },
  highlights: [...essayHighlights].reverse(),
  orphanIds: new Set(['0a2fa2ed-0008-4000-8000-000000000008']),
};

/** CJK title with Markdown and file-name specials, no author, date or source, an id that is not a UUID. */
export const article: ExportDocument = {
  document: summary({ id: 'b7e4d2c9-5a6f-4b3e-8d1c-9e8f7a6b5c4d', title: '日本語の記事 — 短い #1 [draft]: a/b?' }),
  documentNote: null,
  highlights: [
    highlight({
      id: 'c0ffee00-1111-4222-8333-444455556666',
      quote: '"Quoted", with, commas',
      start: 30,
      note: '## Heading in a note\n\n> a quote in a note\n\nend',
      tags: ['quotes'],
      createdAt: '2024-03-01T12:00:00.000Z',
    }),
    highlight({
      id: 'legacy-h1',
      quote: '東京は日本の首都です。',
      start: 0,
      color: 'blue',
      note: '```js\nconst unclosed = true;\n',
      createdAt: '2024-03-01T11:00:00.000Z',
    }),
  ],
  orphanIds: new Set(),
};

/** No highlights; a document note whose code fence never closes; a source that is no URL. */
export const handout: ExportDocument = {
  document: summary({
    id: 'e5f6a7b8-c9d0-4e1f-a2b3-c4d5e6f7a8b9',
    title: 'Empty, "quoted" title',
    author: 'Anon',
    source: 'Printed handout',
  }),
  documentNote: { text: '```\nunclosed in the document note', updatedAt: '2024-01-06T00:00:00.000Z' },
  highlights: [],
  orphanIds: new Set(),
};

export const library: ExportDocument[] = [essay, article, handout];
