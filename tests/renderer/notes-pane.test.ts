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

describe('the notes pane updates by key', () => {
  function mountedPane(session: DocumentSession): { pane: HTMLElement; notesPane: NotesPane } {
    const pane = document.createElement('aside');
    document.body.replaceChildren(pane);
    const notesPane = new NotesPane(pane, { reveal: vi.fn(), copyQuote: vi.fn(), reattachToSelection: vi.fn() });
    notesPane.show(session);
    return { pane, notesPane };
  }
  const entryFor = (pane: HTMLElement, id: string) => pane.querySelector<HTMLLIElement>(`li[data-highlight-id="${id}"]`);

  it('keeps the entries that still match when the filter is typed in, with their rendered notes untouched, and the box keeps the focus', () => {
    const session = fakeSession(30);
    for (const [id, highlight] of session.highlights.entries()) session.highlights.set(id, { ...highlight, note: 'A **bold** note' });
    const { pane } = mountedPane(session);
    const kept = entryFor(pane, 'h1')!;
    const keptNote = kept.querySelector('.entry-note')!.firstChild;
    expect(kept.querySelector('strong')?.textContent).toBe('bold');

    const search = pane.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.focus();
    search.value = 'quote 1';
    search.dispatchEvent(new Event('input'));

    // Every word anywhere: quote 1, quote 10 … quote 19 and quote 21.
    expect(entries(pane)).toHaveLength(12);
    expect(entryFor(pane, 'h1')).toBe(kept);
    expect(kept.querySelector('.entry-note')!.firstChild).toBe(keptNote);
    expect(document.activeElement).toBe(search);

    search.value = '';
    search.dispatchEvent(new Event('input'));
    expect(entries(pane)).toHaveLength(30);
    expect(entryFor(pane, 'h1')).toBe(kept);
  });

  it('updates a changed entry in place: the focused tags field keeps its focus and caret, another entry shows its new note', () => {
    const session = fakeSession(3, 0);
    const { pane, notesPane } = mountedPane(session);
    const tags = pane.querySelector<HTMLInputElement>('input[aria-label="Tags"]')!;
    tags.focus();
    tags.value = 'animals, sle';
    tags.setSelectionRange(4, 7);

    const h0 = session.highlights.get('h0')!;
    const h1 = session.highlights.get('h1')!;
    session.highlights.set('h0', { ...h0, tags: ['animals'], updatedAt: '2026-01-02T00:00:00.000Z' });
    session.highlights.set('h1', { ...h1, note: 'A *new* note' });
    // What the store does after the session announces a change.
    notesPane.show(session);

    expect(pane.querySelector('input[aria-label="Tags"]')).toBe(tags);
    expect(document.activeElement).toBe(tags);
    expect([tags.selectionStart, tags.selectionEnd]).toEqual([4, 7]);
    expect(tags.value).toBe('animals, sle');
    expect(entryFor(pane, 'h0')!.querySelector('.entry-times')?.textContent).toContain('edited');
    expect(entryFor(pane, 'h1')!.querySelector('.entry-note em')?.textContent).toBe('new');
  });
});
