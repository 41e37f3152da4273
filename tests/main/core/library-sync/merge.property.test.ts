/**
 * The merge alone, over many simulated devices: each device edits its own
 * copy of the library offline and hears of the others' changes late, out of
 * order, some twice. At the end every device has heard everything; they must
 * all show the same library, and every change a device acknowledged must be
 * there or have been superseded by a later one (never lost).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightColors, type Highlight, type ReaderSettings, type ReadingPosition, themes } from '../../../../common/contract';
import { fractionRead } from '../../../../common/reading-progress';
import {
  contentChanges,
  documentChanges,
  documentNoteChanges,
  highlightChanges,
  highlightDeleted,
  metadataChanges,
  positionChanges,
} from '../../../../main/core/library-sync/changes';
import { HybridClock } from '../../../../main/core/library-sync/hlc';
import { concurrentNoteSeparator, type DocumentView, MergedLibrary } from '../../../../main/core/library-sync/merge';
import { type DocumentOp, type Op, opSchema, type UnstampedOp } from '../../../../main/core/library-sync/ops';
import { recordFigure } from '../../../support/figures';
import { sampleHighlight } from '../../../support/sample-highlight';

interface Device {
  clock: HybridClock;
  library: MergedLibrary;
  /** Every change this device made, in order: its log. */
  log: Op[];
  /** The last highlight it deleted, for undo. */
  lastDeleted: { document: string; highlight: Highlight } | null;
}

/** A step of the simulation; its numbers pick the device, the action and what it acts on. */
interface Step {
  device: number;
  action: number;
  pick: number;
  value: number;
}

const hash = (n: number): string => (n % 997).toString(16).padStart(64, '0');
const actions = [
  'deliver',
  'deliver',
  'create-document',
  'create-highlight',
  'create-highlight',
  'edit-note',
  'recolor',
  'tag',
  'delete-highlight',
  'undo',
  'edit-text',
  'move-position',
  'document-note',
  'rename',
  'delete-document',
  'change-settings',
  'offer-settings',
] as const;

function makeDevices(count: number, skews: readonly number[]): Device[] {
  return Array.from({ length: count }, (_, index) => {
    let steps = 0;
    // Clocks disagree by up to seconds and tick irregularly, and some stand still: the HLC must order changes anyway.
    const now = (): number => 1_800_000_000_000 + (skews[index] ?? 0) + (index % 3 === 0 ? 0 : steps++ * 7);
    return { clock: new HybridClock(`device${index}`, now), library: new MergedLibrary(), log: [], lastDeleted: null };
  });
}

function pickFrom<T>(items: readonly T[], pick: number): T | undefined {
  return items.length === 0 ? undefined : items[pick % items.length];
}

/** What a device acknowledges to its user: its change, stamped, merged into its own library and logged. */
function commit(device: Device, changes: readonly UnstampedOp[]): void {
  for (const change of changes) {
    const op = opSchema.parse({ ...change, hlc: device.clock.tick() });
    device.library.apply(op);
    device.log.push(op);
  }
}

function highlightOf(view: DocumentView, id: string): Highlight | undefined {
  const found = view.highlights.find((highlight) => highlight.id === id);
  if (!found) return undefined;
  const { anchor, color, tags, note, createdAt } = found;
  return { id, quote: anchor.quote, position: anchor.position, revision: 0, color, tags, note, createdAt, updatedAt: createdAt };
}

