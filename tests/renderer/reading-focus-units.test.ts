import { describe, expect, it } from 'vitest';
import { arrowMove } from '../../renderer/src/reading-focus/reading-focus';
import { cover, nextFocus, paragraphAt, segmentSpans, type Span, stepUnit, trimSpan, unitAt } from '../../renderer/src/reading-focus/units';

/** A document's text as the TextMap gives it: paragraphs joined by the newline between blocks, and each paragraph's span. */
function documentOf(...paragraphs: string[]): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let text = '';
  for (const paragraph of paragraphs) {
    spans.push({ start: text.length, end: text.length + paragraph.length });
    text += `${paragraph}\n`;
  }
  return { text, spans };
}

const words = (text: string, spans: readonly (Span | null)[]) => spans.map((span) => (span ? text.slice(span.start, span.end) : null));

describe('segmentSpans', () => {
  it('cuts sentences at their Unicode boundaries, without the space that follows each', () => {
    const text = 'Dr. Smith came. Did he stay?  “Yes,” she said.';
    expect(words(text, segmentSpans(text, 'sentence', 0, 'en'))).toEqual(['Dr.', 'Smith came.', 'Did he stay?', '“Yes,” she said.']);
  });

  it('keeps only word-like segments as words: no spaces, no punctuation, contractions whole', () => {
    const text = 'The country’s reply — “no”, 42 times.';
    expect(words(text, segmentSpans(text, 'word', 0, 'en'))).toEqual(['The', 'country’s', 'reply', 'no', '42', 'times']);
  });

  it('offsets every span by the paragraph’s start in the document', () => {
    expect(segmentSpans('One. Two.', 'sentence', 100, 'en')).toEqual([
      { start: 100, end: 104 },
      { start: 105, end: 109 },
    ]);
  });

  it('finds words in text without spaces (Japanese) through the dictionary segmenter', () => {
    const text = '私は本を読みます。';
    const found = words(text, segmentSpans(text, 'word', 0, 'ja'));
    expect(found.length).toBeGreaterThan(2);
    expect(found.join('')).toBe('私は本を読みます');
  });
});

describe('trimSpan', () => {
  it.each([
    ['  a b  ', 0, 7, { start: 2, end: 5 }],
    ['abc', 1, 2, { start: 1, end: 2 }],
    [' \n ', 0, 3, null],
  ])('trims %j [%i, %i) to %j', (text, start, end, expected) => {
    expect(trimSpan(text, start, end)).toEqual(expected);
  });
});

describe('paragraphAt', () => {
  const { spans } = documentOf('aaa', 'bbb', 'ccc');
  it.each([
    [0, 0],
    [2, 0],
    [3, 0],
    [4, 1],
    [9, 2],
    [50, 2],
  ])('puts offset %i in paragraph %i', (offset, expected) => {
    expect(paragraphAt(spans, offset)).toBe(expected);
  });
  it('says -1 before the first paragraph', () => {
    expect(paragraphAt([{ start: 5, end: 9 }], 2)).toBe(-1);
  });
});

describe('stepUnit', () => {
  const { text, spans } = documentOf('First one. Second one.', 'Middle words here.', '', 'Last.');

  it('moves paragraph by paragraph, skipping empty ones, and stops at either end', () => {
    const first = unitAt(text, spans, 0, 'paragraph')!;
    const second = stepUnit(text, spans, first, 'paragraph', 1)!;
    const third = stepUnit(text, spans, second, 'paragraph', 1)!;
    expect(words(text, [first, second, third])).toEqual(['First one. Second one.', 'Middle words here.', 'Last.']);
    expect(stepUnit(text, spans, third, 'paragraph', 1)).toBeNull();
    expect(words(text, [stepUnit(text, spans, third, 'paragraph', -1)])).toEqual(['Middle words here.']);
    expect(stepUnit(text, spans, first, 'paragraph', -1)).toBeNull();
  });

  it('moves sentence by sentence across paragraph boundaries in both directions', () => {
    let at = unitAt(text, spans, 0, 'sentence')!;
    const forward = [at];
    for (let next = stepUnit(text, spans, at, 'sentence', 1); next; next = stepUnit(text, spans, at, 'sentence', 1))
      forward.push((at = next));
    expect(words(text, forward)).toEqual(['First one.', 'Second one.', 'Middle words here.', 'Last.']);
    const backward = [at];
    for (let next = stepUnit(text, spans, at, 'sentence', -1); next; next = stepUnit(text, spans, at, 'sentence', -1))
      backward.push((at = next));
    expect(words(text, backward)).toEqual(['Last.', 'Middle words here.', 'Second one.', 'First one.']);
  });

  it('from a paragraph focus, a word step goes to the first word after it, and back to the last word before it', () => {
    const middle = stepUnit(text, spans, unitAt(text, spans, 0, 'paragraph')!, 'paragraph', 1)!;
    expect(words(text, [stepUnit(text, spans, middle, 'word', 1), stepUnit(text, spans, middle, 'word', -1)])).toEqual(['Last', 'one']);
  });

  it('from a word, a sentence step goes to the next sentence, not the one the word is in', () => {
    const word = unitAt(text, spans, text.indexOf('Second'), 'word')!;
    expect(words(text, [word, stepUnit(text, spans, word, 'sentence', 1)])).toEqual(['Second', 'Middle words here.']);
  });
});

