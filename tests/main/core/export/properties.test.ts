/**
 * Properties over random libraries (fast-check is not a dependency, so a tiny
 * seeded generator stands in): whatever the text, the CSV parses back to every
 * field and the Markdown holds one blockquote per highlight that reads as its
 * quote. A failure names its seed: rerun that one case with `runCase(seed)`.
 */
import { describe, expect, it } from 'vitest';
import { type Highlight, highlightColors } from '../../../../common/contract';
import { allInReadingOrder, normalizeNewlines } from '../../../../main/core/export/common';
import { toReadwiseCsv } from '../../../../main/core/export/csv';
import { toMarkdown } from '../../../../main/core/export/markdown';
import type { ExportDocument } from '../../../../main/core/export/types';
import { expectedRows, parseCsv } from './csv-reader';
import { highlight, options, summary } from './fixture';
import { readMarkdownExport, splitBlockId } from './markdown-reader';
import { seededRandom as prng } from '../../../support/seeded-random';

const runs = 200;

/** Pieces that have broken CSV or Markdown writers somewhere, mixed with ordinary text. */
const pieces = [
  'word',
  'Two words',
  ' ',
  '  ',
  '    ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  ',',
  '"',
  '""',
  "'",
  '*',
  '**',
  '_',
  '#',
  '# ',
  '>',
  '> ',
  '<',
  '[',
  ']',
  '(',
  ')',
  '`',
  '```',
  '~~~',
  '|',
  '\\',
  '-',
  '- ',
  '+ ',
  '1. ',
  '2) ',
  '---',
  '===',
  '=',
  '==',
  '$',
  '%%',
  '^',
  '^gloss-x',
  '&',
  '&amp;',
  '&#32;',
  '!',
  '[[',
  ']]',
  '<script>alert(1)</script>',
  '<!--',
  '<pre>',
  'http://a.example/x_y',
  'www.b.example',
  'c@d.example',
  ':',
  '.',
  '“',
  '”',
  '‘',
  '’',
  '日本語',
  '😀',
  '👩‍👩‍👧',
  'e\u0301',
  '\u00a0',
  '\u200b',
  '\u2028',
  'é',
];

function generator(seed: number) {
  const random = prng(seed);
  const int = (max: number) => Math.floor(random() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (min: number, max: number) => Array.from({ length: min + int(max - min + 1) }, () => pick(pieces)).join('');
  return { random, int, pick, text };
}

/** A random document: 0–12 highlights, some orphaned, some overlapping, with random notes and tags. */
function randomDocument(seed: number): ExportDocument {
  const { random, int, pick, text } = generator(seed);
  const highlights: Highlight[] = Array.from({ length: int(13) }, (_, index) => {
    const start = int(500);
    return highlight({
      id: `${seed.toString(16).padStart(8, '0')}-${index.toString(16).padStart(4, '0')}-4000-8000-${int(0xffffff).toString(16).padStart(12, '0')}`,
      quote: text(1, 8),
      start,
      end: start + 1 + int(80),
      color: pick(highlightColors),
      note: random() < 0.5 ? '' : text(0, 10),
      // Tags as the schema allows them: no commas or line breaks, not blank.
      tags: Array.from({ length: int(4) }, () => `t${text(0, 3).replace(/[,\r\n\u2028]/g, '')}`.trim()),
      createdAt: new Date(Date.UTC(2024, 0, 1) + int(1e10)).toISOString(),
    });
  });
  const orphanIds = new Set(highlights.filter(() => random() < 0.2).map((h) => h.id));
  return {
    document: summary({
      id: `doc-${seed}`,
      title: `T${text(0, 4)}`,
      author: random() < 0.3 ? null : text(0, 4),
      source: random() < 0.5 ? null : pick(['https://example.com/a?b=1&c="2"', 'Printed', text(0, 3)]),
      date: random() < 0.5 ? null : '2024-02-03',
    }),
    documentNote: null,
    highlights,
    orphanIds,
  };
}

function runCase(seed: number): void {
  const docs = [randomDocument(seed), randomDocument(seed + 100_000)];

  // CSV: every field of every row comes back exactly.
  const rows = parseCsv(toReadwiseCsv(docs));
  expect(rows, `seed ${seed}`).toEqual(expectedRows(docs));
  expect(rows.map((row) => row.Highlight)).toEqual(docs.flatMap(allInReadingOrder).map((h) => h.quote.exact));

  // Markdown: one blockquote per highlight, reading as its quote, with its own block id.
  for (const doc of docs) {
    const { blockquotes } = readMarkdownExport(toMarkdown(doc, options));
    expect(blockquotes, `seed ${seed}`).toHaveLength(doc.highlights.length);
    const read = blockquotes.map(splitBlockId);
    expect(read.map((quote) => quote.text)).toEqual(allInReadingOrder(doc).map((h) => normalizeNewlines(h.quote.exact)));
    const ids = read.map((quote) => quote.blockId);
    expect(ids.every((id) => id !== null)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  }
}

describe('export properties', () => {
  // A few seconds of work: the default 5 s limit is too tight on a busy two-core machine.
  it(`hold for ${runs} random libraries`, () => {
    for (let seed = 1; seed <= runs; seed++) runCase(seed);
  }, 60_000);
});
