import { type HighlightColor, highlightColors } from '../../../common/contract';
import { element } from '../dom';
import { colorLabel } from '../notes/format-notes';
import { colorSwatchContent } from './color-swatch';

/**
 * The small toolbar that appears by a text selection in the reader:
 * "Highlight" (in the last color used) and one button per color.
 */
export class SelectionToolbar {
  readonly element: HTMLElement;

  /** `returnFocus`: where the keyboard goes back to once the toolbar is done with (the reader). */
  constructor(
    onChoose: (color: HighlightColor | null) => void,
    private readonly returnFocus: HTMLElement,
  ) {
    this.element = element('div', 'selection-toolbar');
    this.element.setAttribute('role', 'toolbar');
    this.element.setAttribute('aria-label', 'Highlight selection');
    this.element.hidden = true;
    const main = element('button', 'toolbar-highlight', 'Highlight');
    main.type = 'button';
    main.title = 'Highlight (H)';
    main.addEventListener('click', () => onChoose(null));
    this.element.append(main);
    highlightColors.forEach((color, index) => {
      const button = element('button', `toolbar-color color-${color}`);
      button.type = 'button';
      button.append(...colorSwatchContent(color));
      button.title = `${colorLabel(color)} (${index + 1})`;
      button.addEventListener('click', () => onChoose(color));
      this.element.append(button);
    });
    // Pressing a button must not collapse the selection it acts on.
    this.element.addEventListener('mousedown', (event) => event.preventDefault());
    this.element.addEventListener('keydown', (event) => this.#keydown(event));
    // Tab from the selection goes to the toolbar first: otherwise the next link or button takes focus and the toolbar is gone.
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Tab' || event.shiftKey || this.element.hidden || this.element.contains(document.activeElement)) return;
      event.preventDefault();
      this.#buttons()[0]?.focus();
    });
  }

  /** A toolbar is one stop: arrows move between its buttons, Escape goes back to the text with the selection kept. */
  #keydown(event: KeyboardEvent): void {
    const buttons = this.#buttons();
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next: HTMLButtonElement | undefined;
    if (event.key === 'ArrowRight') next = buttons[(index + 1) % buttons.length];
    else if (event.key === 'ArrowLeft') next = buttons[(index - 1 + buttons.length) % buttons.length];
    else if (event.key === 'Home') next = buttons[0];
    else if (event.key === 'End') next = buttons[buttons.length - 1];
    else if (event.key === 'Escape') {
      event.stopPropagation();
      this.returnFocus.focus({ preventScroll: true });
    } else if (event.key === 'Tab' && !event.shiftKey) {
      // Leaving the toolbar forward goes back to the text, where the selection still is.
      event.preventDefault();
      this.returnFocus.focus({ preventScroll: true });
    }
    if (!next) return;
    event.preventDefault();
    next.focus();
  }

  #buttons(): HTMLButtonElement[] {
    return Array.from(this.element.querySelectorAll('button'));
  }

  /** Shows the toolbar above `rect` (viewport coordinates), kept inside the window. */
  showAt(rect: DOMRect): void {
    this.element.hidden = false;
    const { offsetWidth: width, offsetHeight: height } = this.element;
    const left = Math.min(window.innerWidth - width - 8, Math.max(8, rect.left + rect.width / 2 - width / 2));
    const top = rect.top - height - 8 > 8 ? rect.top - height - 8 : rect.bottom + 8;
    this.element.style.left = `${left}px`;
    this.element.style.top = `${top}px`;
  }

  hide(): void {
    // A button that disappears under the keyboard's focus would leave it on <body>.
    if (this.element.contains(document.activeElement)) this.returnFocus.focus({ preventScroll: true });
    this.element.hidden = true;
  }
}
