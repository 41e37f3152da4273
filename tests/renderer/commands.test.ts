// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createCommands, type CommandTargets } from '../../renderer/src/command-table';
import { type Command, handleKeydown, matchesKeys, runMenuCommand, shortcutRows } from '../../renderer/src/commands';
import type { DocumentController } from '../../renderer/src/document-controller';
import type { LibraryController } from '../../renderer/src/library-controller';
import { createShortcutsDialog, listShortcuts } from '../../renderer/src/shortcuts-help';

const key = (init: KeyboardEventInit): KeyboardEvent => new KeyboardEvent('keydown', { cancelable: true, bubbles: true, ...init });

describe('matchesKeys', () => {
  it.each([
    ['Mod+Shift+E', { key: 'E', ctrlKey: true, shiftKey: true }, true],
    ['Mod+Shift+E', { key: 'E', metaKey: true, shiftKey: true }, true],
    ['Mod+Shift+E', { key: 'e', ctrlKey: true }, false],
    ['Mod+Z', { key: 'z', ctrlKey: true, altKey: true }, false],
    ['H', { key: 'h' }, true],
    ['H', { key: 'H', shiftKey: true }, false],
    ['H', { key: 'h', ctrlKey: true }, false],
    ['?', { key: '?', shiftKey: true }, true],
    [']', { key: ']' }, true],
    ['F3', { key: 'F3', shiftKey: true }, false],
    ['Shift+F3', { key: 'F3', shiftKey: true }, true],
    ['Escape', { key: 'Escape' }, true],
  ] as const)('%s against %j is %s', (keys, init, expected) => {
    expect(matchesKeys(key(init), keys)).toBe(expected);
  });
});

describe('handleKeydown', () => {
  const run = vi.fn();
  const commands: Command[] = [
    { id: 'anywhere', label: 'Anywhere', keys: ['Mod+K'], scope: 'anywhere', run },
    { id: 'outside', label: 'Outside text boxes', keys: ['?'], scope: 'outside-text-boxes', run },
    { id: 'reader', label: 'Reader', keys: ['H'], scope: 'reader', run },
    { id: 'disabled', label: 'Disabled', keys: ['X'], scope: 'anywhere', enabled: () => false, run },
    { id: 'local', label: 'Local', keys: ['Mod+S'], scope: 'local' },
  ];
  const press = (init: KeyboardEventInit, target: HTMLElement = document.body, readerReady = true) => {
    run.mockClear();
    const event = key(init);
    Object.defineProperty(event, 'target', { value: target });
    const handled = handleKeydown(commands, event, { readerReady: () => readerReady });
    return { handled, prevented: event.defaultPrevented, ran: run.mock.calls.length };
  };
  const textbox = document.createElement('textarea');

  it('runs a matching command and prevents the key’s default', () => {
    expect(press({ key: 'h' })).toEqual({ handled: true, prevented: true, ran: 1 });
  });

  it('leaves keys typed in a text box alone unless the command works anywhere', () => {
    expect(press({ key: 'h' }, textbox)).toEqual({ handled: false, prevented: false, ran: 0 });
    expect(press({ key: '?', shiftKey: true }, textbox)).toEqual({ handled: false, prevented: false, ran: 0 });
    expect(press({ key: 'k', ctrlKey: true }, textbox)).toEqual({ handled: true, prevented: true, ran: 1 });
  });

  it('runs reader commands only when the reader is ready (a document open, no dialog over it)', () => {
    expect(press({ key: 'h' }, document.body, false).ran).toBe(0);
    expect(press({ key: 'k', ctrlKey: true }, document.body, false).ran).toBe(1);
  });

  it('keeps a reader command pressed while a document opens and runs it once the document is ready, enabled or not then', () => {
    const waiting: (() => void)[] = [];
    let enabledWhenReady = true;
    const later: Command[] = [{ id: 'reader', label: 'Reader', keys: ['H'], scope: 'reader', enabled: () => enabledWhenReady, run }];
    const opening = {
      readerReady: () => false,
      runWhenReaderReady: (deferred: () => void, pressed: KeyboardEvent) => pressed.key === 'h' && waiting.push(deferred) > 0,
    };
    run.mockClear();
    const event = key({ key: 'h' });
    expect(handleKeydown(later, event, opening)).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(run).not.toHaveBeenCalled();
    waiting.shift()!();
    expect(run).toHaveBeenCalledWith(event);

    handleKeydown(later, key({ key: 'h' }), opening);
    enabledWhenReady = false;
    waiting.shift()!();
    expect(run).toHaveBeenCalledTimes(1);

    // Nothing opening: the key is not Gloss's.
    const idle = key({ key: 'h' });
    expect(handleKeydown(later, idle, { readerReady: () => false, runWhenReaderReady: () => false })).toBe(false);
    expect(idle.defaultPrevented).toBe(false);
  });

  it('leaves the key alone when the command is not enabled, or is handled by the focused control', () => {
    expect(press({ key: 'x' })).toEqual({ handled: false, prevented: false, ran: 0 });
    expect(press({ key: 's', ctrlKey: true })).toEqual({ handled: false, prevented: false, ran: 0 });
  });
});

