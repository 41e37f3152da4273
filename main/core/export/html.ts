/**
 * HTML export: one self-contained page to read or print. It must stay inert
 * whatever the notes and quotes contain, so it has no script, no link, no
 * image, no external resource at all; every piece of user text is escaped and
 * shown as text (notes are not rendered from Markdown here), and a CSP meta tag
 * forbids everything but the inline style should anything slip through.
 */
import { type Highlight, highlightColors } from '../../../common/contract';
import { importedDetailsLabels, readingOrder } from './common';
import type { ExportDocument, ExportOptions } from './types';

/** The page, ending in a newline. */
export function toHtml(docs: readonly ExportDocument[], options: ExportOptions): string {
  const only = docs.length === 1 ? docs[0] : undefined;
  const title = only ? only.document.title : `Highlights from ${docs.length} documents`;
  const exported = options.exportedAt.toISOString();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Gloss ${escapeHtml(options.appVersion)}">
<title>${escapeHtml(title)}</title>
<style>
${stylesheet}
</style>
</head>
<body>
${docs.length === 0 ? '<p class="empty">No documents.</p>\n' : docs.map(documentSection).join('')}<footer>Exported from Gloss ${escapeHtml(options.appVersion)} on <time datetime="${exported}">${escapeHtml(exported.slice(0, 10))}</time>.</footer>
</body>
</html>
`;
}

/**
 * Escapes text for element content and quoted attribute values. `=` is escaped
 * too: it changes nothing for the reader, but then even a quote that reads
 * `<img src=x onerror=…>` leaves no `src=` or `onerror=` anywhere in the file
 * for a naive scanner (a mail filter, a reviewer's grep) to flag.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'=]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function documentSection(doc: ExportDocument): string {
  const { title, author, date, source } = doc.document;
  const { placed, orphans } = readingOrder(doc);
  // The source is shown as text, never as a link: the page links to nothing.
  const meta = [author, date, source].filter((value): value is string => value !== null && value.trim() !== '');
  const note = doc.documentNote?.text ?? '';
  let html = `<article>\n<h1>${escapeHtml(title)}</h1>\n`;
  if (meta.length > 0) html += `<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>\n`;
  if (note.trim() !== '')
    html += `<section class="document-note">\n<h2>Document note</h2>\n<div class="note">${escapeHtml(note)}</div>\n</section>\n`;
  if (placed.length > 0 || orphans.length === 0) {
    html += `<section>\n<h2>Highlights</h2>\n${placed.length > 0 ? placed.map(highlightBlock).join('') : '<p class="empty">No highlights yet.</p>\n'}</section>\n`;
  }
  if (orphans.length > 0) {
    html += `<section>\n<h2>Could not be placed</h2>\n<p class="explain">These passages were not found in the current text of the document.</p>\n${orphans.map(highlightBlock).join('')}</section>\n`;
  }
  return `${html}</article>\n`;
}

function highlightBlock(highlight: Highlight): string {
  // A tag typed as "#idea" is shown as #idea, not ##idea.
  const details = [highlight.color, ...importedDetailsLabels(highlight), ...highlight.tags.map((tag) => `#${tag.replace(/^#+/, '')}`)]
    .map(escapeHtml)
    .join(' · ');
  // Text goes straight after the opening tag: with white-space: pre-wrap, a newline there would show.
  let html = `<div class="highlight ${escapeHtml(highlight.color)}">\n<blockquote>${escapeHtml(highlight.quote.exact)}</blockquote>\n<p class="details">${details}</p>\n`;
  if (highlight.note.trim() !== '') html += `<div class="note">${escapeHtml(highlight.note)}</div>\n`;
  return `${html}</div>\n`;
}

/** Swatches dark enough to show on paper and in grayscale printing. */
const swatches: Record<(typeof highlightColors)[number], string> = {
  yellow: '#d4a800',
  green: '#3f9a4a',
  blue: '#3a78c9',
  pink: '#d6528f',
  purple: '#8354c2',
};

/** Light, print-friendly, system fonts only (a web font would be an external resource). */
const stylesheet = `:root { color-scheme: light; }
body { margin: 2rem auto; max-width: 42rem; padding: 0 1rem; background: #fff; color: #1b1b1b; font: 1rem/1.55 Georgia, "Times New Roman", serif; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .75rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
article + article { margin-top: 3rem; break-before: page; }
.meta, .details, .explain, .empty, footer { color: #555; font: .85rem/1.4 system-ui, sans-serif; }
.meta { margin: 0 0 1rem; overflow-wrap: anywhere; }
.highlight { margin: 0 0 1.25rem; break-inside: avoid; }
blockquote { margin: 0; padding: .1rem 0 .1rem .9rem; border-left: .3rem solid #999; white-space: pre-wrap; overflow-wrap: anywhere; }
${highlightColors.map((color) => `.${color} blockquote { border-left-color: ${swatches[color]}; }`).join('\n')}
.details { margin: .3rem 0 0 1.2rem; }
.note { margin: .4rem 0 0 1.2rem; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 3rem; border-top: 1px solid #ddd; padding-top: .5rem; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { margin: 0; max-width: none; } }`;
