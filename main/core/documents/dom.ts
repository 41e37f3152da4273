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

/** A live collection: read it with elementsOf, not by index. */
export interface DomCollection {
  readonly length: number;
  item(index: number): DomElement | null;
}

/**
 * The elements of a live collection, read once. jsdom answers every property
 * read on a collection (an index, `length`, its iterator's steps) by first
 * looking for an element of that name in it, so Array.from over a book's
 * 4,000 manifest items took 16 million steps; calling its `item` directly does not.
 */
export function elementsOf(collection: DomCollection): DomElement[] {
  const item = collection.item.bind(collection);
  const elements: DomElement[] = [];
  for (let index = 0, element = item(0); element !== null; element = item(++index)) elements.push(element);
  return elements;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly localName: string;
  readonly namespaceURI: string | null;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string | null, name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  readonly children: ArrayLike<DomElement>;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly ownerDocument: DomDocument;
  readonly firstElementChild: DomElement | null;
  readonly previousElementSibling: DomElement | null;
  closest(selector: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagNameNS(namespace: string, localName: string): DomCollection;
  appendChild(node: DomNode): DomNode;
  prepend(...nodes: DomNode[]): void;
  before(...nodes: DomNode[]): void;
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
  getElementsByTagNameNS(namespace: string, localName: string): DomCollection;
  createElement(tagName: string): DomElement;
  importNode<N extends DomNode>(node: N, deep: boolean): N;
  createElementNS(namespace: string, qualifiedName: string): DomElement;
}

interface DomParser {
  parseFromString(text: string, type: TextMarkupType): DomDocument;
}
interface JsdomWindow {
  document: DomDocument;
  DOMParser: new () => DomParser;
}
interface JsdomConstructor {
  new (input: string | Uint8Array, options?: { contentType?: string; url?: string; virtualConsole?: object }): { window: JsdomWindow };
}
interface JsdomModule {
  JSDOM: JsdomConstructor;
  VirtualConsole: new () => object;
}

export type TextMarkupType = 'text/html' | 'application/xml' | 'application/xhtml+xml';

// Not named `require`: the build's ESM shim declares that name in shared chunks.
const requireCommonJs = createRequire(import.meta.url);
let silentConsole: object | null = null;

/**
 * jsdom with a console that goes nowhere: its own complaints about a page
 * ("Could not parse CSS stylesheet") would otherwise reach stderr after a
 * successful import, where a script takes them for a failure.
 */
function newDom(input: string | Uint8Array, contentType: string): { window: JsdomWindow } {
  const { JSDOM, VirtualConsole } = requireCommonJs('jsdom') as JsdomModule;
  silentConsole ??= new VirtualConsole();
  return new JSDOM(input, { contentType, virtualConsole: silentConsole });
}

/**
 * Parses markup into a document. Bytes are decoded as a browser would (BOM,
 * then a `charset` in `contentType`, then `<meta charset>`); text is taken as
 * is. jsdom runs no scripts and fetches nothing unless asked, and is not asked.
 */
export function parseMarkup(input: string | Uint8Array, contentType: string): DomDocument {
  return newDom(input, contentType).window.document;
}

let parser: DomParser | null = null;
const parserErrorNamespace = 'http://www.mozilla.org/newlayout/xml/parsererror.xml';

/**
 * Parses text into a document with one shared window's DOMParser: a new
 * jsdom window per document costs tens of milliseconds and megabytes
 * (every interface is installed on it), which a book of two thousand
 * chapters pays four thousand times. Throws when XML is not well-formed,
 * as parseMarkup does.
 */
export function parseText(text: string, type: TextMarkupType): DomDocument {
  parser ??= new (newDom('', 'text/html').window.DOMParser)();
  const document = parser.parseFromString(text, type);
  const root = document.documentElement;
  if (root?.namespaceURI === parserErrorNamespace) throw new Error(root.textContent ?? 'not well-formed');
  return document;
}

/** Loads a CommonJS module by name with the type the caller declares; for untyped-in-main libraries. */
export function requireModule<T>(name: string): T {
  return requireCommonJs(name) as T;
}

export const elementNode = 1;
export const textNode = 3;
