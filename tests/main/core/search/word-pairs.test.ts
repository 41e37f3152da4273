import { describe, expect, it } from 'vitest';
import { countCap, keyHashes, phraseOccurrencesAtMost, phrasePairKeys, wordPairs, wordsOf } from '../../../../main/core/search/word-pairs';
import { foldText } from '../../../../common/text/fold';
import { seededRandom } from '../../../support/seeded-random';

const atMost = (text: string, phrase: string) =>
  phraseOccurrencesAtMost(wordPairs(wordsOf(foldText(text))), keyHashes(phrasePairKeys(phrase)));
const mayHold = (text: string, phrase: string) => atMost(text, phrase) > 0;

describe('word pairs', () => {
  it('keys each pair of a phrase by the characters the query decides', () => {
    expect(phrasePairKeys('the river bank')).toEqual(['the riv', 'ver ban']);
    // An inner word shorter than a key is whole, so it keys as itself; a short outer word may be part of a longer one.
    expect(phrasePairKeys('bank of the river')).toEqual(['ank of$', '^of the', 'the riv']);
    expect(phrasePairKeys('of the')).toEqual([]);
    expect(phrasePairKeys('the r')).toEqual([]);
    expect(phrasePairKeys('river')).toEqual([]);
    // Punctuation separates words in the text as in the query: the word between is whole.
    expect(phrasePairKeys("river's bank")).toEqual(['ver s$', '^s ban']);
    // CJK words are runs without spaces: two-character outer words decide nothing, a longer one its three characters.
    expect(phrasePairKeys('東京 大学')).toEqual([]);
    expect(phrasePairKeys('東京大学 の 入試')).toEqual(['京大学 の$']);
  });

  it('never rules out a text that holds the phrase, however it is spelled or broken across lines', () => {
    expect(mayHold('On the Riverbank at dawn', 'the riverb')).toBe(true);
    expect(mayHold('Other rivers', 'her rive')).toBe(true);
    expect(mayHold('the\nriver', 'the river')).toBe(true);
    expect(mayHold('Café Crème brûlée', 'cafe creme brul')).toBe(true);
    expect(mayHold('a bank of the river', 'bank of the river')).toBe(true);
    expect(mayHold('東京 大学', '東京 大学')).toBe(true);
  });

  it('rules out a text where two of the phrase’s words never stand side by side', () => {
    expect(mayHold('The river and the bank', 'river bank')).toBe(false);
    expect(mayHold('', 'river bank')).toBe(false);
    expect(mayHold('river', 'river bank')).toBe(false);
  });

  it('lets through about 2% of the pairs a long text does not hold, and none it does', () => {
    const random = seededRandom(11);
    const word = () =>
      Array.from({ length: 3 + Math.floor(random() * 5) }, () => 'abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 26)]).join('');
    const words = Array.from({ length: 5_000 }, word);
    const pairs = wordPairs(words);
    for (let index = 1; index < words.length; index++)
      expect(phraseOccurrencesAtMost(pairs, keyHashes(phrasePairKeys(`${words[index - 1]} ${words[index]}`)))).toBeGreaterThan(0);
    let passed = 0;
    const tried = 20_000;
    for (let trial = 0; trial < tried; trial++)
      if (phraseOccurrencesAtMost(pairs, keyHashes(phrasePairKeys(`${word()} ${word()}`))) > 0) passed++;
    expect(passed / tried).toBeGreaterThan(0);
    expect(passed / tried).toBeLessThan(0.04);
  });

  it('bounds how often a phrase occurs by its least used pair: exactly for pairs used often, below four for the rest', () => {
    const text = `${'the river bank. '.repeat(9)}${'the river '.repeat(3)}a bank`;
    expect(atMost(text, 'the river')).toBe(12);
    expect(atMost(text, 'river bank')).toBe(9);
    // "bank the" is there nine times, "the river bank the" no more often than that.
    expect(atMost(text, 'the river bank the')).toBe(9);
    expect(atMost('the river, then the river bank', 'river bank')).toBe(3);
    expect(atMost(text, 'river a bank')).toBe(3);
    expect(atMost(text, 'river mouth')).toBe(0);
    expect(atMost('the river '.repeat(40), 'the river')).toBe(countCap);
    expect(atMost(text, 'river')).toBe(countCap);
  });
});
