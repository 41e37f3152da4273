// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { TextMap } from '../../renderer/src/highlights/text-map';

const articleHtml = [
  '<h1>The <em>Title</em></h1>',
  '<p>Hello <em>brave <strong>new</strong></em> world, see <a href="https://example.com">the <code>link</code></a>.</p>',
  '<ul><li>one</li><li><em>two</em> items</li></ul>',
  '<h2>End</h2>',
].join('');

function mount(html: string): HTMLElement {
  const root = document.createElement('article');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.replaceChildren();
});

/** The text node whose data is exactly `data`. */
function textNode(root: Node, data: string): Text {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if ((node as Text).data === data) return node as Text;
  throw new Error(`No text node ${JSON.stringify(data)}`);
}

describe('TextMap', () => {
  it('has text equal to the root’s textContent', () => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    expect(map.text).toBe(root.textContent);
    expect(map.text).toBe('The TitleHello brave new world, see the link.onetwo itemsEnd');
  });

  it('keeps whitespace-only text nodes between elements in its text', () => {
    const root = mount('<p>a</p>\n<p>b <em>c</em></p>\n');
    const map = new TextMap(root);
    expect(map.text).toBe('a\nb c\n');
    expect(map.text).toBe(root.textContent);
  });

  it('has empty text for a root without text', () => {
    const root = mount('<p></p><hr>');
    expect(new TextMap(root).text).toBe('');
  });

  it('maps every [start, end) to a range whose text is the same slice of its text', () => {
    const root = mount(
      '<h2>Hi <em>x</em></h2><p>a<em>b<strong>cd</strong></em><a href="#">e</a> <code>f</code></p><ul><li>g</li><li><em>h</em>i</li></ul>',
    );
    const map = new TextMap(root);
    const mismatches: string[] = [];
    for (let start = 0; start < map.text.length; start++) {
      for (let end = start + 1; end <= map.text.length; end++) {
        const actual = map.range(start, end).toString();
        if (actual !== map.text.slice(start, end)) mismatches.push(`[${start}, ${end}): ${JSON.stringify(actual)}`);
      }
    }
    expect(map.text.length).toBeGreaterThan(10);
    expect(mismatches).toEqual([]);
  });

  it('gives back the offsets of every range it made', () => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    const mismatches: string[] = [];
    for (let start = 0; start < map.text.length; start++) {
      for (let end = start + 1; end <= map.text.length; end++) {
        const offsets = map.offsets(map.range(start, end));
        if (offsets?.start !== start || offsets.end !== end) mismatches.push(`[${start}, ${end}) → ${JSON.stringify(offsets)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('starts a range at a text node’s start in that node, not at the end of the previous one', () => {
    const root = mount('<p>Hello <em>brave</em> world</p>');
    const map = new TextMap(root);
    const range = map.range(6, 9); // "bra"
    expect(range.startContainer).toBe(textNode(root, 'brave'));
    expect(range.startOffset).toBe(0);
    expect(range.toString()).toBe('bra');
  });

  it('ends a range at a text node’s end in that node, not at the start of the next one', () => {
    const root = mount('<p>Hello <em>brave</em> world</p>');
    const map = new TextMap(root);
    const range = map.range(2, 6); // "llo "
    expect(range.endContainer).toBe(textNode(root, 'Hello '));
    expect(range.endOffset).toBe(6);
    expect(range.toString()).toBe('llo ');
  });

  it('covers exactly one element’s text when the range starts and ends on its boundaries', () => {
    const root = mount('<p>Hello <em>brave</em> world</p>');
    const map = new TextMap(root);
    const brave = textNode(root, 'brave');
    const range = map.range(6, 11);
    expect([range.startContainer, range.startOffset, range.endContainer, range.endOffset]).toEqual([brave, 0, brave, 5]);
  });

  it.each([
    [0, 6, 'Hello ', 0, 'Hello ', 6],
    [0, 17, 'Hello ', 0, ' world', 6],
    [11, 17, ' world', 0, ' world', 6],
    [5, 12, 'Hello ', 5, ' world', 1],
  ])('maps [%i, %i) to (%j, %i)–(%j, %i)', (start, end, startData, startOffset, endData, endOffset) => {
    const root = mount('<p>Hello <em>brave</em> world</p>');
    const range = new TextMap(root).range(start, end);
    expect(range.startContainer).toBe(textNode(root, startData));
    expect(range.startOffset).toBe(startOffset);
    expect(range.endContainer).toBe(textNode(root, endData));
    expect(range.endOffset).toBe(endOffset);
  });

  it('skips empty text nodes at a boundary', () => {
    const root = mount('<p>ab</p>');
    const paragraph = root.firstElementChild!;
    paragraph.append(document.createTextNode(''), document.createTextNode('cd'));
    const map = new TextMap(root);
    expect(map.text).toBe('abcd');
    const range = map.range(2, 4);
    expect(range.startContainer).toBe(textNode(root, 'cd'));
    expect(range.startOffset).toBe(0);
    expect(range.toString()).toBe('cd');
    const before = map.range(0, 2);
    expect(before.endContainer).toBe(textNode(root, 'ab'));
    expect(before.endOffset).toBe(2);
  });

  it.each([
    // [description, path to the element from the root, child index, expected offset]
    ['the root before its first child', [], 0, 0],
    ['the root between its first and second child', [], 1, 'The Title'.length],
    ['the root after its last child', [], 4, 'The TitleHello brave new world, see the link.onetwo itemsEnd'.length],
    ['the paragraph before its <em>', [1], 1, 'The TitleHello '.length],
    ['the paragraph after its <em>', [1], 2, 'The TitleHello brave new'.length],
    ['the <em> before its <strong>', [1, 1], 1, 'The TitleHello brave '.length],
    ['the <a> between its text and <code>', [1, 3], 1, 'The TitleHello brave new world, see the '.length],
    ['the <code> after its text', [1, 3, 1], 1, 'The TitleHello brave new world, see the link'.length],
    ['the list between its items', [2], 1, 'The TitleHello brave new world, see the link.one'.length],
    ['the second item after its <em>', [2, 1], 1, 'The TitleHello brave new world, see the link.onetwo'.length],
    ['the last heading before its text', [3], 0, 'The TitleHello brave new world, see the link.onetwo items'.length],
  ] as [string, number[], number, number][])('gives the offset of a boundary point in %s', (_description, path, childIndex, expected) => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    let node: Node = root;
    for (const index of path) node = node.childNodes[index]!;
    expect(map.offsetOf(node, childIndex)).toBe(expected);
  });

  it('gives the offset of a boundary point inside a text node', () => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    expect(map.offsetOf(textNode(root, 'link'), 2)).toBe(map.text.indexOf('link') + 2);
    expect(map.offsetOf(textNode(root, 'End'), 3)).toBe(map.text.length);
  });

  it('reads a range whose ends are element boundary points', () => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    const paragraph = root.children[1]!;
    const range = document.createRange();
    range.setStart(paragraph, 1); // before <em>
    range.setEnd(paragraph.children[0]!, 2); // after <strong>, inside <em>
    expect(map.offsets(range)).toEqual({ start: 'The TitleHello '.length, end: 'The TitleHello brave new'.length });
  });

  it('reads a range selecting a whole element', () => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    const range = document.createRange();
    range.selectNode(root.querySelector('li')!);
    const offsets = map.offsets(range);
    expect(offsets).not.toBeNull();
    expect(map.text.slice(offsets!.start, offsets!.end)).toBe('one');
  });

  it('returns null offsets for a range outside the root', () => {
    const root = mount(articleHtml);
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    const map = new TextMap(root);
    const range = document.createRange();
    range.setStart(outside.firstChild!, 0);
    range.setEnd(outside.firstChild!, 4);
    expect(map.offsets(range)).toBeNull();
  });

  it('returns null offsets for a range that starts inside the root and ends outside it', () => {
    const root = mount(articleHtml);
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.append(outside);
    const map = new TextMap(root);
    const range = document.createRange();
    range.setStart(textNode(root, 'End'), 0);
    range.setEnd(outside.firstChild!, 4);
    expect(map.offsets(range)).toBeNull();
  });

  it('returns null offsets for a collapsed range', () => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    const range = document.createRange();
    range.setStart(textNode(root, 'link'), 2);
    expect(map.offsets(range)).toBeNull();
  });

  it.each([
    ['a text node outside the root', () => document.body.appendChild(document.createTextNode('x')), 0],
    ['an element outside the root', () => document.body.appendChild(document.createElement('div')), 0],
    ['a detached text node', () => document.createTextNode('loose'), 2],
  ] as [string, () => Node, number][])('returns a null offset for %s', (_description, makeNode, offset) => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    expect(map.offsetOf(makeNode(), offset)).toBeNull();
  });

  it('returns a null offset for a text node added after the map was built', () => {
    const root = mount(articleHtml);
    const map = new TextMap(root);
    const added = document.createTextNode('late');
    root.append(added);
    expect(map.offsetOf(added, 1)).toBeNull();
  });
});
