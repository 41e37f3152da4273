import { describe, expect, it } from 'vitest';
import { AnchoringBudget } from '../../../../main/core/import/anchoring-budget';

describe('the anchoring budget of one import', () => {
  it('allows fuzzy searches while their cost (text length × quote words of 32) fits, then refuses at once', () => {
    const budget = new AnchoringBudget(1_000_000);
    const text = 'x'.repeat(100_000);
    const quote = 'q'.repeat(64); // two words: 200,000 steps a search
    const allowed = Array.from({ length: 10 }, () => budget.allows(text, quote));
    expect(allowed).toEqual([true, true, true, true, true, false, false, false, false, false]);
    expect(budget.exhausted).toBe(true);
  });

  it('by default stops 400 nonsense quotes against an 845 KB document after a bounded share', () => {
    const budget = new AnchoringBudget();
    const text = 'a'.repeat(845 * 1024);
    const quote = 'n'.repeat(300);
    const searches = Array.from({ length: 400 }, () => budget.allows(text, quote)).filter(Boolean).length;
    expect(searches).toBeLessThan(400);
    expect(searches).toBeGreaterThan(2);
  });
});
