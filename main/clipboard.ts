/**
 * The system clipboard in one MIME type (text/markdown, text/html,
 * text/plain), for "add the clipboard as a document"; '' when nothing on it
 * has that type. Electron's clipboard is the asynchronous, web-like one
 * (ClipboardItem with Blobs) since Electron 45.
 */
export async function readClipboard(clipboard: Pick<Electron.Clipboard, 'read'>, type: string): Promise<string> {
  for (const item of await clipboard.read()) {
    if (!item.types.includes(type)) continue;
    const value = await item.getType(type);
    // A bookmark (title and address) is the one non-Blob type; it is not asked for here.
    return 'text' in value ? value.text() : '';
  }
  return '';
}
