/**
 * Approximate quote matching: where in `text` is the passage a reader once
 * highlighted, now that the text may have been edited?
 *
 * Pure string code (no DOM, no Node), built on approx-string-match (Myers'
 * bit-parallel edit-distance search). Two properties of that library shape the
 * approach:
 *
 * - It reports only the *lowest-error* matches in the searched text. A quote
 *   with one corrected typo is therefore invisible to a plain search as soon as
 *   the unedited words occur verbatim anywhere else. So besides the quote we
 *   search for `prefix + quote + suffix`, whose lowest-error match is the place
 *   where quote *and* surroundings agree best, and then find the quote inside it.
 * - Its cost grows with text length x (error budget / 32). So we search a window
 *   around the expected position first (edits usually only shift a passage by a
 *   few paragraphs) and widen to the whole text only when nothing acceptable is
 *   found there. Over the whole text, quotes longer than `longQuoteLength` are
 *   located by their first and last `probeLength` characters (each with its
 *   context) and verified in a small window around each probe hit, so a
 *   2,000-character quote costs about as much as a 200-character one.
 *
 * Candidates are ranked like Hypothesis does (weighted quote, prefix, suffix
 * and position similarity), but a candidate is only *accepted* with enough
 * evidence (see `contextConfirms`): returning nothing (an orphan the reader can
 * re-attach) is better than highlighting the wrong passage.
 */
import search from 'approx-string-match';

/** Surroundings of the quote, all optional. */
export interface QuoteContext {
  /** Text expected immediately before the quote. */
  prefix?: string;
  /** Text expected immediately after the quote. */
  suffix?: string;
  /** Offset where the quote is expected to start (its last known position). */
  hint?: number;
}

/** A located quote: the span `[start, end)` in UTF-16 code units, and its normalised score in [0, 1]. */
export interface QuoteMatch {
  start: number;
  end: number;
  score: number;
}

/**
 * A candidate span with the evidence behind its score. Shared with
 * selectors.ts; not part of the public API.
 */
export interface ScoredCandidate extends QuoteMatch {
  /** Edit distance between the span's text and the quote. */
  errors: number;
  quoteSimilarity: number;
  /** Similarity of the stored prefix to the text before the span (see scoreSpan), 1 when none was stored. */
  prefixSimilarity: number;
  suffixSimilarity: number;
  /** How many stored context sides (0-2) sit, whole and verbatim, against the span. */
  abuttingSides: number;
  /** Characters of the stored prefix and suffix matching verbatim right next to the span. */
  prefixShared: number;
  suffixShared: number;
  /** Distance from the hint, 0 without one. */
  distance: number;
  /** Whether the stored context confirms the span (see contextConfirms). */
  contextConfirms: boolean;
  acceptable: boolean;
}

/** A span of text and its edit distance to the quote. */
export interface Span {
  start: number;
  end: number;
  errors: number;
}

// Ranking weights (Hypothesis' values). The quote is what the reader chose, so
// it weighs most; the two context sides together nearly as much, because for a
// short quote they are the only evidence of *which* occurrence was meant; the
// position only breaks ties, since edits above a passage move it all the time.
const quoteWeight = 50;
const prefixWeight = 20;
const suffixWeight = 20;
const positionWeight = 2;
const totalWeight = quoteWeight + prefixWeight + suffixWeight + positionWeight;

/**
 * Error budget as a share of the quote length. Hypothesis allows 50%; we allow
 * 25%. The edit corpus (tests/renderer/anchoring/edit-corpus.test.ts) needs
 * at most 10% for typo fixes and whitespace changes and at most ~20% when every
 * straight quote in a short passage becomes a curly one, while matches of
 * *unrelated* 10-300 character passages sit at 35-70% errors, so the budget
 * separates the two with room on both sides. It also halves search time,
 * which grows with the budget.
 */
