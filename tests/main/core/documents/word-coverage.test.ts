/**
 * Words reaching the reader (issue #11): each book and page of the shapes
 * real ones take (written by us, after the formats' documented facts) is
 * imported, its Markdown rendered through the reader's own pipeline
 * (renderer/src/markdown.ts: marked and DOMPurify, here over jsdom), and its
 * words compared with the words the source shows. At least 99% of them must
 * arrive. One line in `npm test`'s figures sums it up: files tried,
 * imported, refused, words reaching the reader, and the peak memory of the
 * largest book, imported in a process of its own.
 *
 * What a reader would not see is not counted on either side: content marked
 * hidden, scripts and styles, ruby's <rp> fallback (Chromium draws ruby).
 * Words are split at spaces and at the elements that end a line, so inline
 * markup joins words on both sides as a page shows them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { documentFromFile } from '../../../../main/core/documents/document-file';
import { parseMarkdownSource } from '../../../../main/core/documents/markdown-source';
import { renderMarkdown } from '../../../../renderer/src/markdown';
import { buildBook, buildEpub, xhtmlChapter } from '../../../support/epub-builder';
import { recordFigure } from '../../../support/figures';

const window = new JSDOM('').window;
const assetUrl = (name: string): string => `/documents/00000000-0000-4000-8000-000000000000/assets/${name}`;

/** Elements that end a line of text: words on either side of one are apart, wherever the markup's spaces are. */
const lineBreaking = new Set(
  (
    'address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr ' +
    'li main nav ol p pre section summary table td th tr ul'
  ).split(' '),
);

