/**
 * How a Markdown body becomes the reader's text, free of DOM typings so that
 * main can run the very same steps under jsdom (main/core/import/rendered-text.ts)
 * and get exactly the string highlights are anchored against.
 */
import { Marked } from 'marked';
import { documentAssetPathPattern } from '../document-assets';

const markdown = new Marked({ gfm: true, breaks: false });

/** DOMPurify's settings for every document and note. */
export const sanitizeOptions: { RETURN_DOM_FRAGMENT: true; FORBID_TAGS: string[]; FORBID_ATTR: string[] } = {
  RETURN_DOM_FRAGMENT: true,
  // SVG's <image> would fetch its href as <img> does, with no placeholder step to stop it; so would a
  // filter's <feImage>, and media elements their src (an offline reader plays no remote media; their
  // fallback words stay). The CSP blocks those requests too, but the page should not even ask.
  FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select', 'image', 'feimage', 'video', 'audio', 'source', 'track'],
  // srcset, poster (video) and background (table) could name a remote image that src does not.
  // Inline styles are refused by the CSP anyway (no 'unsafe-inline'); removing them keeps a
  // document from even trying to cover the app or fetch a url().
  FORBID_ATTR: ['srcset', 'poster', 'background', 'style'],
};

/** The DOM members the pipeline touches; a real DOM and jsdom both fit. */
export interface PipelineNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<PipelineNode>;
}
export interface PipelineElement extends PipelineNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  replaceWith(...nodes: (PipelineNode | string)[]): void;
  remove(): void;
  readonly ownerDocument: { createElement(tag: string): PipelineElement & { className: string; textContent: string | null } };
}
export interface PipelineFragment extends PipelineNode {
  querySelectorAll(selector: string): ArrayLike<PipelineElement>;
}

/** marked's HTML for `source`; marked 18 throws on a few valid inputs (e.g. "- a\n  >-\nb"), which are then shown as written. */
export function markdownToHtml(source: string): string {
  try {
    return markdown.parse(source, { async: false });
  } catch {
    return `<pre class="markdown-fallback">${escapeHtml(source)}</pre>`;
  }
}

/**
 * The last steps on the sanitized fragment: task-list checkboxes become ☑/☐
 * marks (a reading surface has no form controls), and images are never
 * fetched from the network: anything but a data image or the document's own
 * stored image (an exact `/documents/<id>/assets/<name>` path, which the page
 * resolves on its own origin) becomes a placeholder naming its address.
 */
export function finishFragment<F extends PipelineFragment>(fragment: F): F {
  for (const input of Array.from(fragment.querySelectorAll('input'))) {
    const isCheckbox = input.getAttribute('type') === 'checkbox';
    if (isCheckbox) input.replaceWith(input.hasAttribute('checked') ? '☑' : '☐');
    else input.remove();
  }
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    const address = image.getAttribute('src') ?? '';
    if (isLocalImage(address)) continue;
    const alt = image.getAttribute('alt');
    const placeholder = image.ownerDocument.createElement('span');
    placeholder.className = 'remote-image';
    placeholder.textContent = `Image not loaded, Gloss stays offline${alt ? ` (${alt})` : ''}: ${address}`;
    image.replaceWith(placeholder);
  }
  return fragment;
}

/** Data images, and a document's own images served by the app (exactly that path shape, on the page's own origin). */
function isLocalImage(source: string): boolean {
  return /^data:image\/(?:png|jpe?g|gif|webp);/i.test(source) || documentAssetPathPattern.test(source);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