function act(devices: Device[], step: Step, delivered: (count: number) => void, counter: { next: number }): void {
  const device = devices[step.device % devices.length]!;
  const action = actions[step.action % actions.length]!;
  const documents = device.library.snapshot();
  const document = pickFrom(documents, step.pick);
  const highlight = document && pickFrom(document.highlights, step.value);
  const id = (): string => `id-${counter.next++}`;
  switch (action) {
    case 'deliver': {
      // A few changes of another device, picked at random: late, out of order, sometimes again.
      const from = devices[step.pick % devices.length]!;
      const count = step.value % 6;
      for (let i = 0; i < count && from.log.length > 0; i++) {
        const op = from.log[(step.value * 31 + i * 17 + step.pick) % from.log.length]!;
        device.clock.observe(op.hlc);
        device.library.apply(op);
      }
      delivered(count);
      return;
    }
    case 'create-document':
      if (documents.length > 6) return;
      commit(
        device,
        documentChanges(null, {
          id: id(),
          title: `Document ${step.value}`,
          author: null,
          date: null,
          source: null,
          addedAt: new Date(1_800_000_000_000 + step.value).toISOString(),
          content: { body: hash(step.value), assets: [] },
          position: null,
          note: '',
          highlights: [],
          anchoredIn: () => hash(step.value),
        }),
      );
      return;
    case 'create-highlight': {
      if (!document) return;
      const start = step.value % 500;
      const made: Highlight = {
        id: id(),
        quote: { type: 'TextQuoteSelector', exact: `quote ${step.value}`, prefix: '', suffix: '' },
        position: { type: 'TextPositionSelector', start, end: start + 5 },
        revision: 0,
        color: highlightColors[step.value % highlightColors.length]!,
        tags: [],
        note: step.value % 2 ? `first thought ${step.value}` : '',
        createdAt: new Date(1_800_000_000_000).toISOString(),
        updatedAt: new Date(1_800_000_000_000).toISOString(),
      };
      commit(device, highlightChanges(document.id, undefined, made, document.content.body));
      return;
    }
    case 'edit-note':
    case 'recolor':
    case 'tag': {
      if (!document || !highlight) return;
      const edited = highlightOf(document, highlight.id)!;
      if (action === 'edit-note') edited.note = `note ${step.device}.${step.value}`;
      if (action === 'recolor') edited.color = highlightColors[step.value % highlightColors.length]!;
      if (action === 'tag') edited.tags = [`tag${step.value % 4}`, `tag${step.value % 7}`];
      commit(device, highlightChanges(document.id, highlight, edited, highlight.anchor.body));
      return;
    }
    case 'delete-highlight':
      if (!document || !highlight) return;
      device.lastDeleted = { document: document.id, highlight: highlightOf(document, highlight.id)! };
      commit(device, highlightDeleted(document.id, highlight, highlight.id));
      return;
    case 'undo': {
      // Undoing a delete puts the highlight back as it was: a new change, newer than the delete.
      const undone = device.lastDeleted;
      if (!undone) return;
      device.lastDeleted = null;
      const view = device.library.view(undone.document);
      if (!view) return;
      const current = view.highlights.find((candidate) => candidate.id === undone.highlight.id);
      commit(device, highlightChanges(undone.document, current, undone.highlight, view.content.body));
      return;
    }
    case 'edit-text':
      if (!document) return;
      commit(device, contentChanges(document, { body: hash(step.value + 1), assets: [] }));
      return;
    case 'move-position':
      if (!document) return;
      commit(device, positionChanges(document, { blockIndex: step.value % 40, blockOffset: 0.5, progress: (step.value % 100) / 100 }));
      return;
    case 'document-note':
      if (!document) return;
      commit(device, documentNoteChanges(document, `document thoughts ${step.device}.${step.value}`));
      return;
    case 'rename':
      if (!document) return;
      commit(device, metadataChanges(document, { title: `Renamed ${step.value}`, author: step.value % 2 ? 'Ann' : null }));
      return;
    case 'delete-document':
      if (!document || step.value % 3 !== 0) return;
      commit(device, [{ kind: 'document-deleted', document: document.id }]);
      return;
    case 'change-settings':
      // One setting or two at once, as the settings popover saves them.
      commit(device, [
        {
          kind: 'settings',
          settings: step.value % 2 ? { fontSize: 12 + (step.value % 20) } : { theme: themes[step.value % themes.length]!, fontSize: 20 },
        },
      ]);
      return;
    case 'offer-settings':
      // All of a device's settings, as it offers them when it starts sharing.
      commit(device, [
        { kind: 'settings', settings: { theme: themes[step.value % themes.length]!, fontSize: 12 + (step.value % 20) }, offered: true },
      ]);
      return;
  }
}

