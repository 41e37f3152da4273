import { decodeHTML } from 'entities';
import { Lexer, type Token } from 'marked';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { languageTag, type TextDirection, textDirection, type WritingMode, writingMode } from '../../../common/text/language';
import { GlossError } from '../errors';

export interface SourceMetadata {
  title: string | null;
  author: string | null;
  date: string | null;
  source: string | null;
  /** The language it is written in, a BCP 47 tag (frontmatter `lang`, as Pandoc names it). */
  lang: string | null;
  /** Its writing direction when declared (frontmatter `dir`). */
  dir: TextDirection | null;
  /** Its lines' orientation when declared vertical (frontmatter `writing-mode`, as CSS names it). */
  writingMode: WritingMode | null;
}

export interface MarkdownSource {
  metadata: SourceMetadata;
  /** The Markdown after the frontmatter, exactly as written. */
  body: string;
}

/**
 * Frontmatter holds a few fields (title, author, date, source); a file whose
 * frontmatter is larger than this is refused before the YAML parser sees it,
 * as that parser takes about a second for 40 KB of keys on a busy machine.
 */
const maxFrontmatterLength = 16 * 1024;

/**
 * The metadata blocks Markdown files open with, as the tools that write them
 * document them: YAML between `---` lines (Jekyll, Obsidian, Pandoc, which
 * also ends one with `...`), TOML between `+++` lines (Hugo, Zola), Pandoc's
 * title block (`% title`, `% authors; separated`, `% date`) and Logseq's page
 * properties (`key:: value` lines opening the page, one of them its title).
 * Each gives its fields by name, and the body is what follows it.
 */
