import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron';
import { createDispatcher } from './core/dispatch';
import { appWorkers } from './core/import/work';
import { createGlossService } from './core/service';
import { dataLayout } from './core/storage/layout';
import { resolveDataDir, searchWarmDelayMs, seedArticlePath } from './config';
import { readClipboard } from './clipboard';
import { chooseExportDestination } from './dialogs';
import { sendEventsTo } from './events';
import { registerIpcHandlers } from './ipc';
import { menuTemplate } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, hardenWebContents, holdCloseUntilPageFlushed, restrictPermissions } from './window';

const buildDir = fileURLToPath(new URL('..', import.meta.url));
const dataDir = dataDirOrNull();

if (dataDir === null) {
  app.exit(2);
} else if (!claimDataDir(dataDir)) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  let closeGuard: { pageReady(): void } | null = null;
  const emit = sendEventsTo(() => mainWindow?.webContents);
  // The worker script sits beside this file in out/main.
  const { importWork, searchWork, exportWork } = appWorkers(new URL('./import-worker.js', import.meta.url));
  const service = createGlossService({
    dataDir,
    seedArticlePath: seedArticlePath(app.getAppPath()),
    openExternal: (url) => shell.openExternal(url),
    chooseExportDestination: (choice) => chooseExportDestination(dialog, app, mainWindow, choice),
    readClipboard: (types) => readClipboard(clipboard, types),
    appVersion: app.getVersion(),
    onReadyToClose: () => closeGuard?.pageReady(),
    emit,
    deviceName: hostname(),
    openLibraryAtOnce: true,
    importWork,
    searchWork,
    exportWork,
    warmSearchAfterMs: searchWarmDelayMs,
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(
    () => {
      restrictPermissions(session.defaultSession);
      serveRenderer(protocol, join(buildDir, 'renderer'), dataDir);
      registerIpcHandlers(ipcMain, createDispatcher(service));
      Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, (command) => emit('menuCommand', command))));
      mainWindow = createMainWindow(BrowserWindow, {
        preloadPath: join(buildDir, 'preload', 'index.cjs'),
        darkBackground: nativeTheme.shouldUseDarkColors,
      });
      const window = mainWindow;
      closeGuard = holdCloseUntilPageFlushed(window, () => emit('closeRequested', null));
      mainWindow.on('closed', () => {
        mainWindow = null;
        closeGuard = null;
      });
    },
    (error: unknown) => {
      console.error('Gloss could not start:', error);
      app.exit(1);
    },
  );

  app.on('window-all-closed', () => app.quit());

  // Quitting waits for every accepted write, so the last keystrokes reach the disk.
  let writesFlushed = false;
  app.on('will-quit', (event) => {
    if (writesFlushed) return;
    event.preventDefault();
    void service.close().finally(() => {
      writesFlushed = true;
      app.quit();
    });
  });
}

/** The library folder from the command line or the environment; null, after saying why in one sentence, when it names none. */
function dataDirOrNull(): string | null {
  try {
    return resolveDataDir(process.argv, process.env, app.getPath('userData'));
  } catch (error) {
    console.error(`Gloss cannot start: ${(error as Error).message}`);
    return null;
  }
}

/** Makes `dataDir` this instance's, unless another instance has it already (then false). */
function claimDataDir(dataDir: string): boolean {
  // userData holds the single-instance lock, so one instance runs per data folder;
  // Chromium's own caches go to a subfolder, apart from the user's library.
  app.setPath('userData', dataDir);
  app.setPath('sessionData', dataLayout(dataDir).chromium);
  registerAppScheme(protocol);
  return app.requestSingleInstanceLock();
}
