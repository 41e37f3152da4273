import { element } from './dom';

/**
 * A visually hidden live region: what a screen reader should hear after a
 * keyboard action that changes nothing it would otherwise read (the reading
 * focus moved, a highlight was made). Sighted readers see the change itself.
 */
export class Announcer {
  readonly element: HTMLElement;

  constructor() {
    this.element = element('div', 'visually-hidden announcer');
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
  }

  announce(message: string): void {
    // Emptying first makes a repeated message (the same word focused twice) a change the screen reader reads again.
    this.element.textContent = '';
    requestAnimationFrame(() => (this.element.textContent = message));
  }
}
