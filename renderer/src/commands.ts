import type { MenuCommand } from '../../common/contract';

/**
 * Where a command's keys work:
 * - `anywhere`: even in a text box (Ctrl+K, Ctrl+O);
 * - `outside-text-boxes`: not while typing, where the keys keep their usual meaning (Ctrl+Shift+V, ?);
 * - `reader`: with a document open and no dialog over it, not while typing (H, 1–5, Ctrl+Z);
 * - `local`: the control that has the focus handles them (Ctrl+S in the editor); listed in the ? sheet only.
 */
export type CommandScope = 'anywhere' | 'outside-text-boxes' | 'reader' | 'local';

/**
 * One thing the user can do by key or from main's menu, declared once: the
 * keyboard handler, the menu and the ? sheet all read the table.
 */
export interface Command {
  id: string;
  /** What the ? sheet says it does. */
  label: string;
  /** Key combinations, e.g. `Mod+Shift+E`, `H`, `]`; `Mod` is Ctrl, or ⌘ on a Mac. */
  keys: readonly string[];
  /** How the ? sheet writes the keys, when not simply the first of `keys`. */
  keysLabel?: string;
  /** The menu command from main that runs it. */
  menu?: MenuCommand;
  scope: CommandScope;
  /** Acts on the open document, whatever its scope: pressed while one opens, it waits for it (`reader` commands always do). */
  needsDocument?: true;
  /** Whether it applies now (the key is left alone otherwise); `event` is null for a menu command. */
  enabled?(event: KeyboardEvent | null): boolean;
  run?(event: KeyboardEvent | null): void;
}

const isMac = typeof navigator !== 'undefined' && navigator.platform.toLowerCase().includes('mac');

/** `Mod+Shift+Z` as the ? sheet shows it on this platform. */
export function keysForDisplay(keys: string): string {
  return keys.replace(/\bMod\b/g, isMac ? '⌘' : 'Ctrl');
}

interface KeyCombination {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

function parseKeys(keys: string): KeyCombination {
  // The last part is the key itself, which may be "+" only as a lone key.
  const parts = keys.length > 1 ? keys.split('+') : [keys];
  const key = parts.pop() ?? '';
  return { key: key.toLowerCase(), mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
}

/**
 * Whether the event is this combination. Shift is checked for letters and
 * named keys; a symbol such as `?` or `]` is whatever the layout needs to type
 * it, Shift or not.
 */
export function matchesKeys(event: KeyboardEvent, keys: string): boolean {
  const combination = parseKeys(keys);
  const key = event.key.toLowerCase();
  if (key !== combination.key) return false;
  if ((event.ctrlKey || event.metaKey) !== combination.mod || event.altKey !== combination.alt) return false;
  const shiftMatters = combination.key.length > 1 || /\p{L}/u.test(combination.key);
  return !shiftMatters || event.shiftKey === combination.shift;
}

export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export interface KeyboardContext {
  /** A document is open and no dialog covers it: `reader` commands apply. */
  readerReady(): boolean;
  /**
   * Takes a `reader` command pressed while a document is on its way, to run
   * once it is ready, and says whether it did (false: nothing is opening, or
   * the key belongs where it was pressed, and it is not Gloss's). Absent:
   * such keys are not Gloss's.
   */
  runWhenReaderReady?(run: () => void, event: KeyboardEvent): boolean;
}

/** Runs the first command whose keys, scope and `enabled` fit the event; returns whether one ran (its default is then prevented). */
export function handleKeydown(commands: readonly Command[], event: KeyboardEvent, context: KeyboardContext): boolean {
  const typing = isTyping(event.target);
  for (const command of commands) {
    if (!command.run || command.scope === 'local') continue;
    if (!command.keys.some((keys) => matchesKeys(event, keys))) continue;
    if (command.scope !== 'anywhere' && typing) continue;
    if ((command.scope === 'reader' || command.needsDocument) && !context.readerReady()) {
      // A key pressed while the document opens is the reader's, not lost: it runs as soon as the document is ready.
      const { run, enabled } = command;
      const runIfEnabled = (): void => {
        if (!enabled || enabled(event)) run(event);
      };
      if (context.runWhenReaderReady?.(runIfEnabled, event)) {
        event.preventDefault();
        return true;
      }
      if (command.scope === 'reader') continue;
    }
    if (command.enabled && !command.enabled(event)) continue;
    event.preventDefault();
    command.run(event);
    return true;
  }
  return false;
}

/** Runs the command main's menu asked for; returns whether the table has one. */
export function runMenuCommand(commands: readonly Command[], menu: MenuCommand): boolean {
  const command = commands.find((candidate) => candidate.menu === menu);
  if (!command?.run || (command.enabled && !command.enabled(null))) return false;
  command.run(null);
  return true;
}

/** The rows of the ? sheet: every command that has keys, in the table's order. */
export function shortcutRows(commands: readonly Command[]): [keys: string, label: string][] {
  return commands
    .filter((command) => command.keys.length > 0)
    .map((command) => [keysForDisplay(command.keysLabel ?? command.keys[0]!), command.label]);
}
