/**
 * The anchoring trial corpus: "highlight a passage, edit the document, open it
 * again" cases over the long texts of anchoring-texts.ts, each knowing where
 * the passage is now (or that it was deleted), so any anchoring function can
 * be scored on exactly the same trials. Used by
 * tests/common/anchoring/hard-corpus.test.ts and tests/bench/anchoring.bench.ts.
 *
 * Highlights are whole words (what readers select), 1 to 40 words long, with
 * the 32 characters of context describeTextRange stores. Every edit is a list
 * of splices; the expected span is the highlighted span carried through them.
 */
import search from 'approx-string-match';
import { describeTextRange, type TextSelectors } from '../../common/anchoring';
import { corpusTexts, type CorpusText } from './anchoring-texts';
import { seededRandom } from './seeded-random';

export interface Span {
  start: number;
  end: number;
}

/** Remove `remove` characters at `at` and insert `insert` there. */
interface Splice {
  at: number;
  remove: number;
  insert: string;
}

export interface Trial {
  kind: string;
  /** The text after the edit. */
  text: string;
  selectors: TextSelectors;
  /** Where the highlighted passage is now; null when the edit deleted it. */
  expected: Span | null;
}

export type Verdict = 'exact' | 'attached' | 'orphan' | 'wrong';

/** Anything that anchors stored selectors in a text, or returns null (orphan). */
export type Anchorer = (text: string, selectors: TextSelectors) => Span | null;

/**
 * Judges one anchor. Where the passage still exists, a span overlapping the
 * expected one by at least half of their union is the same passage (after a
 * rewrite of the quote's first or last word its boundaries are a matter of
 * opinion); anything else is the wrong place. Where the passage was deleted,
 * only an orphan is right.
 */
export function judge(trial: Trial, found: Span | null): Verdict {
  const { expected } = trial;
  if (!expected) return found ? 'wrong' : 'orphan';
  if (!found) return 'orphan';
  if (found.start === expected.start && found.end === expected.end) return 'exact';
  const overlap = Math.min(found.end, expected.end) - Math.max(found.start, expected.start);
  const union = Math.max(found.end, expected.end) - Math.min(found.start, expected.start);
  return overlap > 0 && overlap / union >= 0.5 ? 'attached' : 'wrong';
}

// ---------------------------------------------------------------------------
// Carrying a span through splices

/** Applies non-overlapping splices (any order) to `text`, carrying `span` along; an insertion at a boundary lands outside the span. */
function applySplices(text: string, span: Span, splices: Splice[]): { text: string; span: Span } {
  const ordered = [...splices].sort((a, b) => a.at - b.at);
  const pieces: string[] = [];
  let copied = 0;
  let shift = 0;
  let start = span.start;
  let end = span.end;
  let startDone = false;
  let endDone = false;
  for (const splice of ordered) {
    const spliceEnd = splice.at + splice.remove;
    // Boundaries before this splice (or, for the end, right at an insertion) keep the shift so far.
    if (!startDone && (span.start < splice.at || (span.start === splice.at && splice.remove > 0))) {
      start = span.start + shift;
      startDone = true;
    } else if (!startDone && span.start > splice.at && span.start < spliceEnd) {
      start = splice.at + shift;
      startDone = true;
    }
    if (!endDone && span.end <= splice.at) {
      end = span.end + shift;
      endDone = true;
    } else if (!endDone && span.end > splice.at && span.end < spliceEnd) {
      end = splice.at + shift + splice.insert.length;
      endDone = true;
    }
    pieces.push(text.slice(copied, splice.at), splice.insert);
    copied = spliceEnd;
    shift += splice.insert.length - splice.remove;
  }
  pieces.push(text.slice(copied));
  if (!startDone) start = span.start + shift;
  if (!endDone) end = span.end + shift;
  return { text: pieces.join(''), span: { start, end: Math.max(start, end) } };
}

// ---------------------------------------------------------------------------
// Edit kinds

interface EditContext {
  text: string;
  quote: Span;
  random: () => number;
}

interface EditResult {
  text: string;
  /** Null when the passage was deleted. */
  quote: Span | null;
}

interface EditKind {
  name: string;
  /** Fewest words the highlight needs for this edit to make sense. */
  minWords: number;
  edit(context: EditContext): EditResult | null;
}

const replacementWords = [
  'river',
  'quietly',
  'lantern',
  'small',
  'grey',
  'letter',
  'garden',
  'many',
  'without',
  'morning',
  'stone',
  'never',
];

