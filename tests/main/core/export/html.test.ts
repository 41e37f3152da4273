import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { allInReadingOrder, normalizeNewlines } from '../../../../main/core/export/common';
import { escapeHtml, toHtml } from '../../../../main/core/export/html';
import { essay, library, options } from './fixture';
import { expectGolden } from './golden';

const html = toHtml(library, options);
const page = () => new JSDOM(html).window.document;

/** Every element and attribute the page may contain: nothing that fetches, links, runs or styles from outside. */
const allowedElements = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'article',
  'h1',
  'h2',
  'p',
  'section',
  'div',
  'blockquote',
  'footer',
  'time',
]);
const allowedAttributes = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'datetime']);

describe('toHtml', () => {
  it('matches golden/export.html', async () => {
    await expectGolden('export.html', html);
  });

  it('is a complete page with a CSP that forbids everything but its inline style', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    const csp = page().querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(csp?.getAttribute('content')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(page().title).toBe('Highlights from 3 documents');
    expect(new JSDOM(toHtml([essay], options)).window.document.title).toBe(essay.document.title);
  });

  it('has no script, no src or href, no event handler and no url() anywhere in the file', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\bsrc\s*=/i);
    expect(html).not.toMatch(/\bhref\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/@import/i);
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(style).not.toMatch(/url\(/i);
  });

  it('contains only allowed elements and attributes once parsed', () => {
    for (const element of page().querySelectorAll('*')) {
      expect(allowedElements, element.outerHTML.slice(0, 80)).toContain(element.localName);
      for (const attribute of element.attributes)
        expect(allowedAttributes, `${element.localName} ${attribute.name}`).toContain(attribute.name);
    }
  });

  it('shows every quote and note as its literal text, escaped in the file, line breaks kept', () => {
    const highlights = library.flatMap(allInReadingOrder);
    const blocks = [...page().querySelectorAll('.highlight')];
    expect(blocks).toHaveLength(highlights.length);
    highlights.forEach((highlight, index) => {
      const block = blocks[index]!;
      expect(html).toContain(escapeHtml(highlight.quote.exact));
      // The HTML parser reads CR and CR LF as LF, as it must.
      expect(block.querySelector('blockquote')?.textContent).toBe(normalizeNewlines(highlight.quote.exact));
      expect(block.querySelector('.note')?.textContent ?? '').toBe(highlight.note.trim() ? normalizeNewlines(highlight.note) : '');
      expect(block.classList.contains(highlight.color)).toBe(true);
    });
  });

  it('escapes titles, metadata and document notes and renders no Markdown', () => {
    const doc = page();
    expect([...doc.querySelectorAll('h1')].map((h1) => h1.textContent)).toEqual(library.map((item) => item.document.title));
    expect(doc.querySelector('.meta')?.textContent).toBe('Zoë "Z" Müller, Jr. · 2023-04-05 · https://example.com/essays/curly?x=1&y=(2)');
    expect(doc.querySelector('.document-note .note')?.textContent).toBe(normalizeNewlines(essay.documentNote!.text));
    expect(doc.querySelectorAll('em, strong, code, a, img, iframe, ul, li')).toHaveLength(0);
  });

  it('sets orphans apart and says when a document has no highlights', () => {
    const sections = [...page().querySelectorAll('article')].map((article) =>
      [...article.querySelectorAll('h2')].map((h2) => h2.textContent),
    );
    expect(sections).toEqual([['Document note', 'Highlights', 'Could not be placed'], ['Highlights'], ['Document note', 'Highlights']]);
    expect(page().querySelectorAll('article')[2]?.textContent).toContain('No highlights yet.');
  });
});

describe('escapeHtml', () => {
  it('escapes markup characters and = as character references', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe('&#60;a href&#61;&#34;x&#34; onclick&#61;&#39;y&#39;&#62;&#38;');
  });
});
