/**
 * W3C Web Annotation text selectors over a document's plain text (its
 * rendered text content), and anchoring: turning stored selectors back into a
 * range of the current, possibly edited, text.
 *
 * Offsets are UTF-16 code units (JavaScript string indices, what DOM ranges
 * use). A range never splits a surrogate pair: describeTextRange widens such a
 * boundary to take the whole character, context strings are trimmed so they
 * never start or end with half of one, and fuzzy anchors are widened the same
 * way. Combining marks are ordinary code units: a range may end between a
 * letter and its accent if that is what the reader selected.
 */
import {
  chooseAnchor,
  findQuoteCandidates,
  hasStoredContext,
  withUniqueVerbatim,
  withinStrictBudget,
  scoreSpan,
  sharedBeginningLength,
  sharedEndingLength,
  splitsSurrogatePair,
  widenToCodePoints,
  type QuoteContext,
  type ScoredCandidate,
} from './match-quote';

import type { TextPositionSelector, TextQuoteSelector } from '../contract';

// The selector types are the bridge contract's, so stored highlights and anchoring cannot drift apart.
export type { TextPositionSelector, TextQuoteSelector };

/** Both selectors stored for a highlight. */
export interface TextSelectors {
  quote: TextQuoteSelector;
  position: TextPositionSelector;
}

/** Where a highlight was found, and how: at its stored position, by its verbatim quote, or approximately. */
export interface AnchorResult {
  start: number;
  end: number;
  method: 'position' | 'exact' | 'fuzzy';
  /** Match score in [0, 1] (see matchQuote), when the stored position was not simply confirmed. */
  score?: number;
}

/**
 * Characters of prefix and suffix stored with each quote (Hypothesis' value).
 * About five words: enough to tell apart repeated short quotes ("the", "COVID-19
 * vaccines") and to survive a word inserted next to the highlight, while small
 * enough that stored annotations stay compact and an edit a sentence away does
 * not make the context disagree.
 */
export const contextLength = 32;

/** Characters searched for the verbatim quote either side of its stored position before the whole text. */
const verbatimWindowPadding = 4096;
/** Verbatim occurrences scored in full, the best by exact context agreement first; a very common short quote can occur thousands of times. */
const maxScoredOccurrences = 64;
/**
 * How much of a context side that lay in the quote's own paragraph or line
 * (no line break in it) must still stand beside a candidate found further
 * from the stored position than the window searched first. A paragraph or
 * line moves whole, its words beside the quote with it; where they are torn,
 * the candidate is a sibling sentence (a manual's "must be serviced every
 * week" under another heading) of a passage that was deleted. Calibrated on
 * the hard corpus, seeds 1-15 (at 0.5: 93.1% -> 94.7% of deleted passages
 * orphaned; 0.9: 95.6%, re-attached 96.37% -> 96.57%, wrong unchanged; 1,
 * every character: re-attached 89.4%); checked on seeds 7, 11, 13 and 16-24,
 * which it never saw: orphaned 96.9% -> 97.2%, re-attached 96.63% -> 96.74%,
 * wrong 0.39% -> 0.37%.
 */
const minOwnBlockSideFarAway = 0.9;

/**
 * Describes `text[start, end)` by quote (with up to `contextLength` characters
 * of context each side) and position. A boundary inside a surrogate pair is
 * moved outwards so the whole character is included.
 *
 * @throws RangeError when the range is empty, reversed, not made of integers,
 * or outside the text.
 */
export function describeTextRange(text: string, start: number, end: number): TextSelectors {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start >= end) {
    throw new RangeError(`Cannot describe range [${start}, ${end}) of a ${text.length}-character text`);
  }
  const range = widenToCodePoints(text, start, end);
  let prefixStart = Math.max(0, range.start - contextLength);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, range.end + contextLength);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(range.start, range.end),
      prefix: text.slice(prefixStart, range.start),
      suffix: text.slice(range.end, suffixEnd),
    },
    position: { type: 'TextPositionSelector', start: range.start, end: range.end },
  };
}

/**
 * The stored position, if `beginning` (the first part of the document's text,
 * all that is rendered so far) already shows it holding the quote and its
 * context: what anchorSelectors accepts first, decided without any search, so
 * a long document's first screen can be painted before the rest is rendered.
 * Null means "wait for the whole text", not "orphan".
 */
