import { type Command, shortcutRows } from './commands';
import { element } from './dom';

/** A modal sheet listing the shortcuts of the command table; Escape or the button closes it. */
export function createShortcutsDialog(): HTMLDialogElement {
  const dialog = element('dialog', 'shortcuts-dialog');
  dialog.setAttribute('aria-labelledby', 'shortcuts-title');
  const title = element('h2', 'shortcuts-title', 'Keyboard shortcuts');
  title.id = 'shortcuts-title';
  const close = element('button', 'secondary-button', 'Close');
  close.type = 'button';
  close.addEventListener('click', () => dialog.close());
  dialog.append(title, element('dl', 'shortcuts-list'), close);
  return dialog;
}

/** Keys that lists handle themselves (roving.ts), not commands: listed so the sheet tells every key. */
const listKeys: [keys: string, label: string][] = [
  ['↓ / ↑', 'In the library or the contents: next / previous item'],
  ['Home / End', 'In the library or the contents: first / last item'],
];

/** Fills the sheet from the command table (built after the sheet, since one of its commands opens it). */
export function listShortcuts(dialog: HTMLDialogElement, commands: readonly Command[]): void {
  const list = dialog.querySelector('.shortcuts-list');
  list?.replaceChildren(
    ...[...shortcutRows(commands), ...listKeys].flatMap(([keys, label]) => [
      element('dt', undefined, keys),
      element('dd', undefined, label),
    ]),
  );
}
