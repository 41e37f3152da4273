import { join } from 'node:path';
import type { App, BrowserWindow, Dialog } from 'electron';

/** The system's save dialog for one file, or its folder picker for one-file-per-document exports. */
export async function chooseExportDestination(
  dialog: Dialog,
  app: App,
  window: BrowserWindow | null,
  { suggestedName, destination, title }: { suggestedName: string; destination: 'file' | 'folder'; title?: string },
): Promise<string | null> {
  const defaultPath = join(app.getPath('documents'), suggestedName);
  if (destination === 'file') {
    const options = { title: 'Export highlights', defaultPath };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }
  const options = {
    title: title ?? 'Choose a folder for the Markdown files (one per document)',
    // Shown by macOS's panel: the rule, before anything is written.
    message: 'Files Gloss wrote here before are updated, keeping your own text around them; any other file is left as it is.',
    defaultPath: app.getPath('documents'),
    properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
  };
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
