import { type ImportedFile, maxDocumentBytes } from '../../preload/api';

/**
 * Reads files the user chose or dropped as bytes; main decodes them (UTF-8,
 * UTF-16, an HTML page's charset, an EPUB archive) and says what it refused.
 * Files over the limit are refused here, so they are never read into memory.
 */
export async function readDroppedFiles(files: Iterable<File>): Promise<{ readable: ImportedFile[]; unreadable: string[] }> {
  const readable: ImportedFile[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    if (file.size > maxDocumentBytes) {
      unreadable.push(`${file.name} is larger than ${maxDocumentBytes / 1024 / 1024} MB, Gloss's limit for one document.`);
      continue;
    }
    try {
      readable.push({ name: file.name, content: new Uint8Array(await file.arrayBuffer()) });
    } catch {
      unreadable.push(`${file.name} could not be read.`);
    }
  }
  return { readable, unreadable };
}

/** Tags that make pasted HTML worth converting (a page or a rich selection), rather than taking its plain text. */
const structuredHtml = /<(?:p|h[1-6]|ul|ol|li|blockquote|pre|table|a|img|em|strong|article)\b/i;

/**
 * What a paste outside a text box adds: Markdown as given, else HTML (a
 * selection copied from a browser), which main converts like an HTML file,
 * else plain text taken as Markdown. Null when the clipboard holds no text.
 */
export function pastedFile(clipboard: { getData(type: string): string }): ImportedFile | null {
  const markdown = clipboard.getData('text/markdown');
  if (markdown.trim() !== '') return { name: 'Pasted text.md', content: markdown };
  const html = clipboard.getData('text/html');
  if (structuredHtml.test(html)) return { name: 'Pasted page.html', content: html };
  const text = clipboard.getData('text/plain');
  return text.trim() === '' ? null : { name: 'Pasted text.md', content: text };
}
