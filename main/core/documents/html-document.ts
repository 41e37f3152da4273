/**
 * An HTML page as a document: the main article found by Mozilla's
 * Readability (Firefox's Reader View) on a linkedom DOM, converted to Markdown,
 * with its title, author, date and address from the page's metadata.
 */
import { GlossError } from '../errors';
import { type DomDocument, type DomElement, type DomNode, elementNode, parseHtmlPage, requireModule, textNode, walkInside } from './dom';
import { markdownFromHtml } from './html-markdown';
import { countWords } from '../../../common/text/reading-stats';
import { markdownToPlainText } from '../../../common/text/plain-text';
import { languageTag, textDirection } from '../../../common/text/language';
import { InternalLinks } from './internal-links';
import { frontmatter } from './markdown-source';
import { declaredWritingMode } from './writing-mode';
import type { ImportedDocument } from './types';

interface ReadabilityArticle {
  title?: string | null;
  byline?: string | null;
  publishedTime?: string | null;
  content?: DomElement | null;
  textContent?: string | null;
  /** The `dir` of the article's nearest ancestor that has one. */
  dir?: string | null;
}
type ReadabilityConstructor = new (
  document: DomDocument,
  options: { serializer(node: DomElement): DomElement },
) => { parse(): ReadabilityArticle | null };

const navigation = 'nav, [role="navigation"], [role="menu"], [role="menubar"]';

/** What Readability leaves in but a reader does not want, for pages where it finds no article and the whole body is used. */
const pageChrome =
  'script, style, noscript, template, header, footer, aside, form, iframe, [role="banner"], [role="contentinfo"], [aria-hidden="true"]';

/** Where pages state when they were published, most specific first. */
const datedMeta = ['article:published_time', 'datePublished', 'date', 'dc.date', 'dc.date.issued'];

/** Images the reader can show from a data: address (the renderer allows the same list). */
const dataImage = /^data:image\/(?:png|jpe?g|gif|webp);/i;

/**
 * How deep a page's elements are read as they are. Real pages nest a few dozen
 * levels; Readability weighs each table, list and block against everything it
 * holds, so its time grew faster than the cube of the depth: 1,000 nested
 * tables (a 30 KB page) took a minute.
 */
export const maxNestingDepth = 200;

/**
 * Replaces whatever an element at maxNestingDepth holds with its text, a
 * paragraph for each block of it (the text a paragraph, cell or item holds
 * directly), so no element sits deeper. Returns how many elements' contents
 * were so replaced.
 */
function flattenDeepNesting(root: DomElement): number {
  let flattened = 0;
  walkInside(root, (node, depth) => {
    if (node.nodeType !== elementNode) return false;
    if (depth < maxNestingDepth) return true;
    const element = node as DomElement;
    if (element.firstElementChild) {
      const paragraphs = blockTexts(element).map((text) => {
        const paragraph = element.ownerDocument.createElement('p');
        paragraph.textContent = text;
        return paragraph;
      });
      element.textContent = '';
      for (const paragraph of paragraphs) element.appendChild(paragraph);
      flattened++;
    }
    return false;
  });
  return flattened;
}

/** Elements whose start or end breaks a line of text. */
const blockElements = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY TD TFOOT TH THEAD TR UL'.split(
    ' ',
  ),
);

/** The text under `root`, in order, cut where a block element starts or ends. */
function blockTexts(root: DomElement): string[] {
  const texts: string[] = [];
  let current = '';
  const breakLine = (): void => {
    if (current.trim() !== '') texts.push(current.replace(/\s+/g, ' ').trim());
    current = '';
  };
  const breakAtBlock = (node: DomNode): void => {
    if (blockElements.has(node.nodeName.toUpperCase())) breakLine();
  };
  walkInside(
    root,
    (node) => {
      if (node.nodeType === textNode) current += node.textContent ?? '';
      else breakAtBlock(node);
      return true;
    },
    breakAtBlock,
  );
  breakLine();
  return texts;
}

/**
 * Converts an HTML page (bytes as read from disk, or text as pasted) to a
 * document. Throws GlossError('invalid-argument') when there is no text to keep.
 */
