/**
 * Approximate quote matching: where in `text` is the passage a reader once
 * highlighted, now that the text may have been edited?
 *
 * Pure string code (no DOM, no Node), built on approx-string-match (Myers'
 * bit-parallel edit-distance search). Two properties of that library shape the
 * approach:
 *
 * - It reports only the *lowest-error* matches in the searched text. A quote
 *   with one corrected typo is invisible to a plain search as soon as its
 *   unedited words occur verbatim anywhere else. So we also search for
 *   `prefix + quote + suffix`, whose lowest-error match is where quote *and*
 *   surroundings agree best, and take the span framed by the stored prefix
 *   and suffix there.
 * - Its cost grows with text length x (error budget / 32). So we search a
 *   window around the expected position first (edits usually shift a passage
 *   by a few paragraphs at most) and stop there when the match is framed by
 *   both context sides, since nothing elsewhere could rank above it. Otherwise
 *   the whole text is filtered cheaply before verifying: indexOf finds the 16
 *   characters of context next to the quote (a "seed"), and only a quote
 *   distinctive enough to anchor without context is searched for by itself -
 *   by its first and last 128 characters when it is long, so a 2,000-character
 *   quote costs about what a 128-character one does. The full search then runs
 *   in small windows around each hit.
 *
 * Candidates are ranked first by how many stored context sides sit verbatim
 * against them, then by Hypothesis' score (weighted quote, prefix, suffix and
 * position similarity; see compareCandidates), and a candidate is only
 * *accepted* with enough evidence (see isAcceptable): returning nothing (an
 * orphan the reader can re-attach) is better than highlighting the wrong
 * passage.
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
  /** Similarity of the stored prefix to the same number of characters before the span (Hypothesis' measure, for the score), 1 when none was stored. */
  prefixSimilarity: number;
  suffixSimilarity: number;
  /** The same, against a window `contextSlack` characters longer (tolerates inserted words; for acceptance). */
  prefixSupport: number;
  suffixSupport: number;
  /**
   * Characters of disagreement (1 - support, times length) in the part of
   * each stored side that shared the quote's own line (up to the nearest line
   * break), the larger of the two: what stays beside a passage that moved
   * whole with its line or paragraph.
   */
  ownLineDisagreement: number;
  /** Whether a number of the stored quote or context reads differently there ("Section 66" where "Section 69" was). */
  numbersDiffer: boolean;
  /** How many stored context sides (0-2) sit, whole and verbatim, against the span. */
  abuttingSides: number;
  /** Like abuttingSides, also counting an empty side when the span touches that end of the text, where the quote was. */
  fittingSides: number;
  /** Distance from the hint, 0 without one. */
  distance: number;
  /**
   * Share of the stored description (prefix, quote and suffix characters that
   * can be compared here) found at this span: the weighted mean of quote
   * similarity and both context supports. What candidates are ranked and
   * accepted by (see chooseAnchor).
   */
  evidence: number;
  /** The same as a number of characters: how many stored characters agree with the text here. */
  agreement: number;
  /** Whether the candidate is convincing enough to anchor to (see isAcceptable). */
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
 * 25%. In the edit corpus (tests/renderer/anchoring/edit-corpus.test.ts)
 * typo, whitespace and quote-mark edits change at most 10% of a quote, and one
 * typo in a 5-9 character quote 11-20%; all of those re-attach. An unrelated
 * 32-character passage, searched in 1 MB of text shuffled from the same
 * article's words, matched with at least 31% errors (64 characters: 41%), so
 * a longer quote within budget is not there by chance (shorter ones are
 * checked against their context). Search time grows with the budget, so
 * halving it also halves the cost.
 */
const maxErrorRate = 0.25;
/** Cap on the error budget for very long quotes (Hypothesis' cap): ~8 bit-parallel blocks per text character. */
const maxErrorsCap = 256;
/** A span less similar than this to the quote is never the reader's passage, whatever its context (the budget, as a similarity). */
const minQuoteSimilarity = 1 - maxErrorRate;
/**
 * A span framed verbatim by *both* stored context sides needs only this much
 * of the quote to survive (as a similarity): 64 characters in place, the right
 * distance apart, are evidence no chance match has, so a passage whose words
 * were largely rewritten still re-attaches. When the passage is deleted the
 * two sides cannot both remain around a span (its surroundings go with it),
 * and a different phrase framed by the same 64 characters elsewhere keeps
 * little of the quote. Hard corpus (tests/common/anchoring/hard-corpus.test.ts),
 * seed 11: 0.3 re-attached 95.9% with 0.4% wrong, 0.45 92.5% with 0.5-0.8%
 * wrong (60%-rewritten passages then lose to stock phrases elsewhere).
 */
const minFramedSimilarity = 0.3;
/**
 * Least evidence (see chooseAnchor) an anchor needs when context was stored.
 * Hard corpus, seed 11 (the test runs seed 7): raising it from 0.5 to 0.7 or
 * 0.8 lost 3 and 6 points of re-attachment and orphaned no more deleted
 * passages, so it is only a floor; the acceptance rules do the work.
 */
