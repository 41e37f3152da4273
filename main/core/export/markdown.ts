/**
 * Markdown export, one file per document, for Obsidian and Logseq: YAML
 * frontmatter, the document note, then each highlight as a blockquote ending
 * in a block id (`^gloss-1a2b3c4d`) so a note elsewhere can link to it.
 */
import { stringify } from 'yaml';
import type { DocumentSummary, Highlight } from '../../../common/contract';
import { blockIds, compareStrings, importedDetailsLabels, readingOrder, shortId } from './common';
import { containedMarkdown, escapeMarkdownInline, indentMarkdown, markdownQuote, tidyMarkdown } from './markdown-text';
import type { ExportDocument, ExportOptions } from './types';

/** A document's Markdown file, ending in a newline. */
export function toMarkdown(doc: ExportDocument, options: ExportOptions): string {
  const { placed, orphans } = readingOrder(doc);
  const ids = blockIds(doc.highlights);
  const block = (highlight: Highlight): string => highlightBlock(highlight, ids.get(highlight.id) ?? '');
  const parts = [frontmatter(doc, options), `# ${escapeMarkdownInline(doc.document.title)}`];
  const note = doc.documentNote?.text ?? '';
  if (note.trim() !== '') parts.push('## Document note', containedMarkdown(note));
  // A document whose highlights all lost their place gets no empty "Highlights" heading.
  if (placed.length > 0 || orphans.length === 0) {
    parts.push('## Highlights', ...(placed.length > 0 ? placed.map(block) : ['No highlights yet.']));
  }
  if (orphans.length > 0) {
    parts.push('## Could not be placed', 'These passages were not found in the current text of the document.', ...orphans.map(block));
  }
  return `${parts.join('\n\n')}\n`;
}

/**
 * `<title> (<short id>).md`: the title keeps its case, spaces and script (it
 * becomes the note's name in Obsidian), minus what some file system or
 * Obsidian's link syntax refuses; the id part keeps two documents with the same
 * title apart and keeps the name stable while the title is.
 */
export function markdownFileName({ id, title }: Pick<DocumentSummary, 'id' | 'title'>): string {
  return `${fileNameTitle(title)} (${shortId(id)}).md`;
}

/**
 * A tag as Obsidian and Logseq accept it after `#`: no spaces (they become
 * `-`, as Obsidian suggests for multi-word tags) and only letters, marks,
 * digits, emoji, `_`, `-` and `/` (others become `-`). Empty when nothing is left.
 */
