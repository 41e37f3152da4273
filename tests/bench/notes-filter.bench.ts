/**
 * Notes filter: one keystroke in the notes pane's search box with 1,000
 * highlights (up to 200 entries shown, 30% with a Markdown note), against
 * what a keystroke cost before the pane updated by key: building the whole
 * pane again, every shown entry's Markdown rendered anew. Both run in the same
 * process on the same highlights and keystrokes, in jsdom (DOM work and
 * Markdown rendering; no style or layout, which jsdom does not do).
 */
import { availableParallelism, loadavg } from 'node:os';
import { JSDOM } from 'jsdom';
import { type Highlight, highlightColors } from '../../common/contract';
import type { DocumentSession } from '../../renderer/src/highlights/session';
import { seededRandom } from '../support/seeded-random';
import { printTable, summarize } from './measure';

const highlightCount = 1_000;
/** One frame at 60 Hz: a keystroke that takes longer shows as lag. */
const frameMs = 16;
const typed = 'archive river';

const words = (
  'the of and to in a is that for it as was with be by on not reader archive margin passage chapter argument evidence century ' +
  'library manuscript harbour river council weather machine question history language memory season garden letter journey ' +
  'island village treaty market engine winter careful quiet ancient narrow gradual café naïve façade Zürich'
).split(' ');

function generateHighlights(): Highlight[] {
  const random = seededRandom(10);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const phrase = (count: number): string => Array.from({ length: count }, () => pick(words)).join(' ');
  return Array.from({ length: highlightCount }, (_, index) => {
    const start = index * 200;
    const exact = phrase(8 + Math.floor(random() * 30));
    const note = random() < 0.3 ? `${phrase(6)} **${phrase(2)}**, see [${phrase(2)}](https://example.com/${index})\n\n- ${phrase(5)}` : '';
    return {
      id: `h${String(index).padStart(4, '0')}`,
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
      revision: 1,
      color: pick(highlightColors),
      note,
      tags: random() < 0.3 ? [pick(['history', 'rivers', 'todo', 'quote'])] : [],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: random() < 0.2 ? '2026-02-01T00:00:00.000Z' : '2026-01-01T00:00:00.000Z',
    };
  });
}

/** The parts of a session the pane reads. */
function sessionOver(highlights: readonly Highlight[]): DocumentSession {
  const byId = new Map(highlights.map((highlight) => [highlight.id, highlight]));
  const placed = highlights.map(({ id, color, position }) => ({ id, color, start: position.start, end: position.end }));
  return { highlights: byId, documentNote: '', selectedId: null, placed: () => placed, orphans: () => [] } as unknown as DocumentSession;
}

export async function benchNotesFilter(): Promise<void> {
  // The pane is renderer code: it gets a DOM of its own, as in the renderer unit tests.
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const domGlobals = {
    window,
    document: window.document,
    navigator: window.navigator,
    Node: window.Node,
    NodeFilter: window.NodeFilter,
  };
  const saved = Object.keys(domGlobals).map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)] as const);
  Object.assign(globalThis, domGlobals);
  try {
    await timeKeystrokes(window);
  } finally {
    // The benchmarks after this one run in Node as Node: no DOM left behind.
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else Reflect.deleteProperty(globalThis, name);
    }
  }
}

async function timeKeystrokes(window: JSDOM['window']): Promise<void> {
  const { NotesPane } = await import('../../renderer/src/notes/notes-pane');
  const session = sessionOver(generateHighlights());
  const actions = { reveal: () => undefined, copyQuote: () => undefined, reattachToSelection: () => undefined };
  const newPane = () => {
    const aside = window.document.createElement('aside');
    window.document.body.append(aside);
    const pane = new NotesPane(aside, actions);
    pane.show(session);
    const search = aside.querySelector<HTMLInputElement>('input[type="search"]')!;
    const type = (query: string) => {
      search.value = query;
      search.dispatchEvent(new window.Event('input'));
    };
    return { aside, pane, type };
  };
  // Typing the query, then deleting it again: narrowing drops entries, widening brings back entries not built yet.
  const queries = [
    ...Array.from(typed, (_, index) => typed.slice(0, index + 1)),
    ...Array.from(typed, (_, index) => typed.slice(0, typed.length - index - 1)),
  ];
  const keyed = newPane();
  const rebuilt = newPane();
  const firstPass: number[] = [];
  const rebuildSamples: number[] = [];
  for (const query of queries) {
    let start = performance.now();
    keyed.type(query);
    firstPass.push(performance.now() - start);
    // Before: each keystroke built the pane from nothing for the new query (the filter set first, the build timed).
    rebuilt.pane.show(null);
    rebuilt.type(query);
    start = performance.now();
    rebuilt.pane.show(session);
    rebuildSamples.push(performance.now() - start);
    if (rebuilt.aside.querySelectorAll('li').length !== keyed.aside.querySelectorAll('li').length) {
      throw new Error(`The two panes disagree on “${query}”`);
    }
  }
  // The same keystrokes again: every entry they show has been built once, as when a query is corrected or retyped.
  const repeatPass = queries.map((query) => {
    const start = performance.now();
    keyed.type(query);
    return performance.now() - start;
  });

  const row = (approach: string, samples: number[]) => {
    const { median, p95 } = summarize(samples);
    return {
      approach,
      'median ms': median,
      'p95 ms': p95,
      'max ms': Math.max(...samples),
      [`median under ${frameMs} ms`]: median < frameMs ? 'yes' : 'no',
    };
  };
  const rows = [
    row('whole pane rebuilt (before)', rebuildSamples),
    row('updated by key, first pass (now)', firstPass),
    row('updated by key, same keystrokes again (now)', repeatPass),
  ];
  printTable(
    `Notes filter — one keystroke with ${highlightCount.toLocaleString('en')} highlights (jsdom; typing “${typed}” then deleting it, ${queries.length} keystrokes)`,
    rows,
  );
  // jsdom's times swing with everything else the machine runs: say how busy it was.
  console.log(`\nLoad average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores.`);
  console.log(`Updating by key is ${(rows[0]!['median ms'] / rows[1]!['median ms']).toFixed(1)}× faster at the median.`);
}