const minEvidence = 0.5;
/**
 * Least evidence lead over the best candidate at another place. Hard corpus,
 * seed 11: a lead of 0.03 put 0.9% of highlights in the wrong place, 0.05
 * 0.5%, 0.065 0.4%, 0.1 0.3%, each step orphaning about half a point more.
 */
const minEvidenceLead = 0.065;
/**
 * A lead of this many agreeing characters also settles it: a 2,000-character
 * quote whose nearest look-alike agrees in 36 fewer characters is not a tie,
 * although that is only 2% of its evidence. Half a context side.
 */
const minAgreementLead = 16;
/**
 * A span with one stored side verbatim against it (the other side gone: a
 * paragraph moved, words inserted) is accepted when it matches at least this
 * many characters of the quote and `minDistinctiveSimilarity` of it. Shorter
 * ones ("beside the") recur with one side attached wherever a stock phrase
 * does. Hard corpus, seed 11: 8 characters anchored 4% of deleted passages,
 * 12 and 16 characters 2%, re-attaching 96.3%, 95.9% and 95.5%.
 */
const minOneSideMatched = 12;
/** Error budget, as a share of the quote, when no context was stored (Hypothesis' value). */
const contextlessErrorRate = 0.5;
/**
 * A verbatim quote is accepted when every stored side is at least this
 * similar to its surroundings: chance agreement of a 32-character side is
 * 0.31 (median) and 0.53 (99th percentile), so 0.6 says the side is there,
 * edited, and chooseAnchor's lead rule settles repeats.
 */
const minVerbatimContextSupport = 0.68;
/**
 * ...and one of them must be close to intact (`minIntactSide`), or both at
 * least `minEditedSides`. Texts written from templates (manuals, refrains,
 * numbered steps) put 0.7-0.8 of a side around any copy of a phrase, so two
 * sides at that level are a sibling as often as the reader's passage. Hard
 * corpus, seeds 7, 11 and 13: this orphaned 15 of the rule's 38 misplaced
 * anchors and 2 of its 219 right ones.
 */
const minIntactSide = 0.95;
const minEditedSides = 0.85;
/**
 * A side this similar confirms a distinctive quote that lost the other side.
 * With neither side near, a 35-77 character look-alike at 90% was, in the hard
 * corpus (seeds 7, 11, 13), a sibling of a deleted passage 6 times out of 6;
 * every moved passage it re-attached kept one side at 0.81 or more.
 */
const minConfirmingSide = 0.8;
/**
 * Unless the span is framed verbatim, or is a distinctive quote where the
 * highlight was, the context that shared the quote's own line may disagree in at most this many
 * characters (ownLineDisagreement): about one word. Moved lines and
 * paragraphs keep it whole, and a word edited beside the quote or emphasis
 * marks added cost a few characters; a passage deleted from a text written to
 * a template leaves siblings whose line differs in a slot or two ("the eager
 * rope, surely must be serviced" against "the faded lane, slowly must be
 * serviced"), the rest of their context agreeing. Hard corpus, seeds 1-24,
 * with chooseAnchor counting unacceptable rivals: deleted passages orphaned
 * 96.7% -> 97.9%, re-attached 96.7% -> 96.6%, wrong 0.27% -> 0.16% (5
 * characters: the same, but one replaced word beside a quote orphans it; 7:
 * orphaned 97.8%); seeds 25-48, unseen: orphaned 97.2% -> 98.5%, re-attached
 * 96.9%, wrong 0.15%.
 */
const maxOwnLineDisagreement = 6;
/** A quote at least this long occurring verbatim exactly once is accepted whatever its surroundings became (a moved line). */
const minUniqueVerbatimLength = 11;
/** How far from its stored position a candidate may be and still count as "in place" when several places fit equally. */
const positionTolerance = 32;
/**
 * A context side is "near" a span when at least this similar. Unrelated
 * 32-character text scores 0.31 (median), 0.53 (99th percentile) and at most
 * 0.66 in 2,000 samples against a 64-character window; an inserted word or a
 * typo in the surroundings keeps it above 0.9.
 */
const minContextSimilarity = 0.75;
/**
 * A quote matching at least this many characters, and at least
 * `minDistinctiveSimilarity` of itself, is evidence on its own, like one full
 * context side (32 characters): it can anchor even when the surroundings are
 * gone (a paragraph moved elsewhere). Shorter quotes need context: five
 * letters with one error occur by chance in any long text.
 */
const distinctiveQuoteLength = 32;
/**
 * Without confirming context a quote must be nearly intact (the corpus' typo
 * and whitespace edits stay within 10%): a 44-character quote whose passage
 * was deleted matched the article's opening sentence at 75%, on the strength
 * of the repeated phrase "the coronavirus outbreak has".
 */
const minDistinctiveSimilarity = 0.9;
/**
 * Length of the context "seeds" looked up verbatim in the whole text: the
 * characters of each side nearest the quote. Half a side: long enough to be
 * rare in prose, short enough to survive an edit in the far half of the side.
 */