const metadataBlocks: readonly { pattern: RegExp; language: string; read(block: string): unknown }[] = [
  { pattern: /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/, language: 'YAML', read: parseYaml },
  { pattern: /^\+\+\+[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?\+\+\+[ \t]*(?:\r?\n|$)/, language: 'TOML', read: parseToml },
  {
    pattern: /^(%(?:[ \t][^\r\n]*)?(?:\r?\n(?:%|[ \t]+\S)[^\r\n]*)*)(?:\r?\n|$)/,
    language: 'a Pandoc title block',
    read: pandocTitleBlock,
  },
  // Only with a title: a page's first line reading `Note:: …` is prose more often than it is a property.
  {
    pattern: /^((?=(?:[a-z][\w-]*::[ \t][^\r\n]*\r?\n)*title::[ \t])(?:[a-z][\w-]*::[ \t][^\r\n]*(?:\r?\n|$))+)/i,
    language: 'Logseq page properties',
    read: logseqProperties,
  },
];

/**
 * Splits an optional metadata block (title, author, source, date, lang, dir,
 * writing-mode) from a Markdown file; a lang, dir or vertical writing mode
 * that is not one is ignored. The same fields under the names other tools
 * give them count too: `authors` (Hugo), `published` (Obsidian's Web
 * Clipper), `url`, `writingMode`.
 */
export function parseMarkdownSource(text: string): MarkdownSource {
  const source = text.replace(/^\uFEFF/, '');
  for (const { pattern, language, read } of metadataBlocks) {
    const match = pattern.exec(source);
    if (!match) continue;
    if (match[0].length > maxFrontmatterLength) {
      throw new GlossError(
        'invalid-argument',
        `The frontmatter at the top of the file is larger than ${maxFrontmatterLength / 1024} KB; Gloss reads only a title, author, date, source, language, direction and writing mode from it.`,
      );
    }
    let fields: unknown;
    try {
      fields = read(match[1] ?? '');
    } catch (error) {
      throw new GlossError(
        'invalid-argument',
        `The frontmatter at the top of the file is not valid ${language}: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    return { metadata: metadataOf(fields), body: source.slice(match[0].length) };
  }
  return { metadata: emptyMetadata(), body: source };
}

function metadataOf(fields: unknown): SourceMetadata {
  const record = typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>) : {};
  return {
    title: textField(record.title),
    author: authorsField(record.author ?? record.authors),
    date: textField(record.date ?? record.published),
    source: textField(record.source ?? record.url),
    lang: languageTag(textField(record.lang)),
    dir: textDirection(textField(record.dir)),
    writingMode: writingMode(textField(record['writing-mode'] ?? record.writingMode)),
  };
}

/** Pandoc's title block: title, then authors separated by semicolons, then date; a line starting with a space continues the one before. */
function pandocTitleBlock(block: string): Record<string, unknown> {
  const [title, authors, date] = block.split(/\r?\n(?=%)/).map((line) => line.replace(/^%/, '').replace(/\s+/g, ' ').trim());
  return { title, author: authors?.split(';'), date };
}

/** Logseq's page properties, `key:: value` a line, keys in any case. */
function logseqProperties(block: string): Record<string, unknown> {
  const properties: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const separator = line.indexOf('::');
    if (separator > 0) properties[line.slice(0, separator).toLowerCase()] = line.slice(separator + 2).trim();
  }
  return properties;
}

/**
 * YAML frontmatter for the metadata an importer found (null fields left out),
 * under the keys parseMarkdownSource reads first (`writing-mode`, as CSS
 * names it). Values are written as JSON strings, which YAML reads back
 * verbatim whatever they contain (colons, quotes, line breaks).
 */
export function frontmatter(metadata: Partial<SourceMetadata>): string {
  const lines = Object.entries(metadata).flatMap(([field, value]) =>
    value ? [`${field === 'writingMode' ? 'writing-mode' : field}: ${JSON.stringify(value)}`] : [],
  );
  return lines.length > 0 ? `---\n${lines.join('\n')}\n---\n` : '';
}

function emptyMetadata(): SourceMetadata {
  return { title: null, author: null, date: null, source: null, lang: null, dir: null, writingMode: null };
}

function textField(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return null;
}

/**
 * One author or several, as the metadata gives them: names, Obsidian links to
 * a person's note (`[[Ada Lovelace]]`, `[[note|Ada]]`), or Pandoc's and CSL's
 * records (`name`, or `given` and `family`), joined with commas.
 */
function authorsField(value: unknown): string | null {
  const names = (Array.isArray(value) ? value : [value]).flatMap((author) => {
    const name = typeof author === 'object' && author !== null ? personName(author as Record<string, unknown>) : textField(author);
    return name ? [name.replace(/^\[\[(?:[^\]|]*\|)?([^\]|]+)\]\]$/, '$1').trim()] : [];
  });
  return names.filter((name) => name !== '').join(', ') || null;
}

function personName(person: Record<string, unknown>): string | null {
  return textField(person.name) ?? ([textField(person.given), textField(person.family)].filter(Boolean).join(' ') || null);
}

/** Titles longer than this are shortened at a clause or word boundary. */
const maxTitleLength = 80;

/**
 * How much of a body the title rule reads. Lexing a whole 8 MB line took
 * seconds and overflowed the stack inside marked, and marked's time grows
 * faster than the text on deeply nested lists; a title worth having sits near
 * the top, and the cut bounds the work whatever the file holds.
 */
const titleSourceLength = 8 * 1024;

/**
 * The title rule for a document without one in its metadata:
 * 1. the text of its first level-1 heading in its first 8 KB, if any;
 * 2. otherwise its first sentence, cut back to the last clause break
 *    (comma, semicolon, colon, dash) that keeps it within 80 characters,
 *    or failing that to a word boundary with an ellipsis.
 */
export function deriveTitle(markdown: string): string {
  const tokens = titleTokens(markdown.slice(0, titleSourceLength));
  const heading = tokens.find((token) => token.type === 'heading' && token.depth === 1);
  if (heading) return plainText(heading).trim() || 'Untitled';
  const paragraph = tokens.find((token) => token.type === 'paragraph' || token.type === 'heading');
  if (!paragraph) return 'Untitled';
  const text = plainText(paragraph).replace(/\s+/g, ' ').trim();
  const sentence = /^.*?[.?!](?=\s|$)/.exec(text)?.[0] ?? text;
  return shorten(sentence) || 'Untitled';
}

/** marked's tokens for the title rule, or none when marked gives up (its recursion overflows on a few thousand nested quotes). */
function titleTokens(markdown: string): Token[] {
  try {
    return new Lexer().lex(markdown);
  } catch (error) {
    if (error instanceof RangeError) return [];
    throw error;
  }
}

function shorten(sentence: string): string {
  // A single closing full stop is not part of a title; an ellipsis is.
  const withoutStop = sentence.replace(/(?<!\.)\.$/, '');
  if (withoutStop.length <= maxTitleLength) return withoutStop;
  const head = withoutStop.slice(0, maxTitleLength + 1);
  const clauseBreak = Math.max(...[',', ';', ':', '—', '–'].map((mark) => head.lastIndexOf(mark)));
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
  // Inline HTML tags carry no words of their own; the text between them is its own token.
  if (token.type === 'html') return '';
  // marked leaves character references as written; a title is plain text.
  return 'text' in token && typeof token.text === 'string' ? decodeHTML(token.text) : '';
}
