import { gloss } from './bridge';
import { scrollToElement } from './reading-position';

/**
 * A click on a link in rendered Markdown (the document, or a note) never
 * navigates the app's own page: an in-page anchor scrolls the reader, anything
 * else goes to main, which opens only web and mail links. Returns whether it was a link.
 */
export function followLink(event: MouseEvent, container: HTMLElement, reader: HTMLElement, reportError: (error: Error) => void): boolean {
  const link = (event.target as Element | null)?.closest?.('a[href]');
  if (!link || !container.contains(link)) return false;
  event.preventDefault();
  const href = link.getAttribute('href') ?? '';
  if (href.startsWith('#')) {
    const target = document.getElementById(decodeURIComponent(href.slice(1)));
    if (target) void scrollToElement(reader, target);
  } else gloss.openExternal(href).catch(reportError);
  return true;
}
