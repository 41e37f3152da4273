// @vitest-environment jsdom
/**
 * renderedText must give exactly the text the reader anchors highlights
 * against: the textContent of renderer/src/markdown.ts's renderMarkdown. The
 * renderer's own function runs here under jsdom and the two are compared.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMarkdownSource } from '../../../../main/core/documents/markdown-source';
import { passageParagraphs, passagesBody } from '../../../../main/core/import/common';
import { plainRendering, renderedBlocks, renderedBlocksWithDom, renderedText } from '../../../../main/core/import/rendered-text';
import { renderMarkdown } from '../../../../renderer/src/markdown';

/** What the reader's text map sees: the rendered body's textContent. */
function readerText(markdown: string): string {
  const body = document.createElement('div');
  body.append(renderMarkdown(markdown));
  return body.textContent ?? '';
}

// Resolved by path: under jsdom, URL is jsdom's, which fileURLToPath refuses.
const articlePath = join(dirname(fileURLToPath(import.meta.url)), '../../../../resources/articles/global-cooperation.md');

describe('renderedText', () => {
  it('gives the reader’s text for the shipped article', () => {
    const { body } = parseMarkdownSource(readFileSync(articlePath, 'utf8'));
    const text = renderedText(body);
    expect(text).toBe(readerText(body));
    expect(text).toContain('The coronavirus outbreak has raised a question about global cooperation');
  });

  it.each([
    ['paragraphs and soft breaks', 'One line\nand the next.\n\nSecond paragraph.'],
    ['hard breaks', 'two spaces  \nthen a backslash\\\nend'],
    ['emphasis, strong, strikethrough and code', '*em* **strong** _u_ ~~gone~~ `code <b>` and ***both***'],
    ['bullet and ordered lists, nested', '- one\n- two\n  - two a\n  - two b\n\n1. first\n2. second\n\n3) third'],
    ['task lists', '- [x] read the article\n- [ ] write the notes\n* [X] capital'],
    ['fenced and indented code', '```js\nconst x = 1 < 2;\n```\n\n    indented code\n    block\n'],
    ['a GFM table with alignment and inline markup', '| Name | *Count* |\n| :-- | --: |\n| apples | 3 |\n| `pears` | 12 |'],
    ['headings, setext headings and rules', '# One\n\nTwo\n===\n\n---\n\n### Three ###'],
    ['blockquotes, nested', '> quoted\n> > deeper\n>\n> back'],
    [
      'links, autolinks and references',
      '[a](https://a.example) <https://b.example> www.c.example d@e.example [ref]\n\n[ref]: https://r.example',
    ],
    [
      'remote, local and unnamed images',
      '![alt text](https://x.example/a.png) ![](http://y.example/b.jpg) ![dot](data:image/png;base64,iVBORw0KGgo=)',
    ],
    [
      'raw HTML, dangerous and harmless',
      '<script>alert(1)</script><b>bold</b> <style>p{}</style><iframe src="x"></iframe>\n\n<div>block <em>html</em></div>\n\n<input type="checkbox" checked> <input type="text" value="v"> <button>b</button>',
    ],
    ['entities and escapes', '&amp; &copy; &#169; &nbsp;x \\*not em\\* \\<tag>'],
    ['comments', 'before <!-- hidden --> after\n\n<!-- block comment -->\n\nend'],
    ['CR LF line endings', 'a\r\nb\r\n\r\n- c\r\n- d\r\n'],
    ['Unicode: CJK, emoji, combining marks', '日本語の記事。😀👩‍👩‍👧 e\u0301 — “curly”'],
    ['input marked throws on', '- a\n  >-\nb'],
    ['nothing at all', ''],
  ])('gives the reader’s text for %s', (_name, markdown) => {
    expect(renderedText(markdown)).toBe(readerText(markdown));
  });

  it('gives the reader’s text for random Markdown-like input', () => {
    const pieces = [
      '# ',
      '- ',
      '1. ',
      '> ',
      '```',
      '`',
      '*',
      '_',
      '~~',
      '[x]',
      '[ ] ',
      '|',
      '---',
      '<b>',
      '</b>',
      '<img src=x>',
      '&amp;',
      '\\',
      '\n',
      '\n\n',
      '  ',
      'word',
      'é',
      '😀',
      'http://a.example',
      '![i](https://i.example/p.png)',
    ];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 6 })), { maxLength: 30 }), (parts) => {
        const markdown = parts.join('');
        expect(renderedText(markdown)).toBe(readerText(markdown));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

describe('plainRendering, the path without jsdom', () => {
  it('gives exactly what jsdom and DOMPurify give, whenever it answers, and answers for plain Markdown', () => {
    // Markdown without raw HTML, mostly inside what the short path reads, with some of what it must refuse (images, task lists, tables, references).
    const pieces = [
      '# ',
      '## ',
      '###### ',
      '- ',
      '* ',
      '+ ',
      '1. ',
      '2) ',
      '> ',
      '>> ',
      '```',
      '~~~',
      '    ',
      '\t',
      '`',
      '*',
      '**',
      '_',
      '__',
      '~~',
      '---',
      '***',
      '===',
      '[a](https://a.example "t")',
      '[b]',
      '[b]: https://b.example',
      'www.c.example',
      'd@e.example',
      'https://f.example/?q=1&r=2',
      '&amp;',
      '&lt;',
      '&copy;',
      '&#38;',
      '"',
      "'",
      '>',
      '\\',
      '\\*',
      '\n',
      '\n\n',
      '  \n',
      ' ',
      'word',
      'é',
      '😀',
      '日本',
      '|',
      '![i](https://i.example/p.png)',
      '[x] ',
      '| a | b |\n| - | - |\n',
    ];
    let answered = 0;
    const runs = 300;
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...pieces) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }), {
          maxLength: 40,
        }),
        (parts) => {
          const markdown = parts.join('');
          const plain = plainRendering(markdown);
          if (plain === null) return;
          answered++;
          expect(plain).toEqual(renderedBlocksWithDom(markdown));
        },
      ),
      { numRuns: runs },
    );
    // Refusing everything would pass the comparison above; the short path must be taken for most plain Markdown.
    expect(answered).toBeGreaterThan(runs / 3);
  }, 120_000);

  it('answers for the shipped article and refuses raw HTML, images and task lists', () => {
    const { body } = parseMarkdownSource(readFileSync(articlePath, 'utf8'));
    expect(plainRendering(body)).toEqual(renderedBlocksWithDom(body));
    for (const markdown of ['a <b>b</b>', '![i](https://i.example/p.png)', '- [x] done', '&copy;', 'a\u0000b'])
      expect(plainRendering(markdown)).toBeNull();
  });
});

