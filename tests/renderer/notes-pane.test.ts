// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { Highlight } from '../../common/contract';
import type { DocumentSession } from '../../renderer/src/highlights/session';
import { NotesPane } from '../../renderer/src/notes/notes-pane';

function fakeSession(count: number, selectedIndex: number | null = null): DocumentSession {
  const highlights = new Map<string, Highlight>();
  for (let index = 0; index < count; index++) {
    const id = `h${index}`;
    highlights.set(id, {
      id,
      quote: { type: 'TextQuoteSelector', exact: `quote ${index}`, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: index * 10, end: index * 10 + 5 },
      revision: 0,
      color: 'yellow',
      note: '',
      tags: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  }
  const session = {
    highlights,
    documentNote: '',
    selectedId: selectedIndex === null ? null : `h${selectedIndex}`,
    placed: () => [...highlights.values()].map(({ id, color, position }) => ({ id, color, start: position.start, end: position.end })),
    orphans: () => [],
  };
  return session as unknown as DocumentSession;
}

const entries = (pane: HTMLElement) => pane.querySelectorAll('ol[aria-label="Highlights"] > li');

describe('the notes pane with many highlights', () => {
  it('builds the first 200 entries and offers the rest on request', () => {
    const pane = document.createElement('aside');
    new NotesPane(pane, { reveal: vi.fn(), copyQuote: vi.fn(), reattachToSelection: vi.fn() }).show(fakeSession(450));
    expect(entries(pane)).toHaveLength(200);
    const more = Array.from(pane.querySelectorAll('button')).find((button) => button.textContent?.startsWith('Show more'));
    expect(more?.textContent).toBe('Show more (250 not shown)');

    more!.click();
    expect(entries(pane)).toHaveLength(400);
  });

  it('builds as far as the selected entry, however deep it is', () => {
    const pane = document.createElement('aside');
    new NotesPane(pane, { reveal: vi.fn(), copyQuote: vi.fn(), reattachToSelection: vi.fn() }).show(fakeSession(1000, 730));
    expect(pane.querySelector('li[aria-current="true"]')?.textContent).toContain('quote 730');
  });

  it('builds every entry of a short list, with no "Show more"', () => {
    const pane = document.createElement('aside');
    new NotesPane(pane, { reveal: vi.fn(), copyQuote: vi.fn(), reattachToSelection: vi.fn() }).show(fakeSession(3));
    expect(entries(pane)).toHaveLength(3);
    expect(pane.textContent).not.toContain('Show more');
  });
});