export function anchorAtStoredPosition(beginning: string, { quote, position }: TextSelectors): AnchorResult | null {
  if (quote.exact.length === 0 || !(position.end + quote.suffix.length <= beginning.length)) return null;
  const stored = usablePosition(position, beginning.length);
  return stored && holdsQuote(beginning, stored, quote) ? { start: stored.start, end: stored.end, method: 'position' } : null;
}

function holdsQuote(text: string, at: { start: number; end: number }, quote: TextQuoteSelector): boolean {
  return (
    at.end - at.start === quote.exact.length && text.startsWith(quote.exact, at.start) && surroundingsFit(text, at.start, at.end, quote)
  );
}

/** How sure the caller is that `text` is the document the selectors were made on. */
export interface AnchorOptions {
  /**
   * False when the document is only a guess (an imported annotation whose
   * source is unknown, matched to a library document by its quotes): then the
   * quote's only verbatim occurrence is not accepted on its own, since in a
   * document the annotation was never made on a short quote occurring once is
   * chance, not a moved line, and a quote stored without context must match
   * within the budget a quote with context gets (a quarter of its characters
   * wrong), not Hypothesis' half. The passage must still show its stored
   * context (or a long quote) as the other rules ask. Default true: the reader's own
   * highlights, and annotations whose document is known.
   */
  sameDocument?: boolean;
}

/**
 * Finds stored selectors in the current `text`, or returns null (an orphan)
 * rather than a passage it is not confident about.
 *
 * 1. Position: accepted when the quote is still there *and* its stored prefix
 *    and suffix still sit against it (a short quote such as "the" can land on
 *    another occurrence after an edit shifts the text).
 * 2. Verbatim quote: every occurrence (near the old position first), the one
 *    whose surroundings still sit against it winning outright; otherwise the
 *    occurrences are scored by context agreement and closeness.
 * 3. Approximate quote (matchQuote), compared with the best verbatim candidate
 *    (a span framed by both context sides first, then by score), so a
 *    corrected typo in a repeated phrase re-attaches to its own passage rather
 *    than to an unedited copy elsewhere. The quote's only verbatim
 *    occurrence is also accepted whatever its surroundings, unless
 *    `options.sameDocument` is false. Far from the stored position, a
 *    candidate must still show the context that shared the quote's own
 *    paragraph (minOwnBlockSideFarAway) and keep the quote within the error
 *    budget.
 *
 * Offsets are UTF-16 code units; a result never splits a surrogate pair.
 */
export function anchorSelectors(text: string, selectors: TextSelectors, options: AnchorOptions = {}): AnchorResult | null {
  const { quote, position } = selectors;
  const exact = quote.exact;
  if (exact.length === 0 || text.length === 0) return null;
  const stored = usablePosition(position, text.length);
  if (stored && holdsQuote(text, stored, quote)) return { start: stored.start, end: stored.end, method: 'position' };
  // A position outside the (shorter) text still says roughly where to look.
  const hint =
    stored?.start ?? (Number.isFinite(position?.start) ? Math.min(Math.max(0, Math.round(position.start)), text.length) : undefined);
  const context: QuoteContext = { prefix: quote.prefix, suffix: quote.suffix, hint };

  // Near the old position first: after ordinary edits the passage has only shifted.
  const nearby =
    hint === undefined ? [] : verbatimOccurrences(text, exact, hint - verbatimWindowPadding, hint + exact.length + verbatimWindowPadding);
  const fitsHere = (start: number): boolean => surroundingsFit(text, start, start + exact.length, quote);
  const fittingNearby = nearestTo(nearby.filter(fitsHere), hint);
  if (fittingNearby !== undefined) return located({ start: fittingNearby, end: fittingNearby + exact.length }, 'exact', stored);
  const occurrences = verbatimOccurrences(text, exact, 0, text.length);
  const fitting = nearestTo(occurrences.filter(fitsHere), hint);
  if (fitting !== undefined) return located({ start: fitting, end: fitting + exact.length }, 'exact', stored);

  // Every verbatim occurrence and every approximate match compete on
  // evidence: an edited passage still framed by its context outranks an
  // unedited copy of the quote elsewhere.
  const candidates: ScoredCandidate[] = mostPromising(text, occurrences, quote, hint).map((start) =>
    scoreSpan(text, { start, end: start + exact.length, errors: 0 }, exact, context),
  );
  candidates.push(...findQuoteCandidates(text, exact, context));
  const guessed = options.sameDocument === false;
  const contextStored = hasStoredContext(context);
  const only = occurrences.length === 1 && !guessed ? occurrences[0] : undefined;
  // In a guessed document a quote without context gets no more than the budget a quote with context gets.
  const pool = guessed && !contextStored ? candidates.filter(withinStrictBudget) : candidates;
  // Far away, a candidate must also keep the quote within the error budget (withinStrictBudget): a span framed by both context sides may
  // otherwise differ from the quote by up to 70% (minFramedSimilarity), which is evidence only where the highlight was. A template repeats
  // its frame in every section ("- Keep away from open flame.\n- … , again must be serviced"), so far off the same frame around other words
  // is a sibling of a deleted passage. Hard corpus: deleted passages orphaned, seeds 1-24 96.4% -> 96.7%, seeds 25-48 (unseen) 96.7% ->
  // 97.2%; still there, seeds 1-6 re-attached 96.4% -> 96.5% and wrong 0.30% -> 0.22%, seeds 7-16 unchanged (96.8%, 0.27%).
  const movedWhole = (candidate: ScoredCandidate): boolean =>
    candidate.distance <= verbatimWindowPadding ||
    (withinStrictBudget(candidate) &&
      (candidate.prefixSupport >= minOwnBlockSideFarAway || quote.prefix.includes('\n')) &&
      (candidate.suffixSupport >= minOwnBlockSideFarAway || quote.suffix.includes('\n')));
  const best = chooseAnchor(withUniqueVerbatim(text, exact, context, pool, only).filter(movedWhole), contextStored);
  if (!best) return null;
  return located(best, best.errors === 0 ? 'exact' : 'fuzzy', stored);
}