const maxErrorRate = 0.25;
/** Cap on the error budget for very long quotes (Hypothesis' cap): ~8 bit-parallel blocks per text character. */
const maxErrorsCap = 256;
/** A span less similar than this to the quote is never the reader's passage, whatever its context (same number as the budget). */
export const minQuoteSimilarity = 1 - maxErrorRate;
/**
 * A context side "supports" a span when at least this similar. Unrelated
 * 32-character text reaches 0.35-0.55 against a 64-character window, an
 * inserted word or a typo in the surroundings keeps it above 0.9.
 */
const minContextSimilarity = 0.75;
/**
 * A quote matching at least this many characters is evidence on its own, like
 * one full context side (32 characters): it can anchor even when the
 * surroundings are gone (a paragraph moved elsewhere). Shorter quotes need
 * context: five letters with one error occur by chance in any long text.
 */
const distinctiveQuoteLength = 32;
/**
 * A context side whose nearest this-many characters sit verbatim against a
 * span confirms it, like a whole side does: half a side is still a phrase, and
 * it lets a passage re-attach when the far half of its context was rewritten.
 */
const minSharedContext = 16;
/**
 * Extra characters either side in which a context side still counts as
 * support: the longest run of inserted words (about five) next to a quote that
 * keeps the surroundings recognisable.
 */
const contextSlack = 32;
/** Characters searched either side of the hint before the whole text: a few paragraphs inserted or deleted nearby. */
const hintWindowPadding = 4096;
/** Above this length, whole-text searches use head and tail probes instead of the full quote. */
const longQuoteLength = 256;
/** Length of the head and tail probes of a long quote. */
const probeLength = 128;
/** Candidates from a plain quote search examined per window, nearest to the hint first: a five-letter quote can match thousands of times. */
const maxQuoteOnlyCandidates = 64;
/** Probe hits verified in full, nearest to the hint first. */
const maxProbeHits = 16;
/** Context seed occurrences verified in full, nearest to the hint first: a seed of common words can occur hundreds of times. */
const maxSeedHits = 32;

/** Number of errors tolerated for a quote of `length` characters. */
export function errorBudget(length: number): number {
  return Math.min(maxErrorsCap, Math.floor(length * maxErrorRate));
}

/**
 * Finds the best approximate location of `quote` in `text`, using the
 * optional prefix, suffix and position hint to choose between candidates and
 * to reject chance matches. Returns null when no candidate is convincing.
 *
 * The score is the Hypothesis weighting normalised to [0, 1]:
 * (50 x quote + 20 x prefix + 20 x suffix + 2 x closeness to hint) / 92,
 * each similarity being 1 - errors / length.
 */
export function matchQuote(text: string, quote: string, context: QuoteContext = {}): QuoteMatch | null {
  const best = findQuoteCandidate(text, quote, context);
  return best ? { start: best.start, end: best.end, score: best.score } : null;
}

/** matchQuote with the evidence kept, for selectors.ts. */
export function findQuoteCandidate(text: string, quote: string, context: QuoteContext): ScoredCandidate | null {
  if (quote.length === 0 || text.length === 0) return null;
  const matcher = new QuoteMatcher(text, quote, context);
  return matcher.find();
}

