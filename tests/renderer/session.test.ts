// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GlossBridge, Highlight, HighlightColor, OpenedDocument } from '../../common/contract';
import { describeTextRange } from '../../common/anchoring';
import { anchorHere, type Anchorer } from '../../renderer/src/highlights/background-anchoring';
import { DocumentSession } from '../../renderer/src/highlights/session';
import { TextMap } from '../../renderer/src/highlights/text-map';
import { SaveQueue } from '../../renderer/src/save-queue';

const documentId = 'doc-1';
const revision = 3;

const html = [
  '<h1>Field <em>notes</em></h1>',
  '<p>The quick brown fox jumps over the lazy dog while the farmer sleeps in the afternoon sun.</p>',
  '<p>Later, a <a href="#">second fox</a> arrives and the <code>dog</code> finally wakes up to bark.</p>',
  '<ul><li>First list item about foxes and hens</li><li>Second list item about <strong>dogs</strong></li></ul>',
].join('');

/** The fake preload bridge: every call succeeds; `calls` records them in order. */
function fakeBridge() {
  const calls: [string, ...unknown[]][] = [];
  const method = (name: string) =>
    vi.fn(async (...args: unknown[]) => {
      calls.push([name, ...structuredClone(args)]);
      return { ok: true as const, value: undefined };
    });
  const bridge = {
    getLibrary: method('getLibrary'),
    openDocument: method('openDocument'),
    saveReadingPosition: method('saveReadingPosition'),
    putHighlight: method('putHighlight'),
    deleteHighlight: method('deleteHighlight'),
    updateAnchors: method('updateAnchors'),
    setDocumentNote: method('setDocumentNote'),
    saveDocumentBody: method('saveDocumentBody'),
    openExternal: method('openExternal'),
  };
  return { bridge, calls };
}

let bridge: ReturnType<typeof fakeBridge>['bridge'];
let calls: ReturnType<typeof fakeBridge>['calls'];
let root: HTMLElement;
let textMap: TextMap;
let queue: SaveQueue;
let onChange: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  ({ bridge, calls } = fakeBridge());
  // bridge.ts reads window.gloss when a method is called, so defining it here is enough.
  Object.defineProperty(window, 'gloss', { value: bridge as unknown as GlossBridge, configurable: true, writable: true });
  root = document.createElement('article');
  root.innerHTML = html;
  document.body.append(root);
  textMap = new TextMap(root);
  queue = new SaveQueue(
    () => {},
    () => false,
  );
  onChange = vi.fn<() => void>();
});

afterEach(() => {
  document.body.replaceChildren();
  Reflect.deleteProperty(window, 'gloss');
});

/** A stored highlight over the first occurrence (or the `occurrence`th) of `exact` in `text`. */
function stored(id: string, exact: string, overrides: Partial<Highlight> = {}, text = textMap.text, occurrence = 0): Highlight {
  let start = -1;
  for (let index = 0; index <= occurrence; index++) start = text.indexOf(exact, start + 1);
  if (start < 0) throw new Error(`${JSON.stringify(exact)} is not in the text`);
  return {
    id,
    ...describeTextRange(text, start, start + exact.length),
    revision,
    color: 'yellow',
    note: '',
    tags: [],
    createdAt: '2020-01-02T03:04:05.000Z',
    updatedAt: '2020-01-02T03:04:05.000Z',
    ...overrides,
  };
}

function open(highlights: Highlight[] = [], documentNote: string | null = null): DocumentSession {
  const opened: OpenedDocument = {
    summary: {
      id: documentId,
      title: 'Field notes',
      author: null,
      date: null,
      source: null,
      addedAt: '2026-01-01T00:00:00.000Z',
      openedAt: null,
    },
    markdown: '(not used by the session)',
    revision,
    readingPosition: null,
    highlights,
    documentNote: documentNote === null ? null : { text: documentNote, updatedAt: '2026-01-01T00:00:00.000Z' },
    notices: [],
  };
  return new DocumentSession(opened, textMap, queue, onChange);
}

