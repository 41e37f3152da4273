/**
 * The text the reader anchors highlights against, computed in Node.
 *
 * The reader renders a document body with marked (GFM) and DOMPurify
 * (renderer/src/markdown.ts) and stores highlights as offsets and quotes over
 * the rendered body's textContent. An importer that makes highlights without
 * the renderer must produce exactly the same string, or every imported
 * highlight would be re-anchored (or orphaned) on first open. So this module
 * repeats the renderer's pipeline step for step: same marked options, same
 * DOMPurify options, same replacement of checkboxes and remote images, same
 * fallback when marked throws. tests/main/core/import/rendered-text.test.ts
 * compares the two on the shipped article, samples and random Markdown.
 *
 * jsdom and DOMPurify are loaded with `require` on first use, untyped: the
 * types of jsdom reference the DOM library, which would make every DOM global
 * typecheck in main, where none exists (tsconfig.node.json leaves DOM out on
 * purpose). The few DOM members used here are typed locally instead.
 */
import { createRequire } from 'node:module';
import { Marked } from 'marked';

/** The marked options of renderer/src/markdown.ts. */
const markdown = new Marked({ gfm: true, breaks: false });

/** The DOMPurify options of renderer/src/markdown.ts. */
const sanitizeOptions = {
  RETURN_DOM_FRAGMENT: true,
  FORBID_TAGS: ['style', 'form', 'button', 'textarea', 'select'],
  FORBID_ATTR: ['srcset'],
} as const;

/** The DOM members this module touches, so it needs no DOM typings. */
interface DomNode {
  readonly nodeType: number;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  readonly tagName: string;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  replaceWith(...nodes: (DomNode | string)[]): void;
  remove(): void;
  readonly ownerDocument: { createElement(tag: string): DomElement & { className: string; textContent: string | null } };
  readonly alt?: string;
}
interface DomFragment extends DomNode {
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface Purifier {
  sanitize(html: string, options: typeof sanitizeOptions): DomFragment;
}

const elementNode = 1;
const textNode = 3;

let purifier: Purifier | null = null;

/** One jsdom window and DOMPurify instance for the process, made on first use (loading jsdom takes a while). */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  const require = createRequire(import.meta.url);
  const { JSDOM } = require('jsdom') as { JSDOM: new (html: string) => { window: unknown } };
  const createDOMPurify = require('dompurify') as (window: unknown) => Purifier;
  purifier = createDOMPurify(new JSDOM('<!doctype html><html><body></body></html>').window);
  return purifier;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function isLocalImage(source: string): boolean {
  return /^data:image\/(?:png|jpe?g|gif|webp);/i.test(source);
}

/** The sanitized fragment, built exactly as renderMarkdown builds it. */
function render(source: string): DomFragment {
  let html: string;
  try {
    html = markdown.parse(source, { async: false });
  } catch {
    // marked 18 throws on a few valid inputs; the renderer then shows the source verbatim.
    html = `<pre class="markdown-fallback">${escapeHtml(source)}</pre>`;
  }
  const fragment = getPurifier().sanitize(html, sanitizeOptions);
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

/**
 * The exact text content the reader computes for a document body (Markdown
 * without frontmatter): the string highlight offsets and quotes refer to.
 */
export function renderedText(markdownBody: string): string {
  return render(markdownBody).textContent ?? '';
}

/** A top-level block of the rendered body: its tag and the range of the rendered text it covers. */
export interface RenderedBlock {
  /** Upper-case tag name, e.g. `P`. */
  tag: string;
  start: number;
  end: number;
}

/**
 * The rendered text and where each top-level element sits in it. The
 * importers build bodies out of paragraphs and need each paragraph's range,
 * which offsets into the text alone cannot tell.
 */
export function renderedBlocks(markdownBody: string): { text: string; blocks: RenderedBlock[] } {
  const fragment = render(markdownBody);
  const blocks: RenderedBlock[] = [];
  let offset = 0;
  const parts: string[] = [];
  for (const child of Array.from(fragment.childNodes)) {
    // textContent leaves comments out, but a comment's own textContent is its data.
    if (child.nodeType !== elementNode && child.nodeType !== textNode) continue;
    const text = child.textContent ?? '';
    if (child.nodeType === elementNode) blocks.push({ tag: (child as DomElement).tagName.toUpperCase(), start: offset, end: offset + text.length });
    parts.push(text);
    offset += text.length;
  }
  return { text: parts.join(''), blocks };
}