/** The real table over stand-in targets that record what was asked of them. */
function realTable() {
  const asked: string[] = [];
  const record = (name: string) => () => void asked.push(name);
  const documents = {
    current: null,
    selectedOffsets: () => null,
    highlightableOffsets: () => null,
    highlightSelection: () => false,
    stepHighlight: (direction: number) => asked.push(`step ${direction}`),
    copyAllHighlights: async () => void asked.push('copy all'),
  } as unknown as DocumentController;
  const targets: CommandTargets = {
    documents,
    library: {} as LibraryController,
    addDocuments: record('add documents'),
    openExport: record('export'),
    syncToFolder: record('sync to folder'),
    syncLibrary: record('sync library'),
    focusSearch: record('search'),
    findBar: { isOpen: false, open: record('find'), step: record('find next') },
    shortcutsSheet: createShortcutsDialog(),
    focusSelectedNote: record('focus note'),
    hideSelectionToolbar: record('hide toolbar'),
    announce: record('announce'),
    readingFocus: { accepts: () => false, handleKey: () => false },
    linkTrail: { canGoBack: false, back: () => false },
    readerReady: () => true,
  };
  return { commands: createCommands(targets), asked, targets };
}

describe('the command table', () => {
  it('declares each command once, and no key combination twice', () => {
    const { commands } = realTable();
    expect(new Set(commands.map((command) => command.id)).size).toBe(commands.length);
    const keys = commands.flatMap((command) => command.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('runs the same command for a key and for main’s menu', () => {
    const { commands, asked } = realTable();
    const event = key({ key: 'o', ctrlKey: true });
    handleKeydown(commands, event, { readerReady: () => false });
    expect(runMenuCommand(commands, 'open')).toBe(true);
    expect(runMenuCommand(commands, 'export')).toBe(true);
    expect(runMenuCommand(commands, 'sync-to-folder')).toBe(true);
    expect(runMenuCommand(commands, 'sync-library')).toBe(true);
    expect(runMenuCommand(commands, 'copy-all-highlights')).toBe(true);
    expect(asked).toEqual(['add documents', 'add documents', 'export', 'sync to folder', 'sync library', 'copy all']);
  });

  it('passes the key to commands bound to several (] next, [ previous)', () => {
    const { commands, asked } = realTable();
    handleKeydown(commands, key({ key: ']' }), { readerReady: () => true });
    handleKeydown(commands, key({ key: '[' }), { readerReady: () => true });
    expect(asked).toEqual(['step 1', 'step -1']);
  });

  it('is what the ? sheet lists: one row per command with keys, in the table’s order, then the keys lists handle themselves', () => {
    const { commands, targets } = realTable();
    listShortcuts(targets.shortcutsSheet, commands);
    const terms = Array.from(targets.shortcutsSheet.querySelectorAll('dt'), (term) => term.textContent);
    const descriptions = Array.from(targets.shortcutsSheet.querySelectorAll('dd'), (description) => description.textContent);
    const rows = terms.map((term, index) => [term, descriptions[index]]);
    const commandRows = shortcutRows(commands);
    expect(rows.slice(0, commandRows.length)).toEqual(commandRows);
    expect(terms.slice(0, 3)).toEqual(['H', '1 – 5', ']  /  [']);
    expect(terms).toContain('Ctrl+Shift+E');
    expect(descriptions[commandRows.length - 1]).toBe('Show this list');
    expect(rows.slice(commandRows.length)).toEqual([
      ['↓ / ↑', 'In the library or the contents: next / previous item'],
      ['Home / End', 'In the library or the contents: first / last item'],
    ]);
  });
});
