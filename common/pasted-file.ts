import type { ImportedFile } from './contract';

// Free of DOM typings: the page runs it on a paste event's data, main on the system clipboard (Ctrl/⌘+Shift+V).

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
