/**
 * An EPUB book as a document: chapters in spine order, each XHTML chapter
 * converted to Markdown (headings kept), metadata from the OPF package file,
 * and the images the chapters show stored as the document's own assets.
 *
 * The archive (at most 50 MB) is listed first, without inflating anything,
 * and the sizes its central directory declares are added up and capped. Then
 * only the entries the book uses are inflated (container, package, table of
 * contents, spine chapters, the images they show), one at a time, each
 * stopped at the size it declares: a zip bomb costs milliseconds, and a book
 * of thousands of chapters is read one chapter at a time.
 */
import { posix } from 'node:path';
import { documentAssetNamePattern } from '../../../common/document-assets';
import { directionOfLanguage, languageTag, textDirection, type WritingMode } from '../../../common/text/language';
import { GlossError } from '../errors';
import { cdataSectionNode, type DomDocument, type DomElement, type DomNode, elementNode, elementsOf, parseText } from './dom';
import { markdownFromHtml } from './html-markdown';
import { InternalLinks } from './internal-links';
import { frontmatter } from './markdown-source';
import { decodeText } from './text-decoding';
import type { AssetUrl, DocumentAsset, ImportedDocument } from './types';
import { declaredWritingMode } from './writing-mode';
import { inflateEntry, listZip, type ZipEntry, ZipError } from './zip-archive';

export interface EpubLimits {
  /** The most all entries may unpack to together. */
  maxUnpackedBytes: number;
  maxEntries: number;
}

/** Four times the file limit: room for any real book's text and images, and a bound on a zip bomb. */
export const epubLimits: EpubLimits = { maxUnpackedBytes: 200 * 1024 * 1024, maxEntries: 10_000 };

export interface EpubMetadata {
  title: string | null;
  creators: string[];
  date: string | null;
  language: string | null;
  identifier: string | null;
}

const xhtmlNamespace = 'http://www.w3.org/1999/xhtml';
const svgNamespace = 'http://www.w3.org/2000/svg';
const xlinkNamespace = 'http://www.w3.org/1999/xlink';
const dublinCore = 'http://purl.org/dc/elements/1.1/';
const opfNamespace = 'http://www.idpf.org/2007/opf';

/** The images the reader shows, by extension; the asset's name keeps the extension, which sets its content type when served. */
const imageExtensions = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg']);

/**
 * Languages whose books may set their lines vertically (primary subtags): only in these does a stylesheet's
 * vertical writing mode count, as in an English book it is a figure's caption or a sidebar, not the text.
 */
const verticalScriptLanguages = new Set(['zh', 'ja', 'ko', 'mn']);

/**
 * Languages whose books turn their pages right to left only because their lines are vertical: such a
 * Japanese or Chinese book is vertical even when its stylesheets say so in a way not read here, while a
 * Hebrew or Arabic one turns them so with its lines across.
 */
const verticalProgressionLanguages = new Set(['ja', 'zh']);

/** Told as each of a book's chapters (spine items) is converted: `done` of `total`. */
export type ChapterProgress = (done: number, total: number) => void;

/**
 * Converts an EPUB to a document whose Markdown shows its images at
 * `assetUrl(name)`, telling `onChapter` as each chapter is converted. Throws
 * GlossError('invalid-argument') naming what is wrong with a broken book;
 * nothing is written either way.
 */
