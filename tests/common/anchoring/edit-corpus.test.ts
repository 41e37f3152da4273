/**
 * Edit corpus: thousands of seeded "highlight, then edit the document, then
 * re-open" cases. Each case knows exactly where the highlighted passage ended
 * up, so every anchor is checked against it: re-attached exactly, re-attached
 * with a boundary-equivalent span (defined below), orphaned, or WRONG.
 *
 * Boundary-equivalent (only for edits inside the quote): an edit at the very
 * edge of a quote, e.g. a letter inserted just before its first character, is
 * indistinguishable from the same letter inserted just outside it, so more than
 * one span explains the stored quote equally well. A result [s, e) other than
 * the expected [S, E) counts as boundary-equivalent when
 *   |s - S| <= n and |e - E| <= n, with n the number of characters edited, and
 *   editDistance(text[s, e), quote) <= editDistance(text[S, E), quote),
 * i.e. it is the same passage give or take the edited characters, and at least
 * as faithful to what the reader highlighted as the expected span. Anything
 * else that is not null is a wrong anchor and fails the test.
 *
 * One kind deletes the highlighted passage's paragraphs: the only right answer
 * there is an orphan (null), and any anchor is wrong.
 *
 * Quotes are 5-300 characters; kinds that edit inside the quote use quotes of
 * at least 10 (20 for several typos), so that one typo stays within 10% of it,
 * except "typo in a short quote", which measures 11-20% edits on purpose. The
 * text is the article in resources/articles plus seeded synthetic paragraphs
 * with curly and straight quotes, CJK, emoji (flags and ZWJ sequences too)
 * and decomposed accents.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { anchorSelectors, describeTextRange } from '../../../common/anchoring';
import { seededRandom } from '../../support/seeded-random';

const random = seededRandom(0x6c055);
const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const latinWords = [
  'river',
  'lantern',
  'quiet',
  'harbour',
  'morning',
  'ledger',
  'cobalt',
  'orchard',
  'signal',
  'paper',
  'window',
  'winter',
  'garden',
  'thread',
  'copper',
  'meadow',
  'station',
  'violet',
  'engine',
  'marble',
  'pocket',
  'candle',
  'silver',
  'forest',
  'bridge',
  'the',
  'of',
  'and',
  'a',
  'to',
  'in',
  'is',
  'that',
  'with',
  'for',
  'was',
  'on',
  'nai\u0308ve',
  're\u0301sume\u0301',
  'Zu\u0308rich',
  'café',
  'über',
  'Ελλάδα',
  'Москва',
  '😀',
  '🚀',
  '👩‍💻',
  '🇫🇷',
];
const cjkCharacters = '東京北京漢字日本語文章数据中国人民大学生活時間世界经济发展社会文化历史研究の的は是を了に在が和';

function latinSentence(): string {
  const words = Array.from({ length: integer(5, 14) }, () => pick(latinWords));
  let sentence = words.join(' ');
  sentence = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  const style = random();
  if (style < 0.15) return `“${sentence},” she wrote.`;
  if (style < 0.3) return `"${sentence}," he said.`;
  if (style < 0.4) return `It's the ${pick(latinWords)}'s ${sentence.toLowerCase()}.`;
  if (style < 0.5) return `The ${pick(latinWords)}’s ${sentence.toLowerCase()}!`;
  return `${sentence}.`;
}

function cjkSentence(): string {
  const length = integer(8, 30);
  let sentence = '';
  for (let index = 0; index < length; index++) sentence += cjkCharacters.charAt(integer(0, cjkCharacters.length - 1));
  return random() < 0.3 ? `「${sentence}」${pick(['😀', '🚀', ''])}。` : `${sentence}${pick(['。', '、', '！'])}`;
}

function syntheticParagraph(): string {
  const cjk = random() < 0.25;
  return Array.from({ length: integer(2, 6) }, () => (cjk ? cjkSentence() : latinSentence())).join(cjk ? '' : ' ');
}

const articleParagraphs = readFileSync(new URL('../../../resources/articles/global-cooperation.md', import.meta.url), 'utf8')
  .replace(/^---\n[\s\S]*?\n---\n/, '')
  .trim()
  .split(/\n{2,}/);
const baseParagraphs = [...articleParagraphs];
for (let index = 0; index < 14; index++) baseParagraphs.splice(integer(0, baseParagraphs.length), 0, syntheticParagraph());
const baseText = baseParagraphs.join('\n\n');

// ---------------------------------------------------------------------------
// Edits

/** One splice: remove `remove` characters at `at`, insert `insert`. */
interface Splice {
  at: number;
  remove: number;
  insert: string;
}

