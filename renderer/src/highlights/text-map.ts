/**
 * The rendered document as one string (the concatenation of its text nodes,
 * i.e. its textContent) and the mapping between offsets in that string and
 * DOM positions. Highlights are stored as offsets and quotes over this text.
 */
export class TextMap {
  readonly text: string;
  readonly #nodes: Text[];
  /** `#starts[i]` is the offset of `#nodes[i]`'s first character. */
  readonly #starts: number[];
  readonly #indexOf: Map<Text, number>;

  constructor(readonly root: Element) {
    const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    const starts: number[] = [];
    const parts: string[] = [];
    let length = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const textNode = node as Text;
      nodes.push(textNode);
      starts.push(length);
      parts.push(textNode.data);
      length += textNode.data.length;
    }
    this.#nodes = nodes;
    this.#starts = starts;
    this.#indexOf = new Map(nodes.map((textNode, index) => [textNode, index]));
    this.text = parts.join('');
  }

  /** A DOM Range over text offsets [start, end). */
  range(start: number, end: number): Range {
    const range = this.root.ownerDocument.createRange();
    const from = this.#position(start, 'start');
    const to = this.#position(end, 'end');
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  /**
   * A StaticRange over text offsets, for painting: unlike a live Range,
   * the browser need not update it on every change anywhere in the page
   * (10,000 live ranges made each notes-pane rebuild take seconds).
   */
  staticRange(start: number, end: number): StaticRange {
    const from = this.#position(start, 'start');
    const to = this.#position(end, 'end');
    return new StaticRange({ startContainer: from.node, startOffset: from.offset, endContainer: to.node, endOffset: to.offset });
  }

  /** The text offsets a DOM range covers, or null if it lies outside the document. */
  offsets(range: Range): { start: number; end: number } | null {
    if (!this.root.contains(range.commonAncestorContainer)) return null;
    const start = this.offsetOf(range.startContainer, range.startOffset);
    const end = this.offsetOf(range.endContainer, range.endOffset);
    return start === null || end === null || end <= start ? null : { start, end };
  }

  /** The text offset of a DOM boundary point (node, offset) inside the document. */
  offsetOf(node: Node, offset: number): number | null {
    if (node.nodeType === Node.TEXT_NODE) {
      const index = this.#indexOf.get(node as Text);
      return index === undefined ? null : (this.#starts[index] ?? 0) + offset;
    }
    if (!this.root.contains(node)) return null;
    // A boundary between child nodes: count the text before that child.
    const child = node.childNodes[offset];
    const probe = this.root.ownerDocument.createRange();
    probe.selectNodeContents(this.root);
    if (child) probe.setEndBefore(child);
    else probe.setEnd(node, node.childNodes.length);
    return probe.toString().length;
  }

  #position(offset: number, edge: 'start' | 'end'): { node: Node; offset: number } {
    if (this.#nodes.length === 0) return { node: this.root, offset: 0 };
    // Binary search for the last node starting at or before `offset`; at a
    // boundary, a range's start belongs to the next node and its end to the previous.
    let low = 0;
    let high = this.#nodes.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      const middleStart = this.#starts[middle] ?? 0;
      if (middleStart < offset || (edge === 'start' && middleStart === offset)) low = middle;
      else high = middle - 1;
    }
    const node = this.#nodes[low]!;
    return { node, offset: Math.min(node.data.length, Math.max(0, offset - (this.#starts[low] ?? 0))) };
  }
}
