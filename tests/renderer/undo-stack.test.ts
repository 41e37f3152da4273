import { describe, expect, it } from 'vitest';
import { type Command, UndoStack } from '../../renderer/src/highlights/undo-stack';

/** A command that appends "undo <label>" / "redo <label>" to a shared log. */
function command(label: string, log: string[]): Command {
  return {
    label,
    undo: () => log.push(`undo ${label}`),
    redo: () => log.push(`redo ${label}`),
  };
}

describe('UndoStack', () => {
  it('undoes commands from the latest to the earliest and returns each one', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    const [a, b, c] = [command('a', log), command('b', log), command('c', log)];
    stack.push(a);
    stack.push(b);
    stack.push(c);

    expect(stack.undo()).toBe(c);
    expect(stack.undo()).toBe(b);
    expect(stack.undo()).toBe(a);
    expect(log).toEqual(['undo c', 'undo b', 'undo a']);
  });

  it('redoes undone commands in the order they were first done', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    const [a, b, c] = [command('a', log), command('b', log), command('c', log)];
    stack.push(a);
    stack.push(b);
    stack.push(c);
    stack.undo();
    stack.undo();
    stack.undo();
    log.length = 0;

    expect(stack.redo()).toBe(a);
    expect(stack.redo()).toBe(b);
    expect(stack.redo()).toBe(c);
    expect(log).toEqual(['redo a', 'redo b', 'redo c']);
  });

  it('does not run a command when it is pushed, since its effect has already been applied', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    stack.push(command('a', log));
    expect(log).toEqual([]);
  });

  it('can undo a command again after redoing it', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    const a = command('a', log);
    stack.push(a);
    stack.undo();
    stack.redo();

    expect(stack.undo()).toBe(a);
    expect(log).toEqual(['undo a', 'redo a', 'undo a']);
  });

  it('interleaves undo and redo over the same history', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    stack.push(command('a', log));
    stack.push(command('b', log));
    stack.undo(); // b
    stack.undo(); // a
    stack.redo(); // a
    stack.undo(); // a
    stack.redo(); // a
    stack.redo(); // b
    stack.undo(); // b
    expect(log).toEqual(['undo b', 'undo a', 'redo a', 'undo a', 'redo a', 'redo b', 'undo b']);
  });

  it('discards the redo history when a new command is pushed after an undo', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    const [a, b, c] = [command('a', log), command('b', log), command('c', log)];
    stack.push(a);
    stack.push(b);
    stack.undo();
    stack.push(c);
    log.length = 0;

    expect(stack.redo()).toBeNull();
    expect(log).toEqual([]);
    expect(stack.undo()).toBe(c);
    expect(stack.undo()).toBe(a);
    expect(stack.undo()).toBeNull();
    expect(log).toEqual(['undo c', 'undo a']);
  });

  it('drops the oldest command once more than its capacity have been pushed', () => {
    const log: string[] = [];
    const stack = new UndoStack(3);
    const commands = ['a', 'b', 'c', 'd', 'e'].map((label) => command(label, log));
    for (const each of commands) stack.push(each);

    const undone: (string | undefined)[] = [];
    for (let step = 0; step < 5; step++) undone.push(stack.undo()?.label);

    expect(undone).toEqual(['e', 'd', 'c', undefined, undefined]);
    expect(log).toEqual(['undo e', 'undo d', 'undo c']);
  });

  it('keeps exactly its capacity of commands', () => {
    const log: string[] = [];
    const stack = new UndoStack(2);
    stack.push(command('a', log));
    stack.push(command('b', log));

    expect(stack.undo()?.label).toBe('b');
    expect(stack.undo()?.label).toBe('a');
    expect(stack.undo()).toBeNull();
  });

  it('keeps 500 commands by default', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    for (let index = 0; index < 501; index++) stack.push(command(String(index), log));

    let count = 0;
    let last: Command | null = null;
    for (let command = stack.undo(); command; command = stack.undo()) {
      count++;
      last = command;
    }
    expect(count).toBe(500);
    expect(last?.label).toBe('1');
  });

  it.each([
    ['undo', (stack: UndoStack) => stack.undo()],
    ['redo', (stack: UndoStack) => stack.redo()],
  ])('returns null from %s on an empty stack', (_name, act) => {
    expect(act(new UndoStack())).toBeNull();
  });

  it('returns null from redo and calls nothing when every command is still done', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    stack.push(command('a', log));
    expect(stack.redo()).toBeNull();
    expect(log).toEqual([]);
  });

  it('returns null from undo and calls nothing once everything has been undone', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    stack.push(command('a', log));
    stack.undo();
    log.length = 0;
    expect(stack.undo()).toBeNull();
    expect(log).toEqual([]);
  });

  it('forgets both directions when cleared', () => {
    const log: string[] = [];
    const stack = new UndoStack();
    stack.push(command('a', log));
    stack.push(command('b', log));
    stack.undo();
    stack.clear();
    log.length = 0;

    expect(stack.undo()).toBeNull();
    expect(stack.redo()).toBeNull();
    expect(log).toEqual([]);
  });
});