/** Scores one span as a location of `quote` (errors = its edit distance to the quote). */
export function scoreSpan(text: string, span: Span, quote: string, context: QuoteContext): ScoredCandidate {
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  const quoteSimilarity = 1 - span.errors / quote.length;
  const prefixShared = sharedEndingLength(prefix, text, span.start);
  const suffixShared = sharedBeginningLength(suffix, text, span.end);
  const prefixAbuts = prefix.length > 0 && prefixShared === prefix.length;
  const suffixAbuts = suffix.length > 0 && suffixShared === suffix.length;
  // Hypothesis compares each side with exactly as many characters as were
  // stored; we look `contextSlack` characters further, so words inserted next
  // to the quote do not hide surroundings that are still there. Exact
  // boundaries are then preferred through `abuttingSides`.
  const prefixSimilarity =
    prefix.length === 0 || prefixAbuts ? 1 : similarityWithin(prefix, text.slice(Math.max(0, span.start - prefix.length - contextSlack), span.start));
  const suffixSimilarity = suffix.length === 0 || suffixAbuts ? 1 : similarityWithin(suffix, text.slice(span.end, span.end + suffix.length + contextSlack));
  const hint = context.hint;
  const distance = hint === undefined ? 0 : Math.abs(span.start - hint);
  const closeness = 1 - Math.min(1, distance / Math.max(1, text.length));
  const score =
    (quoteWeight * quoteSimilarity + prefixWeight * prefixSimilarity + suffixWeight * suffixSimilarity + positionWeight * closeness) /
    totalWeight;
  const candidate: ScoredCandidate = {
    start: span.start,
    end: span.end,
    score,
    errors: span.errors,
    quoteSimilarity,
    prefixSimilarity,
    suffixSimilarity,
    abuttingSides: Number(prefixAbuts) + Number(suffixAbuts),
    prefixShared,
    suffixShared,
    distance,
    contextConfirms: false,
    acceptable: false,
  };
  candidate.contextConfirms = contextConfirms(candidate, prefix.length, suffix.length);
  candidate.acceptable =
    candidate.quoteSimilarity >= minQuoteSimilarity && (candidate.contextConfirms || quote.length - candidate.errors >= distinctiveQuoteLength);
  return candidate;
}

/**
 * Whether the stored context confirms a candidate: one side sitting verbatim
 * against it (at least `minSharedContext` characters of it), or every stored
 * side found close by. A candidate is acceptable when it resembles the quote
 * (`minQuoteSimilarity`) and either the context confirms it or the quote is
 * distinctive enough to stand alone.
 */
function contextConfirms(candidate: ScoredCandidate, prefixLength: number, suffixLength: number): boolean {
  const sitsAgainst = (shared: number, length: number): boolean => length > 0 && shared >= Math.min(length, minSharedContext);
  if (sitsAgainst(candidate.prefixShared, prefixLength) || sitsAgainst(candidate.suffixShared, suffixLength)) return true;
  const prefixNear = prefixLength === 0 || candidate.prefixSimilarity >= minContextSimilarity;
  const suffixNear = suffixLength === 0 || candidate.suffixSimilarity >= minContextSimilarity;
  return prefixNear && suffixNear;
}

/**
 * Orders candidates best first. A span framed by both stored context sides,
 * verbatim, comes first: 64 characters in exactly the right places outweigh
 * any score difference, which for a five-letter quote with one typo would
 * otherwise prefer an unedited copy of those letters elsewhere. Then score,
 * exact context fit, closeness to the hint, and position.
 */
export function compareCandidates(a: ScoredCandidate, b: ScoredCandidate): number {
  const framed = (candidate: ScoredCandidate): number => (candidate.abuttingSides === 2 ? 1 : 0);
  return framed(b) - framed(a) || b.score - a.score || b.abuttingSides - a.abuttingSides || a.distance - b.distance || a.start - b.start;
}

/** How many of `prefix`'s last characters appear verbatim right before `text[at]`. */
export function sharedEndingLength(prefix: string, text: string, at: number): number {
  let shared = 0;
  while (shared < prefix.length && shared < at && prefix.charCodeAt(prefix.length - 1 - shared) === text.charCodeAt(at - 1 - shared)) shared++;
  return shared;
}

/** How many of `suffix`'s first characters appear verbatim from `text[at]` on. */
export function sharedBeginningLength(suffix: string, text: string, at: number): number {
  let shared = 0;
  while (shared < suffix.length && at + shared < text.length && suffix.charCodeAt(shared) === text.charCodeAt(at + shared)) shared++;
  return shared;
}

/** 1 - errors / length for the best alignment of `pattern` anywhere in `window` (Hypothesis' textMatchScore). */
function similarityWithin(pattern: string, window: string): number {
  if (pattern.length === 0) return 1;
  if (window.length === 0) return 0;
  let fewest = pattern.length;
  for (const match of search(window, pattern, pattern.length)) fewest = Math.min(fewest, match.errors);
  return 1 - fewest / pattern.length;
}

