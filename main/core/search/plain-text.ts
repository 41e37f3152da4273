/**
 * A document's Markdown as the words a reader sees, for the search index.
 * Rendering each body through the reader's pipeline (jsdom + DOMPurify, see
 * import/rendered-text.ts) would cost ~20 ms a document, 20 s for a library of
 * 1,000; these few rules drop the syntax (markers, link targets, tags) in
 * well under a millisecond, and a rare miss costs only a less exact snippet:
 * the reader looks the match up again in its own rendered text.
 */
export function markdownToPlainText(markdown: string): string {
  return (
    markdown
      .normalize('NFC')
      // Fence lines (```js) carry no prose; the code between them stays searchable.
      .replace(/^\s{0,3}(`{3,}|~{3,}).*$/gm, '')
      // Images and links keep their visible text, not their address.
      .replace(/!\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
      .replace(/\[([^\]\n]*)\]\([^)\n]*\)/g, '$1')
      .replace(/^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$/gm, '')
      .replace(/<\/?[A-Za-z][^>\n]*>/g, '')
      // Block markers: headings, quotes, list bullets and numbers, rules.
      .replace(/^[ \t]*(?:#{1,6}|>[ >]*|[-*+]|\d{1,9}[.)])[ \t]+/gm, '')
      .replace(/^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/gm, '')
      // Emphasis and code marks around words.
      .replace(/(\*{1,3}|_{1,3}|~~|`+)(?=\S)([^\n]*?\S)\1/g, '$2')
  );
}
