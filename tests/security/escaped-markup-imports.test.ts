/**
 * Markup written as text in an imported page or book (escaped as &lt;…&gt;)
 * reaches the reader as text: never a live element, never hiding what follows.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { documentFromEpub } from '../../main/core/documents/epub-document';
import { documentFromHtml } from '../../main/core/documents/html-document';
import { parseMarkdownSource } from '../../main/core/documents/markdown-source';
import { renderMarkdown } from '../../renderer/src/markdown';
import { buildBook, xhtmlChapter } from '../support/epub-builder';

/** Each written as the escaped text a page shows, and the text the reader must show for it. */
const writtenMarkup = [
  ['&lt;iframe src="https://evil.example/"/&gt;', '<iframe src="https://evil.example/"/>'],
  ['&lt;script&gt;__pwned(1)&lt;/script&gt;', '<script>__pwned(1)</script>'],
  ['&lt;img src=x onerror="__pwned(2)"&gt;', '<img src=x onerror="__pwned(2)">'],
  ['&lt;a href="javascript:__pwned(3)"&gt;click&lt;/a&gt;', '<a href="javascript:__pwned(3)">click</a>'],
  [
    'see https://evil.example/&lt;a href="https://evil.example/"&gt;x&lt;/a&gt;',
    'see https://evil.example/<a href="https://evil.example/">x</a>',
  ],
  ['&lt;!-- hides the rest', '<!-- hides the rest'],
  ['the &lt;title&gt; element', 'the <title> element'],
  ['&lt;plaintext&gt; and &lt;style&gt;', '<plaintext> and <style>'],
  ['&amp;lt;b&amp;gt; stays an entity', '&lt;b&gt; stays an entity'],
] as const;

const paragraphs = writtenMarkup.map(([escaped]) => `<p>${escaped}</p>`).join('');
const codeBlock = `<pre>${writtenMarkup.map(([escaped]) => escaped).join('\n')}</pre>`;
const closing = '<p>The closing sentence is still shown.</p>';

function rendered(markdown: string): DocumentFragment {
  return renderMarkdown(parseMarkdownSource(markdown).body, new JSDOM('<!doctype html><body></body>').window as never);
}

describe.each([
  [
    'an HTML page',
    () =>
      documentFromHtml(
        'page.html',
        `<html><head><title>P</title></head><body><article>${paragraphs}${codeBlock}${closing}</article></body></html>`,
      ).markdown,
  ],
  [
    'an EPUB chapter',
    () =>
      documentFromEpub(
        'book.epub',
        buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter(`${paragraphs}${codeBlock}${closing}`) }] }),
        (name) => `/documents/x/assets/${name}`,
      ).markdown,
  ],
])('markup written as text in %s', (_where, markdown) => {
  const fragment = rendered(markdown());
  const shown = fragment.textContent ?? '';

  it('creates no element from it', () => {
    expect(fragment.querySelectorAll('iframe, script, img, a, title, plaintext, style').length).toBe(0);
  });

  it.each(writtenMarkup)('shows %j as the text it was, in the prose and in the code block', (_escaped, text) => {
    expect(shown.split(text).length - 1).toBe(2);
  });

  it('hides nothing after it', () => {
    expect(shown.trim().endsWith('The closing sentence is still shown.')).toBe(true);
  });
});