/**
 * Edit distance between `a` and `b`, computed only within a diagonal band of
 * width `limit`; returns `limit + 1` when the distance exceeds it. Used to
 * re-measure a span after its boundaries were moved onto the stored context.
 */
function boundedEditDistance(a: string, b: string, limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  // Two rows of the classic table. Cells outside the band hold `over`: the band
  // only moves right, so the one stale cell a row could read (just left of its
  // band) is reset explicitly.
  let previous = new Int32Array(b.length + 1).fill(over);
  let current = new Int32Array(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, limit); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(b.length, i + limit);
    current[0] = i <= limit ? i : over;
    if (from > 1) current[from - 1] = over;
    let rowBest = from === 1 ? (current[0] ?? over) : over;
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] ?? over) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = (previous[j] ?? over) + 1;
      const insertion = (current[j - 1] ?? over) + 1;
      const cost = Math.min(substitution, deletion, insertion, over);
      current[j] = cost;
      if (cost < rowBest) rowBest = cost;
    }
    if (rowBest > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] ?? over, over);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** True when offset `index` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isHighSurrogate(text.charCodeAt(index - 1)) && isLowSurrogate(text.charCodeAt(index));
}

/** Moves span boundaries that split a surrogate pair outwards, so an emoji is highlighted whole or not at all. */
export function widenToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  return { start: splitsSurrogatePair(text, start) ? start - 1 : start, end: splitsSurrogatePair(text, end) ? end + 1 : end };
}

/** One quote lookup: holds the text, quote, context and budgets shared by every search step. */
class QuoteMatcher {
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly hint: number | undefined;
  private readonly budget: number;

  constructor(
    private readonly text: string,
    private readonly quote: string,
    private readonly context: QuoteContext,
  ) {
    this.prefix = context.prefix ?? '';
    this.suffix = context.suffix ?? '';
    this.hint = context.hint === undefined || !Number.isFinite(context.hint) ? undefined : Math.min(Math.max(0, Math.round(context.hint)), text.length);
    this.budget = errorBudget(quote.length);
  }

  find(): ScoredCandidate | null {
    const { text, quote, hint } = this;
    const scoredContext: QuoteContext = { prefix: this.prefix, suffix: this.suffix, hint };
    const nearbySpans: Span[] = [];
    if (hint !== undefined) {
      const windowStart = Math.max(0, hint - hintWindowPadding);
      const windowEnd = Math.min(text.length, hint + quote.length + hintWindowPadding);
      nearbySpans.push(...this.locate(windowStart, windowEnd, true));
      const nearby = this.best(nearbySpans, scoredContext);
      if (windowStart === 0 && windowEnd === text.length) return nearby;
      // Settle for a nearby match only when its context confirms it and it
      // does not end at the window's edge: a passage cut in two by the window
      // can still be an acceptable 75% match, and a similar passage nearby can
      // pass as a distinctive quote. The whole text can tell.
      const cut = nearby !== null && ((windowStart > 0 && nearby.start - windowStart <= this.budget) || (windowEnd < text.length && windowEnd - nearby.end <= this.budget));
      if (nearby && nearby.contextConfirms && !cut) return nearby;
    }
    return this.best([...nearbySpans, ...this.locateInWholeText()], scoredContext);
  }

  /** Best acceptable candidate among `spans`, boundaries kept off surrogate halves. */
  private best(spans: Span[], context: QuoteContext): ScoredCandidate | null {
    let best: ScoredCandidate | null = null;
    for (const span of this.withContextSnaps(spans)) {
      const widened = widenToCodePoints(this.text, span.start, span.end);
      const errors =
        widened.start === span.start && widened.end === span.end
          ? span.errors
          : boundedEditDistance(this.text.slice(widened.start, widened.end), this.quote, this.budget + 2);
      const candidate = scoreSpan(this.text, { ...widened, errors }, this.quote, context);
      if (candidate.acceptable && (!best || compareCandidates(candidate, best) < 0)) best = candidate;
    }
    return best;
  }

