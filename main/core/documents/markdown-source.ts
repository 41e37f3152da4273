import { Lexer, type Token } from 'marked';
import { parse as parseYaml } from 'yaml';

export interface SourceMetadata {
  title: string | null;
  author: string | null;
  date: string | null;
  source: string | null;
}

export interface MarkdownSource {
  metadata: SourceMetadata;
  /** The Markdown after the frontmatter, exactly as written. */
  body: string;
}

const frontmatterPattern = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits optional YAML frontmatter (title, author, source, date) from a Markdown file. */
export function parseMarkdownSource(text: string): MarkdownSource {
  const match = frontmatterPattern.exec(text);
  if (!match) return { metadata: emptyMetadata(), body: text.replace(/^\uFEFF/, '') };
  const fields: unknown = parseYaml(match[1] ?? '');
  const record = typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {};
  return {
    metadata: {
      title: textField(record.title),
      author: textField(record.author),
      date: textField(record.date),
      source: textField(record.source),
    },
    body: text.slice(match[0].length),
  };
}

function emptyMetadata(): SourceMetadata {
  return { title: null, author: null, date: null, source: null };
}

function textField(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return null;
}

/** Titles longer than this are shortened at a clause or word boundary. */
const maxTitleLength = 80;

/**
 * The title rule for a document without one in its metadata:
 * 1. the text of its first level-1 heading, if any;
 * 2. otherwise its first sentence, cut back to the last clause break
 *    (comma, semicolon, colon, dash) that keeps it within 80 characters,
 *    or failing that to a word boundary with an ellipsis.
 */
export function deriveTitle(markdown: string): string {
  const tokens = new Lexer().lex(markdown);
  const heading = tokens.find((token) => token.type === 'heading' && token.depth === 1);
  if (heading) return plainText(heading).trim() || 'Untitled';
  const paragraph = tokens.find((token) => token.type === 'paragraph' || token.type === 'heading');
  if (!paragraph) return 'Untitled';
  const text = plainText(paragraph).replace(/\s+/g, ' ').trim();
  const sentence = /^.*?[.?!](?=\s|$)/.exec(text)?.[0] ?? text;
  return shorten(sentence) || 'Untitled';
}

function shorten(sentence: string): string {
  if (sentence.length <= maxTitleLength) return sentence.replace(/[.]$/, '');
  const head = sentence.slice(0, maxTitleLength + 1);
  const clauseBreak = Math.max(head.lastIndexOf(','), head.lastIndexOf(';'), head.lastIndexOf(':'), head.lastIndexOf(' —'), head.lastIndexOf(' –'));
  if (clauseBreak > maxTitleLength / 3) return head.slice(0, clauseBreak).trim();
  const wordBreak = head.lastIndexOf(' ');
  return `${head.slice(0, wordBreak > 0 ? wordBreak : maxTitleLength).trim()}…`;
}

/** The visible text of a token: inline Markdown (emphasis, links, code) reduced to its words. */
function plainText(token: Token): string {
  if ('tokens' in token && Array.isArray(token.tokens) && token.tokens.length > 0) {
    return token.tokens.map((child) => plainText(child)).join('');
  }
  if (token.type === 'br') return ' ';
  return 'text' in token && typeof token.text === 'string' ? decodeEntities(token.text) : '';
}

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** marked's lexer escapes these five in inline text; titles are shown as plain text. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
}
