/**
 * Compact Markdown for the clipboard, to paste into another note: the quote,
 * where it is from, and the note. No frontmatter, block ids or colors.
 */
import type { Highlight } from '../../../common/contract';
import { allInReadingOrder, webUrl } from './common';
import { containedMarkdown, escapeMarkdownInline, markdownQuote } from './markdown-text';
import type { ExportDocument } from './types';

/**
 * One highlight: its quote, `— Title, Author` (the title linked when the
 * source is a web address), then its note.
 */
export function highlightToClipboardMarkdown(doc: ExportDocument, highlight: Highlight): string {
  const author = doc.document.author?.trim() ? `, ${escapeMarkdownInline(doc.document.author)}` : '';
  return [markdownQuote(highlight.quote.exact), `— ${titleMarkdown(doc)}${author}`, ...noteBlock(highlight)].join('\n\n');
}

/** A whole document: its title and author, the document note, then every highlight (quote and note) in reading order. */
export function documentToClipboardMarkdown(doc: ExportDocument): string {
  const author = doc.document.author?.trim() ? [`By ${escapeMarkdownInline(doc.document.author)}`] : [];
  // A rule after the document note, so its last paragraph is not read as part of the first highlight.
  const note = doc.documentNote?.text.trim() ? [containedMarkdown(doc.documentNote.text), '---'] : [];
  const highlights = allInReadingOrder(doc).flatMap((highlight) => [markdownQuote(highlight.quote.exact), ...noteBlock(highlight)]);
  return [`## ${titleMarkdown(doc)}`, ...author, ...note, ...highlights].join('\n\n');
}

function titleMarkdown(doc: ExportDocument): string {
  const title = escapeMarkdownInline(doc.document.title);
  const url = webUrl(doc.document.source);
  // The URL parser percent-encodes spaces, < and >, so it fits inside <…> (which also allows parentheses).
  return url ? `[${title}](<${url}>)` : title;
}

/** The note, contained so that an unclosed code fence cannot swallow the next highlight. */
function noteBlock(highlight: Highlight): string[] {
  return highlight.note.trim() === '' ? [] : [containedMarkdown(highlight.note)];
}