const wordPattern = /[\p{L}\p{N}’']+/gu;

/** [start, end) of each word of `text[from, to)`. */
function wordsIn(text: string, from: number, to: number): Span[] {
  const words: Span[] = [];
  for (const match of text.slice(from, to).matchAll(wordPattern)) {
    words.push({ start: from + (match.index ?? 0), end: from + (match.index ?? 0) + match[0].length });
  }
  return words;
}

/** Paragraph spans (separated by blank lines). */
function paragraphsOf(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let at = text.indexOf('\n\n'); at !== -1; at = text.indexOf('\n\n', at + 2)) {
    spans.push({ start, end: at });
    start = at + 2;
  }
  spans.push({ start, end: text.length });
  return spans;
}

const pickWith =
  (random: () => number) =>
  <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)] as T;

/** One character inserted, deleted or replaced inside the quote. */
function typoSplice({ text, quote, random }: EditContext): Splice {
  const at = quote.start + Math.floor(random() * (quote.end - quote.start));
  const letter = 'abcdefghijklmnopqrstuvwxyz'.charAt(Math.floor(random() * 26));
  const kind = random();
  if (kind < 0.33) return { at, remove: 0, insert: letter };
  if (kind < 0.66) return { at, remove: 1, insert: '' };
  return { at, remove: 1, insert: letter === text.charAt(at) ? 'q' : letter };
}

/** Replaces `share` of the quote's words (at least one) with other words. */
function rewriteWords(share: number): (context: EditContext) => EditResult | null {
  return (context) => {
    const { text, quote, random } = context;
    const words = wordsIn(text, quote.start, quote.end);
    const count = Math.max(1, Math.round(words.length * share));
    const chosen = [...words].sort(() => random() - 0.5).slice(0, count);
    const pick = pickWith(random);
    const splices = chosen.map((word) => ({ at: word.start, remove: word.end - word.start, insert: pick(replacementWords) }));
    const result = applySplices(text, quote, splices);
    return { text: result.text, quote: result.span };
  };
}

/** Moves the paragraph holding the quote's start (with the whole quote) elsewhere; null when the quote spans paragraphs. */
function moveParagraph(context: EditContext): EditResult | null {
  const { text, quote, random } = context;
  const paragraphs = paragraphsOf(text);
  const index = paragraphs.findIndex((paragraph) => paragraph.start <= quote.start && quote.end <= paragraph.end);
  if (index === -1 || paragraphs.length < 3) return null;
  const moved = paragraphs[index] as Span;
  const body = text.slice(moved.start, moved.end);
  const without = text.slice(0, moved.start) + text.slice(Math.min(text.length, moved.end + 2));
  const targets = paragraphsOf(without).map((paragraph) => paragraph.start);
  // Somewhere other than where it was: at least one paragraph away.
  const candidates = targets.filter((at) => at !== moved.start);
  const target = pickWith(random)(candidates);
  const insert = `${body}\n\n`;
  const edited = without.slice(0, target) + insert + without.slice(target);
  const offset = quote.start - moved.start;
  return { text: edited, quote: { start: target + offset, end: target + offset + quote.end - quote.start } };
}

/** Moves one line (of a list, stanza or dialogue) holding the whole quote to another line break; null when the quote is not within one line. */
function moveLine(context: EditContext): EditResult | null {
  const { text, quote, random } = context;
  const lineStart = text.lastIndexOf('\n', quote.start - 1) + 1;
  const newline = text.indexOf('\n', quote.end);
  const lineEnd = newline === -1 ? text.length : newline;
  if (text.slice(quote.start, quote.end).includes('\n') || newline === -1) return null;
  const line = text.slice(lineStart, lineEnd);
  const without = text.slice(0, lineStart) + text.slice(lineEnd + 1);
  const breaks: number[] = [];
  for (let at = without.indexOf('\n'); at !== -1; at = without.indexOf('\n', at + 1)) if (at + 1 !== lineStart) breaks.push(at + 1);
  if (breaks.length === 0) return null;
  const target = pickWith(random)(breaks);
  const edited = `${without.slice(0, target)}${line}\n${without.slice(target)}`;
  const offset = quote.start - lineStart;
  return { text: edited, quote: { start: target + offset, end: target + offset + quote.end - quote.start } };
}

/** Deletes every paragraph the quote touches: the passage is gone. */
function deletePassage({ text, quote }: EditContext): EditResult {
  const touched = paragraphsOf(text).filter((paragraph) => paragraph.end >= quote.start && paragraph.start <= quote.end);
  const from = (touched[0] as Span).start;
  const to = Math.min(text.length, (touched.at(-1) as Span).end + 2);
  return { text: text.slice(0, from) + text.slice(to), quote: null };
}

