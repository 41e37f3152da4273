import { describe, expect, it } from 'vitest';
import { countWords, describeLength, readingMinutes } from '../../../common/text/reading-stats';

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
