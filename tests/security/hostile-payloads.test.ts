import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { toHtml } from '../../main/core/export/html';
import type { ExportDocument } from '../../main/core/export/types';
import { renderMarkdown } from '../../renderer/src/markdown';
import { highlight, options, summary } from '../main/core/export/fixture';
import { recordFigure } from '../support/figures';
import { findLiveContent } from './inert';
import { asTags, before, payloads } from './payloads';

const { window } = new JSDOM('<!doctype html><body></body>');

function render(source: string): HTMLElement {
  const container = window.document.createElement('div');
  // jsdom's window is what DOMPurify needs; the DOM typings of the two differ only in name.
  container.append(renderMarkdown(source, window as unknown as Window & typeof globalThis));
  return container;
}

describe('the hostile-input corpus', () => {
  it('has at least 150 payloads of every kind the issue names', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(150);
    const kinds = new Set(payloads.map((payload) => payload.category));
    for (const kind of [
      'script element',
      'event handler',
      'url scheme',
      'autolink',
      'svg and mathml',
      'css injection',
      'dangling markup',
      'markdown syntax',
    ] as const) {
      expect(kinds).toContain(kind);
    }
  });

  it('is checked by a detector that does find live content', () => {
    const raw = window.document.createElement('div');
    raw.innerHTML =
      '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><a href=" java\tscript:alert(1)">x</a><svg><animate onbegin=alert(1)></svg>' +
      '<p style="color:red">x</p><template><img src=x onerror=alert(1)></template><a href="%6Aavascript:x">relative</a><svg><image href="https://a.example/i.png"/></svg>';
    expect(findLiveContent(raw)).toEqual([
      'onerror on <img>',
      'href="javascript:alert(1)" on <a>',
      'href=" java\tscript:alert(1)" on <a>',
      '<animate> element',
      'onbegin on <animate>',
      'style="color:red" on <p>',
      'href on <image> would fetch https://a.example/i.png',
      // A template's content comes last.
      'onerror on <img>',
    ]);
  });
});

describe.each(payloads.map((payload) => [payload.id, payload.category, payload] as const))(
  'payload %i (%s) in the reader',
  (id, _category, payload) => {
    const rendered = render(`${before(payload)}\n\n${payload.source}\n\nAfter payload ${id}.`);

    it('renders inert: no script, handler, style, embedding or hostile URL', () => {
      expect(findLiveContent(rendered)).toEqual([]);
    });

    it('leaves the text around it readable', () => {
      expect(rendered.textContent).toContain(before(payload));
      if (payload.hidesFollowingText) expect(rendered.textContent).not.toContain(`After payload ${id}.`);
      else expect(rendered.textContent).toContain(`After payload ${id}.`);
    });
  },
);

describe('the whole corpus, counted', () => {
  it('renders every payload inert, and hides the following text only where listed', () => {
    let live = 0;
    let hiding = 0;
    for (const payload of payloads) {
      const rendered = render(`${before(payload)}\n\n${payload.source}\n\nAfter payload ${payload.id}.`);
      if (findLiveContent(rendered).length > 0) live++;
      if (!rendered.textContent?.includes(`After payload ${payload.id}.`)) hiding++;
    }
    recordFigure('hostile-payloads-sanitizer', {
      line: `hostile payloads (sanitizer, jsdom): ${payloads.length} rendered, ${live} left anything live, ${hiding} hide the text after them`,
      values: { rendered: payloads.length, live, hiding },
    });
    expect(live).toBe(0);
    expect(hiding).toBe(payloads.filter((payload) => payload.hidesFollowingText).length);
  });
});

describe('every payload in a note, a document note, tags, a quote and the metadata of the HTML export', () => {
  const tags = asTags(payloads);
  const doc: ExportDocument = {
    document: summary({
      id: 'hostile',
      title: payloads[0]!.source,
      author: payloads[1]!.source,
      source: `javascript:__pwned(0)`,
      date: null,
    }),
    documentNote: { text: payloads.map((payload) => payload.source).join('\n\n'), updatedAt: '2024-01-01T00:00:00.000Z' },
    highlights: payloads.map((payload, index) =>
      highlight({
        id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        quote: payload.source,
        start: index * 10,
        note: `${before(payload)}\n\n${payload.source}`,
        tags: tags.slice(index % tags.length, (index % tags.length) + 3),
      }),
    ),
    // Half of them orphans, so both sections of the page are tried.
    orphanIds: new Set(
      payloads
        .filter((payload) => payload.id % 2 === 0)
        .map((payload) => `00000000-0000-4000-8000-${String(payload.id - 1).padStart(12, '0')}`),
    ),
  };
  const html = toHtml([doc], options);
  const page = new JSDOM(html).window.document;

  it('is inert once parsed', () => {
    // The export's own <meta> (charset, CSP) and <style> are its only such elements.
    const body = page.body;
    expect(findLiveContent(body)).toEqual([]);
    expect(page.querySelectorAll('script, iframe, object, embed, link, base, form, img, svg, math')).toHaveLength(0);
    expect(page.querySelectorAll('meta')).toHaveLength(4);
    expect(page.querySelectorAll('style')).toHaveLength(1);
  });

  it('has no script tag, event handler, src or href anywhere in the file, even as text a naive scanner could misread', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\b(?:src|href|action|formaction)\s*=/i);
  });

  it('shows every payload as the literal text it was', () => {
    const text = page.body.textContent ?? '';
    for (const payload of payloads)
      expect(text, `payload ${payload.id}`).toContain(payload.source.replace(/\r\n?/g, '\n').replace(/\u0000/g, ''));
  });
});
