import { matchRanges } from './filter';

const markClass = 'filter-match';

/**
 * Marks where the filter's `words` occur in the text under `root` with
 * `<mark>` elements, after taking away the marks of the previous query (their
 * text goes back where it was, joined to its neighbours). Each text node is
 * marked on its own: a match across two nodes (a word half in bold) is not marked.
 */
export function markMatches(root: Element, words: readonly string[]): void {
  for (const mark of Array.from(root.querySelectorAll(`mark.${markClass}`))) {
    const parent = mark.parentNode;
    mark.replaceWith(...Array.from(mark.childNodes));
    parent?.normalize();
  }
  if (words.length === 0) return;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  for (const node of nodes) {
    const ranges = matchRanges(node.data, words);
    // From the last match back, so earlier offsets stay valid as the node is split.
    for (let index = ranges.length - 1; index >= 0; index--) {
      const [start, end] = ranges[index]!;
      const matched = node.splitText(start);
      matched.splitText(end - start);
      const mark = root.ownerDocument.createElement('mark');
      mark.className = markClass;
      matched.replaceWith(mark);
      mark.append(matched);
    }
  }
}