/** Rewraps every paragraph at `width` columns: spaces become line breaks and line breaks spaces. */
function rewrap(width: number): (context: EditContext) => EditResult {
  return ({ text, quote }) => {
    const splices: Splice[] = [];
    let column = 0;
    for (let at = 0; at < text.length; at++) {
      const character = text.charAt(at);
      const paragraphBreak = character === '\n' && (text.charAt(at + 1) === '\n' || text.charAt(at - 1) === '\n');
      if (paragraphBreak) {
        column = 0;
        continue;
      }
      if (character === ' ' || character === '\n') {
        const nextSpace = text.slice(at + 1).search(/[ \n]/);
        const wordLength = nextSpace === -1 ? text.length - at : nextSpace;
        const wrap = column + 1 + wordLength > width;
        const wanted = wrap ? '\n' : ' ';
        if (wanted !== character) splices.push({ at, remove: 1, insert: wanted });
        column = wrap ? 0 : column + 1;
      } else column++;
    }
    const result = applySplices(text, quote, splices);
    return { text: result.text, quote: result.span };
  };
}

/** Curly quotes become straight, or straight curly, through the whole document. */
function restyleQuotes({ text, quote }: EditContext): EditResult {
  const toStraight = /[“”‘’]/.test(text.slice(quote.start, quote.end)) || !/["']/.test(text.slice(quote.start, quote.end));
  const splices: Splice[] = [];
  let doubleOpen = true;
  for (let at = 0; at < text.length; at++) {
    const character = text.charAt(at);
    let replacement: string | null = null;
    if (toStraight) {
      if (character === '“' || character === '”') replacement = '"';
      else if (character === '‘' || character === '’') replacement = "'";
    } else if (character === '"') {
      replacement = doubleOpen ? '“' : '”';
      doubleOpen = !doubleOpen;
    } else if (character === "'") replacement = '’';
    if (replacement !== null) splices.push({ at, remove: 1, insert: replacement });
  }
  const result = applySplices(text, quote, splices);
  return { text: result.text, quote: result.span };
}

/** Adds *emphasis* around about one word in twelve, through the whole document. */
function addEmphasis({ text, quote, random }: EditContext): EditResult {
  const splices: Splice[] = [];
  for (const word of wordsIn(text, 0, text.length)) {
    if (random() < 1 / 12) splices.push({ at: word.end, remove: 0, insert: '*' }, { at: word.start, remove: 0, insert: '*' });
  }
  const result = applySplices(text, quote, splices);
  return { text: result.text, quote: result.span };
}

/** Removes every Markdown emphasis marker (* and _) from the document. */
function removeEmphasis({ text, quote }: EditContext): EditResult | null {
  const splices: Splice[] = [];
  for (let at = 0; at < text.length; at++)
    if (text.charAt(at) === '*' || text.charAt(at) === '_') splices.push({ at, remove: 1, insert: '' });
  if (splices.length === 0) return null;
  const result = applySplices(text, quote, splices);
  return { text: result.text, quote: result.span };
}

/** Inserts a new paragraph before the quote's paragraph (the nearest start half the time). */
function insertParagraphBefore({ text, quote, random }: EditContext): EditResult {
  const starts = paragraphsOf(text)
    .map((paragraph) => paragraph.start)
    .filter((start) => start <= quote.start);
  const at = random() < 0.5 ? Math.max(...starts) : pickWith(random)(starts);
  const result = applySplices(text, quote, [
    { at, remove: 0, insert: 'A new paragraph was written here by the author, months later.\n\n' },
  ]);
  return { text: result.text, quote: result.span };
}

function typo(context: EditContext): EditResult {
  const result = applySplices(context.text, context.quote, [typoSplice(context)]);
  return { text: result.text, quote: result.span };
}

/** Chains edits, each seeing the previous one's result; null if any step declines. */
function chain(...steps: ((context: EditContext) => EditResult | null)[]): (context: EditContext) => EditResult | null {
  return (context) => {
    let current: EditResult = { text: context.text, quote: context.quote };
    for (const step of steps) {
      if (!current.quote) return current;
      const next = step({ text: current.text, quote: current.quote, random: context.random });
      if (!next) return null;
      current = next;
    }
    return current;
  };
}

export const editKinds: EditKind[] = [
  { name: 'typo in the quote', minWords: 2, edit: typo },
  { name: 'typo in a 1-2 word quote', minWords: 1, edit: typo },
  { name: 'one word changed', minWords: 3, edit: rewriteWords(0) },
  { name: '20% of words rewritten', minWords: 5, edit: rewriteWords(0.2) },
  { name: '40% of words rewritten', minWords: 5, edit: rewriteWords(0.4) },
  { name: '60% of words rewritten', minWords: 5, edit: rewriteWords(0.6) },
  { name: 'paragraph moved', minWords: 1, edit: moveParagraph },
  { name: 'line moved', minWords: 1, edit: moveLine },
  { name: 'paragraph moved + typo', minWords: 2, edit: chain(moveParagraph, typo) },
  { name: 'paragraph inserted before', minWords: 1, edit: insertParagraphBefore },
  { name: 'lines rewrapped', minWords: 1, edit: rewrap(60) },
  { name: 'quote marks restyled', minWords: 1, edit: restyleQuotes },
  { name: 'emphasis added', minWords: 1, edit: addEmphasis },
  { name: 'emphasis removed', minWords: 1, edit: removeEmphasis },
  { name: 'mixed: typo + rewrap + paragraph inserted', minWords: 2, edit: chain(typo, rewrap(72), insertParagraphBefore) },
  { name: 'passage deleted (orphan is right)', minWords: 1, edit: deletePassage },
];

// ---------------------------------------------------------------------------
// Trials

/** A whole-word highlight of 1-40 words (short ones most often, as readers select), at least `minWords` long. */
function randomHighlight(text: string, random: () => number, minWords: number, maxWords: number): Span | null {
  const at = Math.floor(random() * text.length);
  const words = wordsIn(text, at, Math.min(text.length, at + 400));
  const wanted = Math.min(maxWords, Math.max(minWords, Math.round(Math.exp(random() * Math.log(40)))));
  if (words.length < wanted + 1) return null;
  const first = words[1] as Span;
  const last = words[wanted] as Span;
  return { start: first.start, end: last.end };
}

/**
 * True when the stored quote and both context sides, together, occur more than
 * once in the text (inside a refrain, say): the selectors then describe
 * several places verbatim and only chance could pick the reader's, so such
 * highlights are left out of the corpus.
 */
function describesSeveralPlaces(text: string, { quote }: TextSelectors): boolean {
  const whole = quote.prefix + quote.exact + quote.suffix;
  const first = text.indexOf(whole);
  return first !== -1 && text.indexOf(whole, first + 1) !== -1;
}

/** `perKind` trials of every edit kind over the corpus texts, the same for a given seed. */
export function buildTrials(seed: number, perKind: number, texts: CorpusText[] = corpusTexts(seed, 80_000)): Trial[] {
  const random = seededRandom(seed ^ 0x5eed);
  const trials: Trial[] = [];
  for (const kind of editKinds) {
    let made = 0;
    for (let attempt = 0; made < perKind && attempt < perKind * 50; attempt++) {
      const source = texts[attempt % texts.length] as CorpusText;
      const maxWords = kind.name === 'typo in a 1-2 word quote' ? 2 : 40;
      const quote = randomHighlight(source.text, random, kind.minWords, maxWords);
      if (!quote) continue;
      const selectors = describeTextRange(source.text, quote.start, quote.end);
      if (describesSeveralPlaces(source.text, selectors)) continue;
      const result = kind.edit({ text: source.text, quote, random });
      if (!result) continue;
      trials.push({ kind: kind.name, text: result.text, selectors, expected: result.quote });
      made++;
    }
  }
  return trials;
}

// ---------------------------------------------------------------------------
// The Hypothesis-style baseline

const hypothesisWeights = { quote: 50, prefix: 20, suffix: 20, position: 2 };

/** 1 - errors / length of the best alignment of `pattern` in `window`, 0 when either is empty. */
function similarityIn(window: string, pattern: string): number {
  if (pattern.length === 0 || window.length === 0) return 0;
  const exact = window.includes(pattern);
  if (exact) return 1;
  const matches = search(window, pattern, pattern.length);
  return 1 - Math.min(...matches.map((match) => match.errors)) / pattern.length;
}

/**
 * Hypothesis' pipeline as its documentation and source describe it, written
 * here for comparison: the stored position if the quote is still there,
 * otherwise every verbatim occurrence, otherwise approx-string-match with
 * maxErrors = min(256, quote length / 2), each candidate scored 50 x quote +
 * 20 x prefix + 20 x suffix + 2 x position similarity, the best one taken
 * whatever its score.
 */
export const hypothesisStyleAnchor: Anchorer = (text, { quote, position }) => {
  const exact = quote.exact;
  if (text.slice(position.start, position.end) === exact) return { start: position.start, end: position.end };
  const candidates: { start: number; end: number; errors: number }[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1))
    candidates.push({ start: at, end: at + exact.length, errors: 0 });
  if (candidates.length === 0) candidates.push(...search(text, exact, Math.min(256, Math.floor(exact.length / 2))));
  let best: { span: Span; score: number } | null = null;
  for (const candidate of candidates) {
    const prefixScore = quote.prefix
      ? similarityIn(text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start), quote.prefix)
      : 1;
    const suffixScore = quote.suffix ? similarityIn(text.slice(candidate.end, candidate.end + quote.suffix.length), quote.suffix) : 1;
    const positionScore = 1 - Math.abs(candidate.start - position.start) / text.length;
    const score =
      hypothesisWeights.quote * (1 - candidate.errors / exact.length) +
      hypothesisWeights.prefix * prefixScore +
      hypothesisWeights.suffix * suffixScore +
      hypothesisWeights.position * positionScore;
    if (!best || score > best.score) best = { span: { start: candidate.start, end: candidate.end }, score };
  }
  return best?.span ?? null;
};

