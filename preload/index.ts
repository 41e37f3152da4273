import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { createBridge, type AppCommand, appCommandChannel } from '../common/contract';

// Only narrow methods cross into the page: never ipcRenderer itself, and
// never an event object (it carries `sender`).
contextBridge.exposeInMainWorld(
  'gloss',
  createBridge({
    invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
    onAppCommand(listener) {
      const forward = (_event: IpcRendererEvent, command: AppCommand): void => listener(command);
      ipcRenderer.on(appCommandChannel, forward);
      return () => void ipcRenderer.removeListener(appCommandChannel, forward);
    },
  }),
);
