import { describe, expect, it } from 'vitest';
import { anchorAtStoredPosition, anchorSelectors, contextLength, describeTextRange, type TextSelectors } from '../../../common/anchoring';

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
/** True when `index` falls between the halves of a surrogate pair. */
const splitsPair = (text: string, index: number): boolean =>
  index > 0 && index < text.length && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index));
/** No lone surrogate anywhere in the string. */
const isWellFormed = (text: string): boolean => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** A paragraph long enough for full 32-character contexts, with repeats, curly quotes, CJK, an emoji and a combining accent. */
const paragraph =
  'The “global” plan met the global test. In 東京 the caf\u0065\u0301 opened 😀 at dawn, and the plan, the test and the caf\u0065\u0301 all held.';

describe('describeTextRange', () => {
  it('stores the range, its text, and up to 32 characters either side', () => {
    const text = `${'a'.repeat(50)}HIGHLIGHT${'b'.repeat(50)}`;
    const { quote, position } = describeTextRange(text, 50, 59);
    expect(position).toEqual({ type: 'TextPositionSelector', start: 50, end: 59 });
    expect(quote).toEqual({
      type: 'TextQuoteSelector',
      exact: 'HIGHLIGHT',
      prefix: 'a'.repeat(contextLength),
      suffix: 'b'.repeat(contextLength),
    });
    expect(contextLength).toBe(32);
  });

  it.each([
    ['at the very start', 0, 3, '', paragraph.slice(3, 3 + contextLength)],
    ['near the start', 4, 10, paragraph.slice(0, 4), paragraph.slice(10, 10 + contextLength)],
    [
      'near the end',
      paragraph.length - 8,
      paragraph.length - 2,
      paragraph.slice(paragraph.length - 8 - contextLength, paragraph.length - 8),
      paragraph.slice(-2),
    ],
    [
      'at the very end',
      paragraph.length - 5,
      paragraph.length,
      paragraph.slice(paragraph.length - 5 - contextLength, paragraph.length - 5),
      '',
    ],
    ['covering the whole text', 0, paragraph.length, '', ''],
  ])('truncates the context %s of the text', (_where, start, end, prefix, suffix) => {
    const { quote } = describeTextRange(paragraph, start, end);
    expect(quote.prefix).toBe(prefix);
    expect(quote.suffix).toBe(suffix);
    expect(quote.exact).toBe(paragraph.slice(start, end));
  });

  it.each([
    ['an empty range', 3, 3],
    ['a reversed range', 5, 2],
    ['a negative start', -1, 4],
    ['an end past the text', 2, paragraph.length + 1],
    ['fractional offsets', 1.5, 4],
    ['NaN offsets', Number.NaN, 4],
  ])('throws a RangeError for %s', (_case, start, end) => {
    expect(() => describeTextRange(paragraph, start, end)).toThrow(RangeError);
  });

  it('widens a boundary that falls inside an emoji so the whole emoji is included', () => {
    const emoji = paragraph.indexOf('😀');
    const inside = emoji + 1;
    expect(splitsPair(paragraph, inside)).toBe(true);
    expect(describeTextRange(paragraph, inside, inside + 5).position).toMatchObject({ start: emoji, end: inside + 5 });
    expect(describeTextRange(paragraph, emoji - 4, inside).position).toMatchObject({ start: emoji - 4, end: emoji + 2 });
    expect(describeTextRange(paragraph, emoji - 4, inside).quote.exact).toBe('ned 😀');
  });

  it('never stores half an emoji in the prefix or suffix', () => {
    const text = `😀${'x'.repeat(contextLength - 1)}QUOTE${'y'.repeat(contextLength - 1)}😀 tail`;
    const quoteStart = text.indexOf('QUOTE');
    const { quote } = describeTextRange(text, quoteStart, quoteStart + 5);
    // 32 code units back would start between the emoji's two halves.
    expect(quote.prefix).toBe('x'.repeat(contextLength - 1));
    expect(quote.suffix).toBe('y'.repeat(contextLength - 1));
    expect(isWellFormed(quote.prefix) && isWellFormed(quote.suffix)).toBe(true);
  });
});

