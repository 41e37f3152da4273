import { describe, expect, it } from 'vitest';
import { type ImportPlan, planImport } from '../../../../main/core/import/apply';
import { parseImport } from '../../../../main/core/import';
import { highlightsPerSlice, sliced, unsliced } from '../../../../main/core/import/plan-slices';
import { sampleHighlight } from '../../../support/sample-highlight';

/** A Readwise CSV of two books, 700 highlights in the first and 300 in the second. */
function readwiseCsv(): string {
  const rows = Array.from({ length: 1_000 }, (_, index) => {
    const book = index < 700 ? 'First book' : 'Second book';
    return `"Passage ${index}, which the reader kept.",${book},A Writer,,Note ${index},${index},2024-01-01 10:00:00`;
  });
  return ['Highlight,Title,Author,URL,Note,Location,Date', ...rows].join('\n');
}

/** A plan with every kind of list: two new books, and a change to an existing document that moves 2 highlights and adds 400. */
function planWithEveryList(): ImportPlan {
  const plan = planImport({ documents: [], problems: [] }, parseImport('books.csv', readwiseCsv()));
  const anchors = [sampleHighlight('moved-1'), sampleHighlight('moved-2')].map(({ id, quote, position, revision }) => ({
    id,
    quote,
    position,
    revision,
  }));
  plan.changes.push({
    documentId: 'existing',
    title: 'An existing document',
    revision: 3,
    newBody: { markdown: '# Changed\n', revision: 4 },
    reanchored: anchors,
    add: Array.from({ length: 400 }, (_, index) => sampleHighlight(`added-${index}`, { note: `note ${index}` })),
    documentNote: null,
  });
  return plan;
}

describe('an import plan sent back from the worker in slices', () => {
  it('comes back as the plan that was sliced, every list in its place and order', async () => {
    const plan = planWithEveryList();
    expect(plan.creates.map((create) => create.highlights.length)).toEqual([700, 300]);
    const expected = structuredClone(plan);
    const sent = structuredClone(sliced(plan));
    expect(sent.outline.creates.every((create) => create.highlights.length === 0)).toBe(true);
    expect(sent.lengths).toEqual([700, 300, 2, 400]);
    expect(sent.slices).toHaveLength(Math.ceil(1_402 / highlightsPerSlice));
    expect(await unsliced(sent)).toEqual(expected);
  });

  it('leaves the plan it slices as it was', () => {
    const plan = planWithEveryList();
    const before = structuredClone(plan);
    sliced(plan);
    expect(plan).toEqual(before);
  });

  it('reads back one slice per turn of the event loop, letting other events in between', async () => {
    const sent = structuredClone(sliced(planWithEveryList()));
    let turns = 0;
    let counting = true;
    const count = (): void => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await unsliced(sent);
    counting = false;
    expect(turns).toBeGreaterThanOrEqual(sent.slices.length);
  });

  it('brings back whole a list of more highlights than a call takes arguments', async () => {
    const plan = planWithEveryList();
    const [first] = plan.creates;
    first!.highlights = Array.from({ length: 200_000 }, (_, index) => ({ ...first!.highlights[index % 700]!, id: `many-${index}` }));
    const back = await unsliced(structuredClone(sliced(plan)));
    expect(back.creates[0]!.highlights).toHaveLength(200_000);
    expect(back.creates[0]!.highlights.at(-1)!.id).toBe('many-199999');
    expect(back.changes[0]!.add).toHaveLength(400);
  });

  it('sends a plan without highlights as its outline alone', async () => {
    const plan = planImport({ documents: [], problems: [] }, parseImport('empty.csv', 'Highlight,Title,Author,URL,Note,Location,Date\n'));
    const sent = sliced(plan);
    expect(sent.slices).toEqual([]);
    expect(await unsliced(structuredClone(sent))).toEqual(plan);
  });
});
