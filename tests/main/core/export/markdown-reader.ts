/**
 * Reads an exported Markdown file back the way a Markdown tool would: YAML
 * frontmatter with `yaml`, the body with marked's lexer. Used to check that
 * what was written renders as what was meant.
 */
import { decodeHTML } from 'entities';
import { marked, type Token, type Tokens } from 'marked';
import { parse as parseYaml } from 'yaml';

export interface ReadBack {
  frontmatter: Record<string, unknown>;
  tokens: Token[];
  /** The text of every top-level blockquote, as a reader sees it (hard breaks as \n). */
  blockquotes: string[];
}

export function readMarkdownExport(markdown: string): ReadBack {
  const match = /^---\n([\s\S]*?\n)---\n/.exec(markdown);
  const frontmatter = match ? (parseYaml(match[1] ?? '') as Record<string, unknown>) : {};
  const tokens = marked.lexer(match ? markdown.slice(match[0].length) : markdown);
  const blockquotes = tokens.filter((token): token is Tokens.Blockquote => token.type === 'blockquote').map(blockquoteText);
  return { frontmatter, tokens, blockquotes };
}

/**
 * The text of a blockquote written by the exporter: it must be one paragraph
 * of plain text, escapes and hard breaks only. Any other token (emphasis, a
 * link, code, HTML) means some Markdown syntax in the quote was not escaped.
 */
export function blockquoteText(blockquote: Tokens.Blockquote): string {
  const blocks = blockquote.tokens.filter((token) => token.type !== 'space');
  const paragraph = blocks[0];
  if (blocks.length !== 1 || paragraph?.type !== 'paragraph') {
    throw new Error(`expected one paragraph in the blockquote, got ${blocks.map((token) => token.type).join(', ')}:\n${blockquote.raw}`);
  }
  return inlineText((paragraph as Tokens.Paragraph).tokens);
}

function inlineText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'text':
          return 'tokens' in token && token.tokens ? inlineText(token.tokens) : decodeHTML(token.text);
        case 'escape':
          return decodeHTML(token.text);
        case 'br':
          return '\n';
        default:
          throw new Error(`unexpected ${token.type} token in a quote: ${JSON.stringify(token.raw)}`);
      }
    })
    .join('');
}

/** Splits "quote text ^gloss-id" into the text and the block id (the space before `^` is lost when the last line is empty). */
export function splitBlockId(text: string): { text: string; blockId: string | null } {
  const match = / ?\^(gloss-[A-Za-z0-9-]+)$/.exec(text);
  return match ? { text: text.slice(0, match.index), blockId: match[1] ?? null } : { text, blockId: null };
}
