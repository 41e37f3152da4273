import type { Highlight } from '../../common/contract';

/** A valid highlight for tests that need one and do not care where it sits: `exact` at the start of the text, yellow, no note or tags. */
export function sampleHighlight(id: string, fields: Partial<Highlight> & { exact?: string } = {}): Highlight {
  const { exact = 'quote', ...rest } = fields;
  const at = '2026-01-01T00:00:00.000Z';
  return {
    id,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: exact.length },
    revision: 0,
    color: 'yellow',
    note: '',
    tags: [],
    createdAt: at,
    updatedAt: at,
    ...rest,
  };
}
