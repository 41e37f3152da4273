/**
 * A DOM for main, loaded with `require` on first use and typed here by the
 * few members the importers use: linkedom for web pages, jsdom for EPUB's
 * XML and XHTML. Their own types and Readability's pull in the DOM library,
 * which would make every DOM global typecheck in main, where none exists
 * (tsconfig.node.json leaves DOM out on purpose; rendered-text.ts does the same).
 */
import { createRequire } from 'node:module';

export interface DomNode {
  readonly nodeType: number;
  normalize(): void;
  readonly nodeName: string;
  textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
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
  getAttributeNames(): string[];
  hasAttributes(): boolean;
  getAttributeNS(namespace: string | null, name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  readonly children: ArrayLike<DomElement>;
  readonly ownerDocument: DomDocument;
  readonly firstElementChild: DomElement | null;
  readonly previousElementSibling: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  readonly parentElement: DomElement | null;
  closest(selector: string): DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getElementsByTagNameNS(namespace: string, localName: string): DomCollection;
  appendChild(node: DomNode): DomNode;
  prepend(...nodes: DomNode[]): void;
  before(...nodes: (DomNode | string)[]): void;
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
  new (input: string, options: { contentType: string; virtualConsole: object }): { window: JsdomWindow };
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
function newJsdomWindow(): JsdomWindow {
  const { JSDOM, VirtualConsole } = requireCommonJs('jsdom') as JsdomModule;
  silentConsole ??= new VirtualConsole();
  return new JSDOM('', { contentType: 'text/html', virtualConsole: silentConsole }).window;
}

interface LinkedomModule {
  DOMParser: new () => DomParser;
}
interface Parse5Module {
  parse(html: string): object;
  serialize(document: object): string;
}

/**
 * Parses a web page with parse5 and linkedom. On Readability's 130 test pages the
 * import took 32 s and 2 GB through jsdom, 3.8 s and 290 MB through
 * linkedom, with the same Markdown but for a few link addresses (see
 * tests/bench/import-documents.bench.ts). Bytes are decoded as a browser
 * would: a BOM, then the `charset` in `contentType`, then `<meta charset>`,
 * else windows-1252. Nothing runs and nothing is fetched: linkedom has no
 * scripting or network at all.
 */
export function parseHtmlPage(input: string | Uint8Array, contentType: string): DomDocument {
  const text = typeof input === 'string' ? input : decodePage(input, /;\s*charset=([^;\s]+)/i.exec(contentType)?.[1]);
  // linkedom's own parser does not build the tree a browser builds (a page without <html> and <body>, a
  // pasted fragment, a paragraph inside a table): parse5, the standard's parser that jsdom uses, builds
  // it and writes it out whole, and linkedom reads that back without having to guess.
  const { parse, serialize } = requireCommonJs('parse5') as Parse5Module;
  const { DOMParser } = requireCommonJs('linkedom') as LinkedomModule;
  const page = new DOMParser().parseFromString(serialize(parse(text)), 'text/html');
  // linkedom makes a text node of each run between character references; turndown escapes each text node
  // on its own, so the "> " after "&gt;" was escaped as a quote marker, and "&amp;percnt;" reached marked unescaped.
  page.normalize();
  // As a browser (and jsdom) has them, for Readability, which resolves the article's links against them.
  Object.defineProperties(page, {
    documentURI: { value: 'about:blank' },
    baseURI: {
      get: () => {
        const base = page.querySelector('base[href]')?.getAttribute('href');
        return base && URL.canParse(base) ? new URL(base).href : 'about:blank';
      },
    },
  });
  return page;
}

function decodePage(bytes: Uint8Array, transportLayerEncodingLabel: string | undefined): string {
  const sniff = requireCommonJs('html-encoding-sniffer') as (
    bytes: Uint8Array,
    options: { transportLayerEncodingLabel?: string },
  ) => string;
  // Not TextDecoder: Node's reads windows-1252 as Latin-1, so "€" (0x80) became a control character.
  const { legacyHookDecode } = requireCommonJs('@exodus/bytes/encoding.js') as {
    legacyHookDecode(bytes: Uint8Array, encoding: string): string;
  };
  return legacyHookDecode(bytes, sniff(bytes, transportLayerEncodingLabel === undefined ? {} : { transportLayerEncodingLabel }));
}

let parser: DomParser | null = null;
const parserErrorNamespace = 'http://www.mozilla.org/newlayout/xml/parsererror.xml';

/**
 * Parses text into a document with one shared window's DOMParser: a new
 * jsdom window per document costs tens of milliseconds and megabytes
 * (every interface is installed on it), which a book of two thousand
 * chapters pays four thousand times. Throws when XML is not well-formed.
 */
export function parseText(text: string, type: TextMarkupType): DomDocument {
  parser ??= new (newJsdomWindow().DOMParser)();
  const document = parser.parseFromString(text, type);
  const root = document.documentElement;
  if (root?.namespaceURI === parserErrorNamespace) throw new Error(root.textContent ?? 'not well-formed');
  return document;
}

/** Loads a CommonJS module by name with the type the caller declares; for untyped-in-main libraries. */
export function requireModule<T>(name: string): T {
  return requireCommonJs(name) as T;
}

/**
 * Visits the nodes under `root` in document order, without recursion (a
 * hostile page nests its elements thousands deep). `enter` gets each node and
 * its depth below `root` (1 for a child) and says whether to go inside it;
 * `leave` gets each node once everything inside it has been visited.
 */
export function walkInside(
  root: DomNode,
  enter: (node: DomNode, depth: number) => boolean,
  leave: (node: DomNode) => void = () => undefined,
): void {
  let node = root.firstChild;
  let depth = 1;
  while (node) {
    if (enter(node, depth) && node.firstChild) {
      node = node.firstChild;
      depth++;
      continue;
    }
    leave(node);
    while (!node.nextSibling) {
      node = node.parentNode;
      depth--;
      if (!node || node === root) return;
      leave(node);
    }
    node = node.nextSibling;
  }
}

export const elementNode = 1;
export const textNode = 3;
export const cdataSectionNode = 4;