  /**
   * Candidate quote spans in `text[windowStart, windowEnd)`: the quote inside
   * the best match of `prefix + quote + suffix`, plus (when `withQuoteOnly`)
   * the best matches of the quote alone, for passages whose surroundings
   * changed.
   */
  private locate(windowStart: number, windowEnd: number, withQuoteOnly: boolean): Span[] {
    const { quote, prefix, suffix, budget } = this;
    const region = this.text.slice(windowStart, windowEnd);
    const spans: Span[] = [];
    if (prefix.length + suffix.length > 0) {
      // Budget: the quote's own plus every context character, so the search
      // always returns the place where quote and context agree best.
      const contextual = search(region, prefix + quote + suffix, budget + prefix.length + suffix.length);
      for (const match of this.nearestFirst(contextual, windowStart).slice(0, maxQuoteOnlyCandidates)) {
        const inside = region.slice(match.start, match.end);
        for (const found of search(inside, quote, budget)) {
          const start = windowStart + match.start + found.start;
          spans.push({ start, end: start + found.end - found.start, errors: found.errors });
        }
        const framed = this.framedSpan(windowStart + match.start, windowStart + match.end, match.errors);
        if (framed) spans.push(framed);
      }
    }
    if (withQuoteOnly) {
      const plain = search(region, quote, budget);
      for (const found of this.nearestFirst(plain, windowStart).slice(0, maxQuoteOnlyCandidates)) {
        spans.push({ start: windowStart + found.start, end: windowStart + found.end, errors: found.errors });
      }
    }
    return spans;
  }

  /**
   * The span between the stored prefix and suffix, when both sit verbatim
   * where the match of `prefix + quote + suffix` over `[from, to)` puts them
   * (give or take its error count). The quote search inside that match reports
   * only the lowest-error spans, so it misses an edited quote when its
   * unedited words also occur close by ("engine engine"); the frame does not.
   * Reaching no further than the match's errors keeps a whole inserted
   * paragraph from being mistaken for part of the quote.
   */
  private framedSpan(from: number, to: number, reach: number): Span | null {
    const { text, prefix, suffix, quote, budget } = this;
    if (prefix.length === 0 || suffix.length === 0) return null;
    const start = nearestOffset(from + prefix.length, reach, text.length, (at) => text.endsWith(prefix, at));
    const end = nearestOffset(to - suffix.length, reach, text.length, (at) => text.startsWith(suffix, at));
    if (start === undefined || end === undefined || end <= start) return null;
    const errors = boundedEditDistance(text.slice(start, end), quote, budget);
    return errors <= budget ? { start, end, errors } : null;
  }

  /**
   * Whole-text search, made cheap by filtering before verifying: the full
   * `prefix + quote + suffix` search runs only in small windows where a seed
   * says the passage may be.
   *
   * - Context seeds: the `minSharedContext` characters of each context side
   *   next to the quote, found verbatim with indexOf. A short quote is only
   *   accepted with a side sitting against it anyway, which contains its seed.
   * - A distinctive quote (which may be accepted without context) is also
   *   searched for by itself: in full up to `longQuoteLength` characters,
   *   else by its head and tail probes.
   */
  private locateInWholeText(): Span[] {
    const { text, quote, prefix, suffix, budget } = this;
    const reach = quote.length + budget + prefix.length + suffix.length;
    const windows: [number, number][] = [];
    const spans: Span[] = [];
    if (prefix.length > 0) {
      const seed = prefix.slice(-minSharedContext);
      for (const at of this.nearestOccurrences(seed)) windows.push([at + seed.length - prefix.length - budget, at + seed.length + reach]);
    }
    if (suffix.length > 0) {
      const seed = suffix.slice(0, minSharedContext);
      for (const at of this.nearestOccurrences(seed)) windows.push([at - reach, at + suffix.length + budget]);
    }
    if (quote.length > longQuoteLength) {
      const probeBudget = errorBudget(probeLength);
      const slack = budget + prefix.length + suffix.length + probeBudget;
      for (const hit of this.nearestFirst(search(text, quote.slice(0, probeLength), probeBudget), 0).slice(0, maxProbeHits)) {
        windows.push([hit.start - slack, hit.start + quote.length + slack]);
      }
      for (const hit of this.nearestFirst(search(text, quote.slice(-probeLength), probeBudget), 0).slice(0, maxProbeHits)) {
        windows.push([hit.end - quote.length - slack, hit.end + slack]);
      }
    } else if (quote.length >= distinctiveQuoteLength) {
      for (const found of this.nearestFirst(search(text, quote, budget), 0).slice(0, maxQuoteOnlyCandidates)) spans.push(found);
    }
    for (const [from, to] of mergeWindows(windows, text.length)) spans.push(...this.locate(from, to, true));
    return spans;
  }

