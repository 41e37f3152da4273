/**
 * The system clipboard's text in each of `types` (e.g. text/markdown,
 * text/html, text/plain), from the first item offering that type; a type
 * nothing on the clipboard has is left out. One read of the clipboard for all
 * of them. Electron's clipboard is the asynchronous, web-like one
 * (ClipboardItem with Blobs) since Electron 45.
 */
export async function readClipboard(clipboard: Pick<Electron.Clipboard, 'read'>, types: readonly string[]): Promise<Map<string, string>> {
  const items = await clipboard.read();
  const texts = new Map<string, string>();
  for (const type of types) {
    const item = items.find((candidate) => candidate.types.includes(type));
    if (!item) continue;
    const value = await item.getType(type);
    // A bookmark (title and address) is the one non-Blob type; it is not asked for here.
    if ('text' in value) texts.set(type, await value.text());
  }
  return texts;
}