/** The target of a change: which field of which thing. */
function fieldOf(op: DocumentOp): string {
  const target = 'highlight' in op ? `${op.document}/${op.highlight}` : op.document;
  if (op.kind === 'metadata') return `${target}:${op.field}`;
  return `${target}:${op.kind}`;
}

/**
 * Checks that each change is present in the converged library or superseded,
 * independently of how the merge is written: from the changes themselves.
 */
function lostChanges(all: readonly Op[], final: readonly DocumentView[], settings: Partial<ReaderSettings>): string[] {
  const documents = new Map(final.map((document) => [document.id, document]));
  const latestDelete = new Map<string, string>();
  const seenByLaterNote = new Set<string>();
  const newestPerField = new Map<string, string>();
  const firstOffer = new Map<string, string>();
  for (const op of all) {
    if (op.kind === 'document-deleted' || op.kind === 'highlight-deleted') {
      const target = 'highlight' in op ? `${op.document}/${op.highlight}` : op.document;
      if ((latestDelete.get(target) ?? '') < op.hlc) latestDelete.set(target, op.hlc);
    }
    if ('base' in op) op.base.forEach((hlc) => seenByLaterNote.add(hlc));
    for (const field of fieldsSetBy(op)) {
      if (field.startsWith('offered:')) {
        if ((firstOffer.get(field) ?? '\uffff') > op.hlc) firstOffer.set(field, op.hlc);
      } else if ((newestPerField.get(field) ?? '') < op.hlc) newestPerField.set(field, op.hlc);
    }
  }
  const lost: string[] = [];
  for (const op of all) {
    if (op.kind === 'document-deleted' || op.kind === 'highlight-deleted') continue;
    if (op.kind === 'settings') {
      // The newest setting a user chose; with none chosen, the first one offered.
      for (const [key, value] of Object.entries(op.settings)) {
        const shown = newestPerField.get(`settings:${key}`) ?? firstOffer.get(`offered:${key}`);
        if (shown === op.hlc && settings[key as keyof ReaderSettings] !== value)
          lost.push(`${op.hlc} settings: the ${key} that wins is not shown`);
      }
      continue;
    }
    const document = documents.get(op.document);
    if (!document) {
      // Gone only if a delete of the document came after this change.
      if (!((latestDelete.get(op.document) ?? '') > op.hlc)) lost.push(`${op.hlc} ${op.kind}: its document is missing`);
      continue;
    }
    const highlight = 'highlight' in op ? document.highlights.find(({ id }) => id === op.highlight) : undefined;
    if ('highlight' in op && !highlight) {
      if (!((latestDelete.get(`${op.document}/${op.highlight}`) ?? '') > op.hlc))
        lost.push(`${op.hlc} ${op.kind}: its highlight is missing`);
      continue;
    }
    if ('text' in op) {
      const note = highlight ? highlight.note : document.note;
      const kept = op.text === '' || note.split(concurrentNoteSeparator).includes(op.text);
      if (!kept && !seenByLaterNote.has(op.hlc)) lost.push(`${op.hlc} ${op.kind}: its note text is gone, unseen by any later note`);
    }
    for (const field of fieldsSetBy(op)) {
      if (newestPerField.get(field) === op.hlc && !fieldHolds(op, field, document, highlight)) {
        lost.push(`${op.hlc} ${op.kind}: the newest value of ${field} is not shown`);
      }
    }
  }
  return lost;
}