// ---------------------------------------------------------------------------
// Scoring

export interface KindSummary {
  kind: string;
  trials: number;
  exact: number;
  attached: number;
  orphan: number;
  wrong: number;
  /** Share of trials re-attached (exact or same passage); for deleted passages, the share orphaned. */
  rightRate: number;
  wrongRate: number;
}

export interface Scored {
  verdicts: Verdict[];
  byKind: KindSummary[];
  /** Over trials whose passage still exists. */
  reattachRate: number;
  wrongRate: number;
  /** Over trials whose passage was deleted. */
  orphanRate: number;
  /** Per-anchor time in milliseconds, in trial order. */
  milliseconds: number[];
}

export function scoreAnchorer(trials: Trial[], anchor: Anchorer): Scored {
  const verdicts: Verdict[] = [];
  const milliseconds: number[] = [];
  for (const trial of trials) {
    const started = performance.now();
    const found = anchor(trial.text, trial.selectors);
    milliseconds.push(performance.now() - started);
    verdicts.push(judge(trial, found));
  }
  const summarise = (kind: string, indexes: number[]): KindSummary => {
    const count = (verdict: Verdict): number => indexes.filter((index) => verdicts[index] === verdict).length;
    const removed = indexes.length > 0 && trials[indexes[0] as number]?.expected === null;
    const exact = count('exact');
    const attached = count('attached');
    const orphan = count('orphan');
    const wrong = count('wrong');
    const total = Math.max(1, indexes.length);
    return {
      kind,
      trials: indexes.length,
      exact,
      attached,
      orphan,
      wrong,
      rightRate: (removed ? orphan : exact + attached) / total,
      wrongRate: wrong / total,
    };
  };
  const kinds = [...new Set(trials.map((trial) => trial.kind))];
  const byKind = kinds.map((kind) =>
    summarise(
      kind,
      trials.flatMap((trial, index) => (trial.kind === kind ? [index] : [])),
    ),
  );
  const existing = trials.flatMap((trial, index) => (trial.expected ? [index] : []));
  const removed = trials.flatMap((trial, index) => (trial.expected ? [] : [index]));
  const rate = (indexes: number[], wanted: Verdict[]): number =>
    indexes.filter((index) => wanted.includes(verdicts[index] as Verdict)).length / Math.max(1, indexes.length);
  return {
    verdicts,
    byKind,
    reattachRate: rate(existing, ['exact', 'attached']),
    wrongRate: rate(existing, ['wrong']),
    orphanRate: rate(removed, ['orphan']),
    milliseconds,
  };
}

/** Markdown table of both systems side by side, per edit kind, then overall. */
export function comparisonTable(ours: Scored, baseline: Scored): string {
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  const lines = [
    '| edit kind | trials | Gloss right | Gloss wrong | Gloss orphaned | baseline right | baseline wrong | baseline orphaned |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  ours.byKind.forEach((row, index) => {
    const theirs = baseline.byKind[index] as KindSummary;
    const orphanShare = (summary: KindSummary): string => percent(summary.orphan / Math.max(1, summary.trials));
    lines.push(
      `| ${row.kind} | ${row.trials} | ${percent(row.rightRate)} | ${percent(row.wrongRate)} | ${orphanShare(row)} | ${percent(theirs.rightRate)} | ${percent(theirs.wrongRate)} | ${orphanShare(theirs)} |`,
    );
  });
  lines.push(
    `| **passage still there: re-attached / wrong** | | **${percent(ours.reattachRate)}** | **${percent(ours.wrongRate)}** | | **${percent(baseline.reattachRate)}** | **${percent(baseline.wrongRate)}** | |`,
    `| **passage deleted: orphaned** | | **${percent(ours.orphanRate)}** | | | **${percent(baseline.orphanRate)}** | | |`,
  );
  return lines.join('\n');
}
