import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels, type IpcResult } from '../common/contract';
import { isAppUrl } from './core/app-assets';
import type { Dispatch } from './core/dispatch';
import { appOrigin } from './config';

/** Registers one handler per bridge channel; calls from frames other than the app's own are refused. */
export function registerIpcHandlers(ipcMain: IpcMain, dispatch: Dispatch): void {
  for (const channel of Object.values(channels)) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      if (!isAppUrl(event.senderFrame?.url, appOrigin)) {
        return Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'Gloss answers only its own pages.' } });
      }
      return dispatch(channel, args);
    });
  }
}