export function obsidianTag(tag: string): string {
  return (
    tag
      .trim()
      .replace(/^#+/, '')
      .replace(/\s+/gu, '-')
      // eslint-disable-next-line no-misleading-character-class -- the joiner and VS16 are listed on their own on purpose: they keep emoji sequences whole
      .replace(/[^\p{L}\p{M}\p{N}\p{Extended_Pictographic}\u200D\uFE0F_/-]/gu, '-')
  );
}

/** The document's tags: every highlight's tags, as `obsidianTag` writes them, once each, sorted. */
export function documentTags(doc: ExportDocument): string[] {
  const tags = new Set(doc.highlights.flatMap((highlight) => highlight.tags.map(obsidianTag)).filter((tag) => tag !== ''));
  return [...tags].sort(compareStrings);
}

/** Every frontmatter key the Markdown export may write, in order; folder sync treats these as Gloss's own. */
export const frontmatterKeys = ['id', 'title', 'author', 'source', 'date', 'tags', 'exported'] as const;

function frontmatter(doc: ExportDocument, options: ExportOptions): string {
  const { id, title, author, source, date } = doc.document;
  // An absent author, source or date is left out rather than written as `null`, which Obsidian shows as a value.
  const fields = { id, title, author, source, date, tags: documentTags(doc), exported: options.exportedAt.toISOString() };
  const lines = Object.entries(fields).flatMap(([key, value]) => (value === null || value === undefined ? [] : [yamlField(key, value)]));
  return `---\n${lines.join('')}---`;
}

/**
 * One frontmatter field as the yaml package writes it (no line folding: a long
 * title stays on one line), which quotes whatever needs it (a title with ": ",
 * a leading "*", "true", a number-like id). yaml builds a whole document to
 * write a field, 45 µs a file, half of a 10,000-document export's building;
 * a value in the plain shape below is written as yaml writes it, without it
 * (a property test holds the two to the same text).
 */
export function yamlField(key: string, value: string | readonly string[]): string {
  if (typeof value === 'string') return isPlainScalar(value) ? `${key}: ${value}\n` : stringify({ [key]: value }, { lineWidth: 0 });
  if (!value.every(isPlainScalar)) return stringify({ [key]: value }, { lineWidth: 0 });
  return value.length === 0 ? `${key}: []\n` : `${key}:\n${value.map((item) => `  - ${item}\n`).join('')}`;
}

/**
 * Words and common punctuation starting with a letter and ending in neither a
 * space nor a mark YAML reads as syntax; ids; dates and ISO times. None of
 * these is a number, a boolean or null to YAML, apart from the three words below.
 */
const plainShape =
  /^(?:\p{L}(?:[\p{L}\p{M}\p{N} .,'’()/&+!?;_–—-]*[\p{L}\p{M}\p{N}.)!?’])?|[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)?)$/u;
const yamlWords = /^(?:true|false|null)$/i;

function isPlainScalar(value: string): boolean {
  return plainShape.test(value) && !yamlWords.test(value);
}

/**
 * The quote, a line with its color and tags, then the note indented under
 * that line: inside the list item, whatever the note contains (a blockquote, a
 * heading, an unclosed code fence) stays the note's and ends with it.
 */
function highlightBlock(highlight: Highlight, blockId: string): string {
  const tags = highlight.tags.map(obsidianTag).filter((tag) => tag !== '');
  const place = importedDetailsLabels(highlight).map((label) => ` · ${escapeMarkdownInline(label)}`);
  const info = `- Color: ${highlight.color}${place.join('')}${tags.length > 0 ? ` · Tags: ${tags.map((tag) => `#${tag}`).join(' ')}` : ''}`;
  const note = tidyMarkdown(highlight.note);
  const parts = [markdownQuote(highlight.quote.exact, ` ^${blockId}`), info];
  if (note !== '') parts.push(indentMarkdown(note));
  return parts.join('\n\n');
}

/** UTF-8 bytes kept of the title: file systems allow 255 per name, and CJK takes 3 a character. */
const maxTitleBytes = 120;

function fileNameTitle(title: string): string {
  const cleaned = title
    .normalize('NFC') // macOS would otherwise store some names decomposed and others not
    .replace(/\s+/gu, ' ')
    // Control characters, and bidi controls that make a name display in another order than it is.
    .replace(/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, '')
    // Refused by Windows (<>:"/\|?*) or meaningful in Obsidian links (#^[]|).
    .replace(/[<>:"/\\|?*#^[\]]/g, ' ')
    .replace(/ {2,}/g, ' ')
    // Leading dots hide the file; Windows drops trailing dots and spaces.
    .replace(/^[. ]+|[. ]+$/g, '');
  return truncateUtf8(cleaned, maxTitleBytes) || 'Untitled';
}

const utf8 = new TextEncoder();

/** Cuts between grapheme clusters, so an emoji or a letter with its accent is never split. */
function truncateUtf8(text: string, maxBytes: number): string {
  // Most titles fit: segmenting each of 10,000 took half a second of a library's export.
  if (utf8.encode(text).length <= maxBytes) return text.replace(/[. ]+$/, '');
  let result = '';
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    bytes += utf8.encode(segment).length;
    if (bytes > maxBytes) break;
    result += segment;
  }
  return result.replace(/[. ]+$/, '');
}
