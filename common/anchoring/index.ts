/**
 * Text anchoring for highlights: describe a range of the rendered text as
 * W3C selectors, and find those selectors again after the text changed.
 * Pure string code, usable in the renderer and in Node.
 */
export { anchorAtStoredPosition, anchorSelectors, contextLength, describeTextRange } from './selectors';
export type { AnchorOptions, AnchorResult, TextPositionSelector, TextQuoteSelector, TextSelectors } from './selectors';
export { matchQuote } from './match-quote';
export type { QuoteContext, QuoteMatch } from './match-quote';
