/**
 * Every parser and text path that user input reaches, fed adversarial shapes
 * (repeated openers, one huge line, deep nesting) at a size and twice that
 * size: the time may at most about double (tests/support/growth.ts). A path
 * that goes quadratic shows ~4× and fails here. The figures go to `npm test`'s
 * "resource limits" line.
 */
import { describe, expect, it } from 'vitest';
import { anchorSelectors } from '../../common/anchoring';
import { foldText, occurrences, queryTerms } from '../../common/text/fold';
import { countWords } from '../../common/text/reading-stats';
import { documentFromEpub, epubLimits } from '../../main/core/documents/epub-document';
import { documentFromHtml } from '../../main/core/documents/html-document';
import { deriveTitle, parseMarkdownSource } from '../../main/core/documents/markdown-source';
import { declaredWritingMode } from '../../main/core/documents/writing-mode';
import { csvRecords } from '../../main/core/import/csv-text';
import { parseKindleClippings } from '../../main/core/import/kindle-clippings';
import { parseKindleNotebook } from '../../main/core/import/kindle-notebook';
import { parseReadwiseCsv } from '../../main/core/import/readwise-csv';
import { parseWebAnnotations } from '../../main/core/import/web-annotation';
import { markdownToPlainText } from '../../common/text/plain-text';
import { buildBook, xhtmlChapter } from '../support/epub-builder';
import { recordFigure } from '../support/figures';
import { maxDoublingRatio, measureGrowth, type Growth, type GrowthCase } from '../support/growth';

const fixedNow = () => new Date('2026-01-01T00:00:00Z');

/** The adversarial Markdown shapes the issue found, and the usual suspects. */
const markdownShapes: Record<string, (n: number) => string> = {
  'unclosed image openers': (n) => `# Notes\n\n${'![a'.repeat(n)}`,
  'unclosed link and tag openers on one line': (n) => 'see [a ref and <b tag '.repeat(n),
  'unclosed link and tag openers, one per line': (n) => 'see [a ref and <b tag\n'.repeat(n),
  'links whose address never closes': (n) => '[a](x '.repeat(n),
  'unpaired strikethrough marks': (n) => '~~a '.repeat(n),
  'unpaired emphasis and code marks': (n) => '*a _b `c '.repeat(n),
  'one huge line of words': (n) => 'word '.repeat(n),
  'one huge line of sentences': (n) => 'Sentence one. '.repeat(n),
  'deeply nested quotes': (n) => `${'> '.repeat(n)}x`,
  'deeply nested lists': (n) => Array.from({ length: n }, (_, depth) => `${'  '.repeat(depth % 200)}- item`).join('\n'),
};

function kindleClipping(index: number, text: string): string {
  return `Book ${index % 7} (Author)\n- Your Highlight on page 1 | location ${index}-${index + 1} | Added on Monday, 1 January 2024 10:00:00\n\n${text}\n==========\n`;
}

function annotation(quote: string, index: number): object {
  return {
    type: 'Annotation',
    motivation: 'highlighting',
    target: { source: `urn:x-gloss:${index % 5}`, selector: [{ type: 'TextQuoteSelector', exact: quote }] },
  };
}

