/**
 * Makes a group of `role="radio"` buttons behave as one radio group: a single
 * Tab stop (the checked one, or the first), and the arrow keys move to the
 * next or previous choice and choose it, wrapping at the ends (the ARIA radio
 * group pattern). Clicking is left to the buttons themselves.
 */
export function rovingRadioGroup(group: HTMLElement): void {
  const radios = (): HTMLElement[] => Array.from(group.querySelectorAll<HTMLElement>('[role="radio"]'));
  const all = radios();
  const checked = all.find((radio) => radio.getAttribute('aria-checked') === 'true') ?? all[0];
  for (const radio of all) radio.tabIndex = radio === checked ? 0 : -1;
  group.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step === undefined) return;
    const current = radios();
    const index = current.indexOf(document.activeElement as HTMLElement);
    if (index === -1) return;
    event.preventDefault();
    event.stopPropagation();
    const next = current[(index + step + current.length) % current.length]!;
    for (const radio of current) radio.tabIndex = radio === next ? 0 : -1;
    next.focus();
    next.click();
  });
}
