import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { createBridge } from '../common/contract';

// Only narrow methods cross into the page: never ipcRenderer itself, and
// never an event object (it carries `sender`); each event's payload is
// checked against the contract's schema before a listener sees it.
contextBridge.exposeInMainWorld(
  'gloss',
  createBridge(
    {
      invoke: (channel, args) => ipcRenderer.invoke(channel, ...args),
      subscribe(channel, listener) {
        const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
        ipcRenderer.on(channel, forward);
        return () => void ipcRenderer.removeListener(channel, forward);
      },
    },
    (message) => console.warn(message),
  ),
);
