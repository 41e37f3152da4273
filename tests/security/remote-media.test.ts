import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../renderer/src/markdown';

const { window } = new JSDOM('<!doctype html><body></body>');

/** Every URL-valued attribute left in the rendered fragment. */
function addressesIn(source: string): string[] {
  const container = window.document.createElement('div');
  container.append(renderMarkdown(source, window as unknown as Window & typeof globalThis));
  return Array.from(container.querySelectorAll('*')).flatMap((element) =>
    Array.from(element.attributes)
      .filter((attribute) => /^(?:src|href|xlink:href|data|poster)$/i.test(attribute.name))
      .map((attribute) => attribute.value),
  );
}

describe('remote media never reaches the page (the sanitizer does not rely on the CSP)', () => {
  it.each([
    ['an SVG filter image', '<svg><filter id="f"><feImage href="https://evil.example/a.png"/></filter></svg>'],
    ['an SVG filter image by xlink', '<svg><filter id="f"><feImage xlink:href="https://evil.example/a.png"/></filter></svg>'],
    ['a video', '<video src="https://evil.example/v.mp4" controls>fallback words</video>'],
    ['a video source', '<video controls><source src="https://evil.example/v.mp4" type="video/mp4">fallback words</video>'],
    ['an audio', '<audio src="https://evil.example/a.mp3" controls>fallback words</audio>'],
    ['an audio track', '<audio><track src="https://evil.example/t.vtt"></audio>'],
  ])('drops %s with its address', (_name, source) => {
    expect(addressesIn(source).filter((address) => address.includes('evil.example'))).toEqual([]);
  });
});
