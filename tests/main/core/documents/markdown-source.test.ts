import { describe, expect, it } from 'vitest';
import { deriveTitle, frontmatter, parseMarkdownSource, type SourceMetadata } from '../../../../main/core/documents/markdown-source';

const noMetadata: SourceMetadata = { title: null, author: null, date: null, source: null, lang: null, dir: null, writingMode: null };

describe('parseMarkdownSource', () => {
  it.each<[string, string, Partial<SourceMetadata>, string]>([
    [
      'all four fields',
      '---\ntitle: A Title\nauthor: Jane Doe\ndate: 2021-06-16\nsource: https://example.com/a\n---\n# Body\n\nText.\n',
      { title: 'A Title', author: 'Jane Doe', date: '2021-06-16', source: 'https://example.com/a' },
      '# Body\n\nText.\n',
    ],
    ['a language and direction, as Pandoc names them', '---\nlang: he\ndir: rtl\n---\nx', { lang: 'he', dir: 'rtl' }, 'x'],
    [
      'lines set vertically, as CSS names it',
      '---\nlang: ja\nwriting-mode: vertical-rl\n---\nx',
      { lang: 'ja', writingMode: 'vertical-rl' },
      'x',
    ],
    [
      'a vertical writing mode under its camel-case name, in CSS 2’s words',
      '---\nwritingMode: TB-LR\n---\nx',
      { writingMode: 'vertical-lr' },
      'x',
    ],
    ['a horizontal writing mode, which is no declaration', '---\nwriting-mode: horizontal-tb\n---\nx', {}, 'x'],
    ['a language with an underscore', '---\nlang: pt_BR\n---\nx', { lang: 'pt-BR' }, 'x'],
    ['a language that is a name and a direction that is not one', '---\nlang: Hebrew\ndir: auto\n---\nx', {}, 'x'],
    ['a BOM before the frontmatter', '\uFEFF---\ntitle: With BOM\n---\nBody.\n', { title: 'With BOM' }, 'Body.\n'],
    [
      'CRLF line ends',
      '---\r\ntitle: Windows\r\ndate: 2021-06-16\r\n---\r\nLine one.\r\nLine two.\r\n',
      { title: 'Windows', date: '2021-06-16' },
      'Line one.\r\nLine two.\r\n',
    ],
    ['a BOM and CRLF line ends', '\uFEFF---\r\nauthor: Both\r\n---\r\nBody.', { author: 'Both' }, 'Body.'],
    ['a quoted date', '---\ndate: "2021-06-16"\n---\nx', { date: '2021-06-16' }, 'x'],
    ['a numeric title', '---\ntitle: 1984\n---\nx', { title: '1984' }, 'x'],
    ['a title padded with spaces', '---\ntitle: "  Padded  "\n---\nx', { title: 'Padded' }, 'x'],
    ['a blank title', '---\ntitle: "   "\n---\nx', {}, 'x'],
    ['a list of authors', '---\nauthor:\n  - One\n  - Two\n---\nx', { author: 'One, Two' }, 'x'],
    ['a list where text is expected', '---\ntitle:\n  - One\n  - Two\n---\nx', {}, 'x'],
    [
      'Pandoc’s and CSL’s author records',
      '---\nauthor:\n  - name: Ada Lovelace\n  - given: Charles\n    family: Babbage\n  - affiliation: nobody\n---\nx',
      { author: 'Ada Lovelace, Charles Babbage' },
      'x',
    ],
    [
      'the fields Obsidian’s Web Clipper writes',
      '---\ntitle: "Clipped"\nsource: "https://example.com/clip"\nauthor:\n  - "[[Jane Doe]]"\n  - "[[people/jr|John Roe]]"\npublished: 2024-03-01\ncreated: 2024-03-05\ntags:\n  - "clippings"\n---\nx',
      { title: 'Clipped', source: 'https://example.com/clip', author: 'Jane Doe, John Roe', date: '2024-03-01' },
      'x',
    ],
    [
      'Hugo’s authors and a url',
      '---\nauthors: [A, B]\nurl: https://example.com/u\n---\nx',
      { author: 'A, B', source: 'https://example.com/u' },
      'x',
    ],
    ['a YAML block Pandoc ends with dots', '---\ntitle: Dotted\n...\nBody.\n', { title: 'Dotted' }, 'Body.\n'],
    [
      'TOML between +++ lines (Hugo, Zola)',
      '+++\ntitle = "Hugo TOML"\ndate = 2021-06-16\nauthors = ["A", "B"]\n[params]\nx = 1\n+++\n\nBody.\n',
      { title: 'Hugo TOML', date: '2021-06-16', author: 'A, B' },
      '\nBody.\n',
    ],
    [
      'a Pandoc title block',
      '% The Title\n  Continued\n% Author One; Author Two\n% 2020-01-01\n\nBody.\n',
      { title: 'The Title Continued', author: 'Author One, Author Two', date: '2020-01-01' },
      '\nBody.\n',
    ],
    ['a Pandoc title block with its title only', '% Only a title\nBody.\n', { title: 'Only a title' }, 'Body.\n'],
    ['a Pandoc title block with the title left out', '%\n% An Author\n\nBody.', { author: 'An Author' }, '\nBody.'],
    [
      'Logseq page properties',
      'title:: Logseq page\nAuthor:: Ada\ntags:: a, b\n\n- first block\n  - child:: not a page property\n',
      { title: 'Logseq page', author: 'Ada' },
      '\n- first block\n  - child:: not a page property\n',
    ],
    ['a nested map where text is expected', '---\nsource:\n  url: https://example.com\n---\nx', {}, 'x'],
    ['unknown fields only', '---\nlayout: post\ntags: [a, b]\n---\nx', {}, 'x'],
    ['trailing spaces after the fences', '---  \ntitle: Spaced\n---\t\nx', { title: 'Spaced' }, 'x'],
    ['nothing after the closing fence', '---\ntitle: Only metadata\n---', { title: 'Only metadata' }, ''],
    ['an empty frontmatter block', '---\n---\nBody.\n', {}, 'Body.\n'],
    ['a percentage opening a paragraph', '%20 of the text\nBody.', {}, '%20 of the text\nBody.'],
    ['a first line with a double colon', 'Note:: the next step.\nBody.', {}, 'Note:: the next step.\nBody.'],
    ['Logseq properties without a title', 'tags:: a, b\n\n- block', {}, 'tags:: a, b\n\n- block'],
  ])('reads frontmatter with %s', (_label, text, metadata, body) => {
    expect(parseMarkdownSource(text)).toEqual({ metadata: { ...noMetadata, ...metadata }, body });
  });

  it('keeps a YAML date as the string written, not a Date', () => {
    const { metadata } = parseMarkdownSource('---\ndate: 2021-06-16\n---\nText.');

    expect(metadata.date).toBe('2021-06-16');
    expect(typeof metadata.date).toBe('string');
  });

  it.each([
    ['plain Markdown', '# Heading\n\nSome *text*.\n'],
    ['a thematic break later on', 'Intro.\n\n---\n\ntitle: not metadata\n\n---\n'],
    ['fences that are not on the first line', '\n---\ntitle: X\n---\nBody'],
    ['an opening fence that is never closed', '---\ntitle: X\nBody without a closing fence\n'],
    ['CRLF line ends', 'Line one.\r\nLine two.\r\n'],
    ['an empty text', ''],
  ])('returns %s without frontmatter unchanged, with empty metadata', (_label, text) => {
    expect(parseMarkdownSource(text)).toEqual({ metadata: noMetadata, body: text });
  });

  it('drops a leading BOM from a text without frontmatter', () => {
    expect(parseMarkdownSource('\uFEFF# Title\n\nBody.')).toEqual({ metadata: noMetadata, body: '# Title\n\nBody.' });
  });
});

