import { describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../common/contract';
import { libraryRowsPerPage, rowsToShow, sortDocuments } from '../../renderer/src/library-view';

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

describe('rowsToShow', () => {
  const page = libraryRowsPerPage;

  it('shows a page of a long list, all of a short one', () => {
    expect(rowsToShow(10_000, 0, -1)).toBe(page);
    expect(rowsToShow(page - 3, 0, -1)).toBe(page - 3);
    expect(rowsToShow(0, page, -1)).toBe(0);
  });

  it('never takes back rows already shown, and rounds up to whole pages', () => {
    expect(rowsToShow(10_000, 3 * page, -1)).toBe(3 * page);
    expect(rowsToShow(10_000, 2 * page + 1, -1)).toBe(3 * page);
    expect(rowsToShow(2 * page + 7, 3 * page, -1)).toBe(2 * page + 7);
  });

  it('reaches the open document’s row wherever the sort put it', () => {
    expect(rowsToShow(10_000, page, page)).toBe(2 * page);
    expect(rowsToShow(10_000, page, 9_999)).toBe(10_000);
    expect(rowsToShow(10_000, page, page - 1)).toBe(page);
  });
});
