/**
 * Lists that are one Tab stop (the library, the contents outline): the
 * arrows move inside them, so Tab goes past a long list in one press.
 */

/** The item the keyboard moves to from item `index` of `count` on `key` (↓ ↑ Home End, stopping at the ends), or null for another key. */
export function indexAfterKey(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown') return Math.min(count - 1, index + 1);
  if (key === 'ArrowUp') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}

export interface RovingOptions {
  /** The item to be the Tab stop when none has been focused yet (the open document, the current section). */
  preferred?: () => HTMLElement | null;
  /** Called after each change of Tab stop, for controls that follow their item (a row's other buttons). */
  updated?: () => void;
}

/**
 * Makes the elements `items()` lists under `container` one Tab stop: only
 * `tabStop` (or the first) has tabindex 0; ↓ ↑ Home End move the focus
 * between them; focusing one (by click or arrow) makes it the Tab stop.
 * Returns a function to call once the items change.
 */
export function rovingTabStop(
  container: HTMLElement,
  items: () => HTMLElement[],
  { preferred = () => null, updated = () => undefined }: RovingOptions = {},
): () => void {
  let last: HTMLElement | null = null;
  const update = (): void => {
    const all = items();
    const stop = [last, preferred()].find((item) => item && all.includes(item)) ?? all[0];
    for (const item of all) item.tabIndex = item === stop ? 0 : -1;
    updated();
  };
  container.addEventListener('focusin', (event) => {
    const all = items();
    if (!all.includes(event.target as HTMLElement)) return;
    last = event.target as HTMLElement;
    update();
  });
  container.addEventListener('keydown', (event) => {
    const all = items();
    const index = all.indexOf(event.target as HTMLElement);
    if (index === -1) return;
    const next = indexAfterKey(event.key, index, all.length);
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation();
    all[next]?.focus();
  });
  return update;
}
