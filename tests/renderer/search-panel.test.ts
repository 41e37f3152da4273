// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../../common/contract';
import { SearchPanel } from '../../renderer/src/search/search-panel';

function result(documentId: string): SearchResult {
  return { documentId, title: `Document ${documentId}`, author: null, score: 1, hits: [], hitCount: 1 };
}

let found: SearchResult[] = [];
const search = vi.fn(async (_query: string) => found);
let panel: SearchPanel;

beforeEach(() => {
  document.body.replaceChildren();
  search.mockClear();
  const form = document.createElement('div');
  document.body.append(form);
  panel = new SearchPanel(form, { search, open: () => undefined, showing: () => undefined });
});

const status = () => document.querySelector('.search-status')?.textContent;

/** Types `query` and presses Enter, then lets the search's answer arrive. */
async function searchFor(query: string): Promise<void> {
  panel.input.value = query;
  panel.input.dispatchEvent(new Event('input'));
  panel.input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await vi.waitFor(() => expect(status()).not.toBe(''));
}

describe('SearchPanel while the library is first indexed', () => {
  it('says its results come from the documents read so far, and searches again once every document is read', async () => {
    panel.indexProgress({ done: 3_200, total: 10_000 });
    found = [result('a'), result('b')];
    await searchFor('harbour');
    expect(status()).toBe('2 documents match so far: still reading the library (3,200 of 10,000 documents).');

    // Reports in between change nothing on screen (the status is a live region).
    panel.indexProgress({ done: 6_400, total: 10_000 });
    expect(status()).toBe('2 documents match so far: still reading the library (3,200 of 10,000 documents).');
    expect(search).toHaveBeenCalledTimes(1);

    found = [result('a'), result('b'), result('c')];
    panel.indexProgress({ done: 10_000, total: 10_000 });
    await vi.waitFor(() => expect(status()).toBe('3 documents match.'));
    expect(search).toHaveBeenCalledTimes(2);
    expect(search).toHaveBeenLastCalledWith('harbour');
  });

  it('runs the query showing again when a read starts after its answer came, so the answer says it is partial', async () => {
    found = [result('a')];
    await searchFor('harbour');
    expect(status()).toBe('1 document match.');
    panel.indexProgress({ done: 0, total: 10_000 });
    await vi.waitFor(() => expect(status()).toBe('1 document match so far: still reading the library (0 of 10,000 documents).'));
    expect(search).toHaveBeenCalledTimes(2);
  });

  it('runs nothing when the index is complete and no query is showing', () => {
    panel.indexProgress({ done: 5, total: 10 });
    panel.indexProgress({ done: 10, total: 10 });
    expect(search).not.toHaveBeenCalled();
  });
});
