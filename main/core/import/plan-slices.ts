/**
 * An import plan as it crosses back from the import worker (work.ts). Read
 * back as one message, a plan of 10,000 highlights held the main process's
 * thread for 15-55 ms at once (its copy made anew, and the collections that
 * set off), and the window's calls with it. So the worker sends the plan's
 * highlights in slices, each serialized on its own, and the main thread reads
 * one slice per turn of its event loop. What the highlights are in (documents,
 * changes, the report) comes whole: it is small.
 */
import { deserialize, serialize } from 'node:v8';
import { nextTurn } from '../turns';
import type { ImportPlan } from './apply';

/** Highlights per slice: about a millisecond's reading back. */
export const highlightsPerSlice = 500;

export interface PlanInSlices {
  /** The plan with every list of highlights emptied. */
  outline: ImportPlan;
  /** How long each list was, in the order of planLists. */
  lengths: number[];
  /** The lists' items one after another, `highlightsPerSlice` to a slice. */
  slices: Uint8Array[];
}

/** A plan's lists of highlights and anchors, always in the same order. */
function planLists(plan: ImportPlan): object[][] {
  return [...plan.creates.map((create) => create.highlights), ...plan.changes.flatMap((change) => [change.reanchored, change.add])];
}

/** `plan`, ready to send: the worker's side. */
export function sliced(plan: ImportPlan): PlanInSlices {
  const lists = planLists(plan);
  const items = lists.flat();
  const slices: Uint8Array[] = [];
  for (let start = 0; start < items.length; start += highlightsPerSlice)
    slices.push(serialize(items.slice(start, start + highlightsPerSlice)));
  return {
    outline: {
      ...plan,
      creates: plan.creates.map((create) => ({ ...create, highlights: [] })),
      changes: plan.changes.map((change) => ({ ...change, reanchored: [], add: [] })),
    },
    lengths: lists.map((list) => list.length),
    slices,
  };
}

/** The plan again, a slice read per turn: the main thread's side. */
export async function unsliced({ outline, lengths, slices }: PlanInSlices): Promise<ImportPlan> {
  const items: object[] = [];
  for (const slice of slices) {
    await nextTurn();
    for (const item of deserialize(slice) as object[]) items.push(item);
  }
  // Item by item, not spread: a list may hold more highlights than a call takes arguments (the store refuses them, with a reason).
  let next = 0;
  for (const [index, list] of planLists(outline).entries()) for (let count = 0; count < lengths[index]!; count++) list.push(items[next++]!);
  return outline;
}