describe('unitAt', () => {
  const { text, spans } = documentOf('Alpha beta. Gamma delta.');
  it.each([
    [0, 'word', 'Alpha'],
    [5, 'word', 'beta'],
    [13, 'word', 'Gamma'],
    [13, 'sentence', 'Gamma delta.'],
    [0, 'paragraph', 'Alpha beta. Gamma delta.'],
  ] as const)('at offset %i finds the %s “%s”', (offset, granularity, expected) => {
    expect(words(text, [unitAt(text, spans, offset, granularity)])).toEqual([expected]);
  });
});

describe('cover', () => {
  it('spans both ends whichever comes first', () => {
    expect(cover({ start: 10, end: 12 }, { start: 2, end: 4 })).toEqual({ start: 2, end: 12 });
  });
});

describe('arrowMove', () => {
  const key = (key: string, modifiers: { ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean } = {}) =>
    arrowMove({ key, ctrlKey: false, altKey: false, metaKey: false, ...modifiers });
  it('maps ↓ ↑ to paragraphs, → ← to sentences, Ctrl or Alt with → ← to words', () => {
    expect(key('ArrowDown')).toEqual({ granularity: 'paragraph', direction: 1 });
    expect(key('ArrowUp')).toEqual({ granularity: 'paragraph', direction: -1 });
    expect(key('ArrowRight')).toEqual({ granularity: 'sentence', direction: 1 });
    expect(key('ArrowLeft', { ctrlKey: true })).toEqual({ granularity: 'word', direction: -1 });
    expect(key('ArrowRight', { altKey: true })).toEqual({ granularity: 'word', direction: 1 });
  });
  it('leaves every other key and ⌘ combinations alone', () => {
    expect(key('PageDown')).toBeNull();
    expect(key('ArrowDown', { ctrlKey: true })).toBeNull();
    expect(key('ArrowRight', { metaKey: true })).toBeNull();
  });
  it('turns with vertical lines: paragraphs follow each other leftwards in vertical-rl, rightwards in vertical-lr', () => {
    const vertical = (key: string, mode: 'vertical-rl' | 'vertical-lr', ctrlKey = false) =>
      arrowMove({ key, ctrlKey, altKey: false, metaKey: false }, mode);
    expect(vertical('ArrowLeft', 'vertical-rl')).toEqual({ granularity: 'paragraph', direction: 1 });
    expect(vertical('ArrowRight', 'vertical-rl')).toEqual({ granularity: 'paragraph', direction: -1 });
    expect(vertical('ArrowDown', 'vertical-rl')).toEqual({ granularity: 'sentence', direction: 1 });
    expect(vertical('ArrowUp', 'vertical-rl', true)).toEqual({ granularity: 'word', direction: -1 });
    expect(vertical('ArrowRight', 'vertical-lr')).toEqual({ granularity: 'paragraph', direction: 1 });
    expect(vertical('ArrowLeft', 'vertical-lr', true)).toBeNull();
    expect(vertical('PageDown', 'vertical-rl')).toBeNull();
  });
});

describe('nextFocus', () => {
  const { text, spans } = documentOf('One two. Three four.', 'Five six.');
  const paragraph = { ...unitAt(text, spans, 0, 'paragraph')!, granularity: 'paragraph' as const };

  it('going finer starts inside the focus: the first sentence forward, the last word backward', () => {
    const sentence = nextFocus(text, spans, paragraph, 'sentence', 1);
    expect([text.slice(sentence.start, sentence.end), sentence.granularity]).toEqual(['One two.', 'sentence']);
    const word = nextFocus(text, spans, paragraph, 'word', -1);
    expect(text.slice(word.start, word.end)).toBe('four');
  });

  it('the same or a coarser granularity steps past the focus', () => {
    const sentence = nextFocus(text, spans, paragraph, 'sentence', 1);
    expect(words(text, [nextFocus(text, spans, sentence, 'sentence', 1), nextFocus(text, spans, sentence, 'paragraph', 1)])).toEqual([
      'Three four.',
      'Five six.',
    ]);
  });

  it('stays put at the ends of the document', () => {
    expect(nextFocus(text, spans, paragraph, 'paragraph', -1)).toBe(paragraph);
  });
});
