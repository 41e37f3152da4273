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
 * jsdom and DOMPurify are loaded with `require` on first use, untyped: the
 * types of jsdom reference the DOM library, which would make every DOM global
 * typecheck in main, where none exists (tsconfig.node.json leaves DOM out on
 * purpose). The few DOM members used here are typed locally instead.
 */
import { createRequire } from 'node:module';
import { finishFragment, markdownToHtml, type PipelineElement, type PipelineFragment, sanitizeOptions } from '../../../renderer/src/markdown-pipeline';

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

/** The sanitized fragment, built by the reader's own pipeline. */
function render(source: string): PipelineFragment {
  return finishFragment(getPurifier().sanitize(markdownToHtml(source), sanitizeOptions));
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
    if (child.nodeType === elementNode) blocks.push({ tag: (child as PipelineElement).tagName.toUpperCase(), start: offset, end: offset + text.length });
    parts.push(text);
    offset += text.length;
  }
  return { text: parts.join(''), blocks };
}
