import type { BrowserWindow as BrowserWindowClass, Session, WebContents } from 'electron';
import { isAppUrl } from './core/app-assets';
import { appOrigin } from './config';

export interface MainWindowOptions {
  preloadPath: string;
  darkBackground: boolean;
}

/** The one app window: isolated, sandboxed, no Node, showing gloss://app/. */
export function createMainWindow(BrowserWindow: typeof BrowserWindowClass, options: MainWindowOptions): BrowserWindowClass {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 640,
    minHeight: 420,
    title: 'Gloss',
    show: false,
    // Matches the page background so the window does not flash white in dark mode.
    backgroundColor: options.darkBackground ? '#1b1b1d' : '#fbfaf7',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      // A middle click on a link would otherwise ask for a new window (denied anyway); Electronegativity's AUXCLICK check.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

/**
 * The app's own page, the one address the window may navigate to: another
 * app URL (a stored image, `/index.html?x`) replaced the page and left the
 * user nothing to go back with but quitting.
 */
function isAppEntryPage(url: string): boolean {
  if (!isAppUrl(url, appOrigin)) return false;
  const { pathname, search } = new URL(url);
  return (pathname === '/' || pathname === '/index.html') && search === '';
}

/**
 * Locks down every page the app ever creates: no navigation away from the
 * app, no new windows, no permissions (camera, notifications, …).
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppEntryPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * The one permission the app's own page gets is writing plain text to the
 * clipboard ("Copy quote"); reading it, and everything else (camera,
 * notifications, …), is refused, for every origin.
 */
export function restrictPermissions(session: Session): void {
  const allowed = (permission: string, requestingUrl: string | undefined): boolean =>
    permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, appOrigin);
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, _origin, details) => allowed(permission, details.requestingUrl));
}

/** How long a closing window waits for its page to hand over pending writes. */
export const closeHandshakeTimeoutMs = 3000;

/**
 * Holds a window's close until its page says every pending write is in
 * main's hands (it is asked through `askPage`), so closing or quitting in the
 * middle of typing keeps the last keystrokes. A page that does not answer in
 * time (hung, crashed) does not keep the window open.
 */
export function holdCloseUntilPageFlushed(
  window: BrowserWindowClass,
  askPage: () => void,
  timeoutMs = closeHandshakeTimeoutMs,
): { pageReady(): void } {
  let released = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const release = (): void => {
    if (released || timer === null) return;
    released = true;
    clearTimeout(timer);
    if (!window.isDestroyed()) window.close();
  };
  window.on('close', (event) => {
    if (released) return;
    event.preventDefault();
    if (timer !== null) return;
    timer = setTimeout(release, timeoutMs);
    askPage();
  });
  return { pageReady: release };
}
