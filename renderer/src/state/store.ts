/** A listener is told the new value of the part of the state it selected, and the whole state. */
type Listener<S, T> = (value: T, state: S) => void;

/**
 * A small observable store: one state object, replaced (never mutated) by
 * `set`; each subscriber selects a part of it and hears only when that part
 * changes (compared with `Object.is`), so a view subscribed to the library
 * list does not run when a highlight is selected.
 */
export class Store<S extends object> {
  #state: S;
  readonly #subscribers = new Set<{ select: (state: S) => unknown; last: unknown; listener: Listener<S, unknown> }>();

  constructor(initial: S) {
    this.#state = initial;
  }

  get state(): S {
    return this.#state;
  }

  /** Replaces the given fields, then tells every subscriber whose selected part changed. */
  set(patch: Partial<S>): void {
    this.#state = { ...this.#state, ...patch };
    // A listener may set the state again; each subscriber then compares against what it last heard, so none hears a value twice.
    for (const subscriber of [...this.#subscribers]) {
      const value = subscriber.select(this.#state);
      if (Object.is(value, subscriber.last)) continue;
      subscriber.last = value;
      subscriber.listener(value, this.#state);
    }
  }

  /** Calls `listener` now with the current value, and again each time it changes; returns the unsubscribe. */
  subscribe<T>(select: (state: S) => T, listener: Listener<S, T>): () => void {
    const subscriber = { select, last: select(this.#state) as unknown, listener: listener as Listener<S, unknown> };
    this.#subscribers.add(subscriber);
    listener(subscriber.last as T, this.#state);
    return () => this.#subscribers.delete(subscriber);
  }
}
