/** The element matching `selector`; its absence is a bug in index.html, so it throws. */
export function requireElement<E extends Element>(selector: string, root: ParentNode = document): E {
  const element = root.querySelector<E>(selector);
  if (!element) throw new Error(`Gloss's page is missing ${selector}`);
  return element;
}

/** Creates an element with a class and optional text, the one shape the views need over and over. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/** Runs `action` once `delay` ms have passed without another call; `flush` runs a pending call now. */
export function debounce(action: () => void, delay: number): { schedule(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        action();
      }, delay);
    },
    flush() {
      if (timer === null) return;
      clearTimeout(timer);
      timer = null;
      action();
    },
  };
}

/**
 * Lets Escape close a modal dialog even though the page handles Escape
 * itself (deselecting a highlight calls preventDefault, which would cancel
 * the dialog's own closing).
 */
export function closeOnEscape(dialog: HTMLDialogElement, returnValue = 'cancel'): void {
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    dialog.close(returnValue);
  });
}
