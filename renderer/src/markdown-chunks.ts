/**
 * Splits a Markdown source into pieces that marked renders independently to
 * exactly the HTML it gives for the whole source, so the reader can show the
 * first screen of a long document after rendering a few kilobytes, and render
 * the rest in small tasks.
 *
 * A piece ends only at a blank line followed by a line that starts a new
 * top-level block no matter what came before: not indented (an indented line
 * continues a list item or an indented code block), not a list marker (a
 * marker after a blank line continues a loose list), and never inside a
 * fenced code block. Two things can reach across any boundary, and the source
 * is then left whole: link reference definitions (`[id]: url`, which resolve
 * links anywhere in the document) and raw HTML (a block such as `<pre>` may
 * span blank lines, and an unclosed inline tag changes what the HTML parser
 * does to the following blocks). tests/renderer/markdown-chunks.test.ts checks
 * the equivalence on generated and hand-written documents.
 */

/** Sizes, in UTF-16 code units of source, the pieces grow to before ending at the next safe boundary. */
export interface ChunkSizes {
  /** The first piece: small, as it is rendered before anything is shown. */
  first: number;
  /** Every later piece: one rendering task each. */
  rest: number;
}

export const defaultChunkSizes: ChunkSizes = { first: 6_000, rest: 48_000 };

const referenceDefinition = /^ {0,3}\[[^\]\n]+\]:/m;
const rawHtml = /<[A-Za-z/!?]/;
const fenceOpening = /^ {0,3}(`{3,}|~{3,})/;
const listMarker = /^(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)/;

export function splitMarkdown(source: string, sizes: ChunkSizes = defaultChunkSizes): string[] {
  if (source.length <= sizes.first || referenceDefinition.test(source) || rawHtml.test(source)) return [source];
  const pieces: string[] = [];
  let pieceStart = 0;
  let limit = sizes.first;
  let fence: string | null = null;
  let previousLineBlank = false;
  let lineStart = 0;
  while (lineStart < source.length) {
    const newline = source.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? source.length : newline;
    const line = source.slice(lineStart, lineEnd);
    if (fence === null) {
      const startsBlock = previousLineBlank && /^[^\s]/.test(line) && !listMarker.test(line);
      if (startsBlock && lineStart - pieceStart >= limit) {
        pieces.push(source.slice(pieceStart, lineStart));
        pieceStart = lineStart;
        limit = sizes.rest;
      }
      fence = fenceOpening.exec(line)?.[1] ?? null;
    } else if (closesFence(line, fence)) {
      fence = null;
    }
    previousLineBlank = line.trim() === '';
    lineStart = lineEnd + 1;
  }
  pieces.push(source.slice(pieceStart));
  return pieces;
}

/** CommonMark: a closing fence uses the opening's character, at least as many, and nothing else but spaces. */
function closesFence(line: string, opening: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return match !== null && match[1]![0] === opening[0] && match[1]!.length >= opening.length;
}