describe('anchorSelectors round trip', () => {
  it('finds every range of a text at its stored position, and again by quote when the position is lost', () => {
    const text = paragraph;
    let checked = 0;
    for (let start = 0; start < text.length; start++) {
      for (let end = start + 1; end <= text.length; end++) {
        const selectors = describeTextRange(text, start, end);
        const { start: storedStart, end: storedEnd } = selectors.position;
        // Only ranges that split an emoji are widened.
        expect(storedStart === start || splitsPair(text, start)).toBe(true);
        expect(storedEnd === end || splitsPair(text, end)).toBe(true);
        expect(isWellFormed(selectors.quote.exact)).toBe(true);

        expect(anchorSelectors(text, selectors)).toEqual({ start: storedStart, end: storedEnd, method: 'position' });
        const lost: TextSelectors = {
          ...selectors,
          position: { type: 'TextPositionSelector', start: text.length + 500, end: text.length + 500 + storedEnd - storedStart },
        };
        expect(anchorSelectors(text, lost)).toMatchObject({ start: storedStart, end: storedEnd, method: 'exact' });
        checked++;
      }
    }
    expect(checked).toBe((text.length * (text.length + 1)) / 2);
  });
});

describe('anchorSelectors', () => {
  const article = [
    'The coronavirus outbreak has raised a question about global cooperation.',
    'China offered five major suggestions for improving the global governance system.',
    'Most of the limited stocks of COVID-19 vaccines are accumulated by rich countries.',
    'China has donated COVID-19 vaccines to 80 countries in urgent need.',
    'It will provide 10 million doses of COVID-19 vaccines to the COVAX initiative.',
  ].join('\n\n');

  /** Selectors for the `occurrence`-th (0-based) appearance of `phrase` in `text`. */
  function highlight(text: string, phrase: string, occurrence = 0): TextSelectors {
    let start = -1;
    for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(phrase, start + 1);
    if (start === -1) throw new Error(`"${phrase}" #${occurrence} not in the text`);
    return describeTextRange(text, start, start + phrase.length);
  }

  it('accepts the stored position when the quote and its surroundings are still there', () => {
    const selectors = highlight(article, 'global governance');
    expect(anchorSelectors(article, selectors)).toEqual({
      start: selectors.position.start,
      end: selectors.position.end,
      method: 'position',
    });
  });

  it('does not trust a position where the same short quote now belongs to another sentence', () => {
    const original = 'Cats: the cat sat. Dogs: the dog ran.';
    const selectors = highlight(original, 'the', 1);
    const edited = `Owls, bats, moths fly in the dark. ${original}`;
    // The old offsets now hold the "the" of "the dark".
    expect(edited.slice(selectors.position.start, selectors.position.end)).toBe('the');
    expect(anchorSelectors(edited, selectors)).toMatchObject({
      start: edited.indexOf('the dog'),
      end: edited.indexOf('the dog') + 3,
      method: 'exact',
    });
  });

  it('finds the quote elsewhere when a paragraph inserted above made the position stale', () => {
    const selectors = highlight(article, 'five major suggestions');
    const edited = `A new opening paragraph.\n\n${article}`;
    const start = edited.indexOf('five major suggestions');
    expect(anchorSelectors(edited, selectors)).toMatchObject({ start, end: start + 'five major suggestions'.length, method: 'exact' });
  });

  it.each([0, 1, 2])('tells repeated quotes apart by their prefix and suffix (occurrence %i)', (occurrence) => {
    const selectors = highlight(article, 'COVID-19 vaccines', occurrence);
    const edited = `Inserted paragraph that shifts everything.\n\n${article}`;
    let expected = -1;
    for (let seen = 0; seen <= occurrence; seen++) expected = edited.indexOf('COVID-19 vaccines', expected + 1);
    expect(anchorSelectors(edited, selectors)).toMatchObject({ start: expected, end: expected + 'COVID-19 vaccines'.length });
  });

  it.each([0, 1])('tells identical copies of a paragraph apart by closeness to the stored position (copy %i)', (copy) => {
    const repeated = 'The same sentence appears twice in this document, word for word.';
    const text = `${repeated}\n\n${repeated}`;
    const selectors = highlight(text, 'appears twice', copy);
    const edited = `Hi. ${text}`;
    let expected = -1;
    for (let seen = 0; seen <= copy; seen++) expected = edited.indexOf('appears twice', expected + 1);
    expect(anchorSelectors(edited, selectors)).toMatchObject({ start: expected, end: expected + 'appears twice'.length, method: 'exact' });
  });

  it('re-attaches a quote whose typo was corrected, rather than an unedited copy of its words elsewhere', () => {
    const text = 'At dawn teh engine hummed. Later the engine stopped.';
    const selectors = highlight(text, 'teh engine');
    const edited = text.replace('teh', 'the');
    expect(edited.indexOf('the engine')).toBe(8);
    expect(edited.lastIndexOf('the engine')).toBe(33);
    expect(anchorSelectors(edited, selectors)).toMatchObject({ start: 8, end: 18, method: 'fuzzy' });
  });

  it('returns null, not another passage, when the highlighted sentence was deleted', () => {
    const selectors = highlight(article, 'improving the global governance system');
    const edited = article.replace('China offered five major suggestions for improving the global governance system.\n\n', '');
    expect(edited).not.toContain('governance');
    expect(anchorSelectors(edited, selectors)).toBeNull();
  });

  it('orphans a short quote whose passage is gone even though the word still occurs elsewhere', () => {
    const selectors = highlight(article, 'the'); // "the global governance"
    const edited = article.replace('China offered five major suggestions for improving the global governance system.\n\n', '');
    expect(edited.split('the').length - 1).toBeGreaterThanOrEqual(2);
    expect(anchorSelectors(edited, selectors)).toBeNull();
  });

  it('orphans a short quote when both of its surroundings were rewritten, instead of guessing between occurrences', () => {
    const text = 'Before the storm we waited quietly in the old house. After the storm we walked slowly to the sea.';
    const selectors = highlight(text, 'the', 1); // "the old house"
    const edited = text
      .replace('Before the storm we waited quietly in ', 'Everything changed once the lights failed in ')
      .replace(' old house. After', ' cellar, then we left. After');
    expect(anchorSelectors(edited, selectors)).toBeNull();
  });

  it('returns null for an empty text or an empty quote', () => {
    const selectors = highlight(article, 'global');
    expect(anchorSelectors('', selectors)).toBeNull();
    expect(anchorSelectors(article, { ...selectors, quote: { ...selectors.quote, exact: '' } })).toBeNull();
  });
});