interface Span {
  start: number;
  end: number;
}

/** A text being edited, with where the highlighted passage is now. */
interface Edited {
  text: string;
  quote: Span;
  /** Characters changed inside the quote so far. */
  editedChars: number;
}

interface EditKind {
  name: string;
  /** Whether the edit changes the quoted text itself. */
  inside: boolean;
  /** Whether the edit removes the highlighted passage altogether. */
  removesPassage?: boolean;
  /** Shortest quote this kind is tried on. */
  minQuoteLength: number;
  maxQuoteLength?: number;
  /** The edited state, or null when this quote does not allow the edit. */
  edit(state: Edited): Edited | null;
}

/** Applies a splice that must not touch the quote; the quote shifts when the splice is before it (an insertion at its start included). */
function outside(state: Edited, splice: Splice): Edited {
  const { quote } = state;
  const delta = splice.insert.length - splice.remove;
  if (splice.at + splice.remove > quote.start && splice.at < quote.end)
    throw new Error(`generator bug: outside edit at ${splice.at} overlaps [${quote.start}, ${quote.end})`);
  const before = splice.at + splice.remove <= quote.start;
  return {
    text: state.text.slice(0, splice.at) + splice.insert + state.text.slice(splice.at + splice.remove),
    quote: before ? { start: quote.start + delta, end: quote.end + delta } : quote,
    editedChars: state.editedChars,
  };
}

/** Applies a splice within the quote (an insertion at either edge included); the quote's end moves with it. */
function inside(state: Edited, splice: Splice): Edited {
  const { quote } = state;
  if (splice.at < quote.start || splice.at + splice.remove > quote.end)
    throw new Error(`generator bug: inside edit at ${splice.at} outside [${quote.start}, ${quote.end})`);
  return {
    text: state.text.slice(0, splice.at) + splice.insert + state.text.slice(splice.at + splice.remove),
    quote: { start: quote.start, end: quote.end + splice.insert.length - splice.remove },
    editedChars: state.editedChars + Math.max(splice.insert.length, splice.remove),
  };
}

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
const splitsPair = (text: string, index: number): boolean =>
  index > 0 && index < text.length && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index));
const isSurrogate = (text: string, index: number): boolean => isHigh(text.charCodeAt(index)) || isLow(text.charCodeAt(index));

/** Offsets where a paragraph starts (0 and after each blank line). */
function paragraphStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at + 2)) starts.push(at + 2);
  return starts;
}

/** [start, end) of each paragraph, without the blank line. */
function paragraphs(text: string): Span[] {
  return paragraphStarts(text).map((start) => {
    const end = text.indexOf('\n\n', start);
    return { start, end: end === -1 ? text.length : end };
  });
}

const letter = (not: string): string => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let chosen = not;
  while (chosen === not) chosen = letters.charAt(integer(0, letters.length - 1));
  return chosen;
};

/** A random single-character typo inside the quote (insertions also at either edge). */
function typo(state: Edited): Edited | null {
  const { text, quote } = state;
  for (let attempt = 0; attempt < 20; attempt++) {
    const kind = pick(['substitution', 'insertion', 'deletion'] as const);
    if (kind === 'insertion') {
      const at = integer(quote.start, quote.end);
      if (!splitsPair(text, at)) return inside(state, { at, remove: 0, insert: letter('') });
    } else {
      const at = integer(quote.start, quote.end - 1);
      if (!isSurrogate(text, at)) return inside(state, { at, remove: 1, insert: kind === 'substitution' ? letter(text.charAt(at)) : '' });
    }
  }
  return null;
}

/** Phrase of 1-30 characters to put right next to a quote: a word or a few. */
function phrase(): string {
  const words = Array.from({ length: integer(1, 4) }, () => pick(latinWords)).join(' ');
  return pick([` ${words}`, `${words} `, `(${words}) `, ' ', '—']).slice(0, 30);
}

/** A whitespace change (doubled space, newline to space or back) at a random whitespace in [from, to). */
function whitespaceChange(text: string, from: number, to: number): Splice | null {
  const spots: number[] = [];
  for (let index = Math.max(0, from); index < Math.min(text.length, to); index++)
    if (text[index] === ' ' || text[index] === '\n') spots.push(index);
  if (spots.length === 0) return null;
  const at = pick(spots);
  if (random() < 0.5) return { at: at + 1, remove: 0, insert: ' ' };
  return { at, remove: 1, insert: text[at] === ' ' ? '\n' : ' ' };
}

