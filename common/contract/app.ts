/** The app around the page: links to the outside, the File menu, and closing the window without losing a write. */
import { z } from 'zod';
import { event, method } from './define';

/** The File menu's commands that the page carries out. */
export const menuCommands = ['open', 'export', 'sync-to-folder', 'copy-all-highlights'] as const;
export type MenuCommand = (typeof menuCommands)[number];

export const appMethods = {
  /** Opens an http(s) or mailto link in the system's browser or mail client. */
  openExternal: method<(url: string) => Promise<void>>({
    channel: 'shell:open-external',
    args: z.tuple([z.string().max(8192)]),
    description: 'open the link',
  }),
  /** The page's answer to `closeRequested`: every write it had is now in main's hands. */
  readyToClose: method<() => Promise<void>>({
    channel: 'window:ready-to-close',
    args: z.tuple([]),
    description: 'close the window',
  }),
};

export const appEvents = {
  /** A Gloss command chosen in the application menu. */
  menuCommand: event<MenuCommand>({
    channel: 'menu:command',
    payload: z.enum(menuCommands),
    description: 'a menu command',
  }),
  /** The window is about to close: hand over every pending write, then call `readyToClose`. */
  closeRequested: event<null>({
    channel: 'window:close-requested',
    payload: z.null(),
    description: 'a request to close the window',
  }),
};
