// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { linkAt } from '../../renderer/src/links';

function container(html: string): HTMLElement {
  const element = document.createElement('div');
  element.innerHTML = html;
  document.body.replaceChildren(element);
  return element;
}

describe('every link-like element goes through the link handler', () => {
  it.each([
    ['an <a href>', '<a href="https://example.com/x"><span id="hit">x</span></a>', 'https://example.com/x'],
    [
      'an image map <area href>',
      '<map name="m"><area id="hit" shape="rect" coords="0,0,4000,4000" href="/documents/x/assets/x.png"></map>',
      '/documents/x/assets/x.png',
    ],
    [
      'an SVG <a xlink:href>',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="/index.html?x"><text id="hit">x</text></a></svg>',
      '/index.html?x',
    ],
    ['an SVG <a href>', '<svg xmlns="http://www.w3.org/2000/svg"><a href="/index.html"><rect id="hit"/></a></svg>', '/index.html'],
  ])('finds %s', (_name, html, href) => {
    const root = container(html);
    expect(linkAt(root.querySelector('#hit'), root)?.action).toEqual({ kind: 'external', href });
  });

  it('reads a malformed fragment (#%E0%A4%A) as written instead of throwing', () => {
    const root = container('<a id="hit" href="#%E0%A4%A">x</a>');
    expect(linkAt(root.querySelector('#hit'), root)?.action).toEqual({ kind: 'anchor', id: '%E0%A4%A' });
  });

  it('ignores a click outside a link, or on a link outside the container', () => {
    const root = container('<p id="plain">text</p>');
    const outside = document.createElement('a');
    outside.href = 'https://example.com';
    document.body.append(outside);
    expect(linkAt(root.querySelector('#plain'), root)).toBeNull();
    expect(linkAt(outside, root)).toBeNull();
  });
});
