import DOMPurify, { type DOMPurify as Purifier, type WindowLike } from 'dompurify';
import { Marked } from 'marked';

const markdown = new Marked({ gfm: true, breaks: false });
const purifiers = new WeakMap<WindowLike, Purifier>();

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Images are never fetched from the network: only inline `data:` images render. */
function isLocalImage(source: string): boolean {
  return /^data:image\/(?:png|jpe?g|gif|webp);/i.test(source);
}

/**
 * Markdown to a sanitized fragment owned by `view`'s document. marked does
 * not sanitize, so every render goes through DOMPurify; remote images become
 * a placeholder naming their address, and task-list checkboxes become ☑/☐
 * marks (a reading surface has no form controls).
 */
export function renderMarkdown(source: string, view: WindowLike = window): DocumentFragment {
  let purify = purifiers.get(view);
  if (!purify) {
    purify = DOMPurify(view);
    purifiers.set(view, purify);
  }
  let html: string;
  try {
    html = markdown.parse(source, { async: false });
  } catch {
    // marked 18 throws on a few valid inputs (e.g. "- a\n  >-\nb"); the text is still the user's, so show it as written.
    html = `<pre class="markdown-fallback">${escapeHtml(source)}</pre>`;
  }
  const sanitized = purify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select'],
    // srcset could name a remote image that src does not.
    FORBID_ATTR: ['srcset'],
  });
  // DOMPurify builds the fragment in its own inert document.
  const fragment = view.document ? view.document.importNode(sanitized, true) : sanitized;
  for (const input of Array.from(fragment.querySelectorAll('input'))) {
    const isCheckbox = input.getAttribute('type') === 'checkbox';
    if (isCheckbox) input.replaceWith(input.hasAttribute('checked') ? '☑' : '☐');
    else input.remove();
  }
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    const address = image.getAttribute('src') ?? '';
    if (isLocalImage(address)) continue;
    const placeholder = image.ownerDocument.createElement('span');
    placeholder.className = 'remote-image';
    placeholder.textContent = `Image not loaded, Gloss stays offline${image.alt ? ` (${image.alt})` : ''}: ${address}`;
    image.replaceWith(placeholder);
  }
  return fragment;
}
