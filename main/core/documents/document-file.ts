import { extname } from 'node:path';
import { maxDocumentBytes } from '../../../common/contract';
import { GlossError } from '../errors';
import { type ChapterProgress, documentFromEpub, epubLimits } from './epub-document';
import { documentFromHtml } from './html-document';
import { frontmatter } from './markdown-source';
import { decodeText, looksBinary } from './text-decoding';
import { type AssetUrl, htmlExtensions, type ImportedDocument } from './types';

export { maxDocumentBytes };

const markdownExtensions = new Set(['.md', '.markdown', '.mdown', '.mkd']);
const textExtensions = new Set(['.txt', '.text']);

/** What Gloss makes documents of, for messages. */
const acceptedFormats = 'Markdown (.md), plain text (.txt), HTML (.html) and EPUB (.epub) files';

/**
 * A file the user brought in (bytes as read, or text as pasted) as a
 * document: dispatched by extension to the Markdown/text, HTML or EPUB
 * importer (which tells `onChapter` how far through a book it is). Every
 * refusal is a GlossError('invalid-argument') naming the file and the reason;
 * nothing is written here.
 */
export function documentFromFile(
  name: string,
  content: string | Uint8Array,
  assetUrl: AssetUrl,
  onChapter?: ChapterProgress,
): ImportedDocument {
  const extension = extname(name).toLowerCase();
  const size = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (size > maxDocumentBytes) throw tooLarge(name);
  if (size === 0) throw new GlossError('invalid-argument', `${name} is empty.`);
  if (extension === '.epub') {
    if (typeof content === 'string') throw new GlossError('invalid-argument', `${name}: an EPUB must be added as a file, not as text.`);
    return withinLimit(name, documentFromEpub(name, content, assetUrl, epubLimits, onChapter));
  }
  const isHtml = htmlExtensions.has(extension);
  if (!isHtml && !markdownExtensions.has(extension) && !textExtensions.has(extension)) throw notAccepted(name, extension);
  if (typeof content !== 'string' && looksBinary(content)) throw binary(name);
  if (isHtml) return withinLimit(name, documentFromHtml(name, content));
  return { markdown: markdownFromFile(name, typeof content === 'string' ? content : decodeText(name, content)), assets: [] };
}

/** A compressed book can unpack to more text than the limit, which the editor could then never save. */
function withinLimit(name: string, document: ImportedDocument): ImportedDocument {
  if (Buffer.byteLength(document.markdown, 'utf8') > maxDocumentBytes) {
    throw new GlossError(
      'invalid-argument',
      `${name} holds more than ${maxDocumentBytes / 1024 / 1024} MB of text, Gloss's limit for one document.`,
    );
  }
  return document;
}

/**
 * A file the user brought in, as Markdown for the library. Markdown is kept
 * as written (its frontmatter gives title, author, date, source); plain text
 * keeps its paragraphs, with Markdown's special characters escaped so every
 * character shows as written. Anything else is refused with a reason.
 */
export function markdownFromFile(name: string, content: string): string {
  const extension = extname(name).toLowerCase();
  if (Buffer.byteLength(content, 'utf8') > maxDocumentBytes) throw tooLarge(name);
  if (content.includes('\u0000')) throw binary(name);
  if (content.trim() === '') throw new GlossError('invalid-argument', `${name} is empty.`);
  if (markdownExtensions.has(extension)) return content;
  if (textExtensions.has(extension)) return markdownFromPlainText(content, name);
  throw notAccepted(name, extension);
}

function tooLarge(name: string): GlossError {
  return new GlossError('invalid-argument', `${name} is larger than ${maxDocumentBytes / 1024 / 1024} MB, Gloss's limit for one document.`);
}

function binary(name: string): GlossError {
  return new GlossError('invalid-argument', `${name} looks like a binary file, not text.`);
}

function notAccepted(name: string, extension: string): GlossError {
  return new GlossError('invalid-argument', `${name}: Gloss imports ${acceptedFormats}${extension ? `, not ${extension}` : ''}.`);
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
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean);
  const [first, ...rest] = paragraphs;
  const titled = first !== undefined && first.length <= 120 && !/[.!?:]$/.test(first) && rest.length > 0;
  const title = titled ? first : name.replace(/\.[^.]+$/, '');
  const body = (titled ? rest : paragraphs).map(escapeMarkdownText).join('\n\n');
  return `${frontmatter({ title })}${body}\n`;
}

/** Escapes what Markdown would read as syntax, so text shows exactly as written. */
function escapeMarkdownText(paragraph: string): string {
  return paragraph
    .replace(/[\\`*_{}[\]()<>#+|~!]/g, (character) => `\\${character}`)
    .replace(/^(\s*)(\d+)\. /, '$1$2\\. ')
    .replace(/^(\s*)- /, '$1\\- ')
    .replace(/&(?=[#A-Za-z0-9]+;)/g, '&amp;');
}
