import { describe, expect, it } from 'vitest';
import { countWords, describeLength, readingMinutes } from '../../../common/text/reading-stats';
import { seededRandom } from '../../support/seeded-random';

/** The rule as Unicode regular expressions say it, which countWords follows by walking the text itself. */
function wordsByExpression(text: string): number {
  let cjk = 0;
  const rest = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, () => {
    cjk++;
    return ' ';
  });
  return cjk + (rest.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+|[.,]\p{N}+)*/gu)?.length ?? 0);
}

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['One two three.', 3],
    ["Don't split well-known words — or dashes.", 6],
    ['Numbers like 2019 and 3.14 count', 6],
    ['我们在北京大学学习。', 9],
    ['日本語のテキスト', 8],
    ['한국어 문장', 5],
    ['Mixed 中文 text', 4],
    ['Café crème, naïve façade', 4],
  ])('%j has %i words', (text, expected) => {
    expect(countWords(text)).toBe(expected);
  });

  it('counts as the Unicode rule does, whatever the script, mark, digit or punctuation', () => {
    const random = seededRandom(5);
    // Letters of several scripts (one outside the BMP), digits of several kinds, joiners, separators, marks, emoji, a lone surrogate.
    const pieces = [
      'a',
      'Z',
      'é',
      'e\u0301',
      'ß',
      'Я',
      'ש',
      'ع',
      '𝐀',
      '7',
      '٣',
      '²',
      'Ⅻ',
      "'",
      '’',
      '-',
      '.',
      ',',
      ' ',
      '\n',
      '字',
      'の',
      'カ',
      '한',
      '𠀀',
      '😀',
      '\ud800',
      '—',
      '_',
      '#',
    ];
    for (let trial = 0; trial < 2_000; trial++) {
      const text = Array.from({ length: Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]!).join('');
      expect(countWords(text), JSON.stringify(text)).toBe(wordsByExpression(text));
    }
  });
});

describe('reading time', () => {
  it('rounds up to whole minutes, with at least one for any text', () => {
    expect(readingMinutes('')).toBe(0);
    expect(readingMinutes('word')).toBe(1);
    expect(readingMinutes('word '.repeat(238))).toBe(1);
    expect(readingMinutes('word '.repeat(239))).toBe(2);
    expect(readingMinutes('字'.repeat(800))).toBe(2);
  });

  it('describes a length in words and minutes', () => {
    expect(describeLength('word '.repeat(1500), 'en-US')).toBe('1,500 words · 7 min read');
    expect(describeLength('', 'en-US')).toBe('0 words · under a minute');
  });
});