/** The anchor for `found`, reported as a position hit when it is exactly where the selectors said. */
function located(
  found: { start: number; end: number; score?: number },
  method: 'exact' | 'fuzzy',
  stored: { start: number; end: number } | null,
): AnchorResult {
  const atStoredPosition = method === 'exact' && stored !== null && found.start === stored.start && found.end === stored.end;
  const anchor: AnchorResult = { start: found.start, end: found.end, method: atStoredPosition ? 'position' : method };
  if (found.score !== undefined) anchor.score = found.score;
  return anchor;
}

/** The stored position if it is a well-formed range inside the text. */
function usablePosition(position: TextPositionSelector | undefined, length: number): { start: number; end: number } | null {
  if (!position) return null;
  const { start, end } = position;
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= length ? { start, end } : null;
}

/**
 * True when the stored prefix ends right at `start` and the stored suffix
 * starts right at `end`. An empty side means the quote touched that end of the
 * document, so it fits only there.
 */
function surroundingsFit(text: string, start: number, end: number, quote: TextQuoteSelector): boolean {
  const prefixFits = quote.prefix.length > 0 ? text.endsWith(quote.prefix, start) : start === 0;
  const suffixFits = quote.suffix.length > 0 ? text.startsWith(quote.suffix, end) : end === text.length;
  return prefixFits && suffixFits;
}

/** Start offsets of every occurrence of `exact` lying inside `text[from, to)`. */
function verbatimOccurrences(text: string, exact: string, from: number, to: number): number[] {
  const windowStart = Math.max(0, from);
  // Searching a slice keeps indexOf from running past the window to the next
  // occurrence, which in a long text may be megabytes away.
  const window = windowStart === 0 && to >= text.length ? text : text.slice(windowStart, Math.min(text.length, to));
  const starts: number[] = [];
  for (let at = window.indexOf(exact); at !== -1; at = window.indexOf(exact, at + 1)) starts.push(windowStart + at);
  return starts;
}

function nearestTo(starts: number[], hint: number | undefined): number | undefined {
  if (hint === undefined) return starts[0];
  let nearest: number | undefined;
  for (const start of starts) if (nearest === undefined || Math.abs(start - hint) < Math.abs(nearest - hint)) nearest = start;
  return nearest;
}

/**
 * The occurrences worth a full (approximate) score: those with the most
 * context characters matching exactly next to them, then the nearest.
 */
function mostPromising(text: string, starts: number[], quote: TextQuoteSelector, hint: number | undefined): number[] {
  if (starts.length <= maxScoredOccurrences) return starts;
  const agreement = (start: number): number =>
    sharedEndingLength(quote.prefix, text, start) + sharedBeginningLength(quote.suffix, text, start + quote.exact.length);
  const ranked = starts.map((start) => ({ start, agreement: agreement(start), distance: hint === undefined ? 0 : Math.abs(start - hint) }));
  ranked.sort((a, b) => b.agreement - a.agreement || a.distance - b.distance);
  return ranked.slice(0, maxScoredOccurrences).map((entry) => entry.start);
}
