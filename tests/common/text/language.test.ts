import { describe, expect, it } from 'vitest';
import { directionOfLanguage, languageTag, textDirection } from '../../../common/text/language';

describe('languageTag', () => {
  it.each([
    ['he', 'he'],
    [' en-GB ', 'en-GB'],
    ['en_US', 'en-US'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['x-klingon', 'x-klingon'],
  ])('keeps the tag %j as %j', (declared, tag) => {
    expect(languageTag(declared)).toBe(tag);
  });

  it.each([['English'], [''], ['en US'], ['fr-'], ['a'], [null], [undefined], ['en-"x"']])('declares no language for %j', (declared) => {
    expect(languageTag(declared)).toBeNull();
  });
});

describe('textDirection', () => {
  it('reads ltr and rtl in any case and nothing else', () => {
    expect(textDirection('RTL')).toBe('rtl');
    expect(textDirection(' ltr')).toBe('ltr');
    expect(textDirection('auto')).toBeNull();
    expect(textDirection('right')).toBeNull();
    expect(textDirection(null)).toBeNull();
  });
});

describe('directionOfLanguage', () => {
  it.each([
    ['he', 'rtl'],
    ['ar-EG', 'rtl'],
    ['fa', 'rtl'],
    ['yi', 'rtl'],
    ['en', 'ltr'],
    ['ja', 'ltr'],
    ['az-Arab', 'rtl'],
    ['ku-Latn', 'ltr'],
    ['sd-Deva', 'ltr'],
    ['pa-Arab-PK', 'rtl'],
  ])('%s runs %s', (tag, direction) => {
    expect(directionOfLanguage(tag)).toBe(direction);
  });
});
