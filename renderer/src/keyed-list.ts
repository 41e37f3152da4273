/** A view of one item of a keyed list: built once for its key, then told of each new version of its item. */
export interface KeyedView<T> {
  readonly element: HTMLElement;
  update(item: T): void;
}

/**
 * Makes `parent`'s children exactly `nodes`, in order, moving only nodes that
 * are out of place: a node already where it belongs is not touched, so the
 * control that has the focus (and its caret) keeps it.
 */
export function placeChildren(parent: Node, nodes: readonly Node[]): void {
  const wanted = new Set(nodes);
  for (const child of Array.from(parent.childNodes)) if (!wanted.has(child)) child.remove();
  let cursor = parent.firstChild;
  for (const node of nodes) {
    if (node === cursor) cursor = cursor.nextSibling;
    else parent.insertBefore(node, cursor);
  }
}

/**
 * A list that updates by key instead of rebuilding: an item whose key was
 * shown before keeps its element and is only told its new version (the view
 * decides what, if anything, changed); only a key never seen gets a new view.
 * A view whose key drops out (filtered away) is kept, detached, so it comes
 * back as it was when the key returns (a filter widened again, an undone delete).
 */
export class KeyedList<T> {
  readonly #views = new Map<string, KeyedView<T>>();

  constructor(
    readonly element: HTMLElement,
    private readonly keyOf: (item: T) => string,
    private readonly create: (item: T) => KeyedView<T>,
  ) {}

  show(items: readonly T[]): void {
    const shown = items.map((item) => {
      const key = this.keyOf(item);
      const existing = this.#views.get(key);
      if (existing) {
        existing.update(item);
        return existing.element;
      }
      const view = this.create(item);
      this.#views.set(key, view);
      return view.element;
    });
    placeChildren(this.element, shown);
  }
}
