/**
 * HTML to Markdown, shared by the HTML and EPUB importers: turndown with
 * GitHub-flavoured tables and strikethrough (what marked renders back), after
 * the DOM has been cleaned of what a reading surface has no use for.
 */
import { type DomDocument, type DomElement, type DomNode, requireModule, textNode } from './dom';

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

/** What a heading's permalink shows: nothing (an icon, or a glyph drawn by CSS), or one of the usual marks. */
const permalinkText = /^(?:[¶§#›»⚓]|🔗)?$/u;

/** Links the reader can follow: it opens only these, in the system's browser. */
const followableLink = /^(?:https?:|mailto:)/i;

/**
 * The ids an importer gives the places a document's own links point at (a
 * book's notes, its contents, its index): `gloss-ref-1`, `gloss-ref-2`… A link
 * to one is kept, and the reader jumps to it; a name of Gloss's own cannot
 * clash with the app's ids or with another book's markup.
 */
const inDocumentAnchor = /^gloss-ref-\d+$/;

export function inDocumentAnchorId(index: number): string {
  return `gloss-ref-${index}`;
}

/** An empty element marking a place a link points at, for the importer to put at the start of that place. */
export function inDocumentAnchorMarker(owner: DomDocument, id: string): DomElement {
  const marker = owner.createElement('a');
  marker.setAttribute('id', id);
  return marker;
}

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
  const gfm = requireModule<{ strikethrough: unknown }>('turndown-plugin-gfm');
  turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', hr: '---' })
    .use([gfm.strikethrough])
    .remove(junkElements)
    .addRule('preformatted', { filter: 'pre', replacement: (_content, node) => fencedBlock(node) })
    .addRule('ruby', { filter: 'ruby', replacement: (_content, node) => rubyMarkup(node) })
    // Converted beforehand (see markdownFromHtml), like tables.
    .addRule('math', { filter: (node) => node.localName.toLowerCase() === 'math', replacement: convertedBeforehand })
    .addRule('in-document anchor', {
      filter: (node) => node.nodeName === 'A' && !node.getAttribute('href') && inDocumentAnchor.test(node.getAttribute('id') ?? ''),
      replacement: (content, node) => `<a id="${node.getAttribute('id') ?? ''}"></a>${content}`,
    })
    // A note marker stays raised ("Savannah¹", not "Savannah1"), as do exponents and chemical formulas' numbers.
    .addRule('raised', {
      filter: ['sup', 'sub'],
      replacement: (content, node) =>
        content.trim() === '' ? content : `<${node.nodeName.toLowerCase()}>${content}</${node.nodeName.toLowerCase()}>`,
    })
    // A poem's line number, floated into the margin by the book's own style sheet (which Gloss does not keep),
    // stays a number beside its line ("peeped out 80", the space given in markdownFromHtml) instead of joining its last word ("out80").
    .addRule('verse line number', {
      filter: isVerseLineNumber,
      replacement: (_content, node) => `<span class="${verseLineNumberClass}">${escapeHtmlText((node.textContent ?? '').trim())}</span>`,
    })
    // Converted beforehand (see markdownFromHtml); the table is left empty, holding its Markdown.
    .addRule('table', { filter: 'table', replacement: convertedBeforehand });
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

/** The class the reader styles a poem's line number by (kept in the Markdown, and by the sanitizer). */
const verseLineNumberClass = 'verse-line-number';

/**
 * The class names books give a line number set beside a verse (`lnum` in
 * the IDPF samples, `linenum` in Project Gutenberg's, `line-number`,
 * `lineno`…), holding a number in figures or Roman numerals and nothing else.
 */
const lineNumberClassName = /^(?:l|line|verse)[-_]?(?:num|nr|no|number)s?$/i;
const lineNumberText = /^\s*(?:\d{1,6}|[ivxlc]{1,8})\.?\s*$/i;

function isVerseLineNumber(node: DomElement): boolean {
  const classes = (node.getAttribute('class') ?? '').split(/\s+/);
  return classes.some((name) => lineNumberClassName.test(name)) && lineNumberText.test(node.textContent ?? '');
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

/** MathML Core, the elements Chromium lays out; another element inside an equation gives only its content. */
const mathElements = new Set(
  (
    'math mi mn mo ms mspace mtext mrow mfrac msqrt mroot mstyle merror mpadded mphantom msub msup ' +
    'msubsup munder mover munderover mmultiscripts mprescripts none mtable mtr mtd semantics'
  ).split(' '),
);
/** The presentation attributes MathML Core defines (no links, no styles, no handlers). */
const mathAttributes = new Set(
  (
    'display displaystyle scriptlevel mathvariant mathsize dir form fence separator stretchy symmetric ' +
    'largeop movablelimits lspace rspace minsize maxsize accent accentunder linethickness width height ' +
    'depth voffset columnspan rowspan'
  ).split(' '),
);

/**
 * An equation stays an equation (MathML, which the reader draws), not its
 * symbols run together ("2 x 1 + x 2 = 2"): rewritten element by element from
 * MathML Core, with its presentation attributes only; annotations (a TeX
 * source, other markup) are left out, as a reader does. On one line, its
 * text escaped both as HTML and as Markdown, since marked reads the text
 * between inline tags as Markdown.
 */
function mathMarkup(node: DomNode): string {
  if (node.nodeType === textNode) {
    // MathML ignores whitespace between elements and at the ends of a token's text, as the source's indentation is.
    const text = (node.textContent ?? '').replace(/\s+/g, ' ');
    return text.trim() === '' ? '' : escapeHtmlText(text).replace(/[\\`*_[\]~|]/g, (character) => `\\${character}`);
  }
  const element = node as DomElement;
  const name = element.localName.toLowerCase();
  if (name === 'annotation' || name === 'annotation-xml') return '';
  let content = '';
  // Sibling by sibling: a jsdom child list answers each index through a proxy.
  for (let child = element.firstChild; child !== null; child = child.nextSibling) content += mathMarkup(child);
  content = content.trim();
  if (!mathElements.has(name)) return content;
  // By name, and only when there are any: most of an equation's elements have none, and jsdom answers each index read on an
  // attribute list by first looking for an attribute of that name.
  const names = element.hasAttributes() ? element.getAttributeNames() : [];
  const attributes = names
    .filter((attributeName) => mathAttributes.has(attributeName.toLowerCase()))
    .map(
      (attributeName) =>
        ` ${attributeName.toLowerCase()}="${escapeHtmlText(element.getAttribute(attributeName) ?? '').replace(/"/g, '&quot;')}"`,
    )
    .join('');
  return `<${name}${attributes}>${content}</${name}>`;
}

/** Where an equation or a table converted before turndown runs keeps its Markdown. */
const convertedMarkup = 'data-gloss-markdown';

/** What an equation or a table converted before turndown runs becomes: the Markdown it keeps. */
function convertedBeforehand(_content: string, node: DomElement): string {
  return node.getAttribute(convertedMarkup) ?? '';
}

/**
 * A table as a GFM table whatever its shape: cells spanning columns or rows
 * keep every other cell in its column (the spanned places left empty), a
 * table without a header row takes its first row as one, and a cell's
 * paragraphs and line breaks become one line. A table that only lays content
 * out (one column, or tables inside it) gives its cells' content as blocks.
 */
function tableMarkdown(table: DomElement): string {
  const rows = Array.from(table.querySelectorAll('tr')).filter((row) => row.closest('table') === table);
  const cellsOf = (row: DomElement): DomElement[] => Array.from(row.children).filter((cell) => /^T[HD]$/.test(cell.nodeName));
  const span = (cell: DomElement, name: string): number =>
    Math.min(1000, Math.max(1, Number.parseInt(cell.getAttribute(name) ?? '1', 10) || 1));
  const columns = Math.max(0, ...rows.map((row) => cellsOf(row).reduce((sum, cell) => sum + span(cell, 'colspan'), 0)));
  // A Markdown table has no caption: it is the paragraph before the table.
  const caption = Array.from(table.children).find((child) => child.nodeName === 'CAPTION');
  const captionText = caption ? service().turndown(caption).trim() : '';
  const captioned = (markdown: string): string => (captionText === '' ? markdown : `\n\n${captionText}${markdown}`);
  if (columns <= 1 || table.querySelector('table')) {
    const blocks = rows.flatMap((row) => cellsOf(row).map((cell) => service().turndown(cell).trim()));
    return captioned(`\n\n${blocks.filter((block) => block !== '').join('\n\n')}\n\n`);
  }
  // Places taken by a cell above that spans rows: row index -> column indexes.
  const taken = new Map<number, Set<number>>();
  const grid = rows.map((row, rowIndex) => {
    const line: string[] = Array.from({ length: columns }, () => '');
    const occupied = taken.get(rowIndex) ?? new Set<number>();
    let column = 0;
    for (const cell of cellsOf(row)) {
      while (occupied.has(column)) column++;
      if (column >= columns) break;
      line[column] = cellText(cell);
      const width = span(cell, 'colspan');
      for (let below = 1; below < span(cell, 'rowspan') && rowIndex + below < rows.length; below++) {
        const set = taken.get(rowIndex + below) ?? new Set<number>();
        for (let spanned = column; spanned < column + width; spanned++) set.add(spanned);
        taken.set(rowIndex + below, set);
      }
      column += width;
    }
    return line;
  });
  if (grid.length === 0) return captioned(captionText === '' ? '' : '\n\n');
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const [header, ...body] = grid as [string[], ...string[][]];
  return captioned(`\n\n${[line(header), line(header.map(() => '---')), ...body.map(line)].join('\n')}\n\n`);
}

/** A cell's content as inline Markdown on one line, its pipes escaped so they stay text. */
function cellText(cell: DomElement): string {
  return service()
    .turndown(cell)
    .replace(/\s*\n+\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
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
  // Equations next, each once: MathML is most of a maths book's elements; turndown walked every one, collapsing its whitespace,
  // before the math rule replaced it whole, and each pass below walked them again (a 3.5 MB maths book: 1.4 s of 8 in those passes, now 0.8).
  // Only their MathML is kept (mathMarkup), so what those passes change inside an equation (images, links) never showed.
  for (const math of Array.from(root.querySelectorAll('math'))) {
    // An equation with no text draws nothing (turndown left it out too).
    if ((math.textContent ?? '').trim() === '') {
      math.remove();
      continue;
    }
    const markup = mathMarkup(math);
    // One character stays, which the math rule ignores: turndown drops an element with no text at all.
    math.textContent = '=';
    math.setAttribute(convertedMarkup, markup);
  }
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
  // An <object> shows its content only where the object itself cannot play (here, always): keep that fallback.
  for (const object of Array.from(root.querySelectorAll('object'))) {
    for (const parameter of Array.from(object.querySelectorAll('param'))) parameter.remove();
    object.replaceWith(...Array.from(object.childNodes));
  }
  // A list written straight inside a list (invalid, but browsers show it nested under the item before it) stays nested.
  for (const list of Array.from(root.querySelectorAll(':is(ol, ul) > :is(ol, ul)'))) {
    const item = list.previousElementSibling;
    if (item?.nodeName === 'LI') item.appendChild(list);
  }
  // A heading's permalink (¶, §, #, ›, or an icon, leading to the heading itself) is the page's furniture, not its words.
  for (const link of Array.from(root.querySelectorAll(':is(h1, h2, h3, h4, h5, h6) a[href^="#"]'))) {
    if (permalinkText.test((link.textContent ?? '').trim())) link.remove();
  }
  // A link the reader cannot follow (a file the importer did not map to a place, a relative path, javascript:) keeps its words only.
  for (const link of Array.from(root.querySelectorAll('a[href]'))) {
    const href = link.getAttribute('href')?.trim() ?? '';
    if (!followableLink.test(href) && !(href.startsWith('#') && inDocumentAnchor.test(href.slice(1)))) link.removeAttribute('href');
  }
  // A poem's line number is set apart from its verse by the book's style sheet, often with no space in the text.
  for (const number of Array.from(root.querySelectorAll('[class]'))) if (isVerseLineNumber(number)) number.before(' ');
  // Innermost first, each table converted once: converting a table's cells inside turndown's own pass,
  // which has already converted them, would convert a nested table's cells twice per level around it.
  for (const table of Array.from(root.querySelectorAll('table')).reverse()) {
    const markdown = tableMarkdown(table);
    table.innerHTML = '';
    table.setAttribute(convertedMarkup, markdown);
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
