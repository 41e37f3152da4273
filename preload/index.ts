import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { createBridge, type MenuCommand, menuCommandChannel } from './api';

// Only narrow methods cross into the page: never ipcRenderer itself, and
// never an event object (it carries `sender`).
contextBridge.exposeInMainWorld(
  'gloss',
  createBridge({
    invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
    onMenuCommand(listener) {
      const forward = (_event: IpcRendererEvent, command: MenuCommand): void => listener(command);
      ipcRenderer.on(menuCommandChannel, forward);
      return () => void ipcRenderer.removeListener(menuCommandChannel, forward);
    },
  }),
);