/**
 * Manuals, ballads and numbered steps repeat a phrase with one slot changed.
 * When the reader's passage is deleted, a sibling of it remains: the same
 * words in a different line, or different words in the same frame. Each case
 * below anchored to the sibling before the acceptance rules asked for more
 * than a template gives.
 */
describe('anchorSelectors on text written from a template, after the passage was deleted', () => {
  function highlightIn(text: string, phrase: string): TextSelectors {
    const start = text.indexOf(phrase);
    return describeTextRange(text, start, start + phrase.length);
  }

  /** A hundred paragraphs about something else: the next section starts further away than the search near the old place reaches. */
  const filler = (section: number): string =>
    Array.from({ length: 100 }, (_, line) => `Line ${line} of section ${section} is about other parts of the boat entirely.`).join('\n\n');

  it('orphans a quote whose only remaining copy is one variant of a recurring phrase', () => {
    const steps = [
      '1. Replace the leaden signal lamp cover beyond the lonely shutter, soon.',
      '2. Oil the leaden signal lamp hinge with fresh grease, twice a year.',
      '3. Clean the leaden signal lamp cover behind the sober tower, barely.',
    ];
    const selectors = highlightIn(steps.join('\n'), 'the leaden signal lamp cover');
    expect(anchorSelectors([steps[1], steps[2]].join('\n'), selectors)).toBeNull();
    // Without the recurring variant, the one copy left is a line that moved, and re-attaches.
    const moved = [steps[2]?.replace('leaden signal', 'brass signal'), steps[0]].join('\n');
    expect(anchorSelectors(moved, selectors)).toMatchObject({ start: moved.indexOf('the leaden signal lamp cover') });
  });

  it('orphans a refrain line whose remaining copy shares only the template of its surroundings', () => {
    const stanzas = [
      'The heron flew low near the amber hedge, often,\nWhen the miller spoke of the silent meadow at dusk.',
      'The wind blew hard near the sober gull, often,\nWhen the miller remembered the silent meadow at dawn.',
    ];
    const selectors = highlightIn(stanzas.join('\n\n'), 'When the');
    expect(anchorSelectors(stanzas[1] ?? '', selectors)).toBeNull();
  });

  it('orphans a sentence deleted from one section when another section far away says it with other words before it', () => {
    const section = (number: number, part: string): string =>
      `Section ${number}\n\nThe ${part}, already must be serviced every season, or sooner if the dial is worn.`;
    const original = [
      section(1, 'generator behind the stern cradle'),
      filler(1),
      section(2, 'bilge pump under the bow locker'),
      filler(2),
    ].join('\n\n');
    const selectors = highlightIn(original, 'must be serviced every season');
    const deleted = original.replace(section(1, 'generator behind the stern cradle'), 'Section 1');
    expect(anchorSelectors(deleted, selectors)).toBeNull();
    // Its whole paragraph moved as far away keeps its words beside the quote, and is the passage.
    const moved = [
      filler(1),
      section(2, 'bilge pump under the bow locker'),
      filler(2),
      section(1, 'generator behind the stern cradle'),
    ].join('\n\n');
    const at = moved.lastIndexOf('must be serviced every season');
    expect(anchorSelectors(moved, selectors)).toMatchObject({ start: at, end: at + 'must be serviced every season'.length });
  });

  it('orphans a deleted item when a section far away frames other words with the same surroundings', () => {
    const section = (number: number, item: string): string =>
      `Section ${number}\n\n- Keep away from open flame.\n- ${item}, again must be serviced every season.\n- Store upright.`;
    const original = [
      section(1, 'The generator beside the tender dog'),
      filler(1),
      section(2, 'The compass beyond the gilded saddle'),
      filler(2),
    ].join('\n\n');
    const selectors = highlightIn(original, 'The generator beside the tender dog');
    const deleted = original.replace(section(1, 'The generator beside the tender dog'), 'Section 1');
    expect(anchorSelectors(deleted, selectors)).toBeNull();
    // Where the highlight was, the same frame around rewritten words is the passage, edited.
    const rewritten = original.replace('The generator beside the tender dog', 'The old generator by the tired dog');
    expect(anchorSelectors(rewritten, selectors)).toMatchObject({ start: rewritten.indexOf('The old generator') });
  });

  it('orphans a deleted numbered step whose next step says the same with another number', () => {
    const steps = Array.from(
      { length: 6 },
      (_, index) => `${index + 1}. Record the reading in the log book, then turn the dial a quarter turn to the left.`,
    );
    const selectors = highlightIn(steps.join('\n'), '3. Record the reading');
    const deleted = steps.filter((_, index) => index !== 2).join('\n');
    expect(anchorSelectors(deleted, selectors)).toBeNull();
    // A digit dropped from a longer number is a slip in the same passage, which re-attaches.
    const years = 'The log was first kept in 2005 by the harbour master, and every season after.';
    const yearSelectors = highlightIn(`Preface.\n\n${years}\n\nChapter one.`, 'first kept in 2005 by the harbour');
    const slipped = `Preface.\n\n${years.replace('2005', '205')}\n\nChapter one.`;
    expect(anchorSelectors(slipped, yearSelectors)).toMatchObject({ start: slipped.indexOf('first kept') });
  });

  it('orphans a deleted paragraph when its twin is followed by a section of another number', () => {
    const section = (number: number): string =>
      `Never work alone.\n\nSection ${number}: Servicing the winch\n\nThe winch must be serviced every season.`;
    const original = [section(12), filler(1), section(7), filler(2)].join('\n\n');
    const selectors = highlightIn(original, 'Never work alone');
    const deleted = original.replace(section(12), 'Section 12: Servicing the winch\n\nThe winch must be serviced every season.');
    expect(anchorSelectors(deleted, selectors)).toBeNull();
  });

  it('orphans a deleted list whose look-alike elsewhere ends in another word, followed by other words on its line', () => {
    const list = (items: string): string =>
      `5. Replace the filter screen, rarely, with fresh grease.\n\n- Keep away from open flame.\n${items}`;
    const deletedList = list('- Store upright.\n- Keep the area dry.\n\nSection 45: Servicing the winch');
    const original = [deletedList, filler(1), list('- Store upright.\n- Never work alone.\n- Keep away from open flame.'), filler(2)].join(
      '\n\n',
    );
    const selectors = highlightIn(original, 'away from open flame.\n- Store upright.\n- Keep');
    const deleted = original.replace(deletedList, 'Section 45: Servicing the winch');
    expect(anchorSelectors(deleted, selectors)).toBeNull();
    // Where the highlight was, the same list going on differently is the passage, edited.
    const edited = original.replace('- Keep the area dry.', '- Never leave it wet.');
    expect(anchorSelectors(edited, selectors)).toMatchObject({ start: edited.indexOf('away from open flame') });
  });

  it('orphans a clause deleted from one rule when its only copy, far away, goes on differently on its line', () => {
    const rule = (part: string, ending: string): string =>
      `The ${part}, seldom must be serviced every second day, or sooner if the intake is ${ending}`;
    const first = rule('bilge pump', 'worn. Keep the area dry.');
    const second = rule('winch', 'loose. Keep away from open flame.');
    const selectors = highlightIn([first, filler(1), second].join('\n\n'), 'second day, or sooner if the intake is');
    expect(anchorSelectors([filler(1), second].join('\n\n'), selectors)).toBeNull();
    // The same rule moved whole as far away keeps its words beside the quote, and is the passage.
    const moved = [filler(1), second, first].join('\n\n');
    expect(anchorSelectors(moved, selectors)).toMatchObject({ start: moved.lastIndexOf('second day') });
  });

  it('orphans a long quote whose look-alike elsewhere has none of its surroundings', () => {
    const deleted = 'Before you leave harbour, check the intake before every voyage and log it.';
    const kept = 'Masters of small boats learn early to check the intakes before every voyage, whatever the weather.';
    const selectors = highlightIn(`${deleted}\n\n${kept}`, 'check the intake before every voyage');
    expect(anchorSelectors(kept, selectors)).toBeNull();
    // The same look-alike with one side of the quote's surroundings still there is the passage, edited.
    const edited = 'Before you leave harbour, check the intakes before every voyage, whatever the weather.';
    expect(anchorSelectors(edited, selectors)).toMatchObject({ start: edited.indexOf('check') });
  });
});

