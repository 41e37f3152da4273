/**
 * A DOM for main, from jsdom, loaded with `require` on first use and typed
 * here by the few members the importers use: jsdom's and Readability's own
 * types pull in the DOM library, which would make every DOM global typecheck
 * in main, where none exists (tsconfig.node.json leaves DOM out on purpose;
 * rendered-text.ts does the same).
 */
import { createRequire } from 'node:module';

export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly parentNode: DomNode | null;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string | null, name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagNameNS(namespace: string, localName: string): ArrayLike<DomElement>;
  appendChild(node: DomNode): DomNode;
  prepend(...nodes: DomNode[]): void;
  replaceWith(...nodes: (DomNode | string)[]): void;
  remove(): void;
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  readonly characterSet: string;
  readonly title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagNameNS(namespace: string, localName: string): ArrayLike<DomElement>;
  createElement(tagName: string): DomElement;
  createElementNS(namespace: string, qualifiedName: string): DomElement;
}

interface JsdomConstructor {
  new (input: string | Uint8Array, options?: { contentType?: string; url?: string }): { window: { document: DomDocument } };
}

// Not named `require`: the build's ESM shim declares that name in shared chunks.
const requireCommonJs = createRequire(import.meta.url);
let jsdom: JsdomConstructor | null = null;

/**
 * Parses markup into a document. Bytes are decoded as a browser would (BOM,
 * then a `charset` in `contentType`, then `<meta charset>`); text is taken as
 * is. jsdom runs no scripts and fetches nothing unless asked, and is not asked.
 */
export function parseMarkup(input: string | Uint8Array, contentType: string): DomDocument {
  jsdom ??= (requireCommonJs('jsdom') as { JSDOM: JsdomConstructor }).JSDOM;
  return new jsdom(input, { contentType }).window.document;
}

/** Loads a CommonJS module by name with the type the caller declares; for untyped-in-main libraries. */
export function requireModule<T>(name: string): T {
  return requireCommonJs(name) as T;
}

export const elementNode = 1;
