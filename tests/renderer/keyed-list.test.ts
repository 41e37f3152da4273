// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { KeyedList, placeChildren } from '../../renderer/src/keyed-list';

interface Item {
  id: string;
  text: string;
}

function list() {
  const created: string[] = [];
  const root = document.createElement('ol');
  const keyed = new KeyedList<Item>(
    root,
    (item) => item.id,
    (item) => {
      created.push(item.id);
      const element = document.createElement('li');
      element.textContent = item.text;
      return { element, update: (next) => (element.textContent = next.text) };
    },
  );
  const texts = () => Array.from(root.children, (child) => child.textContent);
  return { root, keyed, created, texts };
}

describe('KeyedList', () => {
  it('keeps the element of every key shown before, updates it, and builds only new keys', () => {
    const { root, keyed, created, texts } = list();
    keyed.show([
      { id: 'a', text: 'A' },
      { id: 'b', text: 'B' },
    ]);
    const [a, b] = Array.from(root.children);

    keyed.show([
      { id: 'a', text: 'A2' },
      { id: 'b', text: 'B' },
      { id: 'c', text: 'C' },
    ]);

    expect(created).toEqual(['a', 'b', 'c']);
    expect(root.children[0]).toBe(a);
    expect(root.children[1]).toBe(b);
    expect(texts()).toEqual(['A2', 'B', 'C']);
  });

  it('takes out the elements of keys no longer shown, and puts the same ones back when they return', () => {
    const { root, keyed, created, texts } = list();
    const items = ['a', 'b', 'c'].map((id) => ({ id, text: id.toUpperCase() }));
    keyed.show(items);
    const c = root.children[2];
    keyed.show([items[1]!]);
    expect(texts()).toEqual(['B']);

    keyed.show(items);
    expect(texts()).toEqual(['A', 'B', 'C']);
    expect(root.children[2]).toBe(c);
    expect(created).toEqual(['a', 'b', 'c']);
  });

  it('follows a new order', () => {
    const { keyed, created, texts } = list();
    const items = ['a', 'b', 'c', 'd'].map((id) => ({ id, text: id }));
    keyed.show(items);
    keyed.show([items[3]!, items[1]!, items[0]!, items[2]!]);
    expect(texts()).toEqual(['d', 'b', 'a', 'c']);
    expect(created).toHaveLength(4);
  });
});

describe('placeChildren', () => {
  it('moves no node that is already in place, so the focused one keeps the focus', () => {
    const parent = document.createElement('div');
    document.body.append(parent);
    const [first, input, last] = [document.createElement('p'), document.createElement('input'), document.createElement('p')];
    parent.append(first, input, last);
    input.focus();
    const inserted = vi.spyOn(parent, 'insertBefore');

    placeChildren(parent, [input, last]);

    expect(Array.from(parent.childNodes)).toEqual([input, last]);
    expect(inserted).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input);
  });
});
