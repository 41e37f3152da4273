/**
 * The cases of Hypothesis' match-quote unit tests (hypothesis/client,
 * src/annotator/anchoring/test/match-quote-test.js), written again here with
 * the same quotes, contexts and expectations, run through our matchQuote. The
 * first fixture is a sentence of our own holding the fragments those cases
 * search for; the second is the public-domain opening of A Tale of Two Cities.
 */
import { describe, expect, it } from 'vitest';
import { matchQuote } from '../../../common/anchoring';

const firingSquad =
  'Many years later, as he faced the firing squad at dawn, the sergeant thought of the winter morning his uncle walked him down to the river to discover ice';
const twoCities = [
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness,',
  'it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of Darkness,',
  'it was the spring of hope, it was the winter of despair, we had everything before us, we had nothing before us,',
  'we were all going direct to Heaven, we were all going direct the other way.',
].join(' ');

/** Scores of matchQuote for each input, failing when one is not found. */
function scores(inputs: string[], find: (input: string) => ReturnType<typeof matchQuote>): number[] {
  return inputs.map((input) => {
    const found = find(input);
    expect(found, input).not.toBeNull();
    return found?.score ?? Number.NaN;
  });
}

function expectDescending(values: number[]): void {
  for (let index = 1; index < values.length; index++) expect(values[index]).toBeLessThan(values[index - 1] as number);
}

describe('matchQuote on the cases of Hypothesis’ unit tests', () => {
  it('finds a short quote verbatim, without context, with a perfect score', () => {
    const found = matchQuote(firingSquad, 'discover ice');
    expect(found?.score).toBe(1);
    expect(found && firingSquad.slice(found.start, found.end)).toBe('discover ice');
  });

  it('finds the closest approximate match of a short quote without context', () => {
    const found = matchQuote(firingSquad, 'some years later');
    expect(found && firingSquad.slice(found.start, found.end)).toBe('Many years later');
    expect(found?.score).toBeGreaterThan(0);
    expect(found?.score).toBeLessThan(1);
  });

  it('scores matches by quote similarity', () => {
    expectDescending(
      scores(['Many years later', 'Many yers later', 'Some years later', 'Some years after'], (quote) => matchQuote(firingSquad, quote)),
    );
  });

  it('scores matches by prefix similarity', () => {
    const quote = ', as he faced the firing squad';
    expectDescending(
      scores(['Many years later', 'Many yers later', 'Some years later', 'Some years after'], (prefix) =>
        matchQuote(firingSquad, quote, { prefix }),
      ),
    );
  });

  it('scores matches by suffix similarity', () => {
    const suffixes = [
      ', as he faced the firing squad',
      ', as she faced the firing squad',
      ', as he awaited the firing squad',
      ', as he awaited his death',
    ];
    expectDescending(scores(suffixes, (suffix) => matchQuote(firingSquad, 'Many years later', { suffix })));
  });

  it('returns null when nothing is an acceptable match', () => {
    expect(matchQuote(twoCities, firingSquad)).toBeNull();
  });

  it('returns null for an empty quote or an empty text', () => {
    expect(matchQuote('foobar', '')).toBeNull();
    expect(matchQuote('', 'foobar')).toBeNull();
  });

  it.each([
    { quote: 'before us', prefix: 'we had everything', expected: 'before us, we had nothing' },
    { quote: 'before us', prefix: 'we had nothing', expected: 'before us, we were all going' },
    { quote: 'before us', prefix: 'we had every-thing', expected: 'before us, we had nothing' },
    { quote: 'before us', prefix: 'we had nout', expected: 'before us, we were all going' },
    { quote: 'we had', suffix: 'everything', expected: 'we had everything' },
    { quote: 'we had', suffix: 'nothing', expected: 'we had nothing' },
    { quote: 'we had', suffix: 'ever ting', expected: 'we had everything' },
    { quote: 'we had', suffix: 'nutting', expected: 'we had nothing' },
  ])('picks the occurrence whose context agrees best: $quote, prefix $prefix, suffix $suffix', ({ quote, prefix, suffix, expected }) => {
    const context = prefix === undefined ? { suffix } : { prefix };
    const found = matchQuote(twoCities, quote, context);
    expect(found && twoCities.slice(found.start, found.end)).toBe(quote);
    expect(found?.start).toBe(twoCities.indexOf(expected));
  });

  it('uses the hint to choose between equally good matches, and the first one without a hint', () => {
    const first = twoCities.indexOf('everything before us') + 'everything '.length;
    const second = twoCities.indexOf('nothing before us') + 'nothing '.length;
    expect(matchQuote(twoCities, 'befor us', { hint: first })?.start).toBe(first);
    expect(matchQuote(twoCities, 'befor us', { hint: second })?.start).toBe(second);
    expect(matchQuote(twoCities, 'befor us')?.start).toBe(first);
  });

  it('matches when the stored prefix is longer than the text before the match', () => {
    const prefix = 'It used to be many';
    const found = matchQuote(firingSquad, 'years later', { prefix });
    expect(found && firingSquad.slice(found.start, found.end)).toBe('years later');
    expect(found?.start).toBeLessThan(prefix.length);
  });

  it('matches at the very end of the text although a suffix was stored', () => {
    const text = 'Some document text';
    const found = matchQuote(text, 'text', { suffix: 'missing' });
    expect(found && text.slice(found.start, found.end)).toBe('text');
  });
});
