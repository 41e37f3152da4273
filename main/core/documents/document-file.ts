import { extname } from 'node:path';
import { GlossError } from '../errors';

/** Larger files are refused: far beyond any article or book, and a sign of a wrong file. */
export const maxDocumentBytes = 50 * 1024 * 1024;

const markdownExtensions = new Set(['.md', '.markdown', '.mdown', '.mkd']);
const textExtensions = new Set(['.txt', '.text']);

/**
 * A file the user brought in, as Markdown for the library. Markdown is kept
 * as written (its frontmatter gives title, author, date, source); plain text
 * keeps its paragraphs, with Markdown's special characters escaped so every
 * character shows as written. Anything else is refused with a reason.
 */
export function markdownFromFile(name: string, content: string): string {
  const extension = extname(name).toLowerCase();
  if (Buffer.byteLength(content, 'utf8') > maxDocumentBytes) {
    throw new GlossError('invalid-argument', `${name} is larger than ${maxDocumentBytes / 1024 / 1024} MB, Gloss's limit for one document.`);
  }
  if (content.includes('\u0000')) throw new GlossError('invalid-argument', `${name} looks like a binary file, not text.`);
  if (content.trim() === '') throw new GlossError('invalid-argument', `${name} is empty.`);
  if (markdownExtensions.has(extension)) return content;
  if (textExtensions.has(extension)) return markdownFromPlainText(content, name);
  throw new GlossError('invalid-argument', `${name}: Gloss imports Markdown (.md) and plain text (.txt) files${extension ? `, not ${extension}` : ''}.`);
}

/**
 * Plain text to Markdown: blank lines separate paragraphs; the lines of a
 * paragraph are joined (hard-wrapped text reads as prose); characters that
 * Markdown would interpret are escaped. The first line becomes the title when
 * it stands alone and is short, as in most text files.
 */
export function markdownFromPlainText(text: string, name: string): string {
  const paragraphs = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trim()).filter(Boolean).join(' '))
    .filter(Boolean);
  const [first, ...rest] = paragraphs;
  const titled = first !== undefined && first.length <= 120 && !/[.!?:]$/.test(first) && rest.length > 0;
  const title = titled ? first : name.replace(/\.[^.]+$/, '');
  const body = (titled ? rest : paragraphs).map(escapeMarkdownText).join('\n\n');
  return `---\ntitle: ${JSON.stringify(title)}\n---\n${body}\n`;
}

/** Escapes what Markdown would read as syntax, so text shows exactly as written. */
function escapeMarkdownText(paragraph: string): string {
  return paragraph
    .replace(/[\\`*_{}[\]()<>#+|~!]/g, (character) => `\\${character}`)
    .replace(/^(\s*)(\d+)\. /, '$1$2\\. ')
    .replace(/^(\s*)- /, '$1\\- ')
    .replace(/&(?=[#A-Za-z0-9]+;)/g, '&amp;');
}