const offsetsOf = (exact: string, from = 0): [number, number] => {
  const start = textMap.text.indexOf(exact, from);
  if (start < 0) throw new Error(`${JSON.stringify(exact)} is not in the text`);
  return [start, start + exact.length];
};

/** The highlights passed to putHighlight, in order. */
const puts = (): Highlight[] => calls.filter(([name]) => name === 'putHighlight').map(([, , highlight]) => highlight as Highlight);

describe('DocumentSession.anchorAll', () => {
  /** An anchorer that reports when told to, as a worker does when its batches arrive. */
  function controlledAnchorer() {
    const control = { requested: [] as string[], finish: (): void => {} };
    const anchorer: Anchorer = (text, highlights, onFound) => {
      control.requested = highlights.map(({ id }) => id);
      return new Promise((resolve) => {
        control.finish = () => {
          void anchorHere(text, highlights, onFound).then(resolve);
        };
      });
    };
    return { anchorer, control };
  }

  it('places highlights at their stored position at once and searches only for the others, which wait unplaced', async () => {
    const fox = stored('fox', 'quick brown fox');
    const moved = { ...stored('moved', 'lazy dog'), position: { type: 'TextPositionSelector' as const, start: 0, end: 8 } };
    const session = open([fox, moved]);
    const { anchorer, control } = controlledAnchorer();
    const anchoring = session.anchorAll(anchorer);

    expect(control.requested).toEqual(['moved']);
    expect(session.placed().map(({ id }) => id)).toEqual(['fox']);
    expect(session.orphans()).toEqual([]);
    expect(onChange).toHaveBeenCalled();

    control.finish();
    expect(await anchoring).toEqual({ placed: 2, orphaned: 0 });
    expect(session.placed().map(({ id }) => id)).toEqual(['fox', 'moved']);
  });

  it('leaves alone a highlight the reader deleted or re-attached while the search ran', async () => {
    const lost = (id: string, exact: string): Highlight => ({
      ...stored(id, exact),
      position: { type: 'TextPositionSelector', start: 1, end: 2 },
    });
    const session = open([lost('deleted', 'lazy dog'), lost('reattached', 'second fox')]);
    const { anchorer, control } = controlledAnchorer();
    const anchoring = session.anchorAll(anchorer);
    session.delete('deleted');
    const [start, end] = offsetsOf('farmer');
    session.reattach('reattached', start, end);

    control.finish();
    expect(await anchoring).toEqual({ placed: 0, orphaned: 0 });
    expect(session.highlights.has('deleted')).toBe(false);
    expect(session.placed()).toEqual([{ id: 'reattached', color: 'yellow', start, end }]);
  });

  it('places highlights found at their stored position and saves nothing for them', async () => {
    const fox = stored('fox', 'quick brown fox');
    const dog = stored('dog', 'lazy dog');
    const session = open([fox, dog]);

    expect(await session.anchorAll(anchorHere)).toEqual({ placed: 2, orphaned: 0 });
    await queue.whenIdle();

    expect(session.placements.get('fox')).toEqual({ start: fox.position.start, end: fox.position.end });
    expect(session.placements.get('dog')).toEqual({ start: dog.position.start, end: dog.position.end });
    expect(textMap.text.slice(fox.position.start, fox.position.end)).toBe('quick brown fox');
    expect(calls).toEqual([]);
  });

  it('re-anchors a highlight whose passage moved, and saves its new selectors with the current revision', async () => {
    // Made on a text with an extra opening sentence: everything after it sat 25 characters later.
    const olderText = 'An introduction, removed.' + textMap.text;
    const moved = stored('moved', 'second fox', { revision: revision - 1 }, olderText);
    const beforeAnchoring = structuredClone(moved);
    const session = open([moved]);

    expect(await session.anchorAll(anchorHere)).toEqual({ placed: 1, orphaned: 0 });
    await queue.whenIdle();

    const [start, end] = offsetsOf('second fox');
    expect(beforeAnchoring.position.start).toBe(start + 25);
    expect(session.placements.get('moved')).toEqual({ start, end });
    const fresh = describeTextRange(textMap.text, start, end);
    expect(session.highlights.get('moved')).toMatchObject({ ...fresh, revision });
    expect(bridge.updateAnchors).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([['updateAnchors', documentId, [{ id: 'moved', quote: fresh.quote, position: fresh.position, revision }]]]);
  });

  it('saves fresh anchors for a highlight made on an older revision even when its position still holds', async () => {
    const old = stored('old', 'lazy dog', { revision: 1 });
    const session = open([old]);

    await session.anchorAll(anchorHere);
    await queue.whenIdle();

    expect(calls).toEqual([['updateAnchors', documentId, [{ id: 'old', quote: old.quote, position: old.position, revision }]]]);
    expect(session.highlights.get('old')?.revision).toBe(revision);
  });

  it('saves every moved highlight in one updateAnchors call and leaves the others out', async () => {
    const olderText = 'Prologue. ' + textMap.text;
    const session = open([
      stored('still', 'quick brown fox'),
      stored('moved-1', 'second fox', {}, olderText),
      stored('moved-2', 'finally wakes', {}, olderText),
    ]);

    await session.anchorAll(anchorHere);
    await queue.whenIdle();

    expect(bridge.updateAnchors).toHaveBeenCalledTimes(1);
    const [, anchors] = bridge.updateAnchors.mock.calls[0]! as [string, { id: string }[]];
    expect(anchors.map(({ id }) => id)).toEqual(['moved-1', 'moved-2']);
  });

  it('reports a highlight whose passage is gone as an orphan and keeps its selectors untouched', async () => {
    const orphan = stored('orphan', 'zebra crossing', {}, 'A text about a zebra crossing the road at dawn, which was later deleted.');
    const found = stored('found', 'lazy dog');
    const orphanBefore = structuredClone(orphan);
    const session = open([orphan, found]);

    expect(await session.anchorAll(anchorHere)).toEqual({ placed: 1, orphaned: 1 });
    await queue.whenIdle();

    expect(session.placements.get('orphan')).toBeNull();
    expect(session.orphans()).toEqual([orphanBefore]);
    expect(session.highlights.get('orphan')).toEqual(orphanBefore);
    expect(session.placed().map(({ id }) => id)).toEqual(['found']);
    expect(bridge.updateAnchors).not.toHaveBeenCalled();
  });
});

