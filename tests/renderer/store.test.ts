import { describe, expect, it, vi } from 'vitest';
import { Store } from '../../renderer/src/state/store';

describe('Store', () => {
  it('tells a subscriber the current value at once, then only when its part changes', () => {
    const store = new Store({ count: 0, name: 'a' });
    const heard = vi.fn();
    store.subscribe((state) => state.count, heard);
    expect(heard.mock.calls.map(([value]) => value)).toEqual([0]);

    store.set({ name: 'b' });
    store.set({ count: 1 });
    store.set({ count: 1 });
    store.set({ count: 2, name: 'c' });

    expect(heard.mock.calls.map(([value]) => value)).toEqual([0, 1, 2]);
    expect(heard.mock.lastCall?.[1]).toEqual({ count: 2, name: 'c' });
  });

  it('replaces the state object on each change and keeps the fields not named', () => {
    const store = new Store({ count: 0, name: 'a' });
    const before = store.state;
    store.set({ count: 5 });
    expect(store.state).not.toBe(before);
    expect(store.state).toEqual({ count: 5, name: 'a' });
    expect(before).toEqual({ count: 0, name: 'a' });
  });

  it('stops telling a subscriber that unsubscribed', () => {
    const store = new Store({ count: 0 });
    const heard = vi.fn();
    const unsubscribe = store.subscribe((state) => state.count, heard);
    unsubscribe();
    store.set({ count: 1 });
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('lets a listener change the state, and every subscriber hears each value once', () => {
    const store = new Store({ count: 0, doubled: 0 });
    store.subscribe(
      (state) => state.count,
      (count) => store.set({ doubled: count * 2 }),
    );
    const doubled = vi.fn();
    store.subscribe((state) => state.doubled, doubled);
    store.set({ count: 3 });
    expect(doubled.mock.calls.map(([value]) => value)).toEqual([0, 6]);
    expect(store.state).toEqual({ count: 3, doubled: 6 });
  });
});
