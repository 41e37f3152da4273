// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { indexAfterKey, rovingTabStop } from '../../renderer/src/roving';

describe('indexAfterKey', () => {
  it.each([
    ['ArrowDown', 0, 3, 1],
    ['ArrowDown', 2, 3, 2],
    ['ArrowUp', 2, 3, 1],
    ['ArrowUp', 0, 3, 0],
    ['Home', 2, 3, 0],
    ['End', 0, 3, 2],
    ['Tab', 1, 3, null],
    ['ArrowDown', 0, 0, null],
  ])('moves on %s from item %i of %i to %j', (key, index, count, expected) => {
    expect(indexAfterKey(key, index, count)).toBe(expected);
  });
});

describe('rovingTabStop', () => {
  function list(): { container: HTMLElement; buttons: HTMLButtonElement[]; update: () => void } {
    const container = document.createElement('div');
    container.innerHTML = '<button>a</button><button aria-current="page">b</button><button>c</button>';
    document.body.replaceChildren(container);
    const buttons = Array.from(container.querySelectorAll('button'));
    const update = rovingTabStop(container, () => Array.from(container.querySelectorAll('button')), {
      preferred: () => container.querySelector('[aria-current]'),
    });
    update();
    return { container, buttons, update };
  }
  const tabIndexes = (buttons: HTMLButtonElement[]) => buttons.map((button) => button.tabIndex);

  it('leaves one item in the Tab order, the preferred one until another is focused', () => {
    const { buttons, update } = list();
    expect(tabIndexes(buttons)).toEqual([-1, 0, -1]);
    buttons[2]!.focus();
    expect(tabIndexes(buttons)).toEqual([-1, -1, 0]);
    update();
    expect(tabIndexes(buttons)).toEqual([-1, -1, 0]);
  });

  it('moves the focus with the arrows, stopping at the ends, and leaves other keys alone', () => {
    const { buttons } = list();
    buttons[1]!.focus();
    const press = (key: string) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      document.activeElement!.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(press('ArrowDown')).toBe(true);
    expect(document.activeElement).toBe(buttons[2]);
    press('ArrowDown');
    expect(document.activeElement).toBe(buttons[2]);
    press('Home');
    expect(document.activeElement).toBe(buttons[0]);
    expect(tabIndexes(buttons)).toEqual([0, -1, -1]);
    expect(press('a')).toBe(false);
  });
});
