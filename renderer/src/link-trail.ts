import { distanceIntoView, scrollUntilSettled } from './reading-position';

/**
 * Where the reader followed links within the document from (a note marker,
 * a contents entry, an index), so that Back returns there, to the same
 * height on screen, as a browser's Back does. A place in a document that is
 * no longer shown (another one was opened) is forgotten.
 */
export class LinkTrail {
  readonly #places: { link: Element; intoView: number }[] = [];

  constructor(private readonly reader: HTMLElement) {}

  followed(link: Element): void {
    this.#places.push({ link, intoView: this.#distance(link) });
  }

  get canGoBack(): boolean {
    this.#forgetClosed();
    return this.#places.length > 0;
  }

  /** Scrolls back to the link last followed and puts the keyboard on it; false when there is none. */
  back(): boolean {
    this.#forgetClosed();
    const place = this.#places.pop();
    if (!place) return false;
    if (place.link instanceof HTMLElement) place.link.focus({ preventScroll: true });
    void scrollUntilSettled(this.reader, () => this.#distance(place.link) - place.intoView);
    return true;
  }

  #forgetClosed(): void {
    while (this.#places.length > 0 && !this.#places.at(-1)!.link.isConnected) this.#places.pop();
  }

  #distance(element: Element): number {
    return distanceIntoView(this.reader, element.getBoundingClientRect());
  }
}
