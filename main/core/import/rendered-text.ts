/**
 * The text the reader anchors highlights against, computed in Node.
 *
 * The reader renders a document body with marked (GFM) and DOMPurify
 * (renderer/src/markdown.ts) and stores highlights as offsets and quotes over
 * the rendered body's textContent. An importer that makes highlights without
 * the renderer must produce exactly the same string, or every imported
 * highlight would be re-anchored (or orphaned) on first open. So this module
 * runs the renderer's own pipeline (renderer/src/markdown-pipeline.ts) under
 * jsdom. tests/main/core/import/rendered-text.test.ts compares the two on the
 * shipped article, samples and random Markdown.
 *
 * jsdom is slow (about 150 ms of CPU for a 100 KB article, most of an
 * import's time), so plain documents take a shorter path: when the Markdown
 * holds no `<` (so marked emits no raw HTML) and marked's HTML uses only a few
 * tags, nested so that the HTML parser cannot restructure them and that
 * DOMPurify keeps whole, the text is read off the HTML directly (plainRendering).
 * Anything else goes through jsdom. The test file checks the short path
 * against jsdom's on random Markdown, and that it is taken.
 *
 * jsdom and DOMPurify are loaded with `require` on first use, untyped: the
 * types of jsdom reference the DOM library, which would make every DOM global
 * typecheck in main, where none exists (tsconfig.node.json leaves DOM out on
 * purpose). The few DOM members used here are typed locally instead.
 */
import { createRequire } from 'node:module';
import {
  finishFragment,
  markdownToHtml,
  type PipelineElement,
  type PipelineFragment,
  sanitizeOptions,
} from '../../../common/markdown/pipeline';

