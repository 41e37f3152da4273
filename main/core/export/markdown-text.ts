/**
 * Putting arbitrary text into Markdown so it reads back as exactly that text,
 * and putting a user's own Markdown in so it cannot swallow what follows.
 * Targets CommonMark + GFM (what marked parses) and Obsidian's additions.
 */
import { Lexer } from 'marked';
import { normalizeNewlines } from './common';

/**
 * Characters escaped wherever they appear. CommonMark lets any ASCII
 * punctuation be backslash-escaped, so over-escaping is harmless; these are the
 * ones that start markup somewhere:
 *   \ ` * _ [ ] < > & #   CommonMark: escapes, code, emphasis, links, HTML, entities, headings
 *   | ~                   GFM: tables, strikethrough
 *   = $ % ^               Obsidian: highlights (==), math ($), comments (%%), block ids (^); # is also its tag
 *   @                     GFM: email autolinks
 */
const inlineSpecial = /[\\`*_[\]<>&#|~=$%^@]/g;

/**
 * GFM autolinks. marked keeps backslash escapes *inside* an autolinked URL as
 * literal backslashes, so a URL must not become a link at all: escaping the
 * `:` of `://` and the `.` of every `www.` stops both patterns (marked starts a
 * www link after `_`, `*`, `~` or `(` too, so no word-boundary test).
 */
const autolinkStarts = /:(?=\/\/)|(?<=www)\./gi;
/** Whether a line may hold what autolinkStarts escapes. */
const mayStartAutolink = /:\/\/|www\./i;

/** Block markers that only count at the start of a line: list items (`-`, `+`, `1.`, `1)`) and setext underlines (`---`). */
const lineStartSpecial = /^(?:([-+])|(\d+)([.)]))/;

/**
 * Escapes one line of text for Markdown inline content. Leading spaces and tabs
 * become character references because CommonMark strips them (and four of them
 * would start a code block); whitespace elsewhere is kept as is.
 */
export function escapeMarkdownLine(line: string): string {
  const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
  const escaped = line.slice(indent.length).replace(inlineSpecial, '\\$&');
  // Looked for first: with its lookbehind, the pattern took as long as the rest of the escaping on lines without a link.
  const linksEscaped = mayStartAutolink.test(escaped) ? escaped.replace(autolinkStarts, '\\$&') : escaped;
  const rest = linksEscaped.replace(lineStartSpecial, (_match, bullet: string | undefined, digits: string, mark: string) =>
    bullet ? `\\${bullet}` : `${digits}\\${mark}`,
  );
  return indent.replace(/ /g, '&#32;').replace(/\t/g, '&#9;') + rest;
}

/** Escapes text meant for a single line (a heading, a list item): line breaks become spaces. */
export function escapeMarkdownInline(text: string): string {
  return escapeMarkdownLine(normalizeNewlines(text).replace(/\n/g, ' '));
}

/**
 * A blockquote that renders as exactly `text`, line breaks included, with
 * `suffix` (e.g. an Obsidian block id) appended to its last line. Every line
 * but the last ends in a backslash hard break, which keeps the quote one
 * paragraph: an empty line becomes a line holding just `\` instead of a blank
 * line, so runs of blank lines survive too. CR and CR LF come back as LF, the
 * only line break Markdown has. (The one loss: see trailing line breaks below.)
 */
export function markdownQuote(text: string, suffix = ''): string {
  const lines = normalizeNewlines(text).split('\n').map(escapeMarkdownLine);
  // A hard break cannot end a paragraph (it would read as a literal backslash), so
  // without a suffix to end on, trailing line breaks are dropped: they never showed anyway.
  while (suffix === '' && lines.length > 1 && lines.at(-1) === '') lines.pop();
  const last = lines.length - 1;
  return lines.map((line, index) => `> ${line}${index === last ? suffix : '\\'}`).join('\n');
}

/**
 * A user's Markdown (a note), ready to sit between other blocks. Returned as
 * is when it is self-contained; when it would run on into whatever follows
 * (an unclosed code fence, or `<pre>`, `<script>`, `<style>`, `<!--` without
 * its end), it is shown literally in a fenced code block instead, so the rest
 * of the export keeps its shape.
 */
export function containedMarkdown(markdown: string): string {
  const text = tidyMarkdown(markdown);
  return isSelfContained(text) ? text : fenced(text);
}

/** LF line breaks, no blank lines before or trailing whitespace after: blank lines around it are the caller's. */
export function tidyMarkdown(markdown: string): string {
  return normalizeNewlines(markdown)
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd();
}

/**
 * Indents Markdown by `width` spaces so it continues the list item above it.
 * A list item is a container: whatever the note leaves open ends with the item,
 * and its blockquotes and headings stay inside it.
 */
export function indentMarkdown(markdown: string, width = 2): string {
  const pad = ' '.repeat(width);
  return markdown
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : pad + line))
    .join('\n');
}

/**
 * Parses the text followed by a marker paragraph: if the marker still stands
 * alone at the end, nothing ran on. A text marked cannot parse counts as not
 * self-contained: marked 18 throws on some valid input (e.g. "- a\n  >-\nb", a
 * blockquote holding an empty list item inside a list item, then a lazy line),
 * and a note must never make an export fail.
 */
function isSelfContained(markdown: string): boolean {
  const marker = 'gloss-end-of-note-marker';
  try {
    const tokens = new Lexer().lex(`${markdown}\n\n${marker}\n`).filter((token) => token.type !== 'space');
    const last = tokens.at(-1);
    return last?.type === 'paragraph' && last.raw.trim() === marker;
  } catch {
    return false;
  }
}

/** A fenced code block longer than any backtick run inside, so nothing in the text can close it early. */
function fenced(text: string): string {
  let longestRun = 0;
  for (const match of text.matchAll(/`+/g)) longestRun = Math.max(longestRun, match[0].length);
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${text}\n${fence}`;
}