/** Inserts a new paragraph at a paragraph start before the quote (the nearest one half the time). */
function paragraphInsertedBefore(state: Edited): Edited {
  const before = paragraphStarts(state.text).filter((start) => start <= state.quote.start);
  const at = random() < 0.5 ? Math.max(...before) : pick(before);
  return outside(state, { at, remove: 0, insert: `${syntheticParagraph()}\n\n` });
}

const editKinds: EditKind[] = [
  { name: 'insert paragraph before', inside: false, minQuoteLength: 5, edit: paragraphInsertedBefore },
  {
    name: 'insert paragraph after',
    inside: false,
    minQuoteLength: 5,
    edit: (state) => {
      const after = paragraphs(state.text).filter((paragraph) => paragraph.end >= state.quote.end);
      if (after.length === 0) return null;
      const at = random() < 0.5 ? (after[0] as Span).end : pick(after).end;
      return outside(state, { at, remove: 0, insert: `\n\n${syntheticParagraph()}` });
    },
  },
  {
    name: 'insert paragraph far away',
    inside: false,
    minQuoteLength: 5,
    edit: (state) => {
      const far = paragraphStarts(state.text).filter((start) => start <= state.quote.start - 1500 || start >= state.quote.end + 1500);
      if (far.length === 0) return null;
      return outside(state, { at: pick(far), remove: 0, insert: `${syntheticParagraph()}\n\n` });
    },
  },
  {
    name: 'delete paragraph before',
    inside: false,
    minQuoteLength: 5,
    edit: (state) => {
      const candidates = paragraphs(state.text).filter((paragraph) => paragraph.end + 2 <= state.quote.start);
      if (candidates.length === 0) return null;
      const paragraph = random() < 0.5 ? (candidates.at(-1) as Span) : pick(candidates);
      return outside(state, { at: paragraph.start, remove: paragraph.end + 2 - paragraph.start, insert: '' });
    },
  },
  {
    name: 'delete paragraph after',
    inside: false,
    minQuoteLength: 5,
    edit: (state) => {
      const candidates = paragraphs(state.text).filter((paragraph) => paragraph.start - 2 >= state.quote.end);
      if (candidates.length === 0) return null;
      const paragraph = random() < 0.5 ? (candidates[0] as Span) : pick(candidates);
      return outside(state, { at: paragraph.start - 2, remove: paragraph.end - paragraph.start + 2, insert: '' });
    },
  },
  {
    name: 'insert words next to the quote',
    inside: false,
    minQuoteLength: 5,
    edit: (state) => {
      const side = pick(['before', 'after', 'both'] as const);
      let edited = state;
      if (side !== 'before') edited = outside(edited, { at: edited.quote.end, remove: 0, insert: phrase() });
      if (side !== 'after') edited = outside(edited, { at: edited.quote.start, remove: 0, insert: phrase() });
      return edited;
    },
  },
  {
    name: 'whitespace change outside',
    inside: false,
    minQuoteLength: 5,
    edit: (state) => {
      const { text, quote } = state;
      const nearby = random() < 0.7;
      const splice =
        random() < 0.5
          ? whitespaceChange(text, nearby ? quote.start - 64 : 0, quote.start)
          : whitespaceChange(text, quote.end, nearby ? quote.end + 64 : text.length);
      return splice ? outside(state, splice) : null;
    },
  },
  { name: 'typo fix (1 character)', inside: true, minQuoteLength: 10, edit: typo },
  {
    name: 'several typos (up to 10%)',
    inside: true,
    minQuoteLength: 20,
    edit: (state) => {
      let edited: Edited | null = state;
      const count = integer(2, Math.floor((state.quote.end - state.quote.start) / 10));
      for (let index = 0; index < count && edited; index++) edited = typo(edited);
      return edited;
    },
  },
  {
    name: 'whitespace change inside',
    inside: true,
    minQuoteLength: 10,
    edit: (state) => {
      const splice = whitespaceChange(state.text, state.quote.start, state.quote.end);
      return splice ? inside(state, splice) : null;
    },
  },
  {
    name: 'quote marks restyled inside',
    inside: true,
    minQuoteLength: 10,
    edit: (state) => {
      const { text, quote } = state;
      const quoted = text.slice(quote.start, quote.end);
      const toCurly = /["']/.test(quoted) && (!/[“”‘’]/.test(quoted) || random() < 0.5);
      let edited = state;
      let doubles = 0;
      // Same-length replacements, so offsets stay valid while walking the quote.
      for (let index = quote.start; index < quote.end; index++) {
        const character = text.charAt(index);
        let replacement: string | null = null;
        if (toCurly && character === '"') replacement = doubles++ % 2 === 0 ? '“' : '”';
        else if (toCurly && character === "'") replacement = '’';
        else if (!toCurly && (character === '“' || character === '”')) replacement = '"';
        else if (!toCurly && (character === '‘' || character === '’')) replacement = "'";
        if (replacement !== null) edited = inside(edited, { at: index, remove: 1, insert: replacement });
      }
      return edited.editedChars > 0 ? edited : null;
    },
  },
  {
    name: 'typo fix and paragraph inserted above',
    inside: true,
    minQuoteLength: 10,
    edit: (state) => typo(paragraphInsertedBefore(state)),
  },
  { name: 'typo in a short quote (>10%)', inside: true, minQuoteLength: 5, maxQuoteLength: 9, edit: typo },
  {
    name: 'passage deleted (must orphan)',
    inside: true,
    removesPassage: true,
    minQuoteLength: 5,
    edit: (state) => {
      const touched = paragraphs(state.text).filter(
        (paragraph) => paragraph.end >= state.quote.start && paragraph.start <= state.quote.end,
      );
      const from = (touched[0] as Span).start;
      const to = Math.min(state.text.length, (touched.at(-1) as Span).end + 2);
      return {
        text: state.text.slice(0, from) + state.text.slice(to),
        quote: { start: -1, end: -1 },
        editedChars: state.quote.end - state.quote.start,
      };
    },
  },
];

interface Outcome {
  kind: string;
  inside: boolean;
  removesPassage: boolean;
  /** Characters edited divided by the quote length. */
  editedShare: number;
  verdict: 'exact' | 'equivalent' | 'orphan' | 'wrong';
  detail: string;
}

/** Levenshtein distance, for the boundary-equivalence rule. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** A quote of the wanted length whose boundaries split no surrogate pair. */
function randomQuote(text: string, minLength: number, maxLength: number): Span {
  for (;;) {
    const length = integer(minLength, maxLength);
    const start = integer(0, text.length - length);
    const end = start + length;
    if (!splitsPair(text, start) && !splitsPair(text, end) && text.slice(start, end).trim().length > 0) return { start, end };
  }
}

function runCase(kind: EditKind): Outcome | null {
  const original = randomQuote(baseText, kind.minQuoteLength, kind.maxQuoteLength ?? 300);
  const selectors = describeTextRange(baseText, original.start, original.end);
  const edited = kind.edit({ text: baseText, quote: original, editedChars: 0 });
  if (!edited) return null;
  const { text, quote: expected, editedChars } = edited;
  const found = anchorSelectors(text, selectors);
  let verdict: Outcome['verdict'];
  if (kind.removesPassage) verdict = found ? 'wrong' : 'orphan';
  else if (!found) verdict = 'orphan';
  else if (found.start === expected.start && found.end === expected.end) verdict = 'exact';
  else if (
    kind.inside &&
    Math.abs(found.start - expected.start) <= editedChars &&
    Math.abs(found.end - expected.end) <= editedChars &&
    editDistance(text.slice(found.start, found.end), selectors.quote.exact) <=
      editDistance(text.slice(expected.start, expected.end), selectors.quote.exact)
  )
    verdict = 'equivalent';
  else verdict = 'wrong';
  const detail = `${kind.name}: quote ${JSON.stringify(selectors.quote.exact)} expected [${expected.start}, ${expected.end}) ${JSON.stringify(
    text.slice(expected.start, expected.end),
  )}, got ${found ? `[${found.start}, ${found.end}) ${found.method} ${JSON.stringify(text.slice(found.start, found.end))}` : 'null'}`;
  return {
    kind: kind.name,
    inside: kind.inside,
    removesPassage: kind.removesPassage === true,
    editedShare: editedChars / (original.end - original.start),
    verdict,
    detail,
  };
}

const casesPerKind = 170;
const removedKind = 'passage deleted (must orphan)';

interface Corpus {
  outcomes: Outcome[];
  /** Cases whose passage is still in the edited text. */
  remaining: Outcome[];
  removed: Outcome[];
  outside: Outcome[];
  smallInside: Outcome[];
  largeInside: Outcome[];
}

/** Runs every case, prints the re-attach table, and groups the outcomes for the assertions. */
function runCorpus(): Corpus {
  const outcomes: Outcome[] = [];
  const started = performance.now();
  const millisecondsPerKind = new Map<string, number>();
  for (const kind of editKinds) {
    const kindStarted = performance.now();
    let made = 0;
    while (made < casesPerKind) {
      const outcome = runCase(kind);
      if (outcome) {
        outcomes.push(outcome);
        made++;
      }
    }
    millisecondsPerKind.set(kind.name, performance.now() - kindStarted);
  }
  const elapsed = performance.now() - started;

  const remaining = outcomes.filter((outcome) => !outcome.removesPassage);
  const removed = outcomes.filter((outcome) => outcome.removesPassage);
  const outside = remaining.filter((outcome) => !outcome.inside);
  const smallInside = remaining.filter((outcome) => outcome.inside && outcome.editedShare <= 0.1);
  const largeInside = remaining.filter((outcome) => outcome.inside && outcome.editedShare > 0.1);
  const rows = editKinds.map((kind) =>
    summarise(
      kind.name,
      outcomes.filter((outcome) => outcome.kind === kind.name),
      millisecondsPerKind.get(kind.name),
    ),
  );
  rows.push(summarise('ALL edits outside the quote', outside));
  rows.push(summarise('ALL edits inside, <= 10% of the quote', smallInside));
  rows.push(summarise('ALL edits inside, > 10% of the quote', largeInside));
  rows.push(summarise('ALL with the passage still there', remaining));
  const table = rows.map((row) => {
    const rate = row.name === removedKind ? 'n/a (orphan expected)' : `${(row.rate * 100).toFixed(1)}%`;
    return `| ${row.name} | ${row.cases} | ${row.exact} | ${row.equivalent} | ${row.orphan} | ${row.wrong} | ${rate} | ${row.milliseconds ?? ''} |`;
  });
  console.log(
    [
      `\nEdit corpus: ${outcomes.length} cases on a ${baseText.length}-character text, ${elapsed.toFixed(0)} ms\n`,
      '| edit kind | cases | exact | boundary-equivalent | orphan | wrong | re-attached | ms |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...table,
      `\nWrong anchors overall: ${outcomes.filter((outcome) => outcome.verdict === 'wrong').length}`,
    ].join('\n'),
  );
  return { outcomes, remaining, removed, outside, smallInside, largeInside };
}

describe('the edit corpus', () => {
  let corpus: Corpus;
  // 2,720 anchors, each weighing every candidate's context (see chooseAnchor): seconds on a busy two-core machine.
  beforeAll(() => {
    corpus = runCorpus();
  }, 60_000);

  it('has at least 2,000 cases', () => {
    expect(corpus.outcomes.length).toBeGreaterThanOrEqual(2000);
  });

  it('never anchors a highlight to the wrong passage', () => {
    expect(corpus.outcomes.filter((outcome) => outcome.verdict === 'wrong').map((outcome) => outcome.detail)).toEqual([]);
  });

  it('re-attaches every highlight, exactly, when the edit is outside the quote', () => {
    expect(corpus.outside.filter((outcome) => outcome.verdict !== 'exact').map((outcome) => outcome.detail)).toEqual([]);
  });

  it('orphans every highlight whose passage was deleted', () => {
    expect(corpus.removed.length).toBe(casesPerKind);
    expect(corpus.removed.filter((outcome) => outcome.verdict !== 'orphan').map((outcome) => outcome.detail)).toEqual([]);
  });

  it('re-attaches at least 95% of highlights whose quote was edited by at most 10% of its length', () => {
    expect(corpus.smallInside.length).toBeGreaterThan(500);
    const reattached = corpus.smallInside.filter((outcome) => outcome.verdict === 'exact' || outcome.verdict === 'equivalent').length;
    expect(reattached / corpus.smallInside.length).toBeGreaterThanOrEqual(0.95);
  });
});

interface Row {
  name: string;
  cases: number;
  milliseconds?: number;
  exact: number;
  equivalent: number;
  orphan: number;
  wrong: number;
  rate: number;
}

function summarise(name: string, outcomes: Outcome[], milliseconds?: number): Row {
  const count = (verdict: Outcome['verdict']): number => outcomes.filter((outcome) => outcome.verdict === verdict).length;
  const exact = count('exact');
  const equivalent = count('equivalent');
  const row: Row = {
    name,
    cases: outcomes.length,
    exact,
    equivalent,
    orphan: count('orphan'),
    wrong: count('wrong'),
    rate: outcomes.length === 0 ? 1 : (exact + equivalent) / outcomes.length,
  };
  if (milliseconds !== undefined) row.milliseconds = Math.round(milliseconds);
  return row;
}