export function documentFromHtml(name: string, input: string | Uint8Array): ImportedDocument {
  const { contentType, warning } = typeof input === 'string' ? { contentType: 'text/html', warning: null } : htmlContentType(name, input);
  const page = parseHtmlPage(input, contentType);
  const source = pageAddress(page);
  if (source && page.head) {
    // Relative links and images then resolve to absolute addresses (Readability resolves them against the base).
    const base = page.createElement('base');
    base.setAttribute('href', source);
    page.head.prepend(base);
  }
  // MathJax 3 draws an equation with its own elements, whose glyphs are CSS; the MathML copy it keeps for screen readers is the equation.
  for (const container of Array.from(page.querySelectorAll('mjx-container'))) {
    const math = container.querySelector('mjx-assistive-mml > math');
    if (math) container.replaceWith(math);
  }
  // Read before Readability, which changes the page it reads.
  const pageTitle = page.title.trim() || null;
  const pageAuthor = metaContent(page, ['author', 'article:author', 'dc.creator']);
  const pageDate = metaContent(page, datedMeta) ?? page.querySelector('time[datetime]')?.getAttribute('datetime');
  const pageLanguage = declaredLanguage(page);
  // Only the page's own element styles: what a stylesheet sets vertically may be a single box on a horizontal page.
  const pageWritingMode = [page.documentElement, page.body]
    .map((element) => declaredWritingMode(element?.getAttribute('style') ?? ''))
    .find((mode) => mode !== null);
  // Often inside the menus removed below, where Readability would have found it.
  const linkedAuthor = cleanByline(page.querySelector('[rel~="author" i]')?.textContent);
  const readability = requireModule<{ Readability: ReadabilityConstructor; isProbablyReaderable: (page: DomDocument) => boolean }>(
    '@mozilla/readability',
  );
  // A pasted selection is a part of a page by choice: only a page read from a file is checked for being an article.
  const pageWords = typeof input === 'string' || readability.isProbablyReaderable(page) ? null : visibleWords(page);
  // Menus are never the article; Readability keeps one when the page has nothing else.
  for (const menu of Array.from(page.querySelectorAll(navigation))) menu.remove();
  const flattened = page.body ? flattenDeepNesting(page.body) : 0;
  const article = new readability.Readability(page, { serializer: (node) => node }).parse();
  let content = (article?.textContent ?? '').trim() === '' ? null : (article?.content ?? null);
  if (!content) {
    // No article found: the whole body, read afresh, without the page's chrome.
    content = parseHtmlPage(input, contentType).body;
    for (const junk of Array.from(content?.querySelectorAll(`${navigation}, ${pageChrome}`) ?? [])) junk.remove();
    if (content) flattenDeepNesting(content);
  }
  if (content) keepInPageLinks(content, source);
  const body = content ? markdownFromHtml(content, { imageSource: (src) => imageAddress(src) }) : '';
  if (body === '') throw new GlossError('invalid-argument', `${name} has no text to import.`);
  const byline = cleanByline(article?.byline);
  const warnings = [
    ...(warning ? [warning] : []),
    ...(pageWords === null ? [] : notAnArticle(name, body, pageWords)),
    ...(flattened > 0
      ? [`${name} nests its elements more than ${maxNestingDepth} levels deep; the text below that depth is kept as plain text.`]
      : []),
  ];
  return {
    markdown: `${frontmatter({
      title: article?.title?.trim() || pageTitle,
      // A dateline is not an author ("Sunday, Feb 1, 2015 11:57 AM UTC").
      author: (byline && !looksLikeDate(byline) ? byline : null) ?? pageAuthor ?? linkedAuthor,
      date: isoDay(article?.publishedTime ?? pageDate),
      source,
      lang: pageLanguage,
      dir: textDirection(article?.dir) ?? textDirection(page.documentElement?.getAttribute('dir') ?? page.body?.getAttribute('dir')),
      writingMode: pageWritingMode ?? null,
    })}${body}\n`,
    assets: [],
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * Says how much was kept of a page Reader View would not offer (a home page,
 * a gallery, a form) when that is clearly less than the page shows: those
 * words may not be what the reader came for.
 */
function notAnArticle(name: string, body: string, pageWords: number): string[] {
  const kept = countWords(markdownToPlainText(body));
  if (kept >= pageWords * 0.8) return [];
  return [
    `${name} does not look like an article; Gloss kept ${kept.toLocaleString('en')} of the ${pageWords.toLocaleString('en')} words the page shows. Check them against the page.`,
  ];
}

/** Words of the page's body, without its scripts and styles. */
function visibleWords(page: DomDocument): number {
  const hidden = Array.from(page.body?.querySelectorAll('script, style, noscript, template') ?? []);
  return Math.max(
    0,
    countWords(page.body?.textContent ?? '') - hidden.reduce((sum, element) => sum + countWords(element.textContent ?? ''), 0),
  );
}

/** Words a dateline is made of: weekdays, months, numbers, AM/PM and zones. */
const datelineWords =
  /\b(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[ap]\.?m|utc|gmt|\d+(?:st|nd|rd|th)?)\b\.?/gi;
/** Zone abbreviations (EST, PDT, CEST), matched case-sensitively so names are not taken for them. */
const zoneAbbreviation = /\b[A-Z]{1,4}T\b/g;

/** True for a byline with nothing but a date and time in it. */
function looksLikeDate(byline: string): boolean {
  return (
    /\d/.test(byline) &&
    byline
      .replace(zoneAbbreviation, '')
      .replace(datelineWords, '')
      .replace(/[\s,.:/+-]/g, '') === ''
  );
}

/**
 * The content type to decode a page with, and a warning when it overrides
 * the page. Without a declaration the HTML standard falls back to
 * windows-1252, but a file saved today is almost always UTF-8, so valid
 * UTF-8 is read as UTF-8. A page that declares another charset but whose
 * non-ASCII bytes are all valid UTF-8 sequences (a page saved as UTF-8 under
 * an old `charset=gb2312`) is read as UTF-8 too, and says so: such sequences
 * are vanishingly rare in real text of another encoding.
 */
function htmlContentType(name: string, bytes: Uint8Array): { contentType: string; warning: string | null } {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) ||
    (bytes[0] === 0xff && bytes[1] === 0xfe) ||
    (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (hasBom) return { contentType: 'text/html', warning: null };
  // The standard's prescan looks at the first 1024 bytes for a declaration.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head)?.[1];
  const utf8 = 'text/html; charset=utf-8';
  if (!declared) return { contentType: isUtf8(bytes) ? utf8 : 'text/html', warning: null };
  const declaresUtf8 = /^utf-?8$/i.test(declared);
  if (declaresUtf8 || !bytes.some((byte) => byte >= 0x80) || !isUtf8(bytes)) return { contentType: 'text/html', warning: null };
  return { contentType: utf8, warning: `${name} declares the character set ${declared}, but its text is UTF-8; it was read as UTF-8.` };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The page's own address: its canonical link, else og:url; only web addresses count. */
function pageAddress(page: DomDocument): string | null {
  const candidates = [page.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), metaContent(page, ['og:url'])];
  for (const candidate of candidates) {
    if (candidate && URL.canParse(candidate) && /^https?:$/.test(new URL(candidate).protocol)) return new URL(candidate).href;
  }
  return null;
}

/**
 * Links to the page's own places (its contents, reference markers and the
 * references) stay links within the document, not the web page opened in a
 * browser. Readability has made them absolute against the page's address.
 */
function keepInPageLinks(content: DomElement, source: string | null): void {
  const page = 'page';
  // `source` is already a URL's href (pageAddress): a link leads to this page when its own href is the same.
  const links = new InternalLinks((_from, address) =>
    address === '' || (source !== null && URL.canParse(address) && new URL(address).href === source) ? page : null,
  );
  links.collectFromDom(page, content);
  links.rewrite(page, content);
}

/** The page's language: <html lang> (or xml:lang in XHTML), else the old Content-Language meta, else <body lang>. */
function declaredLanguage(page: DomDocument): string | null {
  const root = page.documentElement;
  const contentLanguage = Array.from(page.querySelectorAll('meta[http-equiv]')).find(
    (meta) => meta.getAttribute('http-equiv')?.toLowerCase() === 'content-language',
  );
  const declared = [
    root?.getAttribute('lang'),
    root?.getAttribute('xml:lang'),
    // Content-Language may list several; the first is the page's own.
    contentLanguage?.getAttribute('content')?.split(',')[0],
    page.body?.getAttribute('lang'),
  ];
  return declared.map((value) => languageTag(value)).find((tag) => tag !== null) ?? null;
}

function metaContent(page: DomDocument, names: string[]): string | null {
  for (const name of names) {
    for (const meta of Array.from(page.querySelectorAll('meta'))) {
      const key = meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop');
      const value = meta.getAttribute('content')?.trim();
      if (key?.toLowerCase() === name.toLowerCase() && value) return value;
    }
  }
  return null;
}

/** "By Jane Doe" → "Jane Doe"; overly long bylines (a paragraph Readability mistook) are dropped. */
function cleanByline(byline: string | null | undefined): string | null {
  const cleaned = byline
    ?.replace(/\s+/g, ' ')
    .replace(/^by\s+/i, '')
    .trim();
  return cleaned && cleaned.length <= 200 ? cleaned : null;
}

/** A document's date is `YYYY-MM-DD` when the page gives a parseable one. */
function isoDay(value: string | null | undefined): string | null {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(value?.trim() ?? '')?.[0];
  if (day) return day;
  const parsed = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}

/** Web and data images keep their address (a remote one is shown as a placeholder naming it); anything else cannot be shown. */
function imageAddress(src: string): string | null {
  if (dataImage.test(src)) return src;
  return URL.canParse(src) && /^https?:$/.test(new URL(src).protocol) ? src : null;
}
