import DOMPurify, { type DOMPurify as Purifier, type WindowLike } from 'dompurify';
import { finishFragment, markdownToHtml, sanitizeOptions } from '../../common/markdown/pipeline';

const purifiers = new WeakMap<WindowLike, Purifier>();

/**
 * Markdown to a sanitized fragment owned by `view`'s document. marked does
 * not sanitize, so every render goes through DOMPurify (markdown-pipeline.ts
 * has the steps, shared with main's rendered text).
 */
export function renderMarkdown(source: string, view: WindowLike = window): DocumentFragment {
  let purify = purifiers.get(view);
  if (!purify) {
    purify = DOMPurify(view);
    purifiers.set(view, purify);
  }
  // DOMPurify builds the fragment in its own inert document; it is finished there too, before it
  // joins the page's document, where a remote <img> would start loading the moment it exists.
  const sanitized = finishFragment(purify.sanitize(markdownToHtml(source), sanitizeOptions));
  return view.document ? view.document.importNode(sanitized, true) : sanitized;
}
