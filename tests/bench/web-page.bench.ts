/**
 * Reading a web page's article: the page parsed and Readability run on it,
 * through jsdom (the baseline: how Gloss read pages before) and through parse5
 * and linkedom (ours, main/core/documents/dom.ts), for generated pages of
 * growing size: an article of paragraphs with links, emphasis and a table,
 * inside menus, a sidebar, scripts and a footer. Also the whole HTML import
 * (documentFromHtml: Readability, then Markdown) on ours. The article's text
 * must come out the same both ways.
 */
import { createRequire } from 'node:module';
import { parseHtmlPage } from '../../main/core/documents/dom';
import { documentFromHtml } from '../../main/core/documents/html-document';
import { printTable } from './measure';

const requireCommonJs = createRequire(import.meta.url);
const { JSDOM, VirtualConsole } = requireCommonJs('jsdom') as typeof import('jsdom');
const { Readability } = requireCommonJs('@mozilla/readability') as typeof import('@mozilla/readability');

const sizesKb = process.env.GLOSS_BENCH_QUICK ? [100, 600] : [100, 600, 2000];
const encoder = new TextEncoder();

function page(kilobytes: number): string {
  const paragraph = (index: number): string =>
    `<p>Paragraph ${index} of the article, with <a href="/notes/${index}">a link</a>, some <em>emphasis</em> and &ldquo;quoted&rdquo; words that run on for a while so that the page reads like prose.</p>`;
  const table = (index: number): string =>
    `<table><tr><th>Year</th><th>Count</th></tr>${Array.from({ length: 5 }, (_, row) => `<tr><td>${2000 + row}</td><td>${index * row}</td></tr>`).join('')}</table>`;
  const menu = `<nav><ul>${Array.from({ length: 30 }, (_, item) => `<li><a href="/section/${item}">Section ${item}</a></li>`).join('')}</ul></nav>`;
  const sidebar = `<aside>${Array.from({ length: 20 }, (_, item) => `<div class="promo"><a href="/promo/${item}">Read more ${item}</a></div>`).join('')}</aside>`;
  const parts: string[] = [];
  let length = 0;
  for (let index = 0; length < kilobytes * 1024; index++) {
    const piece = index % 25 === 24 ? table(index) : index % 10 === 9 ? `<h2>Part ${index}</h2>` : paragraph(index);
    parts.push(piece);
    length += piece.length;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A long article</title><script>var tracking = ${'1,'.repeat(2000)}0;</script></head><body>${menu}<main><article><h1>A long article</h1>${parts.join('\n')}</article></main>${sidebar}<footer>© The site</footer></body></html>`;
}

function timed<T>(work: () => T): { ms: number; result: T } {
  const start = performance.now();
  const result = work();
  return { ms: performance.now() - start, result };
}

const articleText = (document: unknown): string =>
  (new Readability(document as Document).parse()?.textContent ?? '').replace(/\s+/g, ' ').trim();

export async function benchWebPage(): Promise<void> {
  const silent = new VirtualConsole();
  const rows: Record<string, string | number>[] = [];
  for (const kilobytes of sizesKb) {
    const bytes = encoder.encode(page(kilobytes));
    // A warm-up each way: the first call also loads the libraries.
    articleText(new JSDOM(bytes, { contentType: 'text/html', virtualConsole: silent }).window.document);
    articleText(parseHtmlPage(bytes, 'text/html'));
    const baseline = timed(() => articleText(new JSDOM(bytes, { contentType: 'text/html', virtualConsole: silent }).window.document));
    const ours = timed(() => articleText(parseHtmlPage(bytes, 'text/html')));
    const whole = timed(() => documentFromHtml('page.html', bytes));
    rows.push({
      page: `${Math.round(bytes.byteLength / 1024)} KB`,
      'baseline: jsdom + Readability (ms)': baseline.ms,
      'ours: parse5 + linkedom + Readability (ms)': ours.ms,
      'ours vs baseline': ours.ms / baseline.ms,
      'same article text': baseline.result === ours.result && ours.result.length > 0 ? 'yes' : 'NO',
      'ours: whole import to Markdown (ms)': whole.ms,
    });
  }
  printTable('A web page read for its article: jsdom (baseline) against parse5 and linkedom (ours)', rows);
}
