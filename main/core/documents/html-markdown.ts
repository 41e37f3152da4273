/**
 * HTML to Markdown, shared by the HTML and EPUB importers: turndown with
 * GitHub-flavoured tables and strikethrough (what marked renders back), after
 * the DOM has been cleaned of what a reading surface has no use for.
 */
import { type DomElement, type DomNode, requireModule } from './dom';

interface TurndownRule {
  filter: string | string[] | ((node: DomElement) => boolean);
  replacement(content: string, node: DomElement): string;
}
interface Turndown {
  turndown(node: DomNode): string;
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
    .remove(junkElements);
  return turndown;
}

/** Converts the content of `root` to Markdown. Changes `root` (images and links are rewritten in place first). */
export function markdownFromHtml(root: DomElement, options: HtmlToMarkdownOptions): string {
  for (const image of Array.from(root.querySelectorAll('img'))) {
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
