// @vitest-environment jsdom
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DocumentDetails, DocumentSummary } from '../../common/contract';
import { LibraryView, libraryRowsPerPage, rowsToShow } from '../../renderer/src/library-view';

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

describe('LibraryView with only the launch’s first page', () => {
  beforeAll(() => {
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe(): void {}
        unobserve(): void {}
      },
    );
  });

  const summaries = Array.from({ length: 250 }, (_, index): DocumentSummary => ({
    id: `d${index}`,
    title: `Article ${index}`,
    author: null,
    date: null,
    source: null,
    addedAt: new Date(Date.UTC(2026, 0, 1) - index * 60_000).toISOString(),
    openedAt: null,
  }));
  const details = summaries.map((summary): DocumentDetails => ({
    documentId: summary.id,
    progress: 0,
    highlightCount: 1,
    tags: [],
    wordCount: 10,
  }));

  it('counts the whole library, offers its tags, and waits for the whole list before another order, a tag or more rows', () => {
    const nav = document.createElement('nav');
    const list = document.createElement('ul');
    nav.append(list);
    document.body.append(nav);
    const view = new LibraryView(list, { open: () => undefined, editMetadata: async () => undefined, delete: () => undefined });
    const rows = () => list.querySelectorAll('.library-entry');
    const [sort, tag] = nav.querySelectorAll('select');
    const showMore = nav.querySelector<HTMLButtonElement>('.library-more')!;

    view.show(
      { documents: summaries.slice(0, 100), details: details.slice(0, 100), firstPageOf: { total: 10_000, tags: ['far-away'] } },
      'd0',
    );
    expect(rows()).toHaveLength(100);
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('10000');
    expect(showMore.hidden).toBe(false);
    expect(showMore.textContent).toBe('Show more · 9,900 of 10,000 not shown yet');
    expect([...tag!.options].map((option) => option.value)).toEqual(['', 'far-away']);
    expect(sort!.disabled).toBe(true);
    expect(tag!.disabled).toBe(true);
    showMore.click();
    expect(rows()).toHaveLength(100);

    view.show({ documents: summaries, details, firstPageOf: null }, 'd0');
    expect(sort!.disabled).toBe(false);
    expect(tag!.disabled).toBe(false);
    expect(rows()[0]!.getAttribute('aria-setsize')).toBe('250');
    expect(showMore.textContent).toBe('Show more · 150 of 250 not shown yet');
    showMore.click();
    expect(rows()).toHaveLength(200);
    nav.remove();
  });
});
