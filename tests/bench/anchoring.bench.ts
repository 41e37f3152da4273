/**
 * Anchoring: re-finding highlights when a document opens. Ours tries the
 * stored position, then the verbatim quote near it, then approximate search
 * (renderer/src/anchoring). The baseline is Hypothesis' approximate path: one
 * approx-string-match search of the full quote over the full text per
 * highlight, with maxErrors = min(256, quote length / 2). (Hypothesis itself
 * tries indexOf first; the baseline is what every highlight costs once that
 * fails, e.g. after any edit to the quote.)
 */
import search from 'approx-string-match';
import { anchorSelectors, describeTextRange, matchQuote, type TextSelectors } from '../../common/anchoring';
import { measure, printTable } from './measure';
import { seededRandom } from '../support/seeded-random';

const textSizes = [100_000, 1_000_000, 5_000_000];
const highlightCounts = [100, 1_000, 10_000];
const runs = 5;
/** Baseline time per table cell before the rest is extrapolated from the highlights timed so far. */
const baselineBudgetMs = 10_000;

const random = seededRandom(2024);
const integer = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

/** 3,000 made-up words plus common ones and a few Unicode tokens, so prose repeats like real prose but not too much. */
const vocabulary = (() => {
  const syllables = [
    'ka',
    'lo',
    'mi',
    'ren',
    'sta',
    'por',
    've',
    'lin',
    'da',
    'qu',
    'est',
    'ou',
    'ti',
    'ber',
    'an',
    'gra',
    'sel',
    'mo',
    'un',
    'chi',
  ];
  const words = new Set<string>();
  while (words.size < 3000) words.add(Array.from({ length: integer(1, 4) }, () => syllables[integer(0, syllables.length - 1)]).join(''));
  return [
    ...words,
    ...'the of and a to in is that for it as with was on by'.split(' ').flatMap((word) => [word, word, word]),
    '“quoted”',
    'it’s',
    '東京',
    '😀',
    'cafe\u0301',
  ];
})();

function generatedText(size: number): string {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < size) {
    const sentences: string[] = [];
    for (let sentence = integer(3, 8); sentence > 0; sentence--) {
      const words = Array.from({ length: integer(6, 20) }, () => vocabulary[integer(0, vocabulary.length - 1)]);
      sentences.push(`${words.join(' ')}.`);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n').slice(0, size);
}

function randomHighlights(text: string, count: number): TextSelectors[] {
  return Array.from({ length: count }, () => {
    const length = integer(5, 300);
    const start = integer(0, text.length - length);
    return describeTextRange(text, start, start + length);
  });
}

/** Inserts a paragraph after the first one, shifting every later position. */
function editNearStart(text: string): string {
  const firstBreak = text.indexOf('\n\n');
  return `${text.slice(0, firstBreak)}\n\nA new paragraph was inserted near the start, so every stored position is now off by its length.${text.slice(firstBreak)}`;
}

function anchorAll(text: string, highlights: TextSelectors[]): number {
  let placed = 0;
  for (const highlight of highlights) if (anchorSelectors(text, highlight)) placed++;
  return placed;
}

/** Hypothesis-style approximate search per highlight, timed until the budget runs out, then extrapolated. */
function baseline(text: string, highlights: TextSelectors[]): { ms: number; timed: number } {
  const started = performance.now();
  let timed = 0;
  for (const highlight of highlights) {
    const exact = highlight.quote.exact;
    search(text, exact, Math.min(256, exact.length / 2));
    timed++;
    if (performance.now() - started > baselineBudgetMs) break;
  }
  const elapsed = performance.now() - started;
  return { ms: (elapsed / timed) * highlights.length, timed };
}

export async function benchAnchoring(): Promise<void> {
  const rows: Record<string, string | number>[] = [];
  const fuzzyRows: Record<string, string | number>[] = [];
  for (const size of textSizes) {
    const text = generatedText(size);
    const edited = editNearStart(text);
    for (const count of highlightCounts) {
      const highlights = randomHighlights(text, count);
      const placedUnchanged = anchorAll(text, highlights);
      const placedEdited = anchorAll(edited, highlights);
      const unchanged = await measure(runs, () => anchorAll(text, highlights));
      const afterEdit = await measure(runs, () => anchorAll(edited, highlights));
      const theirs = baseline(edited, highlights);
      rows.push({
        text: `${size / 1_000_000} MB`,
        highlights: count,
        '(a) ours, unchanged text (ms, median)': unchanged.median,
        '(b) ours, after an edit near the start (ms, median)': afterEdit.median,
        '(b) p95 (ms)': afterEdit.p95,
        placed: `${placedUnchanged}/${placedEdited} of ${count}`,
        '(c) baseline: approx search per highlight (ms)': theirs.ms,
        '(c) measured': theirs.timed === count ? 'all' : `extrapolated from ${theirs.timed}`,
        'baseline / ours (b)': theirs.ms / afterEdit.median,
      });
    }
    if (size === 1_000_000) fuzzyRows.push(...(await fuzzyPath(text)));
  }
  printTable('Anchoring highlights: ours vs the Hypothesis-style approximate search', rows);
  printTable('Approximate path, one highlight with typos in a 1 MB text', fuzzyRows);
}

/**
 * Our approximate path for one quote with 2% of its characters mistyped, with
 * the stored position near the passage (a typical edit) and with no usable
 * position (worst case: whole-text search), vs one baseline search.
 */
async function fuzzyPath(text: string): Promise<Record<string, string | number>[]> {
  const rows: Record<string, string | number>[] = [];
  for (const length of [50, 300, 2000]) {
    const start = Math.floor(text.length * 0.6);
    const quote = text.slice(start, start + length);
    const typos = Math.max(1, Math.floor(length / 50));
    const characters = [...quote];
    for (let typo = 0; typo < typos; typo++) characters[Math.floor(((typo + 0.5) * length) / typos)] = '#';
    const edited = text.slice(0, start) + characters.join('') + text.slice(start + length);
    const context = { prefix: text.slice(start - 32, start), suffix: text.slice(start + length, start + length + 32) };
    const found = matchQuote(edited, quote, { ...context, hint: start - 500 });
    const lost = matchQuote(edited, quote, context);
    const nearHint = (await measure(5, () => matchQuote(edited, quote, { ...context, hint: start - 500 }))).median;
    const noHint = (await measure(5, () => matchQuote(edited, quote, context))).median;
    const theirs = (await measure(5, () => search(edited, quote, Math.min(256, quote.length / 2)))).median;
    rows.push({
      'quote length': length,
      typos,
      'ours, position 500 chars off (ms)': nearHint,
      'ours, no position (ms)': noHint,
      'found at the right place': found?.start === start && lost?.start === start ? 'yes' : 'NO',
      'baseline (ms)': theirs,
      'baseline / ours without position': theirs / noHint,
    });
  }
  return rows;
}
