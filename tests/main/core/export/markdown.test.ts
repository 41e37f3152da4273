import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { documentTags, markdownFileName, obsidianTag, toMarkdown, yamlField } from '../../../../main/core/export/markdown';
import { normalizeNewlines } from '../../../../main/core/export/common';
import { containedMarkdown } from '../../../../main/core/export/markdown-text';
import type { ExportDocument } from '../../../../main/core/export/types';
import { article, essay, handout, library, options, summary } from './fixture';
import { expectGolden } from './golden';
import { readMarkdownExport, splitBlockId } from './markdown-reader';

/** Blockquotes the document note itself contributes (the essay's note quotes its author). */
function noteBlockquotes(doc: ExportDocument): number {
  if (!doc.documentNote) return 0;
  return marked.lexer(containedMarkdown(doc.documentNote.text)).filter((token) => token.type === 'blockquote').length;
}

describe('toMarkdown', () => {
  it.each(library.map((doc, index) => [index, doc.document.title, doc] as const))(
    'matches golden/markdown-%i.md (%s)',
    async (index, _title, doc) => {
      await expectGolden(`markdown-${index}.md`, toMarkdown(doc, options));
    },
  );

  it.each(library.map((doc) => [doc.document.title, doc] as const))(
    'writes one blockquote per highlight, each reading as its quote (%s)',
    (_title, doc) => {
      const { blockquotes } = readMarkdownExport(toMarkdown(doc, options));
      const quotes = blockquotes.map(splitBlockId).filter((quote) => quote.blockId !== null);
      expect(blockquotes).toHaveLength(doc.highlights.length + noteBlockquotes(doc));
      expect(quotes).toHaveLength(doc.highlights.length);
      const byText = new Map(quotes.map((quote) => [quote.text, quote]));
      for (const highlight of doc.highlights) expect(byText.has(normalizeNewlines(highlight.quote.exact))).toBe(true);
    },
  );

  it('puts highlights in reading order and orphans in their own section', () => {
    const { tokens, blockquotes } = readMarkdownExport(toMarkdown(essay, options));
    const headings = tokens.filter((token) => token.type === 'heading').map((token) => token.raw.trim());
    // "# My take" is the document note's own heading.
    expect(headings).toEqual([
      '# The “Curly” Essay: On \\*Markdown\\*, \\<HTML\\> \\& Other \\| Things',
      '## Document note',
      '# My take',
      '## Highlights',
      '## Could not be placed',
    ]);
    const order = blockquotes.map((text) => splitBlockId(text).blockId).filter((id) => id !== null);
    expect(order).toEqual([
      'gloss-f00dfeed',
      'gloss-a1b2c3d4',
      'gloss-0badc0de',
      'gloss-7e57ab1e',
      'gloss-dec0ded0',
      'gloss-5eed5eed',
      'gloss-a1b2c3d4-9999-4000-8000-000000000007',
      'gloss-0a2fa2ed', // the orphan, last
    ]);
    const orphanSection = tokens.slice(tokens.findIndex((token) => token.raw.startsWith('## Could not be placed')));
    expect(orphanSection.filter((token) => token.type === 'blockquote').map((token) => token.raw)).toEqual([
      '> A passage that was edited away, with a comma, and "quotes". ^gloss-0a2fa2ed',
    ]);
  });

  it('gives block ids that are unique in the file and the same in every export', () => {
    const first = readMarkdownExport(toMarkdown(essay, options)).blockquotes.map((text) => splitBlockId(text).blockId);
    const shuffled: ExportDocument = {
      ...essay,
      highlights: [...essay.highlights].sort((a, b) => a.quote.exact.localeCompare(b.quote.exact)),
    };
    const later = { ...options, exportedAt: new Date('2030-01-01T00:00:00.000Z') };
    const second = readMarkdownExport(toMarkdown(shuffled, later)).blockquotes.map((text) => splitBlockId(text).blockId);
    const ids = first.filter((id) => id !== null);
    expect(ids).toHaveLength(essay.highlights.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(second).toEqual(first);
  });

  it('writes frontmatter that YAML reads back as the document’s metadata', () => {
    const { frontmatter } = readMarkdownExport(toMarkdown(essay, options));
    expect(frontmatter).toEqual({
      id: essay.document.id,
      title: essay.document.title,
      author: essay.document.author,
      source: essay.document.source,
      date: '2023-04-05',
      tags: ['c--', 'dialogue', 'emoji😀', 'hash', 'markdown', 'orphan', 'syntax-test', 'xss', '日本語'],
      exported: '2024-06-01T12:00:00.000Z',
    });
    // Absent fields are left out, never written as `null`.
    const bare = readMarkdownExport(toMarkdown(article, options)).frontmatter;
    expect(bare).toEqual({
      id: article.document.id,
      title: article.document.title,
      tags: ['quotes'],
      exported: '2024-06-01T12:00:00.000Z',
    });
    expect(toMarkdown(article, options)).not.toMatch(/: null$/m);
    expect(readMarkdownExport(toMarkdown(handout, options)).frontmatter).toMatchObject({ title: 'Empty, "quoted" title', tags: [] });
  });

  it('keeps a note that leaves a code fence open inside its own highlight', () => {
    const { tokens } = readMarkdownExport(toMarkdown(article, options));
    // Both quotes are still top-level blockquotes: the first note's open fence ended with its list item.
    expect(tokens.filter((token) => token.type === 'blockquote')).toHaveLength(2);
    const list = tokens.find((token) => token.type === 'list' && token.raw.includes('const unclosed'));
    expect(list?.raw).toContain('```js');
  });

  it('shows a document note that would swallow the highlights as literal text', () => {
    const markdown = toMarkdown(handout, options);
    expect(markdown).toContain(
      '## Document note\n\n````text\n```\nunclosed in the document note\n````\n\n## Highlights\n\nNo highlights yet.\n',
    );
    const headings = readMarkdownExport(markdown)
      .tokens.filter((token) => token.type === 'heading')
      .map((token) => token.raw.trim());
    expect(headings).toEqual(['# Empty, "quoted" title', '## Document note', '## Highlights']);
  });

  it('renders no HTML from a quote, only from notes (which are the user’s own Markdown)', () => {
    const html = marked.parse(toMarkdown(essay, options).replace(/^---\n[\s\S]*?\n---\n/, ''), { async: false });
    const quoteHtml = html.slice(html.indexOf('<h2>Highlights</h2>'), html.indexOf('<h2>Could not be placed</h2>'));
    expect(quoteHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(quoteHtml).not.toContain('<script>');
  });
});

describe('markdownFileName', () => {
  const named = (title: string, id = '0123abcd-ef45-4000-8000-000000000000') => markdownFileName(summary({ id, title }));

  it.each([
    ['The “Curly” Essay: On *Markdown*, <HTML> & Other | Things', 'The “Curly” Essay On Markdown , HTML & Other Things (0123abcd).md'],
    ['日本語の記事 — 短い #1 [draft]: a/b?', '日本語の記事 — 短い 1 draft a b (0123abcd).md'],
    ['  ..Hidden.. ', 'Hidden (0123abcd).md'],
    ['Tab\tand\nnewline', 'Tab and newline (0123abcd).md'],
    ['bidi \u202Eevil', 'bidi evil (0123abcd).md'],
    ['???', 'Untitled (0123abcd).md'],
    ['CON', 'CON (0123abcd).md'],
    ['e\u0301', 'é (0123abcd).md'],
  ])('names %j %j', (title, expected) => {
    expect(named(title)).toBe(expected);
  });

  it('keeps names within file-system limits without splitting a character', () => {
    const name = named('日本語'.repeat(100) + '👩‍👩‍👧'.repeat(10));
    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^(日本語)+日? \(0123abcd\)\.md$/);
    const emoji = named('a' + '👩‍👩‍👧'.repeat(40));
    expect(emoji).toMatch(/^a(👩‍👩‍👧)+ \(0123abcd\)\.md$/u);
  });

  it('is stable and tells apart documents with the same title', () => {
    expect(named('Same')).toBe(named('Same'));
    expect(named('Same', 'ffff0000-0000-4000-8000-000000000000')).not.toBe(named('Same'));
    expect(library.map(({ document }) => markdownFileName(document))).toEqual([
      'The “Curly” Essay On Markdown , HTML & Other Things (3f2a9c1e).md',
      '日本語の記事 — 短い 1 draft a b (b7e4d2c9).md',
      'Empty, quoted title (e5f6a7b8).md',
    ]);
  });
});

describe('obsidianTag', () => {
  it.each([
    ['plain', 'plain'],
    ['syntax test', 'syntax-test'],
    ['  spaced   out ', 'spaced-out'],
    ['#hash', 'hash'],
    ['c++', 'c--'],
    ['a.b!', 'a-b-'],
    ['nested/tag_x', 'nested/tag_x'],
    ['日本語', '日本語'],
    ['emoji😀', 'emoji😀'],
    ['café', 'café'],
    ['#', ''],
  ])('writes %j as %j', (tag, expected) => {
    expect(obsidianTag(tag)).toBe(expected);
  });

  it('lists a document’s tags once each, sorted, dropping those with nothing left', () => {
    const doc = { ...handout, highlights: [{ ...essay.highlights[0]!, tags: ['b', 'a', '#', 'b'] }] };
    expect(documentTags(doc)).toEqual(['a', 'b']);
  });
});

describe('yamlField', () => {
  const piece = fc.oneof(
    fc.constantFrom(...'aZéñßÅ日本語한글ก', ...'0189', ' ', ...".,'’()/&+!?;_–—-", '\u0301', '\u200D'),
    fc.constantFrom(...':#"\n\t?*&!|>%@`{}[]~\\', '\u2028', '\u0000', '\uFEFF', ': ', ' #', '- ', '  '),
    fc.constantFrom('true', 'False', 'NULL', 'yes', 'No', 'on', '~', '1e5', '0x1f', '.inf', '-1', '12', '1.5', '1_000'),
    fc.constantFrom(
      '00000000-0000-4000-8000-000000000001',
      'a1b2c3d4-0000-4000-8000-0000000000ff',
      '2021-06-16',
      '2026-12-03T12:00:00.000Z',
    ),
  );
  const value = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(''));

  it('writes a value as the yaml package writes it, quoted where YAML needs it', () => {
    fc.assert(
      fc.property(value, (text) => {
        expect(yamlField('title', text)).toBe(stringify({ title: text }, { lineWidth: 0 }));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes a list as the yaml package writes it', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 4 }), (items) => {
        expect(yamlField('tags', items)).toBe(stringify({ tags: items }, { lineWidth: 0 }));
      }),
      { numRuns: 1000 },
    );
  });

  it.each(['Generated article 5', 'Café — crème', '00000000-0000-4000-8000-000000000001', '2026-12-03T12:00:00.000Z'])(
    'writes %j without quotes',
    (text) => {
      expect(yamlField('k', text)).toBe(`k: ${text}\n`);
    },
  );

  it.each(['true', 'a: b', '- x', '12', 'x '])('quotes %j', (text) => {
    expect(yamlField('k', text)).not.toBe(`k: ${text}\n`);
  });
});
