import { describe, expect, it } from 'vitest';
import { parseText } from '../../../../main/core/documents/dom';
import { InternalLinks } from '../../../../main/core/documents/internal-links';

/** Two parts, `a` and `b`, linked by their names; anything else leads out. */
function linked(parts: Record<string, string>): Record<string, string> {
  const links = new InternalLinks((from, address) => (address === '' ? from : address in parts ? address : null));
  for (const [part, markup] of Object.entries(parts)) links.collectFromText(part, markup);
  return Object.fromEntries(
    Object.entries(parts).map(([part, markup]) => {
      const body = parseText(`<!doctype html><body>${markup}</body>`, 'text/html').body!;
      links.rewrite(part, body);
      return [part, body.innerHTML];
    }),
  );
}

describe('a document’s links to its own places', () => {
  it('points a link at a place in a later part, marked at the start of its first block', () => {
    const { a, b } = linked({ a: '<p>See <a href="b#n1">the note</a>.</p>', b: '<aside id="n1"><p>The note.</p></aside>' });
    expect(a).toBe('<p>See <a href="#gloss-ref-1">the note</a>.</p>');
    expect(b).toBe('<aside id="n1"><p><a id="gloss-ref-1"></a>The note.</p></aside>');
  });

  it('marks a place that is itself a link just before it, so no link holds another', () => {
    const { a } = linked({ a: '<p>Word<a id="r1" href="b#n1">1</a>.</p>', b: '<p id="n1"><a href="a#r1">back</a> Note.</p>' });
    expect(a).toBe('<p>Word<a id="gloss-ref-2"></a><a id="r1" href="#gloss-ref-1">1</a>.</p>');
  });

  it('marks a table, list or code block just before it, since its content is converted whole', () => {
    const { b } = linked({
      a: '<a href="b#t">table</a><a href="b#l">list</a><a href="b#c">code</a>',
      b: '<table id="t"><tr><td>1</td></tr></table><ul id="l"><li>x</li></ul><pre id="c">y</pre>',
    });
    expect(b).toBe(
      '<a id="gloss-ref-1"></a><table id="t"><tbody><tr><td>1</td></tr></tbody></table><a id="gloss-ref-2"></a><ul id="l"><li>x</li></ul><a id="gloss-ref-3"></a><pre id="c">y</pre>',
    );
  });

  it('sends a link to an id its part lacks to the part’s start, its heading, one id for both', () => {
    const { a, b } = linked({ a: '<a href="b#gone">gone</a> <a href="b">b</a>', b: '<section><h1>B</h1><p>Text.</p></section>' });
    expect(a).toBe('<a href="#gloss-ref-1">gone</a> <a href="#gloss-ref-1">b</a>');
    expect(b).toBe('<section><h1><a id="gloss-ref-1"></a>B</h1><p>Text.</p></section>');
  });

  it('leaves a link out of the document, and a place no link names, as they were', () => {
    const { a } = linked({ a: '<p id="quiet"><a href="https://example.org/#x">web</a> <a href="c#x">elsewhere</a></p>' });
    expect(a).toBe('<p id="quiet"><a href="https://example.org/#x">web</a> <a href="c#x">elsewhere</a></p>');
  });
});
