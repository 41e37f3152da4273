import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../common/contract';
import { sortDocuments } from '../../common/library-order';

const doc = (id: string, title: string, addedAt: string, openedAt: string | null): DocumentSummary => ({
  id,
  title,
  author: null,
  date: null,
  source: null,
  addedAt,
  openedAt,
});

const documents = [
  doc('a', 'beta', '2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'),
  doc('b', 'Alpha', '2026-02-01T00:00:00.000Z', null),
  doc('c', 'Chapter 10', '2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'),
  doc('d', 'Chapter 9', '2026-01-15T00:00:00.000Z', null),
];

describe('sortDocuments', () => {
  it.each([
    ['opened', ['c', 'a', 'b', 'd']],
    ['added', ['c', 'b', 'd', 'a']],
    ['title', ['b', 'a', 'd', 'c']],
  ] as const)(
    'by %s gives %j (never-opened documents after the opened ones, newest added first; titles ignore case and read numbers as numbers)',
    (sort, ids) => {
      expect(sortDocuments(documents, sort).map((summary) => summary.id)).toEqual(ids);
    },
  );

  it('leaves its input alone', () => {
    const copy = [...documents];
    sortDocuments(documents, 'title');
    expect(documents).toEqual(copy);
  });
});
