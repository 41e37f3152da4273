import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownToPlainText } from '../../../common/text/plain-text';

describe('markdownToPlainText', () => {
  it.each([
    ['# A heading', 'A heading'],
    ['> quoted > twice', 'quoted > twice'],
    ['  - an item\n  1. a number', 'an item\na number'],
    ['See [the page](https://example.org/a_(b)) now', 'See the page now'],
    ['![a chart](chart.png "Chart")', 'a chart'],
    ['[ref]: https://example.org "title"', ''],
    ['a <b>bold</b> word', 'a bold word'],
    ['**strong** and _light_ and `code`', 'strong and light and code'],
    ['```js\nconst x = 1;\n```', '\nconst x = 1;\n'],
    ['***', ''],
    ['2 * 3 * 4', '2 * 3 * 4'],
  ])('%j reads as %j', (markdown, expected) => {
    expect(markdownToPlainText(markdown)).toBe(expected);
  });

  // A long text is rewritten a slice of lines at a time, which gives the same words only because no rule reaches past its line.
  const line = fc
    .array(
      fc.constantFrom(
        '# ',
        '> ',
        '- ',
        '1. ',
        '   ',
        '```',
        '~~~',
        '***',
        '[a](b)',
        '![c](d)',
        '[r]: e',
        '<b>',
        '</b>',
        '*',
        '_',
        '`',
        'word',
        ' ',
        'é',
        'e\u0301',
        '\r',
      ),
      { maxLength: 12 },
    )
    .map((pieces) => pieces.join(''));

  it('reads each line on its own, whatever the lines around it', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        expect(markdownToPlainText(lines.join('\n'))).toBe(lines.map(markdownToPlainText).join('\n'));
      }),
    );
  });

  it('gives a text longer than one slice the same words as its lines read one by one', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        const long: string[] = [];
        for (let index = 0, length = 0; length <= 3 * 64 * 1024; index++) {
          const next = `${lines[index % lines.length] ?? ''} words of prose`;
          long.push(next);
          length += next.length + 1;
        }
        expect(markdownToPlainText(long.join('\n'))).toBe(long.map(markdownToPlainText).join('\n'));
      }),
      { numRuns: 20 },
    );
  });
});