/** The words a reader sees in a tree, outside what is hidden; inline markup joins them as the page does ("Savannah¹"). */
function visibleWords(root: ParentNode & Node): string[] {
  for (const unseen of Array.from(root.querySelectorAll('[hidden], script, style, template, rp, title'))) unseen.remove();
  let text = '';
  const visit = (node: Node): void => {
    if (node.nodeType === window.Node.TEXT_NODE) text += node.textContent ?? '';
    const breaks = node.nodeType === window.Node.ELEMENT_NODE && lineBreaking.has((node as Element).localName);
    if (breaks) text += ' ';
    for (const child of Array.from(node.childNodes)) visit(child);
    if (breaks) text += ' ';
  };
  visit(root);
  return text
    .normalize('NFC')
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** The words of the part a reader reads: a chapter's body, a page's article (its menus and comments are not the article). */
function sourceWords(markup: string, type: 'application/xhtml+xml' | 'text/html'): string[] {
  const document = new window.DOMParser().parseFromString(markup, type);
  const region = document.getElementsByTagName('article')[0] ?? document.getElementsByTagName('body')[0];
  return region ? visibleWords(region) : [];
}

/** How many of `source`'s words (counted with repeats) are among `shown`'s. */
function wordsKept(source: string[], shown: string[]): number {
  const available = new Map<string, number>();
  for (const word of shown) available.set(word, (available.get(word) ?? 0) + 1);
  let kept = 0;
  for (const word of source) {
    const left = available.get(word) ?? 0;
    if (left > 0) {
      kept++;
      available.set(word, left - 1);
    }
  }
  return kept;
}

interface WorldFile {
  name: string;
  bytes: Uint8Array;
  /** The markup of each part a reader reads (a book's chapters in spine order, the page), for its words. */
  parts: { markup: string; type: 'application/xhtml+xml' | 'text/html' }[];
}

const chapter = (id: string, body: string) => ({ id, href: `${id}.xhtml`, content: xhtmlChapter(body) });
function book(name: string, files: { id: string; href: string; content: string }[], metadata = ''): WorldFile {
  return {
    name,
    bytes: buildBook({ metadata, files }),
    parts: files.map(({ content }) => ({ markup: content, type: 'application/xhtml+xml' })),
  };
}

const prose = (topic: string, count: number): string =>
  Array.from({ length: count }, (_, index) => `<p>Paragraph ${index + 1} on ${topic}, which goes on for a while.</p>`).join('');

const worldFiles: WorldFile[] = [
  {
    name: 'lighthouse.epub (spine order, an image, a link between chapters)',
    bytes: buildEpub(),
    parts: [],
  },
  book('structure.epub', [
    chapter('c1', `<section epub:type="chapter"><header><h1>Harbour</h1></header>${prose('the harbour', 12)}</section>`),
    chapter(
      'c2',
      `<div class="chapter"><h2>Lists</h2><ol><li>One<ol><li>One a</li></ol></li><li>Two</li></ol><ul><li><p>Loose</p></li></ul></div>`,
    ),
    chapter(
      'c3',
      '<blockquote><p>Quoted words stay.</p></blockquote><pre><code>let x = 1;\nlet y = 2;</code><code>let z = 3;</code></pre>',
    ),
  ]),
  book('tables.epub', [
    chapter(
      'c1',
      '<table><caption>Tides by port</caption><tr><th colspan="2">Port and tide</th><th>Metres</th></tr><tr><td>Brest</td><td>spring</td><td>7.5</td></tr></table>' +
        '<table><tr><td><p>A layout table</p><p>with two paragraphs.</p></td></tr></table>' +
        '<table><tr><td>Name</td><td>Count</td></tr><tr><td>Alpha</td><td rowspan="2">3</td></tr><tr><td>Beta</td></tr></table>',
    ),
  ]),
  book('notes-and-contents.epub', [
    chapter('toc', '<nav epub:type="toc"><ol><li><a href="c1.xhtml">Savannah</a></li><li><a href="notes.xhtml">Notes</a></li></ol></nav>'),
    chapter(
      'c1',
      `<h1>Savannah</h1><p>Savannah<sup><a id="r1" href="notes.xhtml#n1" epub:type="noteref">1</a></sup> was warm.${prose('the city', 6)}</p>`,
    ),
    chapter('notes', '<h2>Notes</h2><aside epub:type="footnote" id="n1"><p><a href="c1.xhtml#r1">↩</a> Founded in 1733.</p></aside>'),
    chapter(
      'poem',
      '<div><div>From which a golden cupid peeped out <span class="lnum">80</span></div><div>Another hid his eyes</div></div>',
    ),
    chapter('hidden', '<p>Shown.</p><nav epub:type="page-list" hidden="hidden"><ol><li><a href="c1.xhtml#p1">1</a></li></ol></nav>'),
  ]),
  book(
    'languages.epub',
    [
      chapter('he', '<h1>הים</h1><p>הגלים באים והולכים פעמיים ביום.</p>'),
      chapter('ja', '<p><ruby>山路<rt>やまみち</rt></ruby>を<ruby>登<rp>(</rp><rt>のぼ</rt><rp>)</rp></ruby>りながら、こう考えた。</p>'),
      chapter('ar', '<p dir="rtl">تأتي الأمواج وتذهب مرتين في اليوم.</p>'),
    ],
    '<dc:language>he</dc:language>',
  ),
  book('markup-as-text.epub', [
    chapter(
      'c1',
      '<p>The &lt;title&gt; element names the page; &lt;!-- opens a comment.</p><pre>&lt;iframe src="x"/&gt;\nstill text</pre><p>Use &lt;b&gt; sparingly &amp; well.</p>',
    ),
  ]),
  book('maths-and-objects.epub', [
    chapter(
      'c1',
      '<p>Solve <math xmlns="http://www.w3.org/1998/Math/MathML"><msub><mi>x</mi><mn>1</mn></msub><mo>+</mo><msup><mi>x</mi><mn>2</mn></msup><mo>=</mo><mn>2</mn></math> today.</p>' +
        '<object data="quiz.swf" type="application/x-shockwave-flash"><p>Question 1: what holds a sheet bend?</p></object><p>H<sub>2</sub>O boils.</p>',
    ),
  ]),
  {
    name: 'chapters-2000.epub (generated)',
    bytes: buildBook({
      files: Array.from({ length: 2000 }, (_, index) =>
        chapter(`c${index}`, `<h2>Chapter ${index + 1}</h2>${prose(`chapter ${index + 1}`, 3)}`),
      ),
    }),
    parts: Array.from({ length: 2000 }, (_, index) => ({
      markup: xhtmlChapter(`<h2>Chapter ${index + 1}</h2>${prose(`chapter ${index + 1}`, 3)}`),
      type: 'application/xhtml+xml' as const,
    })),
  },
  page(
    'article.html',
    `<h1>Mending nets</h1>${prose('mending', 6)}<h2 id="knots">Knots</h2><ul><li>Sheet bend<ul><li>for twine</li></ul></li><li>Clove hitch</li></ul>` +
      '<table><caption>Knots by use</caption><tr><th colspan="2">Knot and use</th></tr><tr><td>Sheet bend</td><td>joining</td></tr></table>' +
      '<p>See <a href="#knots">the knots</a> and the note<sup id="r1"><a href="#n1">[1]</a></sup>; write &lt;b&gt; for bold.</p>' +
      '<pre>line one\n    indented &lt;tag&gt;</pre><p>Area: <math><mi>A</mi><mo>=</mo><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math>.</p>' +
      '<ol><li id="n1"><a href="#r1">^</a> A note at the end.</li></ol>',
  ),
];

/** A web page around an article (menus and comments beside it are left to Readability, and not counted). */
function page(name: string, article: string): WorldFile {
  const markup = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title></head><body><nav><a href="/">Home</a></nav><article>${article}</article><footer>© 2024</footer></body></html>`;
  return { name, bytes: strToU8(markup), parts: [{ markup, type: 'text/html' }] };
}

// The default book's chapters are not exposed by the builder: read them back out of its own archive.
worldFiles[0]!.parts = (['c-harbour', 'a-lighthouse', 'b-storm'] as const).map((stem) => ({
  markup: unzipText(worldFiles[0]!.bytes, `OEBPS/text/${stem}.xhtml`),
  type: 'application/xhtml+xml',
}));

function unzipText(zip: Uint8Array, path: string): string {
  return strFromU8(unzipSync(zip, { filter: (file) => file.name === path })[path]!);
}

const results: { name: string; status: 'imported' | 'refused'; reason?: string; source: number; kept: number }[] = [];

/** The largest book, imported in a process of its own: its peak memory is then its own. */
function largestBookPeak(): { name: string; peakMb: number; ms: number } {
  const largest = worldFiles.reduce((max, file) => (file.bytes.length > max.bytes.length ? file : max));
  const folder = mkdtempSync(join(tmpdir(), 'gloss-coverage-'));
  try {
    const path = join(folder, largest.name.split(' ')[0]!);
    writeFileSync(path, largest.bytes);
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('../../../support/import-peak-memory.mjs', import.meta.url)), path], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`the peak-memory import failed: ${run.stderr}`);
    return { name: largest.name, ...(JSON.parse(run.stdout) as { peakMb: number; ms: number }) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

afterAll(() => {
  const imported = results.filter((result) => result.status === 'imported');
  const source = imported.reduce((sum, result) => sum + result.source, 0);
  const kept = imported.reduce((sum, result) => sum + result.kept, 0);
  const refused = results.filter((result) => result.status === 'refused');
  const peak = largestBookPeak();
  const percent = ((kept / Math.max(1, source)) * 100).toFixed(2);
  recordFigure('world-files', {
    line:
      `world files: ${results.length} tried, ${imported.length} imported, ${refused.length} refused` +
      `${refused.map((result) => ` (${result.name}: ${result.reason})`).join('')}; ` +
      `words reaching the reader ${kept.toLocaleString('en')} of ${source.toLocaleString('en')} (${percent}%); ` +
      `largest book ${peak.name}: ${peak.peakMb} MB peak, ${peak.ms} ms`,
    values: { tried: results.length, imported: imported.length, refused: refused.length, source, kept, peakMb: peak.peakMb, ms: peak.ms },
  });
}, 60_000);

describe('words reaching the reader from files shaped like the world’s', { timeout: 120_000 }, () => {
  it.each(worldFiles.map((file) => [file.name, file] as const))('%s: at least 99% of the words it shows', (name, file) => {
    const source = file.parts.flatMap((part) => sourceWords(part.markup, part.type));
    let markdown: string;
    try {
      markdown = documentFromFile(name.split(' ')[0]!, file.bytes, assetUrl).markdown;
    } catch (error) {
      results.push({ name, status: 'refused', reason: (error as Error).message, source: source.length, kept: 0 });
      throw error;
    }
    const shown = visibleWords(renderMarkdown(parseMarkdownSource(markdown).body, window as never));
    const kept = wordsKept(source, shown);
    results.push({ name, status: 'imported', source: source.length, kept });
    expect(source.length).toBeGreaterThan(0);
    expect(kept / source.length).toBeGreaterThanOrEqual(0.99);
  });
});
