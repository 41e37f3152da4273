// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../renderer/src/markdown';

/** Renders into a container so the result can be queried like the page would be. */
function render(source: string): HTMLElement {
  const container = document.createElement('div');
  container.append(renderMarkdown(source));
  return container;
}

const cellTexts = (row: Element) => Array.from(row.children, (cell) => cell.textContent?.trim());

describe('renderMarkdown', () => {
  it('returns a fragment owned by the given window’s document', () => {
    const fragment = renderMarkdown('Hello *world*', window);
    expect(fragment.nodeType).toBe(Node.DOCUMENT_FRAGMENT_NODE);
    expect(fragment.ownerDocument).toBe(document);
    expect(fragment.querySelector('p em')?.textContent).toBe('world');
  });

  describe('GitHub-flavoured Markdown', () => {
    it('turns a pipe table into a table with a header row and body rows', () => {
      const view = render('| Name | Count |\n| --- | ---: |\n| apples | 3 |\n| pears | 12 |\n');
      const table = view.querySelector('table');
      expect(table).not.toBeNull();
      const headerRows = table!.querySelectorAll('thead tr');
      const bodyRows = table!.querySelectorAll('tbody tr');
      expect(headerRows).toHaveLength(1);
      expect(cellTexts(headerRows[0]!)).toEqual(['Name', 'Count']);
      expect(Array.from(headerRows[0]!.children, (cell) => cell.tagName)).toEqual(['TH', 'TH']);
      expect(Array.from(bodyRows, cellTexts)).toEqual([
        ['apples', '3'],
        ['pears', '12'],
      ]);
    });

    it('turns ~~text~~ into a del element', () => {
      const view = render('This is ~~gone~~ kept.');
      const deleted = view.querySelectorAll('del');
      expect(deleted).toHaveLength(1);
      expect(deleted[0]!.textContent).toBe('gone');
      expect(view.textContent).not.toContain('~~');
    });

    it('turns a task list into list items that show which tasks are done, with marks rather than form controls', () => {
      const view = render('- [x] read the article\n- [ ] write the notes\n');
      const items = Array.from(view.querySelectorAll('ul > li'));
      expect(items.map((item) => item.textContent?.trim())).toEqual(['☑ read the article', '☐ write the notes']);
      // The reader shows the state; it must not be an editable control.
      expect(view.querySelectorAll('input')).toHaveLength(0);
      expect(view.textContent).not.toMatch(/\[[ x]\]/);
    });

    it('drops any other form input marked-up HTML brings along', () => {
      const view = render('<input type="text" value="typed"> and text');
      expect(view.querySelectorAll('input')).toHaveLength(0);
      expect(view.textContent).toContain('and text');
    });

    it('keeps headings, emphasis, lists, quotes and code as elements', () => {
      const view = render('## Part one\n\n> A *quoted* line\n\n1. first\n2. second\n\n```\nconst a = 1 < 2;\n```\n');
      expect(view.querySelector('h2')?.textContent).toBe('Part one');
      expect(view.querySelector('blockquote em')?.textContent).toBe('quoted');
      expect(Array.from(view.querySelectorAll('ol > li'), (item) => item.textContent)).toEqual(['first', 'second']);
      expect(view.querySelector('pre > code')?.textContent).toBe('const a = 1 < 2;\n');
    });
  });

  describe('sanitizing', () => {
    it.each([
      '<script>window.__pwned = true</script>',
      'Text <script>window.__pwned = true</script> inline',
      '<div><script src="https://evil.example/x.js"></script></div>',
    ])('removes the script in %s', (source) => {
      const view = render(source);
      expect(view.querySelector('script')).toBeNull();
      expect(view.innerHTML).not.toContain('__pwned');
      expect(view.innerHTML).not.toContain('evil.example');
    });

    it.each([
      '<img src="data:image/png;base64,iVBORw0KGgo=" onerror="window.__pwned = true">',
      '<p onclick="window.__pwned = true">click</p>',
      '<div onmouseover="window.__pwned = true">hover</div>',
      '<a href="https://example.com/" onfocus="window.__pwned = true">link</a>',
      '<svg onload="window.__pwned = true"><circle r="1"></circle></svg>',
    ])('removes every event-handler attribute in %s', (source) => {
      const view = render(source);
      const handlers = Array.from(view.querySelectorAll('*')).flatMap((element) =>
        element.getAttributeNames().filter((name) => name.toLowerCase().startsWith('on')),
      );
      expect(handlers).toEqual([]);
      expect(view.innerHTML).not.toContain('__pwned');
    });

    it('keeps the harmless part of an element whose handler it removes', () => {
      const view = render('<p onclick="window.__pwned = true">click</p>');
      expect(view.querySelector('p')?.textContent).toBe('click');
    });

    it.each([
      ['a Markdown link', '[click me](javascript:alert(1))'],
      ['an HTML link', '<a href="javascript:alert(1)">click me</a>'],
      ['an HTML link in mixed case', '<a href="JaVaScRiPt:alert(1)">click me</a>'],
      ['an HTML link with leading spaces', '<a href="  javascript:alert(1)">click me</a>'],
      ['an HTML link with an entity-encoded scheme', '<a href="jav&#x61;script:alert(1)">click me</a>'],
      ['an HTML link with a tab in the scheme', '<a href="java&#9;script:alert(1)">click me</a>'],
    ])('drops the javascript: address of %s but keeps its text', (_name, source) => {
      const view = render(source);
      expect(view.textContent).toContain('click me');
      const hrefs = Array.from(view.querySelectorAll('[href]'), (element) => element.getAttribute('href') ?? '');
      expect(hrefs.filter((href) => /^\s*j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:/i.test(href.replace(/[\t\n\r]/g, '')))).toEqual([]);
      expect(view.innerHTML).not.toMatch(/javascript:/i);
    });

    it('keeps an ordinary https link', () => {
      const view = render('[the source](https://example.com/article?id=1)');
      expect(view.querySelector('a')?.getAttribute('href')).toBe('https://example.com/article?id=1');
      expect(view.querySelector('a')?.textContent).toBe('the source');
    });

    it.each(['style', 'form', 'button', 'textarea', 'select', 'iframe', 'object', 'embed'])('removes a <%s> element', (tag) => {
      const view = render(`<div><${tag}>inside</${tag}></div>`);
      expect(view.querySelector(tag)).toBeNull();
    });
  });

  describe('images', () => {
    it.each(['https://example.com/chart.png', 'http://example.com/chart.png', '//example.com/chart.png', 'chart.png'])(
      'replaces the image at %s with a placeholder naming its address',
      (address) => {
        const view = render(`Before\n\n![A chart](${address})\n\nAfter`);
        expect(view.querySelector('img')).toBeNull();
        const placeholders = view.querySelectorAll('span.remote-image');
        expect(placeholders).toHaveLength(1);
        expect(placeholders[0]!.textContent).toContain(address);
      },
    );

    it('replaces a remote HTML image too', () => {
      const view = render('<img src="https://tracker.example/pixel.gif" alt="">');
      expect(view.querySelector('img')).toBeNull();
      expect(view.querySelector('span.remote-image')?.textContent).toContain('https://tracker.example/pixel.gif');
    });

    it('replaces every remote image, not just the first', () => {
      const view = render('![one](https://example.com/1.png) and ![two](https://example.com/2.png)');
      expect(view.querySelector('img')).toBeNull();
      const texts = Array.from(view.querySelectorAll('span.remote-image'), (span) => span.textContent);
      expect(texts).toHaveLength(2);
      expect(texts[0]).toContain('https://example.com/1.png');
      expect(texts[1]).toContain('https://example.com/2.png');
    });

    it('shows the placeholder as text, never as markup from the address', () => {
      const view = render('<img src="https://example.com/&quot;&gt;&lt;b&gt;bold&lt;/b&gt;.png">');
      const placeholder = view.querySelector('span.remote-image');
      expect(placeholder).not.toBeNull();
      expect(placeholder!.children).toHaveLength(0);
      expect(view.querySelector('b')).toBeNull();
    });

    it.each([
      ['png', 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='],
      ['jpeg', 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ=='],
      ['gif', 'data:image/gif;base64,R0lGODlhAQABAAAAACw='],
    ])('keeps an inline data:image/%s image', (_type, source) => {
      const view = render(`![a dot](${source})`);
      const images = view.querySelectorAll('img');
      expect(images).toHaveLength(1);
      expect(images[0]!.getAttribute('src')).toBe(source);
      expect(images[0]!.getAttribute('alt')).toBe('a dot');
      expect(view.querySelector('span.remote-image')).toBeNull();
    });

    it.each(['lamp-room.png', 'alice-plate.svg'])('shows a document’s own stored image (%s) from the app’s address', (name) => {
      const source = `/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/${name}`;
      const view = render(`![The lamp room](${source})`);
      expect(view.querySelector('img')?.getAttribute('src')).toBe(source);
      expect(view.querySelector('span.remote-image')).toBeNull();
    });

    it.each([
      'gloss://app/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/lamp-room.png',
      'https://evil.example/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/lamp-room.png',
      '//evil.example/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/lamp-room.png',
      '/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/../../../secret.png',
      '/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/%2e%2e%2fsecret.png',
      '/documents/not-a-document/assets/lamp-room.png',
      '/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/lamp-room.png?x=1',
    ])('refuses %s, which only looks like a stored image', (address) => {
      const view = render(`![look-alike](${address})`);
      expect(view.querySelector('img')).toBeNull();
      // DOMPurify already empties a gloss: address; the others are named in the placeholder.
      expect(view.querySelector('span.remote-image')?.textContent).toContain(address.startsWith('gloss:') ? 'look-alike' : address);
    });

    it('does not render an inline SVG image, which can carry script', () => {
      const view = render('![vector](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)');
      expect(view.querySelector('img')).toBeNull();
    });

    it('does not keep a remote srcset on an inline image', () => {
      const view = render('<img src="data:image/png;base64,iVBORw0KGgo=" srcset="https://tracker.example/pixel.png 2x" alt="dot">');
      const remote = Array.from(view.querySelectorAll('img')).filter((image) => /https?:|\/\//i.test(image.getAttribute('srcset') ?? ''));
      expect(remote).toEqual([]);
    });
  });

  describe('text', () => {
    it.each([
      ['curly quotes and apostrophes', '“Quoted,” she said — it’s ‘fine’.'],
      ['emoji, including skin tones and joined sequences', 'Party 🎉 coder 👩🏽‍💻 family 👨‍👩‍👧 flag 🇺🇦'],
      ['accents and other scripts', 'Café naïve Ελληνικά 日本語 עברית'],
      ['typographic dashes, ellipsis and non-breaking spaces', 'one–two—three… 10\u00a0km'],
    ])('keeps %s exactly', (_name, text) => {
      const view = render(text);
      expect(view.querySelector('p')?.textContent).toBe(text);
    });

    it('keeps straight quotes straight (no smartypants rewriting)', () => {
      const view = render(`"plain" and 'single'`);
      expect(view.querySelector('p')?.textContent).toBe(`"plain" and 'single'`);
    });
  });
});

describe('input that marked itself cannot parse', () => {
  it('is shown as written, in a preformatted block, instead of breaking the reader', () => {
    const source = '- a\n  >-\nb <script>x</script>';
    const view = render(source);
    expect(view.querySelector('pre.markdown-fallback')?.textContent).toBe(source);
    expect(view.querySelector('script')).toBeNull();
  });
});