const seedLength = 16;
/**
 * How much further than its own length a context side is looked for: words
 * inserted right next to a quote (up to about five) leave its surroundings
 * recognisable rather than replacing them.
 */
const contextSlack = 32;
/** Characters searched either side of the hint before the whole text: a few paragraphs inserted or deleted nearby. */
const hintWindowPadding = 4096;
/** Above this length, whole-text searches use head and tail probes instead of the full quote. */
const longQuoteLength = 256;
/** Length of the head and tail probes of a long quote. */
const probeLength = 128;
/** Matches of one search examined, nearest to the hint first: a five-letter quote can match thousands of times. */
const maxMatchesPerSearch = 64;
/** Probe hits verified in full, nearest to the hint first. */
const maxProbeHits = 16;
/** Context seed occurrences verified in full, nearest to the hint first: a seed of common words can occur hundreds of times. */
const maxSeedHits = 32;

/** Number of errors tolerated for a quote of `length` characters. */
function errorBudget(length: number): number {
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

/** matchQuote with the evidence kept. */
function findQuoteCandidate(text: string, quote: string, context: QuoteContext): ScoredCandidate | null {
  if (quote.length === 0 || text.length === 0) return null;
  // Verbatim occurrences compete too: the approximate search looks for a
  // short quote only where its context seeds point.
  const occurrences: number[] = [];
  for (let at = text.indexOf(quote); at !== -1 && occurrences.length <= maxMatchesPerSearch; at = text.indexOf(quote, at + 1))
    occurrences.push(at);
  const candidates = [
    ...occurrences.map((start) => scoreSpan(text, { start, end: start + quote.length, errors: 0 }, quote, context)),
    ...findQuoteCandidates(text, quote, context),
  ];
  const only = occurrences.length === 1 ? occurrences[0] : undefined;
  return chooseAnchor(withUniqueVerbatim(text, quote, context, candidates, only), hasStoredContext(context));
}

/**
 * Adds the quote's only verbatim occurrence (`only`, when it has exactly one),
 * accepted if the quote is at least `minUniqueVerbatimLength` long: a line
 * moved elsewhere loses both context sides but nothing else in the text says
 * it. Its surroundings may be anything but two things: a number that names
 * another item, and, away from where the highlight was, other words on the
 * quote's own line, which a moved line keeps. A manual's stock clause
 * ("second day, or sooner if the intake is") whose one other copy goes on
 * differently ("loose." for "worn.") is a sibling of a deleted rule. Hard
 * corpus, seeds 1-24: deleted orphaned 99.3% -> 99.4%; Hypothesis's pages:
 * wrong 11 -> 10 of 10,800; nothing else changed.
 */
export function withUniqueVerbatim(
  text: string,
  quote: string,
  context: QuoteContext,
  candidates: ScoredCandidate[],
  only: number | undefined,
): ScoredCandidate[] {
  if (only === undefined || quote.length < minUniqueVerbatimLength || recursTrimmed(text, quote)) return candidates;
  const unique = scoreSpan(text, { start: only, end: only + quote.length, errors: 0 }, quote, context);
  unique.acceptable =
    !unique.numbersDiffer && (unique.ownLineDisagreement <= maxOwnLineDisagreement || unique.distance <= positionTolerance);
  return [...candidates, unique];
}

/**
 * True when the quote without its first word, or without its last, occurs
 * more than once: the quote is then a variation of a recurring phrase ("the
 * leaden signal lamp cover" beside "the brass signal lamp cover"), and its
 * one verbatim occurrence is as likely a sibling of a deleted passage as the
 * passage moved. Hard corpus, seeds 5, 7, 11, 13 and 21: 10 of the 13
 * deleted passages the unique-occurrence rule misplaced, and 10 of its 41
 * right anchors.
 */
function recursTrimmed(text: string, quote: string): boolean {
  const firstSpace = quote.search(/\s/u);
  if (firstSpace === -1) return false;
  const lastSpace = quote.length - 1 - reversed(quote).search(/\s/u);
  return occursTwice(text, quote.slice(firstSpace + 1)) || occursTwice(text, quote.slice(0, lastSpace));
}

function occursTwice(text: string, fragment: string): boolean {
  const first = text.indexOf(fragment);
  return first !== -1 && text.indexOf(fragment, first + 1) !== -1;
}

/** Every acceptable location the approximate search found (several spans may describe one place). */
export function findQuoteCandidates(text: string, quote: string, context: QuoteContext): ScoredCandidate[] {
  if (quote.length === 0 || text.length === 0) return [];
  return new QuoteMatcher(text, quote, context).find();
}

/**
 * Whether a candidate is within the error budget that applies when context is
 * stored (`minQuoteSimilarity`), for a quote without context anchored in a
 * document that is only a guess: there Hypothesis' 50% budget finds some
 * look-alike in almost any text.
 */
export function withinStrictBudget(candidate: ScoredCandidate): boolean {
  return candidate.quoteSimilarity >= minQuoteSimilarity;
}

export function hasStoredContext(context: QuoteContext): boolean {
  return (context.prefix ?? '').length + (context.suffix ?? '').length > 0;
}

/**
 * The candidate to anchor to, or null. Candidates are ranked by evidence (how
 * much of the stored prefix, quote and suffix is found there), then by the
 * other measures (see rankCandidates). With context stored, the best must
 * also carry `minEvidence` and beat every candidate elsewhere, acceptable or
 * not, by `minAgreementLead` characters of agreement: two places that fit the description about equally
 * (a refrain, a stock phrase of a manual) mean the context did not tell
 * which one the reader meant, and a guess is wrong half the time. Without
 * context there is nothing to tell them apart but the position, so the
 * nearest best match is taken.
 */
export function chooseAnchor(candidates: ScoredCandidate[], contextStored: boolean): ScoredCandidate | null {
  const ranked = candidates.filter((candidate) => candidate.acceptable).sort(rankCandidates);
  const best = ranked[0];
  if (!best || !contextStored) return best ?? null;
  if (best.evidence < minEvidence) return null;
  // One candidate per place: the best-ranked span of each group of overlapping ones. A sibling that falls just short of acceptance
  // still fits the description about as well (hard corpus, seeds 1-24: deleted passages orphaned +5 of 720, wrong anchors 24 -> 19 of
  // 10,800, re-attached -0.1 point).
  const places: ScoredCandidate[] = [best];
  for (const candidate of [...candidates].sort(rankCandidates)) {
    if (places.every((place) => candidate.end <= place.start || candidate.start >= place.end)) places.push(candidate);
  }
  const contenders = places.filter(
    (place) => best.evidence - place.evidence < minEvidenceLead && best.agreement - place.agreement < minAgreementLead,
  );
  if (contenders.length === 1) return best;
  // Several places fit about equally; one still exactly where the highlight
  // was (give or take a reformatted character or two) is the reader's.
  const inPlace = contenders.filter((place) => place.acceptable && place.distance <= positionTolerance);
  return inPlace.length === 1 ? (inPlace[0] as ScoredCandidate) : null;
}

/** Orders candidates best first: by evidence, then context sides in place, score, closeness to the hint and position. */
export function rankCandidates(a: ScoredCandidate, b: ScoredCandidate): number {
  return b.evidence - a.evidence || b.fittingSides - a.fittingSides || b.score - a.score || a.distance - b.distance || a.start - b.start;
}

/** Scores one span as a location of `quote` (errors = its edit distance to the quote). */
export function scoreSpan(text: string, span: Span, quote: string, context: QuoteContext): ScoredCandidate {
  const prefix = context.prefix ?? '';
  const suffix = context.suffix ?? '';
  const quoteSimilarity = 1 - span.errors / quote.length;
  const prefixAbuts = prefix.length > 0 && text.endsWith(prefix, span.start);
  const suffixAbuts = suffix.length > 0 && text.startsWith(suffix, span.end);
  const before = (length: number): string => text.slice(Math.max(0, span.start - length), span.start);
  const after = (length: number): string => text.slice(span.end, span.end + length);
  // Hypothesis compares each side with exactly as many characters as were
  // stored, which ranks the span whose boundaries sit right highest.
  const prefixSimilarity = prefix.length === 0 || prefixAbuts ? 1 : similarityWithin(prefix, before(prefix.length));
  const suffixSimilarity = suffix.length === 0 || suffixAbuts ? 1 : similarityWithin(suffix, after(suffix.length));
  // Whether the surroundings are still there at all is judged further out, so
  // words inserted next to the quote do not hide them (at a small cost per
  // character they moved away). Only the part of a side that fits between the
  // span and the text's edge is compared: missing text cannot disagree.
  const comparedPrefix = prefix.slice(Math.max(0, prefix.length - span.start));
  const comparedSuffix = suffix.slice(0, Math.max(0, text.length - span.end));
  const prefixSupport = prefixSimilarity === 1 ? 1 : sideSupport(reversed(comparedPrefix), reversed(before(prefix.length + contextSlack)));
  const suffixSupport = suffixSimilarity === 1 ? 1 : sideSupport(comparedSuffix, after(suffix.length + contextSlack));
  const prefixLineDisagreement =
    prefixSupport === 1 ? 0 : lineDisagreement(reversed(comparedPrefix), reversed(before(prefix.length + contextSlack)));
  const suffixLineDisagreement = suffixSupport === 1 ? 0 : lineDisagreement(comparedSuffix, after(suffix.length + contextSlack));
  const describedLength = quote.length + comparedPrefix.length + comparedSuffix.length;
  const evidence =
    (quote.length * quoteSimilarity + comparedPrefix.length * prefixSupport + comparedSuffix.length * suffixSupport) / describedLength;
  const hint = context.hint;
  const distance = hint === undefined ? 0 : Math.abs(span.start - hint);
  const closeness = 1 - Math.min(1, distance / Math.max(1, text.length));
  const score =
    (quoteWeight * quoteSimilarity + prefixWeight * prefixSimilarity + suffixWeight * suffixSimilarity + positionWeight * closeness) /
    totalWeight;
  const prefixFits = prefixAbuts || (prefix.length === 0 && span.start === 0);
  const suffixFits = suffixAbuts || (suffix.length === 0 && span.end === text.length);
  const candidate: ScoredCandidate = {
    start: span.start,
    end: span.end,
    score,
    errors: span.errors,
    quoteSimilarity,
    prefixSimilarity,
    suffixSimilarity,
    prefixSupport,
    suffixSupport,
    ownLineDisagreement: Math.max(prefixLineDisagreement, suffixLineDisagreement),
    numbersDiffer:
      quoteNumbersDiffer(quote, text.slice(span.start, span.end)) ||
      sideNumberDiffers(reversed(comparedPrefix), reversed(before(prefix.length + contextSlack))) ||
      sideNumberDiffers(comparedSuffix, after(suffix.length + contextSlack)),
    abuttingSides: Number(prefixAbuts) + Number(suffixAbuts),
    fittingSides: Number(prefixFits) + Number(suffixFits),
    distance,
    evidence,
    agreement: evidence * describedLength,
    acceptable: false,
  };
  candidate.acceptable = isAcceptable(candidate, quote.length, prefix.length, suffix.length);
  return candidate;
}

/**
 * Whether a candidate is convincing enough to anchor to. Without stored
 * context, any match within Hypothesis' budget. With context, never where a
 * number of the quote or its context names another item (`numbersDiffer`),
 * and otherwise one of:
 * - a span framed verbatim by both sides (`minFramedSimilarity`);
 * - the verbatim quote, both sides still there (`minVerbatimContextSupport`),
 *   one of them about intact or both well kept (`sidesConfirm`), the words
 *   on its own line about intact (`maxOwnLineDisagreement`);
 * and otherwise, within the error budget (`minQuoteSimilarity`):
 * - a distinctive quote (`distinctiveQuoteLength`) with one side confirming it,
 *   the words on its own line about intact unless it is where the highlight
 *   was: a long stock sentence of a manual recurs with one side the same and
 *   the words after it on its line changed ("…if the intake is worn." against
 *   "…if the intake is loose."). Hard corpus, seeds 1-24: deleted passages
 *   orphaned 98.9% -> 99.3%, nothing else changed there, on seeds 25-48 or on
 *   Hypothesis's pages;
 * - with the words on its own line about intact, both sides near
 *   (`minContextSimilarity`), confirmed as above;
 * - or one whole side verbatim against a nearly intact quote of at least
 *   `minOneSideMatched` characters: a paragraph inserted right above a passage
 *   replaces its whole prefix. Half a side is not enough ("of| inte|rnational
 *   terrorism" recurs in one article), nor is one side for a shorter edited
 *   quote: when a passage is deleted, the paragraphs either side of it meet,
 *   and the seam often looks like the old quote with one side attached.
 */
function isAcceptable(candidate: ScoredCandidate, quoteLength: number, prefixLength: number, suffixLength: number): boolean {
  // Without stored context the quote is all the evidence there is, and the
  // caller asked for the best match: Hypothesis' 50% budget.
  if (prefixLength + suffixLength === 0) return candidate.quoteSimilarity >= 1 - contextlessErrorRate;
  // A number is the one word a template's siblings never share: a deleted step, section or verse leaves its neighbours, which
  // differ from it only there ("2. Record the reading" beside "3. Record the reading"). Hard corpus, with the unique-verbatim
  // rule held to it too: deleted passages orphaned 97.9% -> 98.9% (seeds 1-24) and 98.5% -> 98.9% (25-48), wrong anchors
  // 0.16% -> 0.09% and 0.15% -> 0.07%, re-attached 96.6% -> 96.5% and 96.9% -> 96.9%. On Hypothesis's pages, 3 of 10,800 passages
  // still there fewer re-attached.
  if (candidate.numbersDiffer) return false;
  const weakerSide = Math.min(candidate.prefixSupport, candidate.suffixSupport);
  const strongerSide = Math.max(candidate.prefixSupport, candidate.suffixSupport);
  const sidesConfirm = strongerSide >= minIntactSide || weakerSide >= minEditedSides;
  if (candidate.abuttingSides === 2 && candidate.quoteSimilarity >= minFramedSimilarity) return true;
  const ownLineKept = candidate.ownLineDisagreement <= maxOwnLineDisagreement;
  if (candidate.errors === 0 && ownLineKept && weakerSide >= minVerbatimContextSupport && sidesConfirm) return true;
  if (candidate.quoteSimilarity < minQuoteSimilarity) return false;
  if (
    quoteLength - candidate.errors >= distinctiveQuoteLength &&
    candidate.quoteSimilarity >= minDistinctiveSimilarity &&
    strongerSide >= minConfirmingSide &&
    (ownLineKept || candidate.distance <= positionTolerance)
  )
    return true;
  if (!ownLineKept) return false;
  if (weakerSide >= minContextSimilarity && sidesConfirm) return true;
  return (
    candidate.abuttingSides > 0 &&
    quoteLength - candidate.errors >= minOneSideMatched &&
    candidate.quoteSimilarity >= minDistinctiveSimilarity
  );
}

/** How many of `prefix`'s last characters appear verbatim right before `text[at]`. */
export function sharedEndingLength(prefix: string, text: string, at: number): number {
  let shared = 0;
  while (shared < prefix.length && shared < at && prefix.charCodeAt(prefix.length - 1 - shared) === text.charCodeAt(at - 1 - shared))
    shared++;
  return shared;
}

/** How many of `suffix`'s first characters appear verbatim from `text[at]` on. */
export function sharedBeginningLength(suffix: string, text: string, at: number): number {
  let shared = 0;
  while (shared < suffix.length && at + shared < text.length && suffix.charCodeAt(shared) === text.charCodeAt(at + shared)) shared++;
  return shared;
}

/** Cost of each window character skipped before a context side's alignment starts: an inserted word moves it, a little evidence is lost. */
const displacementCost = 0.2;

/**
 * How well the context side `pattern` appears at the start of `window` (the
 * text next to the span, read away from it): 1 - cost / length of the best
 * alignment of the whole pattern with a stretch of the window starting within
 * it, each skipped leading character costing `displacementCost`. Inputs are a
 * side's 32 characters and a window of 64, so the table is small.
 */
function sideSupport(pattern: string, window: string): number {
  if (pattern.length === 0) return 1;
  let previous = Array.from({ length: window.length + 1 }, (_, j) => j * displacementCost);
  for (let i = 1; i <= pattern.length; i++) {
    const current = [i];
    for (let j = 1; j <= window.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (pattern.charCodeAt(i - 1) === window.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
    }
    previous = current;
  }
  return Math.max(0, 1 - Math.min(...previous) / pattern.length);
}

/**
 * Characters of disagreement between the words of a context side that shared
 * the quote's line and those on the span's line, both read away from the
 * quote. Only as much as both lines hold is compared: a paragraph split right
 * at the quote leaves nothing there to disagree.
 */
function lineDisagreement(side: string, window: string): number {
  const sideLine = side.split('\n', 1)[0] ?? '';
  const windowLine = window.split('\n', 1)[0] ?? '';
  const compared = sideLine.slice(0, Math.min(sideLine.length, windowLine.length));
  return compared.length * (1 - sideSupport(compared, windowLine));
}

/** Digits of every script (Arabic-Indic and full-width ones too): section, step and verse numbers are written in them all. */
const digitRuns = /\p{Nd}+/gu;

function numbersIn(value: string): { digits: string; at: number; end: number }[] {
  return [...value.matchAll(digitRuns)].map((match) => ({ digits: match[0], at: match.index, end: match.index + match[0].length }));
}

/**
 * Whether `found` is another number than `stored` rather than the same one
 * mistyped: a digit dropped or added is a slip ("2005" as "205"); the same
 * count of different digits, or a wholly other number, names another item.
 */
function isOtherNumber(stored: string, found: string): boolean {
  if (stored === found) return false;
  const [shorter, longer] = stored.length < found.length ? [stored, found] : [found, stored];
  if (shorter.length < 2 || longer.length - shorter.length !== 1) return true;
  let at = 0;
  while (at < shorter.length && shorter[at] === longer[at]) at++;
  return shorter.slice(at) !== longer.slice(at + 1);
}

/** Whether the quote and the span hold as many numbers, some of them other numbers. */
function quoteNumbersDiffer(quote: string, found: string): boolean {
  const stored = numbersIn(quote);
  if (stored.length === 0) return false;
  const there = numbersIn(found);
  return stored.length === there.length && stored.some((number, index) => isOtherNumber(number.digits, there[index]?.digits ?? ''));
}

/** How far (in characters) a number of a context side may have moved and still stand in the same slot: a word edited between. */
const numberSlotTolerance = 6;

/**
 * Whether the number of a context side nearest the quote (both read away
 * from it) is gone from the window and another number stands in its slot.
 */
function sideNumberDiffers(side: string, window: string): boolean {
  const stored = numbersIn(side).find((number) => number.end < side.length);
  if (!stored) return false;
  const there = numbersIn(window).filter((number) => number.end < window.length);
  if (there.some((number) => !isOtherNumber(stored.digits, number.digits))) return false;
  return there.some((number) => Math.abs(number.at - stored.at) <= numberSlotTolerance);
}

function reversed(value: string): string {
  return [...value].reverse().join('');
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

/** Moves range boundaries that split a surrogate pair outwards, so an emoji is described whole (describeTextRange). */
export function widenToCodePoints(text: string, start: number, end: number): { start: number; end: number } {
  return { start: splitsSurrogatePair(text, start) ? start - 1 : start, end: splitsSurrogatePair(text, end) ? end + 1 : end };
}

/** One quote lookup: holds the text, quote, context and budgets shared by every search step. */
class QuoteMatcher {
  private readonly prefix: string;
  private readonly suffix: string;
  private readonly hint: number | undefined;
  private readonly budget: number;
  /** Error budget of a span framed by both context sides (see minFramedSimilarity). */
  private readonly framedBudget: number;

  constructor(
    private readonly text: string,
    private readonly quote: string,
    context: QuoteContext,
  ) {
    this.prefix = context.prefix ?? '';
    this.suffix = context.suffix ?? '';
    this.hint =
      context.hint === undefined || !Number.isFinite(context.hint)
        ? undefined
        : Math.min(Math.max(0, Math.round(context.hint)), text.length);
    this.budget = hasStoredContext(context)
      ? errorBudget(quote.length)
      : Math.min(maxErrorsCap, Math.floor(quote.length * contextlessErrorRate));
    this.framedBudget = Math.min(maxErrorsCap, Math.floor(quote.length * (1 - minFramedSimilarity)));
  }

  find(): ScoredCandidate[] {
    const { text, quote, hint } = this;
    const scoredContext: QuoteContext = { prefix: this.prefix, suffix: this.suffix, hint };
    const nearbySpans: Span[] = [];
    if (hint !== undefined) {
      const windowStart = Math.max(0, hint - hintWindowPadding);
      const windowEnd = Math.min(text.length, hint + quote.length + hintWindowPadding);
      nearbySpans.push(...this.framedAnywhere(), ...this.locate(windowStart, windowEnd, true));
      const nearby = this.acceptable(nearbySpans, scoredContext);
      if (windowStart === 0 && windowEnd === text.length) return nearby;
      // Settle for a nearby match framed verbatim by both context sides:
      // 64 characters in place, nothing elsewhere could carry more evidence.
      const framed = nearby.filter((candidate) => candidate.fittingSides === 2);
      if (framed.length > 0) return framed;
    }
    const framed = hint === undefined ? this.framedAnywhere() : [];
    return this.acceptable([...nearbySpans, ...framed, ...this.locateInWholeText()], scoredContext);
  }

  /**
   * Spans between a verbatim occurrence of the whole stored prefix and one of
   * the whole suffix no further apart than the quote allows, however much of
   * the quote changed in between (up to `framedBudget`). Found with indexOf,
   * so a rewrite far past the search's error budget costs next to nothing.
   */
  private framedAnywhere(): Span[] {
    const { text, prefix, suffix, quote, framedBudget } = this;
    if (prefix.length < seedLength || suffix.length < seedLength) return [];
    const spans: Span[] = [];
    for (const at of this.nearestOccurrences(prefix)) {
      const start = at + prefix.length;
      const end = text.indexOf(suffix, start);
      if (end === -1 || end - start > quote.length + framedBudget) continue;
      const errors = boundedEditDistance(text.slice(start, end), quote, framedBudget);
      if (errors <= framedBudget) spans.push({ start, end, errors });
    }
    return spans;
  }

  /** The acceptable candidates among `spans`, boundaries kept off surrogate halves. */
  private acceptable(spans: Span[], context: QuoteContext): ScoredCandidate[] {
    return this.withContextSnaps(spans)
      .flatMap((span) => this.wholeCodePoints(span))
      .map((span) => scoreSpan(this.text, span, this.quote, context))
      .filter((candidate) => candidate.acceptable);
  }

  /**
   * The span itself, or when a boundary falls inside a surrogate pair (the
   * search works on code units), the variants with that character wholly in
   * and wholly out, re-measured: scoring then picks whichever matches better.
   */
  private wholeCodePoints(span: Span): Span[] {
    const { text } = this;
    const splitsStart = splitsSurrogatePair(text, span.start);
    const splitsEnd = splitsSurrogatePair(text, span.end);
    if (!splitsStart && !splitsEnd) return [span];
    const starts = splitsStart ? [span.start - 1, span.start + 1] : [span.start];
    const ends = splitsEnd ? [span.end - 1, span.end + 1] : [span.end];
    return starts.flatMap((start) =>
      ends
        .filter((end) => end > start)
        .map((end) => ({ start, end, errors: boundedEditDistance(text.slice(start, end), this.quote, this.budget + 2) })),
    );
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
      // Equally good matches usually overlap (the same place, give or take a
      // character); one look inside each group is enough.
      for (const match of mergeOverlapping(this.nearestFirst(contextual, windowStart).slice(0, maxMatchesPerSearch))) {
        const inside = region.slice(match.start, match.end);
        for (const found of search(inside, quote, budget)) {
          const start = windowStart + match.start + found.start;
          spans.push({ start, end: start + found.end - found.start, errors: found.errors });
        }
        const framed = this.framedSpan(windowStart + match.start, windowStart + match.end, match.errors);
        if (framed) spans.push(framed);
      }
    }
    const framedFound = spans.some((span) => this.isFramed(span));
    // A framed span outranks anything the quote alone could add.
    if (withQuoteOnly && !framedFound) {
      const plain = search(region, quote, budget);
      for (const found of this.nearestFirst(plain, windowStart).slice(0, maxMatchesPerSearch)) {
        spans.push({ start: windowStart + found.start, end: windowStart + found.end, errors: found.errors });
      }
    }
    return spans;
  }

  private isFramed(span: Span): boolean {
    const { text, prefix, suffix } = this;
    return prefix.length > 0 && suffix.length > 0 && text.endsWith(prefix, span.start) && text.startsWith(suffix, span.end);
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
    const { text, prefix, suffix, quote } = this;
    if (prefix.length === 0 || suffix.length === 0) return null;
    const start = nearestOffset(from + prefix.length, reach, text.length, (at) => text.endsWith(prefix, at));
    const end = nearestOffset(to - suffix.length, reach, text.length, (at) => text.startsWith(suffix, at));
    if (start === undefined || end === undefined || end <= start) return null;
    const errors = boundedEditDistance(text.slice(start, end), quote, this.framedBudget);
    return errors <= this.framedBudget ? { start, end, errors } : null;
  }

  /**
   * Whole-text search, made cheap by filtering before verifying: the full
   * `prefix + quote + suffix` search runs only in small windows where a seed
   * says the passage may be.
   *
   * - Context seeds: the `seedLength` characters of each context side
   *   next to the quote, found verbatim with indexOf. They find a passage that
   *   moved with at least one side of its surroundings intact; one whose
   *   surroundings changed on both sides is only looked for near the hint,
   *   unless its quote is distinctive.
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
      const seed = prefix.slice(-seedLength);
      for (const at of this.nearestOccurrences(seed)) windows.push([at + seed.length - prefix.length - budget, at + seed.length + reach]);
    }
    if (suffix.length > 0) {
      const seed = suffix.slice(0, seedLength);
      for (const at of this.nearestOccurrences(seed)) windows.push([at - reach, at + suffix.length + budget]);
    }
    // With context stored, what the quote alone finds here (no context side
    // where the seeds point) can only be accepted as a distinctive quote, at
    // most `1 - minDistinctiveSimilarity` off: a tighter search, and a
    // cheaper one, since Myers' cost grows with the error budget.
    const contextStored = prefix.length + suffix.length > 0;
    const aloneRate = contextStored ? 1 - minDistinctiveSimilarity : contextlessErrorRate;
    if (quote.length > longQuoteLength) {
      const probeBudget = Math.floor(probeLength * aloneRate);
      const slack = budget + prefix.length + suffix.length + probeBudget;
      for (const hit of this.nearestFirst(search(text, quote.slice(0, probeLength), probeBudget), 0).slice(0, maxProbeHits)) {
        windows.push([hit.start - slack, hit.start + quote.length + slack]);
      }
      for (const hit of this.nearestFirst(search(text, quote.slice(-probeLength), probeBudget), 0).slice(0, maxProbeHits)) {
        windows.push([hit.end - quote.length - slack, hit.end + slack]);
      }
    } else if (quote.length >= distinctiveQuoteLength || !contextStored) {
      const aloneBudget = contextStored ? Math.floor(quote.length * aloneRate) : budget;
      for (const found of this.nearestFirst(search(text, quote, aloneBudget), 0).slice(0, maxMatchesPerSearch)) spans.push(found);
    }
    for (const [from, to] of mergeWindows(windows, text.length)) spans.push(...this.locate(from, to, true));
    return spans;
  }

  /** Start offsets of `seed` in the text, at most `maxSeedHits`, nearest to the hint first. */
  private nearestOccurrences(seed: string): number[] {
    const starts: number[] = [];
    for (let at = this.text.indexOf(seed); at !== -1; at = this.text.indexOf(seed, at + 1)) starts.push(at);
    return this.nearestFirst(
      starts.map((start) => ({ start })),
      0,
    )
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
      const start =
        prefix.length > 0
          ? (nearestOffset(span.start, span.errors, text.length, (at) => text.endsWith(prefix, at)) ?? span.start)
          : span.start;
      const end =
        suffix.length > 0 ? (nearestOffset(span.end, span.errors, text.length, (at) => text.startsWith(suffix, at)) ?? span.end) : span.end;
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

/** Merges overlapping matches into one covering both, keeping the fewer errors. */
function mergeOverlapping(matches: Span[]): Span[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const match of sorted) {
    const last = merged.at(-1);
    if (last && match.start < last.end) {
      last.end = Math.max(last.end, match.end);
      last.errors = Math.min(last.errors, match.errors);
    } else merged.push({ ...match });
  }
  return merged;
}

/** Clamps windows to the text and merges overlapping ones, so no region is searched twice. */
function mergeWindows(windows: [number, number][], length: number): [number, number][] {
  const clamped = windows
    .map(([from, to]): [number, number] => [Math.max(0, from), Math.min(length, to)])
    .filter(([from, to]) => from < to);
  clamped.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const window of clamped) {
    const last = merged.at(-1);
    if (last && window[0] <= last[1]) last[1] = Math.max(last[1], window[1]);
    else merged.push([window[0], window[1]]);
  }
  return merged;
}
