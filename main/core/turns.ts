/**
 * Long work on a thread that has other events to answer (on the main
 * process's, the window's calls) is done in turns of its event loop: those
 * events wait for the turn under way, never for the whole of the work.
 */

/** Resolves in a later turn, after the events waiting now have been handled. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How long a turn may run before the loop is let in: well under a frame, and
 * under the 50 ms the window's calls are held to with the loop's own work and
 * a garbage collection added.
 */
const turnMs = 8;

/**
 * `transform` applied to each item in order, as `Array.prototype.map` would,
 * letting the loop in whenever a turn has run for `sliceMs`. What is mapped
 * must not depend on state another turn may change.
 */
export async function mapInTurns<Item, Result>(
  items: readonly Item[],
  transform: (item: Item, index: number) => Result,
  sliceMs = turnMs,
): Promise<Result[]> {
  const results: Result[] = [];
  let turnStarted = performance.now();
  for (const [index, item] of items.entries()) {
    if (performance.now() - turnStarted >= sliceMs) {
      await nextTurn();
      turnStarted = performance.now();
    }
    results.push(transform(item, index));
  }
  return results;
}
