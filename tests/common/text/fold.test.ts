import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../../common/text/fold';

describe('foldText', () => {
  it('folds case, diacritics, lookalike punctuation and line breaks, one unit for one unit', () => {
    expect(foldText('Élan\tDÉJÀ\nvu — “Straße”\u00A0İ')).toBe('elan deja vu - "straße" i');
  });

  it('folds a text longer than one slice as it folds each unit alone, across every cut between slices', () => {
    const unit = fc.constantFrom('a', 'Z', 'é', 'É', '\u0301', '\n', '\u2014', 'İ', 'ß', '日', '\uD83D', '\uDE00', ' ');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 40 }), fc.integer({ min: 60_000, max: 140_000 }), (pattern, length) => {
        const text = pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
        const folded = foldText(text);
        expect(folded).toHaveLength(text.length);
        const units = text.split('');
        const alone = new Map([...new Set(units)].map((unitAlone) => [unitAlone, foldText(unitAlone)]));
        expect(folded).toBe(units.map((unitAlone) => alone.get(unitAlone)).join(''));
      }),
      { numRuns: 40 },
    );
  });
});