  /** Start offsets of `seed` in the text, at most `maxSeedHits`, nearest to the hint first. */
  private nearestOccurrences(seed: string): number[] {
    const starts: number[] = [];
    for (let at = this.text.indexOf(seed); at !== -1; at = this.text.indexOf(seed, at + 1)) starts.push(at);
    return this.nearestFirst(starts.map((start) => ({ start })), 0)
      .slice(0, maxSeedHits)
      .map((hit) => hit.start);
  }

  /**
   * Adds, for each fuzzy span, the variant whose boundaries sit exactly
   * against the stored prefix and suffix when those are within the span's
   * error count: an edit at the very edge of the quote (a deleted first
   * letter, a changed last one) otherwise leaves the boundary a character off.
   */
  private withContextSnaps(spans: Span[]): Span[] {
    const { text, prefix, suffix } = this;
    const unique = new Map<string, Span>();
    const add = (span: Span): void => {
      const key = `${span.start}:${span.end}`;
      const known = unique.get(key);
      if (!known || known.errors > span.errors) unique.set(key, span);
    };
    for (const span of spans) {
      add(span);
      if (span.errors === 0) continue;
      const start = prefix.length > 0 ? (nearestOffset(span.start, span.errors, text.length, (at) => text.endsWith(prefix, at)) ?? span.start) : span.start;
      const end = suffix.length > 0 ? (nearestOffset(span.end, span.errors, text.length, (at) => text.startsWith(suffix, at)) ?? span.end) : span.end;
      if ((start === span.start && end === span.end) || start >= end) continue;
      const errors = boundedEditDistance(text.slice(start, end), this.quote, this.budget);
      if (errors <= this.budget) add({ start, end, errors });
    }
    return [...unique.values()];
  }

  private nearestFirst<T extends { start: number }>(matches: T[], offset: number): T[] {
    const hint = this.hint;
    if (hint === undefined) return matches;
    return [...matches].sort((a, b) => Math.abs(offset + a.start - hint) - Math.abs(offset + b.start - hint));
  }
}

/** The offset in [0, limit] within `reach` of `from` (nearest first) satisfying `fits`. */
function nearestOffset(from: number, reach: number, limit: number, fits: (at: number) => boolean): number | undefined {
  for (let distance = 0; distance <= reach; distance++) {
    if (from - distance >= 0 && from - distance <= limit && fits(from - distance)) return from - distance;
    if (from + distance >= 0 && from + distance <= limit && fits(from + distance)) return from + distance;
  }
  return undefined;
}

/** Clamps windows to the text and merges overlapping ones, so no region is searched twice. */
function mergeWindows(windows: [number, number][], length: number): [number, number][] {
  const clamped = windows.map(([from, to]): [number, number] => [Math.max(0, from), Math.min(length, to)]).filter(([from, to]) => from < to);
  clamped.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const window of clamped) {
    const last = merged.at(-1);
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push([window[0], window[1]]);
  }
  return merged;
}