export function documentFromEpub(
  name: string,
  bytes: Uint8Array,
  assetUrl: AssetUrl,
  limits: EpubLimits = epubLimits,
  onChapter: ChapterProgress = () => undefined,
): ImportedDocument {
  const refuse = (problem: string): GlossError => new GlossError('invalid-argument', `${name} is not a readable EPUB: ${problem}.`);
  const entries = new BookArchive(bytes, limits, refuse);
  const entryText = (path: string): string => {
    if (!entries.has(path)) throw refuse(`${path} is missing`);
    return decodeText(`${name} (${path})`, entries.read(path));
  };

  const container = parseXml(entryText('META-INF/container.xml'), 'META-INF/container.xml', refuse);
  const rootfile = elementsOf(container.getElementsByTagNameNS('*', 'rootfile')).find((element) => element.getAttribute('full-path'));
  const packagePath = rootfile?.getAttribute('full-path');
  if (!packagePath) throw refuse('META-INF/container.xml names no package file');
  const opf = parseXml(entryText(packagePath), packagePath, refuse);
  const packageDir = posix.dirname(packagePath);

  const manifest = new Map<string, { path: string; mediaType: string }>();
  for (const item of elementsOf(opf.getElementsByTagNameNS('*', 'item'))) {
    const id = item.getAttribute('id');
    const href = item.getAttribute('href');
    const path = href === null ? null : resolveHref(packageDir, href);
    if (id && path) manifest.set(id, { path, mediaType: item.getAttribute('media-type') ?? '' });
  }
  const warnings: string[] = [];
  const spine = elementsOf(opf.getElementsByTagNameNS('*', 'itemref')).flatMap((itemref) => {
    const idref = itemref.getAttribute('idref') ?? '';
    const item = manifest.get(idref);
    if (!item) {
      // One misspelled entry costs that entry, not the book.
      warnings.push(`Its spine names “${idref}”, which its manifest does not list; that entry was skipped.`);
      return [];
    }
    if (!entries.has(item.path)) throw refuse(`chapter ${item.path}, listed in its spine, is missing`);
    return [item];
  });
  if (spine.length === 0) throw refuse('its spine lists no chapters');

  const metadata = epubMetadata(opf);
  const lang = languageTag(metadata.language);
  const language = lang?.toLowerCase().split('-')[0] ?? '';
  const pageProgression = textDirection(spineOf(opf)?.getAttribute('page-progression-direction'));
  let writingMode: WritingMode | null = pageProgression === 'rtl' && verticalProgressionLanguages.has(language) ? 'vertical-rl' : null;
  // Pages turned left to right say the lines are across: Japanese publishers' shared template (EBPAJ's) declares a vertical
  // class beside a horizontal one in every book's stylesheet, and a horizontal book is one that turns its pages this way.
  const readStyles = writingMode === null && pageProgression !== 'ltr' && verticalScriptLanguages.has(language);
  if (readStyles) writingMode = stylesheetWritingMode(manifest.values(), entries);

  const assets = new AssetShelf(entries, assetUrl);
  const titles = tableOfContents(opf, packageDir, (path) => (entries.has(path) ? entryText(path) : null));
  const decode = (path: string) => (bytes: Uint8Array) => chapterText(`${name} (${path})`, bytes);
  // Two passes, one chapter at a time: a note's marker comes chapters before the note, so the places
  // links point at are all known before any chapter is converted. Each chapter is inflated, read and let go.
  const chapterPaths = new Set(spine.map(({ path }) => path));
  const links = new InternalLinks((from, file) => {
    const path = file === '' ? from : resolveHref(posix.dirname(from), file);
    return path !== null && chapterPaths.has(path) ? path : null;
  });
  for (const { path, mediaType } of spine) {
    if (mediaType.startsWith('image/')) continue;
    const text = decode(path)(entries.read(path));
    links.collectFromText(path, text);
    // A chapter may set its writing mode itself, on its <html> or <body> or in a <style> in its head.
    if (readStyles && writingMode === null) writingMode = declaredWritingMode(chapterHead(text));
  }
  const chapters: string[] = [];
  onChapter(0, spine.length);
  for (const [index, { path, mediaType }] of spine.entries()) {
    const markdown = convertedWithinStack(
      () => spineItemMarkdown(path, mediaType, entries, assets, links, decode(path)),
      () => refuse(`chapter ${path} nests its elements thousands of levels deep, more than Gloss can convert`),
    );
    onChapter(index + 1, spine.length);
    if (markdown === '') continue;
    // A chapter whose title is styled text rather than a heading gets its title from the table of contents.
    const title = titles.get(path);
    chapters.push(title && !/^#{1,6} /m.test(markdown) ? `# ${escapeHeading(title)}\n\n${markdown}` : markdown);
  }
  if (chapters.length === 0) throw new GlossError('invalid-argument', `${name} has no text to import.`);
  return {
    markdown: `${frontmatter({
      title: metadata.title,
      author: metadata.creators.join(', ') || null,
      date: metadata.date,
      source: metadata.identifier,
      lang,
      // The language decides: a Japanese book's right-to-left page progression comes from its vertical lines
      // (writingMode), whose text still runs left to right, that is top to bottom.
      dir: lang ? directionOfLanguage(lang) : null,
      writingMode,
    })}${chapters.join('\n\n')}\n`,
    assets: assets.stored,
    warnings: warnings.map((warning) => `${name}: ${warning}`),
  };
}

/**
 * The DOM library and turndown walk a chapter's tree recursively, so elements
 * nested thousands deep (no real book does; a hostile one may) run out of
 * stack: that chapter refuses the book with a sentence, not a RangeError.
 */
function convertedWithinStack(convert: () => string, tooDeep: () => GlossError): string {
  try {
    return convert();
  } catch (error) {
    if (error instanceof RangeError && /call stack/i.test(error.message)) throw tooDeep();
    throw error;
  }
}

/**
 * One spine item as Markdown: an XHTML chapter converted, an image page
 * (EPUB 3 allows them, with a fallback chain) shown as its image, an SVG page
 * as the text it carries, else as its picture.
 */
function spineItemMarkdown(
  path: string,
  mediaType: string,
  entries: BookArchive,
  assets: AssetShelf,
  links: InternalLinks,
  decode: (bytes: Uint8Array) => string,
): string {
  if (mediaType.startsWith('image/') && mediaType !== 'image/svg+xml') return imageMarkdown(assets.urlFor(path));
  const text = decode(entries.read(path));
  if (mediaType === 'image/svg+xml') return svgPageMarkdown(text, path, assets);
  return chapterMarkdown(text, path, assets, links);
}

function imageMarkdown(url: string | null): string {
  return url ? `![](${url})` : '';
}

/**
 * An SVG page: one paragraph per <text> element it carries; without words, the
 * picture it frames (an <image>: as the page itself, an image would load
 * nothing it names), else the page as a picture (a cover lettered in
 * outlines). A page that is not well-formed gives nothing.
 */
function svgPageMarkdown(text: string, path: string, assets: AssetShelf): string {
  let svg: DomDocument;
  try {
    svg = parseText(text, 'application/xml');
  } catch {
    return '';
  }
  const words = svgTexts(svg);
  if (words.length > 0) return words.map(escapeHeading).join('\n\n');
  const framed = framedImage(svg);
  return imageMarkdown(assets.urlFor(framed === null ? path : resolveHref(posix.dirname(path), framed)));
}

/** The address of the <image> an SVG drawing frames, if it frames one. */
function framedImage(svg: DomDocument | DomElement): string | null {
  const image = svg.getElementsByTagNameNS(svgNamespace, 'image').item(0);
  return image?.getAttributeNS(xlinkNamespace, 'href') ?? image?.getAttribute('href') ?? null;
}

/**
 * The words of each <text> in an SVG drawing, one string per text. A typeset
 * page drawn as SVG sets each line as a <tspan> placed on its own `y`, with
 * no space where a sentence ends a line: a space is put there, so "communale."
 * and "Dans" stay two words (not after a hyphen, which joins the word's halves).
 */
function svgTexts(svg: DomDocument | DomElement): string[] {
  return elementsOf(svg.getElementsByTagNameNS(svgNamespace, 'text'))
    .map((text) => {
      let words = '';
      let lineY: string | null = null;
      for (const part of Array.from(text.childNodes)) {
        const element = part.nodeType === elementNode ? (part as DomElement) : null;
        const y = element?.getAttribute('y') ?? null;
        const dy = element?.getAttribute('dy') ?? null;
        const newLine = (y !== null && lineY !== null && y !== lineY) || (dy !== null && Number.parseFloat(dy) !== 0);
        if (y !== null) lineY = y;
        if (newLine && !/[\s-]$/.test(words)) words += ' ';
        words += part.textContent ?? '';
      }
      return words.replace(/\s+/g, ' ').trim();
    })
    .filter(Boolean);
}

/**
 * A chapter's text in the encoding its XML declaration names (XML's default
 * is UTF-8, or UTF-16 with a byte-order mark); an encoding TextDecoder does
 * not know, or bytes that are not valid in it, are refused as decodeText does.
 */
function chapterText(name: string, bytes: Uint8Array): string {
  const declared = /^(?:\uFEFF)?<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(
    Buffer.from(bytes.subarray(0, 200)).toString('latin1'),
  )?.[1];
  if (!declared || /^utf-?(?:8|16)$/i.test(declared)) return decodeText(name, bytes);
  try {
    return new TextDecoder(declared, { fatal: true }).decode(bytes);
  } catch {
    throw new GlossError('invalid-argument', `${name} declares the encoding ${declared}, but its text is not valid ${declared}.`);
  }
}

/** Title, creators, date, language and identifier from the OPF's Dublin Core metadata. */
export function epubMetadata(opf: DomDocument): EpubMetadata {
  const texts = (field: string): string[] =>
    elementsOf(opf.getElementsByTagNameNS(dublinCore, field))
      .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter(Boolean);
  const uniqueId = opf.documentElement?.getAttribute('unique-identifier');
  const identifiers = elementsOf(opf.getElementsByTagNameNS(dublinCore, 'identifier'));
  const identifier = identifiers.find((element) => uniqueId && element.getAttribute('id') === uniqueId) ?? identifiers[0];
  // Only the publication date: an EPUB 2 book may also list creation and modification dates.
  const dates = elementsOf(opf.getElementsByTagNameNS(dublinCore, 'date'));
  const date = dates.find((element) => (element.getAttributeNS(opfNamespace, 'event') ?? 'publication') === 'publication') ?? dates[0];
  return {
    title: texts('title')[0] ?? null,
    creators: authors(opf),
    date: date?.textContent?.trim() || null,
    language: texts('language')[0] ?? null,
    identifier: identifier?.textContent?.trim() || null,
  };
}

/**
 * The creators who wrote the book: a creator whose role (EPUB 2's opf:role,
 * or an EPUB 3 `role` meta refining it, MARC relator codes) is another one,
 * a translator (trl) or an illustrator (ill), is not listed as an author.
 */
function authors(opf: DomDocument): string[] {
  const roles = new Map<string, string>();
  for (const meta of elementsOf(opf.getElementsByTagNameNS('*', 'meta'))) {
    const refines = meta.getAttribute('refines');
    if (meta.getAttribute('property') === 'role' && refines?.startsWith('#')) roles.set(refines.slice(1), (meta.textContent ?? '').trim());
  }
  return elementsOf(opf.getElementsByTagNameNS(dublinCore, 'creator'))
    .filter((creator) => {
      const role = creator.getAttributeNS(opfNamespace, 'role') ?? roles.get(creator.getAttribute('id') ?? '') ?? 'aut';
      return role === '' || role === 'aut';
    })
    .map((creator) => (creator.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * Chapter titles by chapter path, from the EPUB 3 navigation document or,
 * failing that, the EPUB 2 NCX; the first entry for a file wins (later ones
 * point into the same chapter). A missing or unreadable table gives none.
 */
function tableOfContents(opf: DomDocument, packageDir: string, read: (path: string) => string | null): Map<string, string> {
  const titles = new Map<string, string>();
  const add = (baseDir: string, href: string | null | undefined, label: string | null | undefined): void => {
    const path = href ? resolveHref(baseDir, href) : null;
    const text = label?.replace(/\s+/g, ' ').trim();
    if (path && text && !titles.has(path)) titles.set(path, text);
  };
  const items = elementsOf(opf.getElementsByTagNameNS('*', 'item'));
  const nav = items.find((item) => (item.getAttribute('properties') ?? '').split(/\s+/).includes('nav'));
  const ncxId = spineOf(opf)?.getAttribute('toc');
  const ncx = items.find((item) => item.getAttribute('id') === ncxId || item.getAttribute('media-type') === 'application/x-dtbncx+xml');
  try {
    const navPath = resolveHref(packageDir, nav?.getAttribute('href') ?? '');
    const navText = navPath ? read(navPath) : null;
    if (navPath && navText) {
      const document = parseText(navText, 'application/xhtml+xml');
      const tocNav = elementsOf(document.getElementsByTagNameNS(xhtmlNamespace, 'nav')).find(
        (element) =>
          element.getAttribute('epub:type') === 'toc' || element.getAttributeNS('http://www.idpf.org/2007/ops', 'type') === 'toc',
      );
      for (const link of tocNav ? elementsOf(tocNav.getElementsByTagNameNS(xhtmlNamespace, 'a')) : [])
        add(posix.dirname(navPath), link.getAttribute('href'), link.textContent);
      if (titles.size > 0) return titles;
    }
    const ncxPath = resolveHref(packageDir, ncx?.getAttribute('href') ?? '');
    const ncxText = ncxPath ? read(ncxPath) : null;
    if (ncxPath && ncxText) {
      for (const point of elementsOf(parseText(ncxText, 'application/xml').getElementsByTagNameNS('*', 'navPoint'))) {
        const label = point.getElementsByTagNameNS('*', 'text').item(0)?.textContent;
        add(posix.dirname(ncxPath), point.getElementsByTagNameNS('*', 'content').item(0)?.getAttribute('src'), label);
      }
    }
  } catch {
    // A broken table of contents costs only the titles it would have given; the chapters still read.
  }
  return titles;
}

function spineOf(opf: DomDocument): DomElement | null {
  return opf.getElementsByTagNameNS('*', 'spine').item(0);
}

/**
 * The first vertical writing mode the book's stylesheets declare. A stylesheet
 * the archive cannot give back is skipped: the book never needed it before.
 */
function stylesheetWritingMode(items: Iterable<{ path: string; mediaType: string }>, entries: BookArchive): WritingMode | null {
  for (const { path, mediaType } of items) {
    if (mediaType.toLowerCase() !== 'text/css' || !entries.has(path)) continue;
    let bytes: Uint8Array;
    try {
      bytes = entries.read(path);
    } catch (error) {
      if (error instanceof GlossError) continue;
      throw error;
    }
    const mode = declaredWritingMode(stylesheetText(path, bytes));
    if (mode) return mode;
  }
  return null;
}

/** A stylesheet's text; one not in UTF-8 (Shift_JIS, in older Japanese books) is read as if it were, as the property is ASCII. */
function stylesheetText(path: string, bytes: Uint8Array): string {
  try {
    return decodeText(path, bytes);
  } catch (error) {
    if (!(error instanceof GlossError)) throw error;
    return new TextDecoder().decode(bytes);
  }
}

/**
 * A chapter's markup up to the end of its <body> start tag (the root's and the
 * body's attributes and the head's styles), or nothing without a body. Found
 * with indexOf: a pattern such as `<body[^>]*>` rescans the rest of the text
 * at every unclosed `<body`.
 */
function chapterHead(markup: string): string {
  const body = markup.search(/<body\b/i);
  const end = body < 0 ? -1 : markup.indexOf('>', body);
  return end < 0 ? '' : markup.slice(0, end + 1);
}

/** Heading text as Markdown shows it: characters that would start other syntax (or an entity) are escaped. */
function escapeHeading(text: string): string {
  return text.replace(/[\\`*_[\]<>#&]/g, (character) => `\\${character}`);
}

/**
 * The book's archive, listed up front and checked against the limits by what
 * it declares; an entry is inflated only when read, and never past its
 * declared size, so the declared total bounds both memory and work.
 */
class BookArchive {
  readonly #entries: Map<string, ZipEntry>;

  constructor(
    private readonly bytes: Uint8Array,
    limits: EpubLimits,
    private readonly refuse: (problem: string) => GlossError,
  ) {
    try {
      this.#entries = listZip(bytes);
    } catch (error) {
      if (error instanceof ZipError) throw refuse(error.message);
      throw error;
    }
    const unpackedBytes = Array.from(this.#entries.values()).reduce((sum, entry) => sum + entry.size, 0);
    if (this.#entries.size > limits.maxEntries || unpackedBytes > limits.maxUnpackedBytes) {
      throw refuse(
        `it would unpack to ${this.#entries.size} files and ${megabytes(unpackedBytes)}, over Gloss's limit of ${limits.maxEntries} files and ${megabytes(limits.maxUnpackedBytes)} (a damaged file or a zip bomb)`,
      );
    }
  }

  has(path: string): boolean {
    return this.#entries.has(path);
  }

  read(path: string): Uint8Array {
    const entry = this.#entries.get(path);
    if (!entry) throw this.refuse(`${path} is missing`);
    try {
      return inflateEntry(this.bytes, entry);
    } catch (error) {
      if (error instanceof ZipError) throw this.refuse(error.message);
      throw error;
    }
  }
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

function parseXml(text: string, path: string, refuse: (problem: string) => GlossError): DomDocument {
  try {
    return parseText(text, 'application/xml');
  } catch (error) {
    throw refuse(`${path} is not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
}

/**
 * A zip path from a reference in a file at `baseDir`, or null when it points
 * outside the archive or elsewhere (another site, a data: address).
 */
function resolveHref(baseDir: string, href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(href.replace(/[?#].*$/, ''));
  } catch {
    return null;
  }
  if (decoded === '' || decoded.startsWith('/')) return null;
  const path = posix.normalize(posix.join(baseDir, decoded));
  return path.startsWith('../') || path === '..' ? null : path.replace(/^\.\//, '');
}

/** One chapter's body as Markdown, its images stored on the shelf, its links to the book's own places kept. */
function chapterMarkdown(text: string, path: string, assets: AssetShelf, links: InternalLinks): string {
  const body = chapterBody(text);
  if (!body) return '';
  links.rewrite(path, body);
  const chapterDir = posix.dirname(path);
  return markdownFromHtml(body, { imageSource: (src) => assets.urlFor(resolveHref(chapterDir, src)) });
}

/** Names Windows reserves for devices, with any extension (CON.png is the console). */
const windowsDeviceName = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * A chapter's body as an HTML element, the kind turndown expects. XHTML is
 * parsed as XML (so `<title/>` or `<div/>` mean what they say) and its body
 * moved into an HTML document, where XHTML elements get HTML's upper-case
 * names; a chapter that is not well-formed XHTML is read as HTML, as
 * browsers would.
 */
function chapterBody(text: string): DomElement | null {
  let xhtml: DomDocument;
  try {
    xhtml = parseText(text, 'application/xhtml+xml');
  } catch {
    return intoChapterPage(parseText(text, 'text/html').body);
  }
  const xmlBody = xhtml.getElementsByTagNameNS(xhtmlNamespace, 'body').item(0);
  if (!xmlBody) return intoChapterPage(parseText(text, 'text/html').body);
  for (const svg of elementsOf(xmlBody.getElementsByTagNameNS(svgNamespace, 'svg'))) {
    // A cover or full-page illustration is often an <svg> around one <image>: kept as an image.
    const href = framedImage(svg);
    if (href) {
      const img = xhtml.createElementNS(xhtmlNamespace, 'img');
      img.setAttribute('src', href);
      svg.replaceWith(img);
      continue;
    }
    // A page typeset as a drawing keeps its words, a paragraph per <text>, in place of the drawing.
    const paragraphs = svgTexts(svg).map((words) => {
      const paragraph = xhtml.createElementNS(xhtmlNamespace, 'p');
      paragraph.textContent = words;
      return paragraph;
    });
    if (paragraphs.length > 0) svg.replaceWith(...paragraphs);
  }
  // An SVG drawing's <style> often wraps its rules in CDATA, which is text in XML but cannot exist in an
  // HTML document: turndown's copy of the chapter page threw on it, and the whole book was refused.
  if (text.includes('<![CDATA[')) cdataToText(xmlBody);
  return intoChapterPage(xmlBody);
}

/** Without recursion: a hostile chapter may nest elements deeper than the stack goes. */
function cdataToText(root: DomNode): void {
  const pending: DomNode[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === cdataSectionNode) (child as DomElement).replaceWith(child.textContent ?? '');
      else pending.push(child);
    }
  }
}

let chapterPage: DomDocument | null = null;

/**
 * A chapter's content, moved into the one HTML document every chapter is
 * converted in, in turn. jsdom gives each document it queries a selector
 * engine that registers a listener on the shared window and is never let
 * go: a document per chapter made a 2,000-chapter book take 11 s (each
 * listener added after all the others) and keep every chapter in memory.
 * Moved, not copied: jsdom's window also keeps every element with an `id`
 * that is in one of its documents, so a copy left each chapter's parsed
 * XHTML alive to the end (a maths book of 94 chapters held 1.1 GB after
 * its last); a moved element leaves that list when the next chapter
 * replaces it.
 */
function intoChapterPage(content: DomElement | null): DomElement | null {
  chapterPage ??= parseText('<!doctype html><body></body>', 'text/html');
  const body = chapterPage.body;
  if (!body || !content) return null;
  body.innerHTML = '';
  for (const child of Array.from(content.childNodes)) body.appendChild(child);
  return body;
}

/** The images chapters show, each stored once under a safe, unique name. */
class AssetShelf {
  readonly stored: DocumentAsset[] = [];
  readonly #names = new Map<string, string>();

  constructor(
    private readonly entries: BookArchive,
    private readonly assetUrl: AssetUrl,
  ) {}

  /** The address to show the image at `path` from, or null when the book lacks it or the reader cannot show its type. */
  urlFor(path: string | null): string | null {
    if (path === null) return null;
    const known = this.#names.get(path);
    if (known) return this.assetUrl(known);
    const extension = posix.extname(path).toLowerCase();
    if (!this.entries.has(path) || !imageExtensions.has(extension)) return null;
    const bytes = this.entries.read(path);
    const name = this.#uniqueName(posix.basename(path, posix.extname(path)), extension);
    this.#names.set(path, name);
    this.stored.push({ name, bytes });
    return this.assetUrl(name);
  }

  #uniqueName(stem: string, extension: string): string {
    const safeStem =
      stem
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .slice(0, 80) || 'image';
    // Unique ignoring case, and never a Windows device name: `a.png` beside `A.png`, or `CON.png`, break on such disks.
    const taken = new Set(this.stored.map((asset) => asset.name.toLowerCase()));
    const fileStem = windowsDeviceName.test(safeStem.split('.')[0] ?? '') ? `image-${safeStem}` : safeStem;
    let name = `${fileStem}${extension}`;
    for (let counter = 2; taken.has(name.toLowerCase()); counter++) name = `${fileStem}-${counter}${extension}`;
    if (!documentAssetNamePattern.test(name)) name = `image-${this.stored.length + 1}${extension}`;
    return name;
  }
}