const textCases: GrowthCase<string>[] = [
  ...Object.entries(markdownShapes).flatMap(([shape, make]) => [
    { name: `search text: ${shape}`, make, run: markdownToPlainText, size: 2_000 },
    // The title rule reads the first 8 KB (marked's time grows faster than the text on deep nesting below that): from twice that on, its work must stay flat.
    { name: `title: ${shape}`, make, run: deriveTitle, size: Math.ceil((16 * 1024) / make(1).length) },
  ]),
  { name: 'frontmatter: many fields', make: (n) => `---\n${'key: value\n'.repeat(n)}---\nBody`, run: parseMarkdownSource, size: 2_000 },
  { name: 'frontmatter: never closed', make: (n) => `---\n${'key: value\n'.repeat(n)}`, run: parseMarkdownSource, size: 2_000 },
  { name: 'frontmatter: deeply nested flow', make: (n) => `---\ntitle: ${'['.repeat(n)}\n---\n`, run: parseMarkdownSource, size: 1_000 },
  {
    name: 'frontmatter: deeply nested TOML arrays',
    make: (n) => `+++\ntitle = ${'['.repeat(n)}\n+++\n`,
    run: parseMarkdownSource,
    size: 1_000,
  },
  { name: 'frontmatter: Logseq properties never titled', make: (n) => 'key:: value\n'.repeat(n), run: parseMarkdownSource, size: 2_000 },
  {
    name: 'frontmatter: a Pandoc title block continued',
    make: (n) => `% Title\n${' more\n'.repeat(n)}`,
    run: parseMarkdownSource,
    size: 2_000,
  },
  {
    name: 'Kindle: many clippings',
    make: (n) => Array.from({ length: n }, (_, index) => kindleClipping(index, `Passage ${index}.`)).join(''),
    run: (text) => parseKindleClippings(text, { now: fixedNow }),
    size: 500,
  },
  {
    name: 'Kindle: one huge highlight line',
    make: (n) => kindleClipping(1, 'word '.repeat(n)),
    run: (text) => parseKindleClippings(text, { now: fixedNow }),
    size: 20_000,
  },
  {
    name: 'Kindle: separators only',
    make: (n) => '==========\n'.repeat(n),
    run: (text) => parseKindleClippings(text, { now: fixedNow }),
    size: 2_000,
  },
  {
    name: 'Kindle notebook export: many entries',
    make: (n) =>
      `<div class="bookTitle">Book</div><div class="authors">Author</div>${Array.from(
        { length: n },
        (_, index) =>
          `<div class="noteHeading">Highlight(<span class="highlight_yellow">yellow</span>) - Location ${index * 3}</div><div class="noteText">Passage ${index}.</div>`,
      ).join('\n')}`,
    run: (html) => parseKindleNotebook(html, { now: fixedNow }),
    size: 250,
  },
  {
    name: 'Readwise CSV: many rows',
    make: (n) => `Highlight,Title,Author,URL,Note,Location,Date\n${'"A quote, with a comma",Book,Author,,A note,1,\n'.repeat(n)}`,
    run: (text) => parseReadwiseCsv(text, { now: fixedNow }),
    size: 500,
  },
  {
    name: 'Readwise CSV: one huge field of doubled quotes',
    make: (n) => `Highlight,Title,Author,URL,Note,Location,Date\n"${'a""'.repeat(n)}",Book,Author,,,1,\n`,
    run: (text) => parseReadwiseCsv(text, { now: fixedNow }),
    size: 20_000,
  },
  { name: 'CSV records: a quote never closed', make: (n) => `a,"${'b,c\n'.repeat(n)}`, run: (text) => [...csvRecords(text)], size: 20_000 },
  {
    name: 'Web Annotation JSON: many annotations',
    make: (n) => JSON.stringify(Array.from({ length: n }, (_, index) => annotation(`quote ${index}`, index))),
    run: (text) => parseWebAnnotations(text, { now: fixedNow }),
    size: 500,
  },
  { name: 'Web Annotation JSON: deep nesting', make: (n) => `${'['.repeat(n)}${']'.repeat(n)}`, run: parseWebAnnotations, size: 2_000 },
  { name: 'Web Annotation JSON: broken at the end', make: (n) => `[${'{"a":1},'.repeat(n)}`, run: parseWebAnnotations, size: 2_000 },
  { name: 'search folding: combining marks', make: (n) => 'e\u0301\u0308 '.repeat(n), run: foldText, size: 20_000 },
  { name: 'search folding: query terms', make: (n) => 'a "b c '.repeat(n), run: queryTerms, size: 20_000 },
  {
    name: 'search: occurrences of an overlapping needle',
    make: (n) => 'a'.repeat(n),
    run: (text) => occurrences(text, 'aaab'),
    size: 50_000,
  },
  {
    // Each table's cells are converted once, however deep it sits: converting them per level around it doubled the time per level.
    // Readability weighs each table against all it holds, which grew faster than the cube of the depth (1,000 nested tables took
    // a minute); a page's elements past maxNestingDepth are read as paragraphs of text, so from 64 tables (256 levels) on the
    // time grows with the page.
    name: 'web page: tables nested in tables',
    make: (n) =>
      `<html><head><title>T</title></head><body><article><h1>T</h1><p>${'Prose of the article. '.repeat(40)}</p>${'<table><tr><td>'.repeat(n)}deep${'</td><td>side</td></tr></table>'.repeat(n)}</article></body></html>`,
    run: (html) => documentFromHtml('nested.html', html),
    size: 64,
  },
  {
    name: 'web page: many paragraphs',
    make: (n) =>
      `<html><head><title>T</title></head><body><article><h1>T</h1>${'<p>Prose of the article, <a href="#x">a link</a> and <em>emphasis</em>.</p>'.repeat(n)}</article></body></html>`,
    run: (html) => documentFromHtml('long.html', html),
    size: 200,
  },
  { name: 'writing mode: names never declared', make: (n) => '-webkit-writing-mode   '.repeat(n), run: declaredWritingMode, size: 20_000 },
  { name: 'word count: one huge line', make: (n) => 'word, '.repeat(n), run: countWords, size: 20_000 },
  {
    name: 'anchoring: a nonsense quote in a long text',
    make: (n) => 'the quick brown fox jumps over the lazy dog '.repeat(n),
    run: (text) =>
      anchorSelectors(text, {
        quote: { type: 'TextQuoteSelector', exact: 'zyxwv utsrq ponml kjihg', prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start: 0, end: 23 },
      }),
    size: 500,
  },
];