describe('renderedBlocks', () => {
  it('gives each top-level block’s range in the rendered text', () => {
    const { text, blocks } = renderedBlocks('First *para*.\n\n- item\n\nLast.');
    expect(text).toBe(renderedText('First *para*.\n\n- item\n\nLast.'));
    expect(blocks.map((block) => block.tag)).toEqual(['P', 'UL', 'P']);
    expect(blocks.map((block) => text.slice(block.start, block.end))).toEqual(['First para.', '\nitem\n', 'Last.']);
  });
});

describe('passagesBody', () => {
  it('renders each paragraph of each passage as a paragraph showing exactly its text', () => {
    // Markdown's special characters, line breaks and some Unicode, mixed with anything at all.
    const unit = fc.oneof(
      fc.constantFrom(...'ab #*_-+=>|<&;`~[]()!\\1.)\t\n\r é日:/w'.split(''), '😀'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    );
    const text = fc.string({ unit, maxLength: 60 });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 6 }), (passages) => {
        const body = passagesBody(passages);
        const { text: rendered, blocks } = renderedBlocks(body);
        const paragraphs = passages.flatMap(passageParagraphs);
        expect(blocks.map((block) => block.tag)).toEqual(paragraphs.map(() => 'P'));
        expect(blocks.map((block) => rendered.slice(block.start, block.end))).toEqual(paragraphs);
        expect(rendered).toBe(readerText(body));
        // Written again from what it shows, the body is the same: how apply.ts recognises a document it made.
        expect(passagesBody(paragraphs)).toBe(body);
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
