import { type Highlight, limits } from '../../../common/contract';
import { GlossError } from '../errors';

/**
 * Refuses a change that would take a document past limits.highlightsPerDocument
 * or limits.highlightTextPerDocument (quotes and notes together). `incoming`
 * replaces the highlights with the same ids and adds the others. A change that
 * shrinks a document already over a limit (a file from before the limits) is
 * let through.
 */
export function checkHighlightLimits(existing: readonly Highlight[], incoming: readonly Highlight[], title: string): void {
  const result = new Map(existing.map((highlight) => [highlight.id, highlight]));
  for (const highlight of incoming) result.set(highlight.id, highlight);
  const count = result.size;
  if (count > limits.highlightsPerDocument && count > existing.length) {
    throw new GlossError(
      'invalid-argument',
      `“${title}” cannot have more than ${limits.highlightsPerDocument.toLocaleString('en')} highlights; nothing was added.`,
    );
  }
  const textOf = (highlights: Iterable<Highlight>): number => {
    let total = 0;
    for (const { quote, note } of highlights) total += quote.exact.length + note.length;
    return total;
  };
  const text = textOf(result.values());
  if (text > limits.highlightTextPerDocument && text > textOf(existing)) {
    const megabytes = limits.highlightTextPerDocument / 1024 / 1024;
    throw new GlossError(
      'invalid-argument',
      `The highlights and notes of “${title}” cannot hold more than ${megabytes} million characters together; this change was not saved.`,
    );
  }
}