/** The last-writer-wins fields a change sets. */
function fieldsSetBy(op: Op): string[] {
  if (op.kind === 'settings') return Object.keys(op.settings).map((key) => `${op.offered ? 'offered' : 'settings'}:${key}`);
  const target = 'highlight' in op ? `${op.document}/${op.highlight}` : op.document;
  switch (op.kind) {
    case 'document':
      return ['title', 'author', 'date', 'source', 'body'].map((field) => `${target}:${field}`);
    case 'highlight':
      return ['anchor', 'color', 'tags'].map((field) => `${target}:${field}`);
    case 'metadata':
      return [`${target}:${op.field}`];
    case 'anchor':
    case 'color':
    case 'tags':
    case 'position':
    case 'body':
      return [fieldOf(op)];
    default:
      return [];
  }
}

function fieldHolds(
  op: DocumentOp,
  field: string,
  document: DocumentView,
  highlight: DocumentView['highlights'][number] | undefined,
): boolean {
  const name = field.slice(field.lastIndexOf(':') + 1);
  const value: unknown =
    name === 'body' ? (op.kind === 'document' || op.kind === 'body' ? op.body : undefined) : (op as Record<string, unknown>)[name];
  const expected = op.kind === 'metadata' ? op.value : value;
  const shown: unknown = highlight
    ? (highlight as unknown as Record<string, unknown>)[name]
    : name === 'body'
      ? document.content.body
      : (document as unknown as Record<string, unknown>)[name];
  // Where the reader is comes from the latest position; how far they read is checked apart (furthestReadHolds).
  if (op.kind === 'position') return samePlace(shown as ReadingPosition | null, op.position);
  return JSON.stringify(shown) === JSON.stringify(expected);
}

function samePlace(shown: ReadingPosition | null, expected: ReadingPosition): boolean {
  return (
    shown !== null &&
    shown.blockIndex === expected.blockIndex &&
    shown.blockOffset === expected.blockOffset &&
    shown.progress === expected.progress
  );
}

/** “% read” is the furthest any device reached: the most of every position change to each shown document. */
function furthestReadLost(all: readonly Op[], final: readonly DocumentView[]): string[] {
  const furthest = new Map<string, number>();
  for (const op of all)
    if (op.kind === 'position') furthest.set(op.document, Math.max(furthest.get(op.document) ?? 0, fractionRead(op.position)));
  return final
    .filter((document) => furthest.has(document.id) && fractionRead(document.position) !== furthest.get(document.id))
    .map((document) => `${document.id}: shows ${fractionRead(document.position)} read, the furthest was ${furthest.get(document.id)}`);
}

const totals = { runs: 0, devices: 0, maxDevices: 0, operations: 0, merges: 0, lost: 0, seconds: 0 };

