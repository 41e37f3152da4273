import { element } from './dom';

const isMac = navigator.platform.toLowerCase().includes('mac');
const mod = isMac ? '⌘' : 'Ctrl';

/** Every shortcut, in the words the help sheet shows; the handlers live in main.ts. */
export const shortcuts: readonly [keys: string, action: string][] = [
  ['↓  /  ↑', 'Reading focus: next / previous paragraph'],
  ['→  /  ←', 'Reading focus: next / previous sentence'],
  [`${isMac ? 'Option' : 'Ctrl'}+→  /  ←`, 'Reading focus: next / previous word'],
  ['Shift+arrows', 'Extend the reading focus into a selection (Tab reaches its toolbar)'],
  [`${mod}+A`, 'Select the whole article'],
  ['H', 'Highlight the selection or the reading focus (last color used)'],
  ['1 – 5', 'Highlight in yellow, green, blue, pink or purple'],
  [']  /  [', 'Select the next / previous highlight'],
  ['Enter', 'Edit the selected highlight’s note'],
  ['Delete', 'Delete the selected highlight'],
  ['Escape', 'Deselect'],
  [`${mod}+Z`, 'Undo'],
  [`${mod}+Shift+Z`, 'Redo'],
  [`${mod}+S`, 'Save, while editing the document'],
  [`${mod}+O`, 'Add documents (or drop files on the window, or paste text)'],
  [`${mod}+Shift+V`, 'Add what the clipboard holds (Markdown, a copied web page, text) as a new document'],
  [`${mod}+Shift+E`, 'Export highlights'],
  [`${mod}+K`, 'Search the library (↓ ↑ move through results, Enter opens, Escape clears)'],
  [`${mod}+F`, 'Find in this document'],
  ['Enter  /  Shift+Enter', 'Next / previous match, in the find bar (also F3 / Shift+F3)'],
  ['?', 'Show this list'],
];

/** A modal sheet listing the shortcuts; Escape or the button closes it. */
export function createShortcutsDialog(): HTMLDialogElement {
  const dialog = element('dialog', 'shortcuts-dialog');
  dialog.setAttribute('aria-labelledby', 'shortcuts-title');
  const title = element('h2', 'shortcuts-title', 'Keyboard shortcuts');
  title.id = 'shortcuts-title';
  const list = element('dl', 'shortcuts-list');
  for (const [keys, action] of shortcuts) list.append(element('dt', undefined, keys), element('dd', undefined, action));
  const close = element('button', 'secondary-button', 'Close');
  close.type = 'button';
  close.addEventListener('click', () => dialog.close());
  dialog.append(title, list, close);
  return dialog;
}
