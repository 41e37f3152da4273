import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './api';

// Only narrow invoke-style methods cross into the page: never ipcRenderer
// itself, and never an event object (it carries `sender`).
contextBridge.exposeInMainWorld(
  'gloss',
  createBridge((channel, args) => ipcRenderer.invoke(channel, ...args)),
);
