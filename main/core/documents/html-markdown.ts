/**
 * HTML to Markdown, shared by the HTML and EPUB importers: turndown with
 * GitHub-flavoured tables and strikethrough (what marked renders back), after
 * the DOM has been cleaned of what a reading surface has no use for.
 */
import { type DomElement, type DomNode, requireModule } from './dom';

const textNode = 3;

interface TurndownRule {
  filter: string | string[] | ((node: DomElement) => boolean);
  replacement(content: string, node: DomElement): string;
}
interface Turndown {
  turndown(node: DomNode): string;
  escape(text: string): string;
  use(plugins: unknown[]): Turndown;
  remove(filter: string[]): Turndown;
  addRule(key: string, rule: TurndownRule): Turndown;
}
type TurndownConstructor = new (options: Record<string, string>) => Turndown;

/** Elements whose content is never part of what one reads (scripts, forms, embedded players). */
const junkElements = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'canvas',
  'audio',
  'video',
];

/** Links the reader can follow: it opens only these, in the system's browser. */
const followableLink = /^(?:https?:|mailto:)/i;

export interface HtmlToMarkdownOptions {
  /**
   * The address an image is shown from, given its `src`; null drops the image
   * (its alt text stays). Remote addresses are kept as they are: the reader
   * shows a placeholder naming them and never fetches them.
   */
  imageSource(src: string): string | null;
}

let turndown: Turndown | null = null;

function service(): Turndown {
  if (turndown) return turndown;
  const TurndownService = requireModule<TurndownConstructor>('turndown');
  const gfm = requireModule<{ tables: unknown; strikethrough: unknown }>('turndown-plugin-gfm');
  turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', hr: '---' })
    .use([gfm.tables, gfm.strikethrough])
    .remove(junkElements)
    .addRule('preformatted', { filter: 'pre', replacement: (_content, node) => fencedBlock(node) })
    .addRule('ruby', { filter: 'ruby', replacement: (_content, node) => rubyMarkup(node) });
  const escapeMarkdown = turndown.escape.bind(turndown);
  turndown.escape = (text) => escapeMarkup(escapeMarkdown(text));
  return turndown;
}

/**
 * Text that reads like markup stays text: turndown escapes Markdown's own
 * characters but not `<` or `&`, so "the &lt;title&gt; element" would reach
 * marked as a real tag (a live iframe, a comment hiding the rest of the page).
 * A backslash before any ASCII punctuation makes it literal in CommonMark.
 * An address written as text stays text too, as on the page: a GFM autolink
 * would swallow the backslash of a `\<` right after it and let a tag through.
 */
export function escapeMarkup(text: string): string {
  return text
    .replace(/</g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/(\w):\/\//g, '$1\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * A <pre> as a fenced code block, whatever it holds: its whole text with its
 * line breaks (several <code> children, links, spans), never re-read as
 * Markdown, so an RFC-style page keeps its layout and a tutorial all its code.
 */
function fencedBlock(pre: DomElement): string {
  const code = preformattedText(pre).replace(/\n$/, '');
  const language = /(?:^|\s)(?:language|lang)-([\w+#-]+)/.exec(
    `${pre.getAttribute('class') ?? ''} ${pre.querySelector('code')?.getAttribute('class') ?? ''}`,
  )?.[1];
  // The fence is longer than any run of backticks inside, so none of them can close it.
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `\n\n${fence}${language ?? ''}\n${code}\n${fence}\n\n`;
}

/**
 * Ruby stays ruby (山路 with its reading above it, not "山路やまみち"): written
 * as the few inline HTML elements marked passes on and the sanitizer allows,
 * with the text escaped and nothing else of the source element kept.
 */
function rubyMarkup(ruby: DomElement): string {
  let markup = '';
  for (const child of Array.from(ruby.childNodes)) {
    const text = escapeHtmlText(child.textContent ?? '');
    if (child.nodeName === 'RT' || child.nodeName === 'RP')
      markup += `<${child.nodeName.toLowerCase()}>${text}</${child.nodeName.toLowerCase()}>`;
    else markup += text;
  }
  return `<ruby>${markup}</ruby>`;
}

function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function preformattedText(node: DomNode): string {
  if (node.nodeType === textNode) return node.textContent ?? '';
  if (node.nodeName === 'BR') return '\n';
  let text = '';
  for (const child of Array.from(node.childNodes)) text += preformattedText(child);
  return text;
}

/** Converts the content of `root` to Markdown. Changes `root` (images and links are rewritten in place first). */
export function markdownFromHtml(root: DomElement, options: HtmlToMarkdownOptions): string {
  // Content the page itself hides (EPUB page lists and landmarks, collapsed widgets) is not part of what one reads.
  for (const hidden of Array.from(root.querySelectorAll('[hidden]'))) hidden.remove();
  for (const image of Array.from(root.querySelectorAll('img'))) {
    if (isPixel(image)) {
      // A lazy-loading placeholder names the real image beside it; a beacon names nothing.
      const real = lazyImageSource(image);
      if (real === null) {
        image.remove();
        continue;
      }
      image.setAttribute('src', real);
    }
    const source = image.getAttribute('src')?.trim() ?? '';
    const shown = source === '' ? null : options.imageSource(source);
    if (shown === null) image.replaceWith(image.getAttribute('alt') ?? '');
    else image.setAttribute('src', shown);
  }
  // A link the reader cannot follow (another chapter's file, a relative path, javascript:) keeps its words only.
  for (const link of Array.from(root.querySelectorAll('a[href]'))) {
    if (!followableLink.test(link.getAttribute('href')?.trim() ?? '')) link.removeAttribute('href');
  }
  return service()
    .turndown(root)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * A tracking pixel or spacer: an image declared at most 1x1, or a data: GIF
 * or PNG whose own header says it is (the usual transparent 1x1 GIF of web
 * beacons and lazy-loading placeholders). Nothing a reader could see.
 */
function isPixel(image: DomElement): boolean {
  const declared = (name: string): number => Number.parseFloat(image.getAttribute(name) ?? '');
  if (declared('width') <= 1 && declared('height') <= 1) return true;
  const size = dataImageSize(image.getAttribute('src')?.trim() ?? '');
  return size !== null && size.width <= 1 && size.height <= 1;
}

/** The image a lazy-loading page puts in place of its placeholder once it scrolls into view. */
function lazyImageSource(image: DomElement): string | null {
  for (const name of ['data-src', 'data-original', 'data-lazy-src', 'data-srcset']) {
    const first = image.getAttribute(name)?.trim().split(/\s+/)[0];
    if (first) return first;
  }
  return null;
}

/** Width and height from the header of a base64 data: GIF or PNG, or null for anything else. */
function dataImageSize(source: string): { width: number; height: number } | null {
  const match = /^data:image\/(gif|png);base64,([A-Za-z0-9+/=\s]{32,})/i.exec(source);
  if (!match) return null;
  const header = Buffer.from((match[2] ?? '').replace(/\s/g, '').slice(0, 32), 'base64');
  const isGif = header.toString('latin1', 0, 4) === 'GIF8';
  const isPng = header.readUInt32BE(0) === 0x89504e47 && header.toString('latin1', 12, 16) === 'IHDR';
  if (isGif && header.length >= 10) return { width: header.readUInt16LE(6), height: header.readUInt16LE(8) };
  if (isPng && header.length >= 24) return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
  return null;
}