describe('merging every device’s changes', () => {
  it('converges on every device, and loses no acknowledged change, whatever the order, delays and duplicates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 10 }),
        fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 10, maxLength: 10 }),
        fc.array(fc.record({ device: fc.nat(9), action: fc.nat(actions.length - 1), pick: fc.nat(1000), value: fc.nat(100_000) }), {
          minLength: 100,
          maxLength: 600,
        }),
        fc.integer(),
        (count, skews, steps, shuffleSeed) => {
          const devices = makeDevices(count, skews);
          const counter = { next: 0 };
          for (const step of steps) act(devices, step, () => undefined, counter);
          const all = devices.flatMap((device) => device.log);
          const started = performance.now();
          // Final exchange: each device hears everything, in its own shuffled order, with every change twice.
          let merges = 0;
          devices.forEach((device, index) => {
            const order = shuffled([...all, ...all], shuffleSeed + index);
            for (const op of order) if (device.library.apply(op)) merges++;
          });
          const snapshots = devices.map((device) =>
            JSON.stringify({ library: device.library.snapshot(), settings: device.library.settings() }),
          );
          totals.seconds += (performance.now() - started) / 1000;
          for (const snapshot of snapshots) expect(snapshot).toBe(snapshots[0]);
          const lost = [
            ...lostChanges(all, devices[0]!.library.snapshot(), devices[0]!.library.settings()),
            ...furthestReadLost(all, devices[0]!.library.snapshot()),
          ];
          expect(lost).toEqual([]);
          totals.runs++;
          totals.devices += count;
          totals.maxDevices = Math.max(totals.maxDevices, count);
          totals.operations += all.length;
          totals.merges += merges;
          totals.lost += lost.length;
        },
      ),
      { numRuns: 60, seed: 16 },
    );
    expect(totals.operations).toBeGreaterThan(2_000);
    recordFigure('sync-merge', {
      line:
        `sync merge: ${totals.runs} runs of 2–${totals.maxDevices} simulated devices, ${totals.operations} operations, ` +
        `${totals.merges} merges, ${totals.lost} lost, converged in ${totals.seconds.toFixed(2)} s`,
      values: { ...totals },
    });
    // Generous: the machine running the tests may be busy; the figure above reports the merge's own time.
  }, 120_000);

  it('keeps both texts of a note edited on two devices at once, and lets the next edit replace them', () => {
    const [laptop, desktop] = makeDevices(2, [0, 0]) as [Device, Device];
    commit(laptop, documentChanges(null, sampleDocument('doc')));
    desktop.library.apply(laptop.log[0]!);
    const view = (device: Device): DocumentView => device.library.view('doc')!;
    commit(laptop, documentNoteChanges(view(laptop), 'from the laptop'));
    commit(desktop, documentNoteChanges(view(desktop), 'from the desktop'));
    exchange(laptop, desktop);
    expect(view(laptop).note).toBe(view(desktop).note);
    expect(view(laptop).note.split(concurrentNoteSeparator).sort()).toEqual(['from the desktop', 'from the laptop']);
    commit(desktop, documentNoteChanges(view(desktop), 'reconciled'));
    exchange(laptop, desktop);
    expect(view(laptop).note).toBe('reconciled');
  });

  it('lets an edit made after a delete bring the highlight back, and a delete after every edit keep it deleted', () => {
    const [laptop, desktop] = makeDevices(2, [0, 0]) as [Device, Device];
    const made = sampleHighlight('h1');
    commit(laptop, documentChanges(null, { ...sampleDocument('doc'), highlights: [made] }));
    exchange(laptop, desktop);
    const current = (device: Device) => device.library.view('doc')!.highlights.find(({ id }) => id === 'h1');
    commit(laptop, highlightDeleted('doc', current(laptop), 'h1'));
    commit(desktop, highlightChanges('doc', current(desktop), { ...made, color: 'pink' }, hash(1)));
    exchange(laptop, desktop);
    expect(current(laptop)?.color).toBe('pink');
    commit(laptop, highlightDeleted('doc', current(laptop), 'h1'));
    exchange(laptop, desktop);
    expect(current(desktop)).toBeUndefined();
  });

  it('keeps a deleted document’s changes, so a later edit on another device brings it back whole', () => {
    const [laptop, desktop] = makeDevices(2, [0, 0]) as [Device, Device];
    commit(laptop, documentChanges(null, { ...sampleDocument('doc'), highlights: [sampleHighlight('h1')] }));
    exchange(laptop, desktop);
    commit(laptop, [{ kind: 'document-deleted', document: 'doc' }]);
    commit(desktop, positionChanges(desktop.library.view('doc')!, { blockIndex: 3, blockOffset: 0, progress: 0.4 }));
    exchange(laptop, desktop);
    expect(laptop.library.view('doc')?.highlights.map(({ id }) => id)).toEqual(['h1']);
  });
});

function exchange(a: Device, b: Device): void {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const op of from.log) {
      to.clock.observe(op.hlc);
      to.library.apply(op);
    }
  }
}

function sampleDocument(id: string) {
  return {
    id,
    title: 'A document',
    author: null,
    date: null,
    source: null,
    addedAt: new Date(1_800_000_000_000).toISOString(),
    content: { body: hash(1), assets: [] },
    position: null,
    note: '',
    highlights: [] as Highlight[],
    anchoredIn: () => hash(1),
  };
}

/** A seeded Fisher–Yates shuffle (mulberry32), so a failing run can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
