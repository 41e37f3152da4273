/** A view of one item of a keyed list: built once for its key, then told of each new version of its item. */
export interface KeyedView<T> {
  readonly element: HTMLElement;
  update(item: T): void;
  /** Called once the item has left the list. */
  dispose?(): void;
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
 * decides what, if anything, changed); new keys get a new view, gone keys lose theirs.
 */
export class KeyedList<T> {
  readonly #views = new Map<string, KeyedView<T>>();

  constructor(
    readonly element: HTMLElement,
    private readonly keyOf: (item: T) => string,
    private readonly create: (item: T) => KeyedView<T>,
  ) {}

  show(items: readonly T[]): void {
    const next = new Map<string, KeyedView<T>>();
    for (const item of items) {
      const key = this.keyOf(item);
      let view = this.#views.get(key);
      if (view) view.update(item);
      else view = this.create(item);
      next.set(key, view);
    }
    for (const [key, view] of this.#views) if (!next.has(key)) view.dispose?.();
    this.#views.clear();
    for (const [key, view] of next) this.#views.set(key, view);
    placeChildren(
      this.element,
      [...next.values()].map((view) => view.element),
    );
  }

  view(key: string): KeyedView<T> | undefined {
    return this.#views.get(key);
  }
}