interface Purifier {
  sanitize(html: string, options: typeof sanitizeOptions): PipelineFragment;
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

/** The sanitized fragment of marked's HTML for a body, built by the reader's own pipeline. */
function render(html: string): PipelineFragment {
  return finishFragment(getPurifier().sanitize(html, sanitizeOptions));
}

/**
 * The exact text content the reader computes for a document body (Markdown
 * without frontmatter): the string highlight offsets and quotes refer to.
 */
export function renderedText(markdownBody: string): string {
  const html = markdownToHtml(markdownBody);
  return plainRendering(markdownBody, html)?.text ?? render(html).textContent ?? '';
}

/** A top-level block of the rendered body: its tag and the range of the rendered text it covers. */
export interface RenderedBlock {
  /** Upper-case tag name, e.g. `P`. */
  tag: string;
  start: number;
  end: number;
}

/** The rendered text and where each top-level element sits in it. */
export interface Rendering {
  text: string;
  blocks: RenderedBlock[];
}

/**
 * The rendered text and where each top-level element sits in it. The
 * importers build bodies out of paragraphs and need each paragraph's range,
 * which offsets into the text alone cannot tell.
 */
export function renderedBlocks(markdownBody: string): Rendering {
  const html = markdownToHtml(markdownBody);
  return plainRendering(markdownBody, html) ?? blocksOf(render(html));
}

/** renderedBlocks through jsdom and DOMPurify, always: the reference the short path is tested against. */
export function renderedBlocksWithDom(markdownBody: string): Rendering {
  return blocksOf(render(markdownToHtml(markdownBody)));
}

function blocksOf(fragment: PipelineFragment): Rendering {
  const blocks: RenderedBlock[] = [];
  let offset = 0;
  const parts: string[] = [];
  for (const child of Array.from(fragment.childNodes)) {
    // textContent leaves comments out, but a comment's own textContent is its data.
    if (child.nodeType !== elementNode && child.nodeType !== textNode) continue;
    const text = child.textContent ?? '';
    if (child.nodeType === elementNode)
      blocks.push({ tag: (child as PipelineElement).tagName.toUpperCase(), start: offset, end: offset + text.length });
    parts.push(text);
    offset += text.length;
  }
  return { text: parts.join(''), blocks };
}

/**
 * The tags the short path reads. All are in DOMPurify's default allow-list
 * and none is one it removes for its content (a form, a raw-text or void
 * element with children); input and img are left out because finishFragment
 * replaces them, tables because the HTML parser moves text out of them.
 */
const blockTags = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'pre', 'blockquote', 'hr']);
const headingTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const inlineTags = new Set(['em', 'strong', 'del', 'code', 'a']);
const voidTags = new Set(['br', 'hr']);
/** Only the references marked writes when it escapes text; any other one (from the author's Markdown) goes to jsdom. */
const references: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** A start or end tag, attributes separated by one space and valued in double quotes, as marked writes them (a `"` always ends such a value in HTML too). */
const tagPattern = /<(\/?)([a-z][a-z0-9]*)((?: [a-z][a-z-]*="[^"]*")*)>/y;
const referencePattern = /&(?:amp|lt|gt|quot|#39);/y;
/** Where the text between tags and references ends. */
const specialPattern = /[<&]/g;
/**
 * Characters the HTML parser changes in text (NUL is dropped, CR and form
 * feed are rewritten or ignored at the start) and unpaired surrogates: any of them sends the text to jsdom.
 */
const unusualCharacters = /[\0\r\f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The rendering without jsdom, or null when the Markdown is not plain
 * enough to be sure it is the same (then jsdom is used). `html` is marked's
 * HTML for `markdownBody`, passed in when the caller has it already.
 *
 * Why it is the same when it answers: without `<` in the Markdown, marked's
 * HTML holds only its own tags, and text whose `&<>"'` are escaped. The
 * checks below make sure every tag is one of a few, properly nested, with no
 * block opened inside a paragraph or heading, no list item outside a list
 * and no link in a link or fourth nested copy of a formatting element: then
 * the HTML parser's tree is exactly the nesting of the tags (no implied end
 * tags, adoption agency or foster parenting), the text nodes are the text
 * between the tags with references decoded, and DOMPurify removes no
 * element (it only drops attributes, which hold no text). The HTML starts
 * with a tag, so no leading whitespace is at stake either.
 */
export function plainRendering(markdownBody: string, html = markdownToHtml(markdownBody)): Rendering | null {
  if (markdownBody.includes('<')) return null;
  if (html !== '' && !html.startsWith('<')) return null;
  if (unusualCharacters.test(html)) return null;
  const parts: string[] = [];
  const blocks: RenderedBlock[] = [];
  const open: string[] = [];
  let offset = 0;
  let blockStart = 0;
  let at = 0;
  const addText = (text: string) => {
    parts.push(text);
    offset += text.length;
  };
  while (at < html.length) {
    specialPattern.lastIndex = at;
    const next = specialPattern.exec(html)?.index ?? html.length;
    if (next > at) addText(html.slice(at, next));
    at = next;
    if (at >= html.length) break;
    if (html[at] === '&') {
      referencePattern.lastIndex = at;
      const reference = referencePattern.exec(html)?.[0];
      if (reference === undefined) return null;
      addText(references[reference]!);
      at += reference.length;
      continue;
    }
    tagPattern.lastIndex = at;
    const tag = tagPattern.exec(html);
    if (!tag) return null;
    const name = tag[2]!;
    at += tag[0].length;
    if (tag[1] === '/') {
      // An end tag must close the innermost open element; a void element has none.
      if (open.at(-1) !== name || voidTags.has(name)) return null;
      open.pop();
      if (open.length === 0) blocks.push({ tag: name.toUpperCase(), start: blockStart, end: offset });
      continue;
    }
    if (!blockTags.has(name) && !inlineTags.has(name) && name !== 'li' && name !== 'br') return null;
    if (blockTags.has(name) && open.some((element) => element === 'p' || headingTags.has(element))) return null;
    if (name === 'li' && open.at(-1) !== 'ul' && open.at(-1) !== 'ol') return null;
    if (name === 'a' && open.includes('a')) return null;
    if (inlineTags.has(name) && open.filter((element) => element === name).length >= 3) return null;
    // The parser drops a line break right after <pre>.
    if (name === 'pre' && html[at] === '\n') return null;
    if (voidTags.has(name)) {
      if (open.length === 0) blocks.push({ tag: name.toUpperCase(), start: offset, end: offset });
      continue;
    }
    if (open.length === 0) blockStart = offset;
    open.push(name);
  }
  if (open.length > 0) return null;
  return { text: parts.join(''), blocks };
}
