import { describe, expect, it } from 'vitest';
import { documentFromFile, maxDocumentBytes } from '../../../../main/core/documents/document-file';
import { parseMarkdownSource } from '../../../../main/core/documents/markdown-source';
import { buildEpub } from '../../../support/epub-builder';

const assetUrl = (name: string): string => `/documents/00000000-0000-4000-8000-000000000000/assets/${name}`;
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf16(text: string, endian: 'le' | 'be'): Uint8Array {
  const little = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? little : Buffer.from(little).swap16();
  return Uint8Array.from([...(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), ...body]);
}

// The first HTML case loads jsdom, which takes seconds on a busy machine.
describe('documentFromFile, by kind of file', { timeout: 30_000 }, () => {
  it('keeps Markdown with frontmatter as written, metadata included', () => {
    const source =
      '---\ntitle: "Tides: a primer"\nauthor: R. Moon\ndate: 2020-02-02\nsource: https://tides.example/primer\n---\n# Tides\n\nTwice a day.\n';
    const { markdown, assets } = documentFromFile('tides.md', bytes(source), assetUrl);
    expect(markdown).toBe(source);
    expect(assets).toEqual([]);
    expect(parseMarkdownSource(markdown).metadata).toEqual({
      title: 'Tides: a primer',
      author: 'R. Moon',
      date: '2020-02-02',
      source: 'https://tides.example/primer',
      lang: null,
      dir: null,
      writingMode: null,
    });
  });

  it.each(['le', 'be'] as const)('decodes a UTF-16 %s text file with its byte-order mark', (endian) => {
    const { markdown } = documentFromFile('notes.txt', utf16('Ünïcode notes\r\n\r\nCafé, 中文 and 🎉.\r\n', endian), assetUrl);
    const { metadata, body } = parseMarkdownSource(markdown);
    expect(metadata.title).toBe('Ünïcode notes');
    expect(body).toContain('Café, 中文 and 🎉.');
  });

  it('drops a UTF-8 byte-order mark', () => {
    const { markdown } = documentFromFile('bom.md', Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes('# Title\n\nText.')]), assetUrl);
    expect(markdown).toBe('# Title\n\nText.');
  });

  it.each([
    [
      'latin1.txt',
      Uint8Array.from([...bytes('Caf'), 0xe9, ...bytes(' au lait')]),
      'latin1.txt is not UTF-8 text (nor UTF-16 with a byte-order mark); save it as UTF-8 and try again.',
    ],
    ['cut.md', Uint8Array.from([...bytes('# Cut in the middle of '), 0xe2, 0x82]), 'cut.md is not UTF-8 text'],
    [
      'broken16.txt',
      Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]),
      'broken16.txt starts as UTF-16LE text but is not valid UTF-16LE.',
    ],
    ['image.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]), 'image.md looks like a binary file, not text.'],
    ['empty.html', new Uint8Array(0), 'empty.html is empty.'],
    [
      'cover.png',
      Uint8Array.from([0x89, 0x50, 0x4e, 0x47]),
      'cover.png: Gloss imports Markdown (.md), plain text (.txt), HTML (.html) and EPUB (.epub) files, not .png.',
    ],
    ['pasted.epub', 'PK not really', 'pasted.epub: an EPUB must be added as a file, not as text.'],
    ['blank.html', bytes('<html><body><nav>Home</nav><script>x()</script></body></html>'), 'blank.html has no text to import.'],
  ])('refuses %s with a clear message', (name, content, message) => {
    expect(() => documentFromFile(name, content, assetUrl)).toThrow(message);
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(() => documentFromFile('huge.epub', new Uint8Array(maxDocumentBytes + 1), assetUrl)).toThrow('huge.epub is larger than 50 MB');
  });

  it('sends .html to the HTML importer and .epub to the EPUB importer', () => {
    expect(
      parseMarkdownSource(documentFromFile('a.htm', bytes('<title>Page</title><p>Hello there.</p>'), assetUrl).markdown).metadata.title,
    ).toBe('Page');
    const book = documentFromFile('book.EPUB', buildEpub(), assetUrl);
    expect(parseMarkdownSource(book.markdown).metadata.title).toBe('Nights at the Lighthouse');
    expect(book.assets).toHaveLength(1);
  });
});