describe('anchorSelectors with Unicode text', () => {
  it('re-attaches a passage whose straight quotes became curly ones', () => {
    const text = 'He said "we need to act instead of just watching as spectators," and left the room.';
    const phrase = '"we need to act instead of just watching as spectators,"';
    const selectors = describeTextRange(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
    const edited = text.replace('"we', '“we').replace('spectators,"', 'spectators,”');
    const start = edited.indexOf('“we');
    expect(anchorSelectors(edited, selectors)).toMatchObject({ start, end: edited.indexOf('”') + 1, method: 'fuzzy' });
  });

  it('re-attaches CJK text after a paragraph is inserted above it', () => {
    const text = '第一段。\n\n中国人民大学的研究表明，社会文化历史的发展非常重要。\n\n第三段。';
    const phrase = '社会文化历史';
    const selectors = describeTextRange(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
    const edited = `新的段落插入在这里。\n\n${text}`;
    expect(anchorSelectors(edited, selectors)).toMatchObject({
      start: edited.indexOf(phrase),
      end: edited.indexOf(phrase) + phrase.length,
      method: 'exact',
    });
  });

  it('counts offsets in UTF-16 code units, so an emoji takes two', () => {
    const text = 'Launch 🚀 now, then celebrate 😀 later.';
    const selectors = describeTextRange(text, text.indexOf('🚀'), text.indexOf('🚀') + 2);
    expect(selectors.quote.exact).toBe('🚀');
    expect(anchorSelectors(`Update: ${text}`, selectors)).toMatchObject({ start: 8 + text.indexOf('🚀'), end: 8 + text.indexOf('🚀') + 2 });
  });

  it('never returns a fuzzy range that splits an emoji', () => {
    const text = 'We waved goodbye at the station 😀 and walked home along the river.';
    const phrase = 'goodbye at the station 😀';
    const selectors = describeTextRange(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
    // 😁 shares its first code unit with 😀, so a code-unit match could stop between the halves.
    const edited = text.replace('😀', '😁').replace('goodbye', 'goodbey');
    const found = anchorSelectors(edited, selectors);
    expect(found).not.toBeNull();
    expect(splitsPair(edited, found?.start ?? 0) || splitsPair(edited, found?.end ?? 0)).toBe(false);
    expect(edited.slice(found?.start, found?.end)).toBe('goodbey at the station 😁');
  });

  it('re-attaches a decomposed accent after the text was normalised to precomposed characters', () => {
    const text = 'Every morning the cafe\u0301 on the corner served bread to the whole street.';
    const phrase = 'cafe\u0301 on the corner';
    const selectors = describeTextRange(text, text.indexOf(phrase), text.indexOf(phrase) + phrase.length);
    const edited = text.normalize('NFC');
    expect(edited).toContain('café');
    expect(anchorSelectors(edited, selectors)).toMatchObject({
      start: edited.indexOf('café'),
      end: edited.indexOf('café') + 'café on the corner'.length,
      method: 'fuzzy',
    });
  });

  it('keeps a range that ends between a letter and its combining accent as the reader selected it', () => {
    const text = 'Every morning the cafe\u0301 on the corner served bread.';
    const start = text.indexOf('cafe');
    const selectors = describeTextRange(text, start, start + 4);
    expect(selectors.quote.exact).toBe('cafe');
    expect(selectors.quote.suffix.startsWith('\u0301')).toBe(true);
    expect(anchorSelectors(`New line.\n${text}`, selectors)).toMatchObject({ start: start + 10, end: start + 14, method: 'exact' });
  });
});

describe('anchorAtStoredPosition (the first screen of a document rendered in pieces)', () => {
  const text = `${paragraph} ${paragraph} ${paragraph}`;
  const start = paragraph.length + 5;
  const selectors = describeTextRange(text, start, start + 20);

  it('accepts the stored position once the beginning of the text reaches past its suffix, as anchorSelectors would', () => {
    const enough = text.slice(0, start + 20 + selectors.quote.suffix.length);
    expect(anchorAtStoredPosition(enough, selectors)).toEqual({ start, end: start + 20, method: 'position' });
    expect(anchorAtStoredPosition(text, selectors)).toEqual(anchorSelectors(text, selectors));
  });

  it('waits (null) while the beginning ends inside the quote or its suffix', () => {
    expect(anchorAtStoredPosition(text.slice(0, start + 10), selectors)).toBeNull();
    expect(anchorAtStoredPosition(text.slice(0, start + 20 + selectors.quote.suffix.length - 1), selectors)).toBeNull();
  });

  it('never searches: a quote that moved is left for anchoring over the whole text', () => {
    const shifted = `Inserted words. ${text}`;
    expect(anchorAtStoredPosition(shifted, selectors)).toBeNull();
    expect(anchorSelectors(shifted, selectors)).toMatchObject({ start: start + 16, method: 'exact' });
  });

  it('waits for a quote that ended the document, whose empty suffix only the whole text can confirm', () => {
    const atEnd = describeTextRange(paragraph, paragraph.length - 6, paragraph.length);
    expect(atEnd.quote.suffix).toBe('');
    expect(anchorAtStoredPosition(`${paragraph} and more text`, atEnd)).toBeNull();
  });
});
