/** What eachAtOnce did: which items' tasks finished, and the first failure, if one failed. */
export interface AtOnceOutcome {
  finished: boolean[];
  failure: { error: unknown } | null;
}

/**
 * Runs `task` for each item, at most `limit` at once, starting them in order:
 * writes that each end in an fsync, which the disk takes together when
 * several are under way. Once one fails no more start; this resolves when
 * those under way are done, so nothing is still being written when the
 * caller reports the failure.
 */
export async function eachAtOnce<Item>(
  items: readonly Item[],
  limit: number,
  task: (item: Item, index: number) => Promise<void>,
): Promise<AtOnceOutcome> {
  const finished = items.map(() => false);
  const errors: unknown[] = [];
  let next = 0;
  const runner = async (): Promise<void> => {
    for (let index = next++; index < items.length && errors.length === 0; index = next++) {
      try {
        await task(items[index]!, index);
        finished[index] = true;
      } catch (error) {
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  return { finished, failure: errors.length > 0 ? { error: errors[0] } : null };
}
