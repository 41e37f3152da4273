import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { documentToClipboardMarkdown, highlightToClipboardMarkdown } from '../../../../main/core/export/clipboard';
import { allInReadingOrder, normalizeNewlines } from '../../../../main/core/export/common';
import { article, essay, handout } from './fixture';
import { expectGolden } from './golden';
import { blockquoteText } from './markdown-reader';

const byId = (id: string) => essay.highlights.find((h) => h.id === id)!;

describe('highlightToClipboardMarkdown', () => {
  it('writes the quote, where it is from (linked when it is a web page), then the note', () => {
    expect(highlightToClipboardMarkdown(essay, byId('0badc0de-0003-4000-8000-000000000003'))).toBe(
      [
        '> \\*not emphasis\\* \\_nor this\\_ \\# not a heading \\> not a quote \\[not\\](a link) \\`not code\\` \\| not \\| a \\| table \\=\\=nor\\=\\= \\$x\\$ \\^nope \\%\\%c\\%\\% 50\\% \\& \\&amp; a\\@b.co https\\://example.com/x\\_y\\_z',
        '— [The “Curly” Essay: On \\*Markdown\\*, \\<HTML\\> \\& Other \\| Things](<https://example.com/essays/curly?x=1&y=(2)>), Zoë "Z" Müller, Jr.',
        'Plain note with **bold** and a list:\n- one\n- two',
      ].join('\n\n'),
    );
  });

  it('leaves out the link and author it does not have', () => {
    const [first] = allInReadingOrder(article);
    expect(highlightToClipboardMarkdown(article, first!)).toBe(
      '> 東京は日本の首都です。\n\n— 日本語の記事 — 短い \\#1 \\[draft\\]: a/b?\n\n````text\n```js\nconst unclosed = true;\n````',
    );
  });

  it('reads back as the quote, the attribution and the note', () => {
    const highlight = byId('7e57ab1e-0004-4000-8000-000000000004');
    const tokens = marked.lexer(highlightToClipboardMarkdown(essay, highlight)).filter((token) => token.type !== 'space');
    expect(tokens.map((token) => token.type)).toEqual(['blockquote', 'paragraph', 'paragraph']);
    expect(blockquoteText(tokens[0] as Tokens.Blockquote)).toBe(normalizeNewlines(highlight.quote.exact));
    expect(marked.parse(tokens[1]!.raw, { async: false })).toContain('<a href="https://example.com/essays/curly?x=1&amp;y=(2)">');
  });
});

describe('documentToClipboardMarkdown', () => {
  it.each([
    ['essay', essay],
    ['article', article],
    ['handout', handout],
  ] as const)('matches golden/clipboard-%s.md', async (name, doc) => {
    await expectGolden(`clipboard-${name}.md`, `${documentToClipboardMarkdown(doc)}\n`);
  });

  it('holds the document note, then every highlight as one blockquote, in reading order, orphans last', () => {
    const quotes = marked
      .lexer(documentToClipboardMarkdown(essay))
      .filter((token): token is Tokens.Blockquote => token.type === 'blockquote')
      .map(blockquoteText);
    // The first blockquote is the document note's own ("> quoting myself").
    expect(quotes).toEqual(['quoting myself', ...allInReadingOrder(essay).map((h) => normalizeNewlines(h.quote.exact))]);
  });

  it('keeps a note with an open code fence from swallowing the next highlight', () => {
    const tokens = marked.lexer(documentToClipboardMarkdown(article));
    expect(tokens.filter((token) => token.type === 'blockquote')).toHaveLength(2 + 1); // the second note quotes something itself
    expect(tokens.filter((token) => token.type === 'code').map((token) => (token as Tokens.Code).text)).toEqual([
      '```js\nconst unclosed = true;',
    ]);
  });
});