describe('DocumentSession.placed', () => {
  it('lists placed highlights in reading order, whatever order they were stored or created in', async () => {
    const session = open([
      stored('list', 'list item about foxes'),
      stored('title', 'Field'),
      stored('dog', 'lazy dog'),
      stored('gone', 'zebra', {}, 'a zebra here'),
    ]);
    await session.anchorAll(anchorHere);
    const [start, end] = offsetsOf('second fox');
    const created = session.create(start, end, 'green');

    expect(session.placed().map(({ id }) => id)).toEqual(['title', 'dog', created.id, 'list']);
  });

  it('lists the longer of two highlights starting at the same place first', async () => {
    const session = open([stored('short', 'quick'), stored('long', 'quick brown fox')]);
    await session.anchorAll(anchorHere);
    expect(session.placed().map(({ id }) => id)).toEqual(['long', 'short']);
  });

  it('gives each placed highlight its id, color and offsets', async () => {
    const dog = stored('dog', 'lazy dog', { color: 'purple' });
    const session = open([dog]);
    await session.anchorAll(anchorHere);
    expect(session.placed()).toEqual([{ id: 'dog', color: 'purple', start: dog.position.start, end: dog.position.end }]);
  });
});

describe('DocumentSession.create', () => {
  it('saves a complete highlight whose quote is the selected text', async () => {
    const session = open();
    const [start, end] = offsetsOf('farmer sleeps');
    const before = Date.now();

    const highlight = session.create(start, end, 'blue');
    await queue.whenIdle();

    expect(calls).toEqual([['putHighlight', documentId, highlight]]);
    expect(highlight).toEqual({
      id: expect.any(String),
      quote: {
        type: 'TextQuoteSelector',
        exact: 'farmer sleeps',
        prefix: textMap.text.slice(start - 32, start),
        suffix: textMap.text.slice(end, end + 32),
      },
      position: { type: 'TextPositionSelector', start, end },
      revision,
      color: 'blue',
      note: '',
      tags: [],
      createdAt: expect.any(String),
      updatedAt: highlight.createdAt,
    });
    expect(highlight.id.length).toBeGreaterThan(0);
    expect(new Date(highlight.createdAt).toISOString()).toBe(highlight.createdAt);
    expect(Date.parse(highlight.createdAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it('places, selects and announces the new highlight', () => {
    const session = open();
    const [start, end] = offsetsOf('farmer sleeps');
    const highlight = session.create(start, end, 'pink');

    expect(session.highlights.get(highlight.id)).toBe(highlight);
    expect(session.placements.get(highlight.id)).toEqual({ start, end });
    expect(session.selectedId).toBe(highlight.id);
    expect(onChange).toHaveBeenCalled();
  });

  it('gives every new highlight its own id', () => {
    const session = open();
    const [start, end] = offsetsOf('farmer');
    const ids = new Set([
      session.create(start, end, 'yellow').id,
      session.create(start, end, 'yellow').id,
      session.create(start, end, 'yellow').id,
    ]);
    expect(ids.size).toBe(3);
  });

  it('is undone by deleting the highlight', async () => {
    const session = open();
    const [start, end] = offsetsOf('farmer sleeps');
    const highlight = session.create(start, end, 'yellow');

    expect(session.undo()?.label).toBe('Highlight');
    await queue.whenIdle();

    expect(calls.map(([name]) => name)).toEqual(['putHighlight', 'deleteHighlight']);
    expect(calls[1]).toEqual(['deleteHighlight', documentId, highlight.id]);
    expect(session.highlights.has(highlight.id)).toBe(false);
    expect(session.placements.has(highlight.id)).toBe(false);
    expect(session.selectedId).toBeNull();
    expect(session.placed()).toEqual([]);
  });

  it('is redone by saving the same highlight again, with the same id', async () => {
    const session = open();
    const [start, end] = offsetsOf('farmer sleeps');
    const highlight = session.create(start, end, 'yellow');
    session.undo();

    expect(session.redo()?.label).toBe('Highlight');
    await queue.whenIdle();

    expect(calls.map(([name]) => name)).toEqual(['putHighlight', 'deleteHighlight', 'putHighlight']);
    expect(puts()[1]).toEqual(highlight);
    expect(session.highlights.get(highlight.id)).toBe(highlight);
    expect(session.placements.get(highlight.id)).toEqual({ start, end });
  });

  it('widens a selection that splits an emoji in its placement as in its stored position', async () => {
    root.innerHTML = '<p>I \u{1F600} you</p>';
    textMap = new TextMap(root);
    const session = open();

    // [0, 3) ends between the two halves of the emoji (UTF-16 code units 2 and 3).
    const highlight = session.create(0, 3, 'yellow');
    await queue.whenIdle();

    expect(highlight.quote.exact).toBe('I \u{1F600}');
    expect(highlight.position).toEqual({ type: 'TextPositionSelector', start: 0, end: 4 });
    // What is painted must be what was stored, or the next open shows a different highlight.
    expect(session.placements.get(highlight.id)).toEqual({ start: highlight.position.start, end: highlight.position.end });
  });
});

describe('DocumentSession.recolor', () => {
  it('saves the new color and announces it', async () => {
    const session = open([stored('dog', 'lazy dog', { color: 'yellow' })]);
    await session.anchorAll(anchorHere);
    onChange.mockClear();

    session.recolor('dog', 'green');
    await queue.whenIdle();

    expect(session.highlights.get('dog')?.color).toBe('green');
    expect(puts().map(({ id, color }) => [id, color])).toEqual([['dog', 'green']]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it.each(['green', 'blue', 'pink', 'purple'] satisfies HighlightColor[])('is undone back to yellow from %s, and redone', async (color) => {
    const original = stored('dog', 'lazy dog', { color: 'yellow' });
    const session = open([original]);
    await session.anchorAll(anchorHere);
    session.recolor('dog', color);

    expect(session.undo()?.label).toBe('Change color');
    expect(session.highlights.get('dog')).toEqual(original);
    session.redo();
    expect(session.highlights.get('dog')?.color).toBe(color);
    await queue.whenIdle();

    expect(puts().map(({ color }) => color)).toEqual([color, 'yellow', color]);
    expect(puts()[1]).toEqual(original);
  });

  it('keeps the highlight’s placement', async () => {
    const dog = stored('dog', 'lazy dog');
    const session = open([dog]);
    await session.anchorAll(anchorHere);
    session.recolor('dog', 'blue');
    expect(session.placed()).toEqual([{ id: 'dog', color: 'blue', start: dog.position.start, end: dog.position.end }]);
  });

  it('marks the highlight as updated but keeps its creation time', () => {
    const session = open([stored('dog', 'lazy dog')]);
    session.recolor('dog', 'blue');
    const highlight = session.highlights.get('dog')!;
    expect(highlight.createdAt).toBe('2020-01-02T03:04:05.000Z');
    expect(Date.parse(highlight.updatedAt)).toBeGreaterThan(Date.parse(highlight.createdAt));
  });
});

describe('DocumentSession.delete', () => {
  it('deletes the highlight', async () => {
    const session = open([stored('dog', 'lazy dog')]);
    await session.anchorAll(anchorHere);

    session.delete('dog');
    await queue.whenIdle();

    expect(calls).toEqual([['deleteHighlight', documentId, 'dog']]);
    expect(session.highlights.has('dog')).toBe(false);
    expect(session.placed()).toEqual([]);
    expect(onChange).toHaveBeenCalled();
  });

  it('clears the selection when the selected highlight is deleted', () => {
    const session = open([stored('dog', 'lazy dog')]);
    session.select('dog');
    session.delete('dog');
    expect(session.selectedId).toBeNull();
  });

  it('is undone by saving the very same highlight, with its id and creation time, at its old place', async () => {
    const original = stored('dog', 'lazy dog', { color: 'pink', note: 'A note', tags: ['animals'] });
    const snapshot = structuredClone(original);
    const session = open([original]);
    await session.anchorAll(anchorHere);
    session.delete('dog');

    expect(session.undo()?.label).toBe('Delete highlight');
    await queue.whenIdle();

    expect(session.highlights.get('dog')).toBe(original);
    expect(session.highlights.get('dog')).toEqual(snapshot);
    expect(session.placements.get('dog')).toEqual({ start: original.position.start, end: original.position.end });
    expect(calls).toEqual([
      ['deleteHighlight', documentId, 'dog'],
      ['putHighlight', documentId, snapshot],
    ]);
  });

  it('restores an orphan as an orphan when undone', async () => {
    const orphan = stored('orphan', 'zebra', {}, 'one zebra only');
    const session = open([orphan]);
    await session.anchorAll(anchorHere);
    session.delete('orphan');
    session.undo();
    expect(session.orphans()).toEqual([orphan]);
    expect(session.placed()).toEqual([]);
  });

  it('is redone by deleting again', async () => {
    const session = open([stored('dog', 'lazy dog')]);
    await session.anchorAll(anchorHere);
    session.delete('dog');
    session.undo();
    session.redo();
    await queue.whenIdle();
    expect(calls.map(([name]) => name)).toEqual(['deleteHighlight', 'putHighlight', 'deleteHighlight']);
    expect(session.highlights.has('dog')).toBe(false);
  });
});

describe('DocumentSession notes and tags', () => {
  it('saves each note draft without recording it for undo', async () => {
    const session = open([stored('dog', 'lazy dog')]);
    await session.anchorAll(anchorHere);
    onChange.mockClear();

    session.saveNoteDraft('dog', 'L');
    session.saveNoteDraft('dog', 'Lazy');
    await queue.whenIdle();

    expect(puts().map(({ note }) => note)).toEqual(['L', 'Lazy']);
    expect(session.highlights.get('dog')?.note).toBe('Lazy');
    expect(session.undo()).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('saves nothing for a draft equal to the current note', async () => {
    const session = open([stored('dog', 'lazy dog', { note: 'Same' })]);
    session.saveNoteDraft('dog', 'Same');
    await queue.whenIdle();
    expect(calls).toEqual([]);
  });

  it('records a committed note edit as one undo entry that puts the old note back', async () => {
    const session = open([stored('dog', 'lazy dog', { note: 'Old note' })]);
    await session.anchorAll(anchorHere);
    session.saveNoteDraft('dog', 'New');
    session.saveNoteDraft('dog', 'New note');
    session.commitNote('dog');

    expect(session.undo()?.label).toBe('Edit note');
    expect(session.undo()).toBeNull();
    await queue.whenIdle();

    expect(puts().map(({ note }) => note)).toEqual(['New', 'New note', 'Old note']);
    expect(session.highlights.get('dog')?.note).toBe('Old note');
  });

  it('restores the highlight exactly as it was before the note edit when undone, edit time included, like the other edits', async () => {
    const original = stored('dog', 'lazy dog', { note: 'Old note' });
    const snapshot = structuredClone(original);
    const session = open([original]);
    session.saveNoteDraft('dog', 'New note');
    session.commitNote('dog');

    session.undo();
    await queue.whenIdle();

    // Otherwise the notes pane shows "edited <time>" for a highlight back in its original state.
    expect(session.highlights.get('dog')).toEqual(snapshot);
    expect(puts().at(-1)).toEqual(snapshot);
  });

  it('redoes a committed note edit by putting the new note again', async () => {
    const session = open([stored('dog', 'lazy dog', { note: 'Old note' })]);
    session.saveNoteDraft('dog', 'New note');
    session.commitNote('dog');
    session.undo();

    expect(session.redo()?.label).toBe('Edit note');
    await queue.whenIdle();

    expect(puts().map(({ note }) => note)).toEqual(['New note', 'Old note', 'New note']);
    expect(session.highlights.get('dog')?.note).toBe('New note');
  });

  it('records nothing when a committed note is unchanged', () => {
    const session = open([stored('dog', 'lazy dog', { note: 'Same' })]);
    session.commitNote('dog');
    expect(session.undo()).toBeNull();
  });

  it('records nothing when the note was typed and then typed back to what it was', async () => {
    const session = open([stored('dog', 'lazy dog', { note: 'Same' })]);
    session.saveNoteDraft('dog', 'Samey');
    session.saveNoteDraft('dog', 'Same');
    session.commitNote('dog');
    expect(session.undo()).toBeNull();
  });

  // The notes pane updates entries in place (notes-pane.test.ts: the tags field keeps its focus), so tags announce their change like every other edit.
  it('sets tags, announces the change, and undoes them back to the old tags', async () => {
    const original = stored('dog', 'lazy dog', { tags: ['animals'] });
    const session = open([original]);
    await session.anchorAll(anchorHere);
    onChange.mockClear();

    session.setTags('dog', ['animals', 'sleep']);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(session.highlights.get('dog')?.tags).toEqual(['animals', 'sleep']);

    expect(session.undo()?.label).toBe('Edit tags');
    expect(session.highlights.get('dog')).toEqual(original);
    expect(onChange).toHaveBeenCalledTimes(2);

    session.redo();
    await queue.whenIdle();
    expect(puts().map(({ tags }) => tags)).toEqual([['animals', 'sleep'], ['animals'], ['animals', 'sleep']]);
  });

  it('saves document note drafts, and undoes the committed edit with setDocumentNote(old text)', async () => {
    const session = open([], 'Original');
    expect(session.documentNote).toBe('Original');

    session.saveDocumentNoteDraft('Draft');
    session.saveDocumentNoteDraft('Draft two');
    session.commitDocumentNote('Original');
    await queue.whenIdle();
    expect(calls).toEqual([
      ['setDocumentNote', documentId, 'Draft'],
      ['setDocumentNote', documentId, 'Draft two'],
    ]);

    expect(session.undo()?.label).toBe('Edit document note');
    await queue.whenIdle();
    expect(session.documentNote).toBe('Original');
    expect(calls.at(-1)).toEqual(['setDocumentNote', documentId, 'Original']);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(session.undo()).toBeNull();

    session.redo();
    await queue.whenIdle();
    expect(session.documentNote).toBe('Draft two');
    expect(calls.at(-1)).toEqual(['setDocumentNote', documentId, 'Draft two']);
    expect(calls).toHaveLength(4);
  });

  it('starts with an empty document note when there is none', () => {
    expect(open([], null).documentNote).toBe('');
  });

  it('saves no document note draft equal to the current note and records no unchanged edit', async () => {
    const session = open([], 'Same');
    session.saveDocumentNoteDraft('Same');
    session.commitDocumentNote('Same');
    await queue.whenIdle();
    expect(calls).toEqual([]);
    expect(session.undo()).toBeNull();
  });
});

describe('DocumentSession undo history', () => {
  it('undoes a sequence of different edits in reverse order', async () => {
    const original = stored('dog', 'lazy dog');
    const session = open([original]);
    await session.anchorAll(anchorHere);
    session.recolor('dog', 'blue');
    session.setTags('dog', ['x']);
    session.delete('dog');

    expect([session.undo()?.label, session.undo()?.label, session.undo()?.label, session.undo()]).toEqual([
      'Delete highlight',
      'Edit tags',
      'Change color',
      null,
    ]);
    expect(session.highlights.get('dog')).toEqual(original);
    await queue.whenIdle();
    expect(calls.map(([name]) => name)).toEqual([
      'putHighlight',
      'putHighlight',
      'deleteHighlight',
      'putHighlight',
      'putHighlight',
      'putHighlight',
    ]);
  });

  it.each([
    ['recolor', (session: DocumentSession) => session.recolor('missing', 'blue')],
    ['setTags', (session: DocumentSession) => session.setTags('missing', ['x'])],
    ['delete', (session: DocumentSession) => session.delete('missing')],
    ['saveNoteDraft', (session: DocumentSession) => session.saveNoteDraft('missing', 'x')],
    ['commitNote', (session: DocumentSession) => session.commitNote('missing')],
    ['reattach', (session: DocumentSession) => session.reattach('missing', 0, 5)],
  ])('ignores %s for an unknown highlight', async (_name, act) => {
    const session = open([stored('dog', 'lazy dog')]);
    act(session);
    await queue.whenIdle();
    expect(calls).toEqual([]);
    expect(session.undo()).toBeNull();
  });
});

describe('DocumentSession.reattach', () => {
  it('moves an orphan to a new passage with fresh selectors, and undoes back to the orphan', async () => {
    const orphan = stored('orphan', 'zebra', {}, 'one zebra only');
    const session = open([orphan]);
    await session.anchorAll(anchorHere);
    const [start, end] = offsetsOf('afternoon sun');

    session.reattach('orphan', start, end);
    expect(session.placements.get('orphan')).toEqual({ start, end });
    expect(session.highlights.get('orphan')).toMatchObject({ ...describeTextRange(textMap.text, start, end), revision });
    expect(session.orphans()).toEqual([]);

    session.undo();
    expect(session.orphans()).toEqual([orphan]);
    await queue.whenIdle();
    expect(puts().map(({ quote }) => quote.exact)).toEqual(['afternoon sun', 'zebra']);
  });
});
