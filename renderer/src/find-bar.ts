import { element } from './dom';
import { foldText, occurrences } from '../../common/text/fold';

/** What the find bar needs of the open document: its text, and ranges and scrolling over it. */
export interface FindTarget {
  text: string;
  range(start: number, end: number): StaticRange;
  scrollTo(start: number, end: number): void;
}

/** Highlight names, apart from the user's highlights (painter.ts), so finding never touches them. */
const matchesName = 'gloss-find';
const currentName = 'gloss-find-current';
/** Painting a range per match costs little, but past this many the count is what helps, not the paint. */
const maxPainted = 5000;

/**
 * Find in document (Ctrl/⌘+F): case- and accent-insensitive, as the library
 * search is. Matches are painted with the CSS Custom Highlight API, the
 * current one apart; Enter / Shift+Enter (or F3 / Shift+F3) step through them,
 * Escape closes.
 */
export class FindBar {
  readonly element: HTMLElement;
  readonly #input: HTMLInputElement;
  readonly #count: HTMLElement;
  #matches: number[] = [];
  #needleLength = 0;
  #current = -1;
  #folded: { source: string; folded: string } | null = null;

  constructor(private readonly target: () => FindTarget | null) {
    this.element = element('div', 'find-bar');
    this.element.setAttribute('role', 'search');
    this.element.setAttribute('aria-label', 'Find in document');
    this.element.hidden = true;
    this.#input = element('input', 'find-input');
    this.#input.type = 'search';
    this.#input.placeholder = 'Find in document';
    this.#input.setAttribute('aria-label', 'Find in document');
    this.#input.autocomplete = 'off';
    this.#count = element('span', 'find-count');
    this.#count.setAttribute('role', 'status');
    this.#count.setAttribute('aria-live', 'polite');
    const previous = this.#button('Previous match', '↑', () => this.step(-1));
    const next = this.#button('Next match', '↓', () => this.step(1));
    const close = this.#button('Close find bar', '✕', () => this.close());
    this.element.append(this.#input, this.#count, previous, next, close);

    this.#input.addEventListener('input', () => this.#search(true));
    this.#input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.step(event.shiftKey ? -1 : 1);
      }
    });
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Shows the bar with its text selected; a selection in the document, if short, becomes the text to find. */
  open(): void {
    const selected = document.getSelection()?.toString().trim() ?? '';
    if (selected && selected.length <= 200 && !selected.includes('\n')) this.#input.value = selected;
    this.element.hidden = false;
    this.#input.focus();
    this.#input.select();
    this.#search(true);
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.#clearPaint();
    this.#matches = [];
    this.#current = -1;
    document.querySelector<HTMLElement>('main.reader')?.focus({ preventScroll: true });
  }

  /** Moves to the next (+1) or previous (-1) match, wrapping around. */
  step(direction: 1 | -1): void {
    if (!this.isOpen) return;
    if (this.#matches.length === 0) return;
    this.#current = (this.#current + direction + this.#matches.length) % this.#matches.length;
    this.#showCurrent();
  }

  /** The document was opened, re-rendered or closed: find again in what is shown now. */
  documentChanged(): void {
    this.#folded = null;
    if (this.isOpen) this.#search(false);
  }

  #button(label: string, text: string, action: () => void): HTMLButtonElement {
    const button = element('button', 'find-button', text);
    button.type = 'button';
    button.setAttribute('aria-label', label);
    button.title = label;
    button.addEventListener('click', action);
    return button;
  }

  #search(jump: boolean): void {
    const target = this.target();
    const needle = foldText(this.#input.value.normalize('NFC'));
    this.#clearPaint();
    if (!target || needle.trim() === '') {
      this.#matches = [];
      this.#current = -1;
      this.#count.textContent = '';
      return;
    }
    // Folding a long document takes a few milliseconds: once per document, not per keystroke.
    if (this.#folded?.source !== target.text) this.#folded = { source: target.text, folded: foldText(target.text) };
    this.#matches = occurrences(this.#folded.folded, needle);
    this.#needleLength = needle.length;
    const painted = this.#matches.slice(0, maxPainted).map((start) => target.range(start, start + needle.length));
    CSS.highlights.set(matchesName, new Highlight(...painted));
    this.#current = this.#matches.length === 0 ? -1 : 0;
    if (jump || this.#current !== -1) this.#showCurrent(jump);
    else this.#updateCount();
  }

  #showCurrent(scroll = true): void {
    const target = this.target();
    const start = this.#matches[this.#current];
    this.#updateCount();
    if (!target || start === undefined) {
      CSS.highlights.delete(currentName);
      return;
    }
    CSS.highlights.set(currentName, new Highlight(target.range(start, start + this.#needleLength)));
    if (scroll) target.scrollTo(start, start + this.#needleLength);
  }

  #updateCount(): void {
    this.#count.textContent = this.#matches.length === 0 ? 'No matches' : `${this.#current + 1} of ${this.#matches.length}`;
  }

  #clearPaint(): void {
    CSS.highlights.delete(matchesName);
    CSS.highlights.delete(currentName);
  }
}
