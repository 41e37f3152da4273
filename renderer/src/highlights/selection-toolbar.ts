import { type HighlightColor, highlightColors } from '../../../common/contract';
import { element } from '../dom';
import { colorLabel } from '../notes/format-notes';

/**
 * The small toolbar that appears by a text selection in the reader:
 * "Highlight" (in the last color used) and one button per color.
 */
export class SelectionToolbar {
  readonly element: HTMLElement;

  constructor(onChoose: (color: HighlightColor | null) => void) {
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
      button.setAttribute('aria-label', colorLabel(color));
      button.title = `${colorLabel(color)} (${index + 1})`;
      button.addEventListener('click', () => onChoose(color));
      this.element.append(button);
    });
    // Pressing a button must not collapse the selection it acts on.
    this.element.addEventListener('mousedown', (event) => event.preventDefault());
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
    this.element.hidden = true;
  }
}
