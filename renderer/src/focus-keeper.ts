/**
 * Keeps the keyboard somewhere useful. From <body>, PageDown, Space and the
 * arrows do nothing, and a screen reader loses its place: that is where focus
 * falls when the focused element is removed (a deleted document's row, a
 * notice's Undo, a list rebuilt after an import) or a dialog returns focus to
 * an element that no longer exists. Whenever focus is found on <body> with no
 * dialog open, it goes to `home` (the reader). Escape in a text box outside a
 * dialog (a note, the search box once empty) leaves it for `home` as well.
 */
export function keepFocus(home: HTMLElement): void {
  let pending = false;
  const check = () => {
    pending = false;
    const active = document.activeElement;
    if ((active === null || active === document.body) && !document.querySelector('dialog[open]')) home.focus({ preventScroll: true });
  };
  const schedule = () => {
    if (pending) return;
    pending = true;
    setTimeout(check);
  };
  // Chromium fires no blur when a focused element is removed: watch removals as well as focus leaving.
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  document.addEventListener('focusout', schedule);

  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.key !== 'Escape' || event.defaultPrevented || !isTextBox(target)) return;
    // Dialogs, the settings popover and the document editor give Escape their own meaning.
    if (target.closest('dialog, [popover], form.document-editor')) return;
    event.preventDefault();
    target.blur();
    home.focus({ preventScroll: true });
  });
}

function isTextBox(target: EventTarget | null): target is HTMLElement {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'range'))
  );
}
