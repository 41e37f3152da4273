import { describe, expect, it } from 'vitest';
import { Lexer, marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import { markdownFromFile, maxDocumentBytes } from '../../../../main/core/documents/document-file';
import { parseMarkdownSource } from '../../../../main/core/documents/markdown-source';

/** The visible text of rendered Markdown, tags stripped and entities decoded as a browser would. */
function visibleText(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .trim();
}

describe('markdownFromFile', () => {
  it('keeps a Markdown file exactly as written', () => {
    const source = '---\ntitle: Kept\n---\n# Heading\n\nText *with* emphasis.\n';
    expect(markdownFromFile('notes.MD', source)).toBe(source);
  });

  it.each([
    ['binary.md', 'abc\u0000def', 'looks like a binary file'],
    ['empty.txt', ' \n\n ', 'is empty'],
    ['book.pdf', 'text', 'Gloss imports Markdown (.md), plain text (.txt), HTML (.html) and EPUB (.epub) files, not .pdf'],
    ['noextension', 'text', 'Gloss imports Markdown (.md), plain text (.txt), HTML (.html) and EPUB (.epub) files.'],
  ])('refuses %s with a reason', (name, content, reason) => {
    expect(() => markdownFromFile(name, content)).toThrow(reason);
  });

  it('refuses a file over the size limit', () => {
    expect(() => markdownFromFile('huge.md', 'x'.repeat(maxDocumentBytes + 1))).toThrow('larger than 50 MB');
  });
});

describe('plain text', () => {
  it('keeps paragraphs, joins hard-wrapped lines and takes a short first line as the title', () => {
    const markdown = markdownFromFile('story.txt', 'The Title\r\n\r\nFirst paragraph,\r\nwrapped here.\r\n\r\n\r\nSecond one.\r\n');
    const { metadata, body } = parseMarkdownSource(markdown);
    expect(metadata.title).toBe('The Title');
    expect(
      new Lexer()
        .lex(body)
        .filter((token) => token.type === 'paragraph')
        .map((token) => token.raw.trim()),
    ).toEqual(['First paragraph, wrapped here.', 'Second one.']);
  });

  it('names the document after the file when the first paragraph is a sentence', () => {
    const markdown = markdownFromFile('diary-2021.txt', 'It rained all day.\n\nThen it stopped.');
    expect(parseYaml(markdown.split('---')[1]!)).toEqual({ title: 'diary-2021' });
  });

  it.each([
    '# not a heading',
    '1. not a list',
    '- not a list either',
    '*not emphasis* and _not this_ and `not code`',
    '<script>alert(1)</script> & &amp; [not](a link) | not | a table',
    'Curly “quotes”, CJK 中文, emoji 🎉 and combining é',
  ])('shows %j exactly as written', (line) => {
    const markdown = markdownFromFile('file.txt', line);
    const { body } = parseMarkdownSource(markdown);
    expect(visibleText(body)).toBe(line);
  });
});
