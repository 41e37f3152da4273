import { rewriteInSlices } from './slices';

/**
 * A document's Markdown as the words a reader sees, for the search index.
 * Rendering each body through the reader's pipeline (jsdom + DOMPurify, see
 * import/rendered-text.ts) would cost ~20 ms a document, 20 s for a library of
 * 1,000, and even marked's lexer alone costs ~10 ms for 20 KB; these few rules
 * drop the syntax (markers, link targets, tags) in well under a millisecond,
 * and a rare miss costs only a less exact snippet: the reader looks the match
 * up again in its own rendered text.
 *
 * Every rule runs in time linear in the input (tests/security/linearity.test.ts):
 * a pattern that starts at an opener (`[`, `<`, `(`) stops at the next opener
 * of the same kind instead of scanning to the end of the line, so a line of
 * 70,000 unclosed `![a` costs one pass, not 70,000. Every rule also stays
 * within one line, which lets a long text be taken a slice of lines at a time
 * (see slices.ts).
 */
export function markdownToPlainText(markdown: string): string {
  return rewriteInSlices(markdown, linesToPlainText, endOfLine);
}

/** Where the line holding `from` ends (its line break starts the next slice). */
function endOfLine(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

function linesToPlainText(markdown: string): string {
  const withoutSyntax = markdown
    .normalize('NFC')
    // Fence lines (```js) carry no prose; the code between them stays searchable.
    .replace(/^ {0,3}(`{3,}|~{3,}).*$/gm, '')
    // Images and links keep their visible text, not their address (which may hold one level of parentheses).
    .replace(/!\[([^[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g, '$1')
    .replace(/\[([^[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)/g, '$1')
    .replace(/^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$/gm, '')
    .replace(/<\/?[A-Za-z][^<>\n]*>/g, '')
    // Block markers: headings, quotes, list bullets and numbers, rules.
    .replace(/^[ \t]*(?:#{1,6}|>[ >]*|[-*+]|\d{1,9}[.)])[ \t]+/gm, '')
    .replace(/^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/gm, '');
  return withoutSyntax.split('\n').map(withoutEmphasisMarks).join('\n');
}

/** A run of one emphasis or code mark: `*` to `***`, `_` to `___`, `~~`, or any run of backticks. */
const markRun = /\*{1,3}|_{1,3}|~~|`+/g;

/**
 * One line with its emphasis and code marks removed where they pair up: an
 * opening run (followed by a non-space) with the next identical run that
 * closes (preceded by a non-space). What lies between keeps its own marks, as
 * a reader's eye would skip them too. The closers of each kind are listed
 * once and walked with a cursor that only moves forward, so the line is read
 * a fixed number of times whatever its marks.
 */
function withoutEmphasisMarks(line: string): string {
  const runs = Array.from(line.matchAll(markRun), (match) => ({ at: match.index, mark: match[0] }));
  if (runs.length < 2) return line;
  const closersByMark = new Map<string, number[]>();
  for (const run of runs) {
    if (run.at > 0 && /\S/.test(line[run.at - 1] ?? '')) {
      const closers = closersByMark.get(run.mark) ?? [];
      closers.push(run.at);
      closersByMark.set(run.mark, closers);
    }
  }
  const cursors = new Map<string, number>();
  const pieces: string[] = [];
  let copiedUpTo = 0;
  for (const run of runs) {
    const contentStart = run.at + run.mark.length;
    if (run.at < copiedUpTo || !/\S/.test(line[contentStart] ?? '')) continue;
    const closers = closersByMark.get(run.mark) ?? [];
    let cursor = cursors.get(run.mark) ?? 0;
    while (cursor < closers.length && (closers[cursor] ?? 0) <= contentStart) cursor++;
    cursors.set(run.mark, cursor);
    const closer = closers[cursor];
    if (closer === undefined) continue;
    pieces.push(line.slice(copiedUpTo, run.at), line.slice(contentStart, closer));
    copiedUpTo = closer + run.mark.length;
  }
  pieces.push(line.slice(copiedUpTo));
  return pieces.join('');
}