const bookCases: GrowthCase<Uint8Array>[] = [
  {
    name: 'EPUB: many chapters',
    make: (n) =>
      buildBook({
        files: Array.from({ length: n }, (_, index) => ({
          id: `c${index}`,
          href: `c${index}.xhtml`,
          content: xhtmlChapter(`<h2>Chapter ${index}</h2><p>Words of chapter ${index}, <a href="c${(index + 1) % n}.xhtml">next</a>.</p>`),
        })),
      }),
    run: (bytes) => documentFromEpub('book.epub', bytes, (name) => `/assets/${name}`, epubLimits),
    size: 16,
  },
  {
    // A Japanese book that never says it is vertical has every chapter's head and every stylesheet read for it.
    name: 'EPUB: a Japanese book’s chapters and stylesheets, none vertical',
    make: (n) =>
      buildBook({
        metadata: '<dc:language>ja</dc:language>',
        files: Array.from({ length: n }, (_, index) => [
          {
            id: `c${index}`,
            href: `c${index}.xhtml`,
            content: xhtmlChapter(`<p>第${index}章。</p>`, '<style>p { writing-mode: horizontal-tb }</style>'),
          },
          { id: `s${index}`, href: `s${index}.css`, mediaType: 'text/css', content: 'p { writing-mode: horizontal-tb }', inSpine: false },
        ]).flat(),
      }),
    run: (bytes) => documentFromEpub('book.epub', bytes, (name) => `/assets/${name}`, epubLimits),
    // Small books are timed mostly compiling and collecting: 2 ms a chapter at 64 chapters, 0.9 ms at 256, 0.5 ms from 1,024 on.
    size: 256,
  },
];

const cases: GrowthCase<unknown>[] = [...textCases, ...bookCases];

describe('every parser and text path grows linearly on adversarial input', () => {
  const measured: Growth[] = [];

  // Each case times ten runs at two sizes, up to three times over; a quadratic one is slow before it fails.
  it.each(cases.map((growthCase) => [growthCase.name, growthCase] as const))('%s', { timeout: 120_000 }, (_name, growthCase) => {
    const growth = measureGrowth(growthCase);
    measured.push(growth);
    expect(growth.ratio, `time ×${growth.ratio.toFixed(2)} when the input doubled from ${growth.size}`).toBeLessThanOrEqual(
      maxDoublingRatio,
    );
  });

  it('records the resource-limits figures', () => {
    expect(measured).toHaveLength(cases.length);
    const slowest = Math.max(...measured.map((growth) => growth.slowestMs));
    const peak = Math.max(...measured.map((growth) => growth.peakMb));
    const over = measured.filter((growth) => growth.ratio > maxDoublingRatio).length;
    // How close the paths come to linear (2×), so a drift towards the budget shows before it fails.
    const ratios = measured.map((growth) => growth.ratio).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)] ?? Number.NaN;
    const worst = ratios.at(-1) ?? Number.NaN;
    recordFigure('resource-limits', {
      line:
        `resource limits: ${measured.length} adversarial inputs, slowest ${Math.round(slowest)} ms, largest peak ${Math.round(peak)} MB, ` +
        `time per doubling median ${median.toFixed(2)}× and worst ${worst.toFixed(2)}× (budget ${maxDoublingRatio}×), ${over} over budget`,
      values: Object.fromEntries(measured.map((growth) => [growth.name, Number(growth.ratio.toFixed(2))])),
    });
  });
});
