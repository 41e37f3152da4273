import { describe, expect, it } from 'vitest';
import { declaredWritingMode } from '../../../../main/core/documents/writing-mode';

describe('declaredWritingMode', () => {
  it.each([
    ['the standard property', 'html { writing-mode: vertical-rl; }', 'vertical-rl'],
    ['EPUB 3.0’s prefix, in capitals', 'body{-EPUB-WRITING-MODE:VERTICAL-RL}', 'vertical-rl'],
    ['WebKit’s prefix, left to right (Mongolian)', 'p { -webkit-writing-mode : vertical-lr }', 'vertical-lr'],
    ['CSS 2’s name for it, in an inline style', 'color: black; writing-mode: tb-rl', 'vertical-rl'],
    [
      'the first vertical one, after a horizontal one',
      '.h { writing-mode: horizontal-tb } .v { writing-mode: vertical-lr }',
      'vertical-lr',
    ],
  ])('reads %s', (_case, css, mode) => {
    expect(declaredWritingMode(css)).toBe(mode);
  });

  it.each([
    ['nothing', ''],
    ['only horizontal modes', 'html { writing-mode: horizontal-tb; -epub-writing-mode: lr-tb }'],
    ['a value that is not a mode', 'html { writing-mode: inherit }'],
    ['the word without a declaration', '/* writing-mode */ p { margin: 0 }'],
  ])('finds no vertical mode in %s', (_case, css) => {
    expect(declaredWritingMode(css)).toBeNull();
  });
});
