import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../common/contract';

/**
 * The application menu, built from Electron's roles so shortcuts follow each
 * platform's conventions; Gloss's own commands are handed to `send`, which
 * forwards them to the page.
 */
export function menuTemplate(platform: NodeJS.Platform, send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => send('open') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+Shift+E', click: () => send('export') },
        { label: 'Sync to Folder…', click: () => send('sync-to-folder') },
        { label: 'Copy All Highlights as Markdown', click: () => send('copy-all-highlights') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
    },
    { role: 'windowMenu' },
  ];
}
