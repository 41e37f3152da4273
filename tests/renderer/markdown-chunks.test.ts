import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedArticlePath } from '../../main/config';
import { projectRoot } from '../harness';
import { splitMarkdown } from '../../renderer/src/markdown-chunks';
import { markdownToHtml } from '../../common/markdown/pipeline';

/** Cutting at every boundary the splitter allows is the strictest check of each boundary. */
const everyBoundary = { first: 1, rest: 1 };

function renderedInPieces(source: string, sizes = everyBoundary): { html: string; pieces: number } {
  const pieces = splitMarkdown(source, sizes);
  return { html: pieces.map(markdownToHtml).join(''), pieces: pieces.length };
}

/** Blocks whose neighbours change how they parse: loose lists, fences with blank lines, indented code, lazy lines. */
const blockSnippets = [
  'A plain paragraph with *emphasis* and `code`.',
  'A paragraph\nwith a second line\nand a third.',
  '# Heading one',
  '## Heading two',
  'Setext heading\n==============',
  '- item one\n- item two',
  '- loose item\n\n- second loose item\n\n  continued inside the item',
  '1. first\n2. second',
  '3. starts at three',
  '* star item\n\n* another',
  '```\ncode with a blank line\n\nstill code\n```',
  '~~~~ python\ndef f():\n\n    return 1\n~~~~',
  '    indented code\n\n    more indented code',
  '> a quote\n> on two lines\n\n> another quote',
  '> lazy\ncontinuation',
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '---',
  '* * *',
  'Text with a [link](https://example.com "title") and an image ![alt](data:image/png;base64,AAAA).',
  'Hard break at the end  \nof a line.',
  '  - indented list item',
  '2021. A year that looks like a list marker.',
  'Term with trailing spaces   ',
  '\t',
  '',
];

describe('splitMarkdown', () => {
  it('renders, piece by piece, exactly the HTML of the whole for any arrangement of tricky blocks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...blockSnippets), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n\n', '\n', '\n\n\n'),
        (blocks, gap) => {
          const source = blocks.join(gap);
          expect(renderedInPieces(source).html).toBe(markdownToHtml(source));
        },
      ),
      { numRuns: 400, seed: 20261128 },
    );
  });

  it('cuts the seed article, repeated to a long document, into many pieces with the same HTML', () => {
    const article = readFileSync(seedArticlePath(projectRoot), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
    const long = Array.from({ length: 40 }, () => article).join('\n\n');
    const { html, pieces } = renderedInPieces(long, { first: 12_000, rest: 48_000 });
    expect(pieces).toBeGreaterThan(long.length / 60_000);
    expect(html).toBe(markdownToHtml(long));
  });

  it('keeps the first piece near the requested size, ending at a paragraph boundary', () => {
    const source = Array.from({ length: 200 }, (_, index) => `Paragraph ${index} ${'word '.repeat(20)}`).join('\n\n');
    const [first, second] = splitMarkdown(source, { first: 1_000, rest: 5_000 });
    expect(first!.length).toBeGreaterThanOrEqual(1_000);
    expect(first!.length).toBeLessThan(1_200);
    expect(first!.endsWith('\n\n')).toBe(true);
    expect(second!.startsWith('Paragraph')).toBe(true);
  });

  it('never cuts inside a fenced code block, however long', () => {
    const code = `\`\`\`\n${Array.from({ length: 300 }, (_, index) => `line ${index}\n`).join('\n')}\`\`\``;
    const source = `Before.\n\n${code}\n\nAfter.\n\n${'More text. '.repeat(50)}`;
    const pieces = splitMarkdown(source, { first: 10, rest: 10 });
    expect(pieces.some((piece) => piece.includes('line 0') && piece.includes('line 299'))).toBe(true);
    expect(pieces.join('')).toBe(source);
  });

  it('leaves a source whole when a reference definition or raw HTML could reach across pieces', () => {
    const paragraphs = Array.from({ length: 50 }, (_, index) => `Paragraph ${index}.`).join('\n\n');
    expect(splitMarkdown(`See [the source][src].\n\n${paragraphs}\n\n[src]: https://example.com`, everyBoundary)).toHaveLength(1);
    expect(splitMarkdown(`<pre>\n\nkept\n\n</pre>\n\n${paragraphs}`, everyBoundary)).toHaveLength(1);
    expect(splitMarkdown(`Bold <b>opened\n\n${paragraphs}`, everyBoundary)).toHaveLength(1);
    expect(splitMarkdown(paragraphs, everyBoundary)).toHaveLength(50);
  });
});
