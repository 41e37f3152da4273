import { describe, expect, it } from 'vitest';
import { matchQuote } from '../../../common/anchoring';

const passage =
  'China firmly believes in global cooperation in combating the pandemic and was among the first to pledge that its vaccines, when available, will become a global public good.';
const before = 'As the first major economy to recover from the pandemic, China has neither forgotten nor postponed its pledge. ';
const after = ' China has worked seriously to improve accessibility and affordability of vaccines in developing countries.';
const text = before + passage + after;

/** Replaces the characters at `positions` of `value` with '#', a character absent from the passage: exactly one error each. */
function withErrors(value: string, positions: number[]): string {
  const characters = [...value];
  for (const position of positions) characters[position] = '#';
  return characters.join('');
}

/** `count` positions spread evenly over a string of `length` characters. */
const spread = (count: number, length: number): number[] =>
  Array.from({ length: count }, (_, index) => Math.floor(((index + 0.5) * length) / count));

describe('matchQuote', () => {
  it('finds a quote verbatim with a perfect score when the context agrees', () => {
    const found = matchQuote(text, passage, { prefix: before.slice(-32), suffix: after.slice(0, 32), hint: before.length });
    expect(found).toEqual({ start: before.length, end: before.length + passage.length, score: 1 });
  });

  it.each([
    ['a substituted letter', 'believes', 'beleives'],
    ['a missing letter', 'cooperation', 'cooperaton'],
    ['an extra letter', 'pandemic', 'pandemmic'],
    ['a doubled space', 'global public', 'global  public'],
  ])('finds the quote despite %s inside it', (_edit, correct, typo) => {
    const edited = before + passage.replace(correct, typo) + after;
    const start = before.length;
    const end = start + passage.length + typo.length - correct.length;
    expect(matchQuote(edited, passage, { prefix: before.slice(-32), suffix: after.slice(0, 32) })).toMatchObject({ start, end });
    // Without any context, a quote this long is distinctive enough on its own.
    expect(matchQuote(edited, passage)).toMatchObject({ start, end });
  });

  const quote = passage.slice(0, 40);
  it.each([
    [0, true],
    [5, true],
    [10, true], // 25% of 40 characters: the error budget
    [11, false],
    [16, false],
  ])('with %i errors in a 40-character quote, finds it: %s', (errors, found) => {
    const edited = before + withErrors(quote, spread(errors, quote.length)) + passage.slice(40) + after;
    // The suffix is stored one character off (an edit right after the quote),
    // so the span is near its context but not framed by it verbatim: the
    // 25% error budget applies (a verbatim frame is tested below).
    const result = matchQuote(edited, quote, { prefix: before.slice(-32), suffix: `x${passage.slice(40, 71)}`, hint: before.length });
    if (found) expect(result).toMatchObject({ start: before.length, end: before.length + quote.length });
    else expect(result).toBeNull();
  });

  it.each([11, 16, 24])('with %i errors in a 40-character quote framed verbatim by both context sides, finds it', (errors) => {
    const edited = before + withErrors(quote, spread(errors, quote.length)) + passage.slice(40) + after;
    const result = matchQuote(edited, quote, { prefix: before.slice(-32), suffix: passage.slice(40, 72), hint: before.length });
    expect(result).toMatchObject({ start: before.length, end: before.length + quote.length });
  });

  it('returns null for a span framed by both context sides that keeps too little of the quote', () => {
    const edited = before + withErrors(quote, spread(30, quote.length)) + passage.slice(40) + after;
    expect(matchQuote(edited, quote, { prefix: before.slice(-32), suffix: passage.slice(40, 72), hint: before.length })).toBeNull();
  });

  it.each([
    ['a long quote without context', passage, {}],
    ['a long quote with its context', passage, { prefix: before.slice(-32), suffix: after.slice(0, 32), hint: 10 }],
    ['a short quote with its context', 'global cooperation', { prefix: 'China firmly believes in ', suffix: ' in combating the pandemic' }],
  ])('returns null for %s searched in unrelated text', (_case, searched, context) => {
    const unrelated =
      'The orchard by the river kept its lanterns lit all winter, and the copper bridge rang whenever the morning train crossed toward the station. ' +
      'Nobody in the village remembered who had planted the violet meadow, or why the marble engine still stood beside the silver forest.';
    expect(matchQuote(unrelated, searched, context)).toBeNull();
  });

  it('returns null for an empty quote or an empty text', () => {
    expect(matchQuote(text, '')).toBeNull();
    expect(matchQuote('', passage)).toBeNull();
  });

  it('prefers the occurrence whose prefix and suffix agree, wherever the hint points', () => {
    const repeated = 'Vaccines will become a global public good. Later, aid to poor countries will become a global public good too.';
    const second = repeated.lastIndexOf('become a global public good');
    const found = matchQuote(repeated, 'become a global public good', {
      prefix: 'Later, aid to poor countries will ',
      suffix: ' too.',
      hint: 0,
    });
    expect(found).toMatchObject({ start: second, end: second + 'become a global public good'.length });
  });

  it('prefers the occurrence nearer the hint when the contexts cannot tell them apart', () => {
    const repeated = `${passage} ${passage}`;
    const second = passage.length + 1;
    expect(matchQuote(repeated, 'global cooperation', { hint: second + 20 })).toMatchObject({
      start: second + passage.indexOf('global cooperation'),
    });
    expect(matchQuote(repeated, 'global cooperation', { hint: 0 })).toMatchObject({ start: passage.indexOf('global cooperation') });
  });

  it('prefers an edited occurrence framed by the stored context over an unedited copy of the quote elsewhere', () => {
    const edited = 'In Paris the global govrenance seminar ended. Elsewhere, the global governance system was discussed.';
    const found = matchQuote(edited, 'the global governance', { prefix: 'In Paris ', suffix: ' seminar ended. Elsewhere, the gl' });
    expect(found).toMatchObject({ start: 9, end: 30 });
    expect(found?.score).toBeLessThan(1);
  });

  it('re-attaches a 2,000-character quote with typos in a 1 MB text, with no hint, in well under a second', () => {
    const sentence = (index: number): string =>
      `Sentence ${index} of the generated archive mentions ${['rivers', 'bridges', 'lanterns', 'orchards'][index % 4]} and more. `;
    let big = '';
    for (let index = 0; big.length < 1_000_000; index++) big += sentence(index);
    const at = 600_000;
    const quote = big.slice(at, at + 2000);
    const edited = `${big.slice(0, at)}${withErrors(quote, spread(20, quote.length))}${big.slice(at + 2000)}`;
    const started = performance.now();
    const found = matchQuote(edited, quote, { prefix: big.slice(at - 32, at), suffix: big.slice(at + 2000, at + 2032) });
    const elapsed = performance.now() - started;
    expect(found).toMatchObject({ start: at, end: at + 2000 });
    expect(elapsed).toBeLessThan(1000);
  });
});
