import { element } from './dom';
import { readingFlow } from './reading-flow';
import { firstPast, scrollToElement } from './reading-position';
import { rovingTabStop } from './roving';

interface OutlineNode {
  heading: HTMLElement;
  level: number;
  children: OutlineNode[];
}

/** Headings as a tree: each heading holds the deeper ones that follow it until one of its level or higher. */
export function outlineOf(headings: readonly HTMLElement[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const heading of headings) {
    const node: OutlineNode = { heading, level: Number(heading.tagName.slice(1)), children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= node.level) stack.pop();
    (stack[stack.length - 1]?.children ?? roots).push(node);
    stack.push(node);
  }
  return roots;
}

/**
 * The open document's table of contents: its headings as a collapsible
 * outline of links. Following a link (click or Enter) scrolls the reader to
 * the heading; as the reader scrolls, the section being read is marked
 * (`aria-current="location"`) and its branch opened.
 */
export class TableOfContents {
  readonly #list: HTMLElement;
  readonly #empty: HTMLElement;
  #observer: IntersectionObserver | null = null;
  #links = new Map<HTMLElement, HTMLAnchorElement>();
  #headings: HTMLElement[] = [];
  readonly #updateTabStops: () => void;

  constructor(
    private readonly container: HTMLElement,
    private readonly scroller: HTMLElement,
  ) {
    this.#list = element('ol', 'toc-list');
    this.#list.setAttribute('aria-label', 'Sections');
    this.#empty = element('p', 'toc-empty', 'This document has no headings.');
    container.append(this.#list, this.#empty);
    // One Tab stop for the outline (the section being read): the arrows move through it, so Tab passes a long outline in one press.
    this.#updateTabStops = rovingTabStop(this.#list, () => this.#stops(), {
      preferred: () => this.#list.querySelector<HTMLElement>('.toc-link[aria-current]'),
    });
    // Folding a branch hides or shows stops; toggle does not bubble.
    this.#list.addEventListener('toggle', () => this.#updateTabStops(), true);
    // A jump (a link, restoring the reading position, a search result) can carry headings across the band without
    // their ever intersecting it, which the observer does not report: the end of every scroll settles it too.
    scroller.addEventListener('scrollend', () => this.#markCurrent());
    this.show(null);
  }

  /** Builds the outline of `body` (the rendered document), or clears it. */
  show(body: HTMLElement | null): void {
    this.#observer?.disconnect();
    this.#links.clear();
    this.#headings = body ? Array.from(body.querySelectorAll<HTMLElement>('h1, h2, h3, h4, h5, h6')) : [];
    this.#list.replaceChildren(...outlineOf(this.#headings).map((node) => this.#item(node)));
    this.#empty.hidden = !body || this.#headings.length > 0;
    this.#updateTabStops();
    if (this.#headings.length === 0) return;
    // Whenever a heading enters or leaves the first quarter of the reader (the part "being read"), the current section may change.
    const band = readingFlow(this.scroller).leadingBand(0.25);
    this.#observer = new IntersectionObserver(() => this.#markCurrent(), { root: this.scroller, rootMargin: band });
    for (const heading of this.#headings) this.#observer.observe(heading);
    this.#markCurrent();
  }

  /** The section being read: the last heading that starts before the end of the reader's first quarter (its top quarter, or its right quarter in vertical text). */
  #markCurrent(): void {
    if (this.#headings.length === 0) return;
    const flow = readingFlow(this.scroller);
    const bandEnd = flow.start(this.scroller.getBoundingClientRect()) + flow.viewport() / 4;
    // Headings are in document order, so their starts increase: a binary search reads only ~log2(n) of them.
    const startsAfter = firstPast(this.#headings, bandEnd, flow.start);
    const currentHeading = this.#headings[Math.max(0, startsAfter - 1)];
    for (const [heading, link] of this.#links) {
      if (heading === currentHeading) {
        if (link.getAttribute('aria-current') === 'location') continue;
        link.setAttribute('aria-current', 'location');
        // Open the branches down to it, so the current section is always in view in the outline.
        for (let details = link.closest('details'); details; details = details.parentElement?.closest('details') ?? null)
          details.open = true;
      } else link.removeAttribute('aria-current');
    }
    this.#updateTabStops();
  }

  /** The outline's links and fold toggles that show (not inside a folded branch), in order. */
  #stops(): HTMLElement[] {
    const shown = (stop: HTMLElement): boolean => {
      for (let details = stop.closest('details'); details; details = details.parentElement?.closest('details') ?? null) {
        if (!details.open && stop.parentElement !== details) return false;
      }
      return true;
    };
    return Array.from(this.#list.querySelectorAll<HTMLElement>('.toc-link, .toc-summary')).filter(shown);
  }

  #item(node: OutlineNode): HTMLElement {
    const item = element('li', 'toc-item');
    const link = element('a', 'toc-link', node.heading.textContent?.trim() || 'Untitled section');
    // Headings have no ids of their own; the link scrolls by reference, and its href is only for the keyboard (Enter follows it).
    link.href = '#';
    link.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      node.heading.setAttribute('tabindex', '-1');
      node.heading.focus({ preventScroll: true });
      void scrollToElement(this.scroller, node.heading, 8).then(() => this.#markCurrent());
    });
    this.#links.set(node.heading, link);
    if (node.children.length === 0) {
      item.append(link);
      return item;
    }
    // A branch: <details> gives the expand/collapse button, its state and keyboard handling for free.
    // The link stays outside <summary> (a link inside a button is two controls in one, unusable with a screen reader);
    // the fold toggle sits in the gutter before it, so every title starts at the same indent, toggle or not.
    const details = element('details', 'toc-branch');
    details.open = true;
    const summary = element('summary', 'toc-summary');
    summary.title = 'Fold or unfold';
    summary.append(element('span', 'visually-hidden', `Sections in ${link.textContent}`));
    const children = element('ol', 'toc-list');
    children.append(...node.children.map((child) => this.#item(child)));
    details.append(summary, children);
    item.append(link, details);
    return item;
  }
}
