import { gloss } from './bridge';
import { scrollToElement } from './reading-position';

/**
 * What a click on rendered Markdown (a document or a note) asks for, whatever
 * element carries the link: `<a href>`, an image map's `<area href>`, or an
 * SVG `<a>` with `href` or the older `xlink:href`. Each of them, left alone,
 * navigates the app's own page (an `<area>` loaded a stored image in its
 * place; an SVG link reloaded the app), so every one goes through the same handler.
 */
export type LinkAction = { kind: 'anchor'; id: string } | { kind: 'external'; href: string };

const xlinkNamespace = 'http://www.w3.org/1999/xlink';
const linkSelector = 'a[href], area[href], a[*|href]';

/** The link under `target` inside `container` and what following it means, or null when the click was not on a link. */
export function linkAt(target: EventTarget | null, container: Element): { element: Element; action: LinkAction } | null {
  const element = target instanceof Element ? target.closest(linkSelector) : null;
  if (!element || !container.contains(element)) return null;
  const href = element.getAttribute('href') ?? element.getAttributeNS(xlinkNamespace, 'href') ?? '';
  return { element, action: href.startsWith('#') ? { kind: 'anchor', id: decodedFragment(href.slice(1)) } : { kind: 'external', href } };
}

/** A fragment as an element id; a malformed escape (`#%E0%A4%A`) is taken as written rather than throwing a URIError. */
function decodedFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/**
 * A click on a link in rendered Markdown (the document, or a note) never
 * navigates the app's own page: an in-page anchor scrolls the reader (and is
 * told to `onJump`, with the link it left from), anything else goes to main,
 * which opens only web and mail links. Returns whether it was a link.
 */
export function followLink(
  event: MouseEvent,
  container: HTMLElement,
  reader: HTMLElement,
  handlers: { reportError(error: Error): void; onJump(from: Element): void },
): boolean {
  const link = linkAt(event.target, container);
  if (!link) return false;
  event.preventDefault();
  const { action } = link;
  if (action.kind === 'anchor') {
    const target = document.getElementById(action.id);
    if (target) {
      handlers.onJump(link.element);
      focusPlace(target);
      void scrollToElement(reader, target);
    }
  } else gloss.openExternal(action.href).catch(handlers.reportError);
  return true;
}

/**
 * The keyboard and a screen reader go where the link went: to the block the
 * place starts (a place an importer marked is an empty element at its start).
 */
function focusPlace(target: HTMLElement): void {
  const block = target.textContent === '' && target.parentElement ? target.parentElement : target;
  if (!block.hasAttribute('tabindex')) block.tabIndex = -1;
  block.focus({ preventScroll: true });
}