describe('frontmatter', () => {
  it('writes a writing mode under the key CSS gives it, which parseMarkdownSource reads back', () => {
    const written = frontmatter({ title: '雪国', lang: 'ja', writingMode: 'vertical-rl', dir: null });
    expect(written).toBe('---\ntitle: "雪国"\nlang: "ja"\nwriting-mode: "vertical-rl"\n---\n');
    expect(parseMarkdownSource(`${written}x`).metadata).toMatchObject({ title: '雪国', lang: 'ja', writingMode: 'vertical-rl' });
  });
});

const eightyCharacters = 'The quick brown fox jumps over the lazy dog and then runs all the way back to it';

describe('deriveTitle', () => {
  it('is tested with an 80-character sentence', () => {
    expect(eightyCharacters).toHaveLength(80);
  });

  it('shortens the seed article’s first sentence at its first comma', () => {
    expect(
      deriveTitle(
        'The coronavirus outbreak has raised a question about global cooperation, how are countries working together, even in the face of unresolved disputes or disagreements?\n\nMore.',
      ),
    ).toBe('The coronavirus outbreak has raised a question about global cooperation');
  });

  it.each<[string, string, string]>([
    // 1. The first level-1 heading wins.
    ['an ATX heading', '# The Title\n\nSome text.', 'The Title'],
    ['a heading after a paragraph', 'An opening paragraph.\n\n# The Real Title\n\nMore.', 'The Real Title'],
    ['the first of two headings', '# First\n\n# Second', 'First'],
    ['a setext heading', 'Setext Title\n============\n\nBody.', 'Setext Title'],
    ['a heading with closing hashes', '# Closed Title ##\n\nBody.', 'Closed Title'],
    ['a heading with emphasis', '# A *very* **bold** _claim_', 'A very bold claim'],
    ['a heading with a link', '# Read [the docs](https://example.com "Docs")', 'Read the docs'],
    ['a heading with code', '# Using `npm install` today', 'Using npm install today'],
    ['a heading with code holding markup characters', '# Why `a < b && c` matters', 'Why a < b && c matters'],
    ['a heading with strikethrough', '# ~~Old~~ New', 'Old New'],
    ['a heading with nested emphasis in a link', '# See [*this* page](/x)', 'See this page'],
    ['a heading with &amp;', '# Q&amp;A: cats &amp; dogs', 'Q&A: cats & dogs'],
    ['a heading with &lt; and &gt;', '# 3 &lt; 4 &gt; 2', '3 < 4 > 2'],
    ['a heading with &quot; and &#39;', '# &quot;Quoted&quot; and it&#39;s', '"Quoted" and it\'s'],
    ['a heading with a raw ampersand and straight quotes', '# Q & A: "yes" it\'s', 'Q & A: "yes" it\'s'],
    ['a heading with a named entity beyond the basic five', '# Caf&eacute; culture &mdash; a guide', 'Café culture — a guide'],
    ['a heading with inline HTML', '# Hello <em>world</em>', 'Hello world'],
    ['a heading with backslash escapes', '# 1\\. Not a list, \\*really\\*', '1. Not a list, *really*'],
    ['a heading with curly quotes and dashes', '# “Quoted” and ‘single’ — it’s fine', '“Quoted” and ‘single’ — it’s fine'],
    // 2. Otherwise the first sentence.
    ['the first of two sentences', 'This is the first sentence. This is the second.', 'This is the first sentence'],
    ['a question', 'Is this the question? Yes it is.', 'Is this the question?'],
    ['an exclamation', 'What a day! It rained.', 'What a day!'],
    ['a sentence without end punctuation', 'Just some words', 'Just some words'],
    ['a sentence wrapped over lines', 'A sentence that\nwraps over lines. Next.', 'A sentence that wraps over lines'],
    ['a sentence with curly quotes', '“All countries must act,” he said. More text.', '“All countries must act,” he said'],
    ['a sentence with emphasis and a link', 'Read *this* [report](https://example.com). Then act.', 'Read this report'],
    ['a sentence with an entity', 'Fish &amp; chips tonight. Yes.', 'Fish & chips tonight'],
    ['a decimal number that is no sentence end', 'Version 2.5 is out. More.', 'Version 2.5 is out'],
    ['a paragraph after a code block', '```\ncode();\n```\n\nThe prose starts here. More.', 'The prose starts here'],
    ['a sentence ending in an ellipsis', 'To be continued...\n\nNext part.', 'To be continued...'],
    // Long sentences are cut at the last clause break within 80 characters...
    [
      'a long sentence with a comma',
      'First, second, third, and then a long tail of words that goes on, well past the eighty character limit, yes.',
      'First, second, third, and then a long tail of words that goes on',
    ],
    [
      'a long sentence with a semicolon',
      'Scientists measured the slow drift of the continents over many decades; the results surprised everyone who read them.',
      'Scientists measured the slow drift of the continents over many decades',
    ],
    [
      'a long sentence with a colon',
      'There was only one thing left for the committee to decide that evening: who would pay for the new bridge.',
      'There was only one thing left for the committee to decide that evening',
    ],
    [
      'a long sentence with a spaced em dash',
      'The village had been quiet for as long as anyone could remember — until the morning the river changed course.',
      'The village had been quiet for as long as anyone could remember',
    ],
    [
      'a long sentence with a spaced en dash',
      'The village had been quiet for as long as anyone could remember – until the morning the river changed course.',
      'The village had been quiet for as long as anyone could remember',
    ],
    [
      'a long sentence with an unspaced em dash',
      'The village had been quiet for as long as anyone could remember—until the morning the river changed course.',
      'The village had been quiet for as long as anyone could remember',
    ],
    // ...or else at a word boundary, with an ellipsis.
    [
      'a long sentence without clause breaks',
      'A very long sentence without any clause breaks that keeps going and going beyond the limit of eighty characters.',
      'A very long sentence without any clause breaks that keeps going and going beyond…',
    ],
    [
      'a long sentence whose only comma is too early to cut at',
      'Yes, the committee finally agreed to fund the bridge across the river after many years of debate and delay.',
      'Yes, the committee finally agreed to fund the bridge across the river after many…',
    ],
    ['a single word longer than 80 characters', `${'x'.repeat(100)}.`, `${'x'.repeat(80)}…`],
    ['a sentence of exactly 80 characters', eightyCharacters, eightyCharacters],
    ['a sentence of exactly 80 characters and a full stop', `${eightyCharacters}.`, eightyCharacters],
    [
      'a sentence of 81 characters',
      `${eightyCharacters}s and more`,
      'The quick brown fox jumps over the lazy dog and then runs all the way back to…',
    ],
    // Nothing to go on.
    ['an empty document', '', 'Untitled'],
    ['a blank document', '  \n\n\t\n', 'Untitled'],
    ['only a code block', '```\nconst x = 1;\n```\n', 'Untitled'],
    ['only a thematic break', '---\n', 'Untitled'],
  ])('derives the title of %s', (_label, markdown, expected) => {
    expect(deriveTitle(markdown)).toBe(expected);
  });

  it.each([
    [
      'the clause-break cut',
      'Scientists measured the slow drift of the continents over many decades; the results surprised everyone who read them.',
    ],
    [
      'the word-boundary cut',
      'A very long sentence without any clause breaks that keeps going and going beyond the limit of eighty characters.',
    ],
    ['the seed sentence', 'The coronavirus outbreak has raised a question about global cooperation, how are countries working together?'],
  ])('keeps the words of %s within 80 characters', (_label, markdown) => {
    expect(deriveTitle(markdown).replace(/…$/, '').length).toBeLessThanOrEqual(80);
  });
});

describe('bounded work on hostile files', () => {
  it('derives a title from an 8 MB single line of sentences without overflowing the stack', () => {
    expect(deriveTitle('Sentence one. '.repeat(600_000))).toBe('Sentence one');
  });

  it('gives up on a title (Untitled) when marked’s recursion overflows on thousands of nested quotes', () => {
    expect(deriveTitle(`${'> '.repeat(4_000)}x`)).toBe('Untitled');
  });

  it('looks for the level-1 heading in the first 8 KB only', () => {
    expect(deriveTitle(`Opening words.\n\n${'More words. '.repeat(1_000)}\n\n# A late heading`)).toBe('Opening words');
  });

  it('refuses frontmatter larger than 16 KB before parsing it, naming the limit', () => {
    const text = `---\n${Array.from({ length: 2_000 }, (_, index) => `key${index}: value`).join('\n')}\n---\nBody.\n`;
    expect(() => parseMarkdownSource(text)).toThrow('The frontmatter at the top of the file is larger than 16 KB');
  });
});
