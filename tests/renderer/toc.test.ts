// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { outlineOf } from '../../renderer/src/toc';

function headings(tags: string[]): HTMLElement[] {
  return tags.map((tag, index) => {
    const heading = document.createElement(tag);
    heading.textContent = `${tag}-${index}`;
    return heading;
  });
}

type Shape = [string, Shape[]];
const shape = (nodes: ReturnType<typeof outlineOf>): Shape[] => nodes.map((node) => [node.heading.textContent!, shape(node.children)]);

describe('outlineOf', () => {
  it('nests each heading under the nearest earlier one of a higher level', () => {
    expect(shape(outlineOf(headings(['h1', 'h2', 'h3', 'h2', 'h1'])))).toEqual([
      [
        'h1-0',
        [
          ['h2-1', [['h3-2', []]]],
          ['h2-3', []],
        ],
      ],
      ['h1-4', []],
    ]);
  });

  it('keeps a document that skips levels or starts deep in order, without losing a heading', () => {
    expect(shape(outlineOf(headings(['h3', 'h1', 'h4', 'h2'])))).toEqual([
      ['h3-0', []],
      [
        'h1-1',
        [
          ['h4-2', []],
          ['h2-3', []],
        ],
      ],
    ]);
  });
});
