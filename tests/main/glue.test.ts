import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, MenuItemConstructorOptions, Protocol, Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { channels, type IpcResult } from '../../common/contract';
import { contentSecurityPolicy } from '../../main/core/app-assets';
import type { Dispatch } from '../../main/core/dispatch';
import { readClipboard } from '../../main/clipboard';
import { registerIpcHandlers } from '../../main/ipc';
import { menuTemplate } from '../../main/menu';
import { registerAppScheme, serveRenderer } from '../../main/protocol';
import { createMainWindow, hardenWebContents, holdCloseUntilPageFlushed, restrictPermissions } from '../../main/window';

/**
 * Nothing real from Electron exists on this machine: every import of
 * `electron` gets this empty stand-in, and the lifecycle tests below swap in a
 * full fake per test with vi.doMock before importing main/index.ts afresh.
 */
vi.mock('electron', () => ({}));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the fake stores listeners of every Electron event, each with its own parameters
type Listener = (...args: any[]) => unknown;

/** Records `on`/`once` listeners by event name and lets a test fire them. */
class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  readonly on = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  });
  readonly once = vi.fn((event: string, listener: Listener) => {
    const wrapped: Listener = (...args) => {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((other) => other !== wrapped),
      );
      return listener(...args);
    };
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), wrapped]);
    return this;
  });

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An Electron-style event whose preventDefault is observable. */
function fakeEvent() {
  return { preventDefault: vi.fn(), defaultPrevented: false };
}

/** Lets pending promise callbacks (then/finally chains) run. */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) await new Promise<void>((done) => setImmediate(done));
}

describe('registerIpcHandlers', () => {
  let handlers: Map<string, Listener>;
  let handle: Mock;
  let dispatch: Mock<Dispatch>;
  const dispatched: IpcResult<unknown> = { ok: true, value: { from: 'dispatch' } };

  beforeEach(() => {
    handlers = new Map();
    handle = vi.fn((channel: string, listener: Listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    });
    dispatch = vi.fn<Dispatch>(async () => dispatched);
    registerIpcHandlers({ handle } as unknown as IpcMain, dispatch);
  });

  function invoke(channel: string, senderFrame: unknown, ...args: unknown[]): Promise<IpcResult<unknown>> {
    const listener = handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const event = { senderFrame, sender: {}, frameId: 1, processId: 1 } as unknown as IpcMainInvokeEvent;
    return listener(event, ...args) as Promise<IpcResult<unknown>>;
  }

  it('registers exactly one handler per bridge channel and no other', () => {
    expect(handle).toHaveBeenCalledTimes(Object.values(channels).length);
    expect(handle.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.values(channels).sort());
  });

  it.each([
    ['a web page', { url: 'https://evil.example/' }],
    ['a local file', { url: 'file:///etc/passwd' }],
    ['another gloss host', { url: 'gloss://other/' }],
    ['a look-alike gloss host', { url: 'gloss://app.evil.example/index.html' }],
    ['http on the app host', { url: 'http://app/index.html' }],
    ['about:blank', { url: 'about:blank' }],
    ['a frame with an empty URL', { url: '' }],
    ['a frame with no URL', {}],
    ['a destroyed frame (null senderFrame)', null],
    ['no senderFrame at all', undefined],
  ])('refuses a call from %s with a forbidden error and never dispatches it', async (_name, senderFrame) => {
    for (const channel of Object.values(channels)) {
      const result = await invoke(channel, senderFrame, 'doc-1');
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(result.ok === false && typeof result.error.message).toBe('string');
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it.each(Object.values(channels))(
    'passes a call on %s from gloss://app/index.html to dispatch with the channel and the arguments',
    async (channel) => {
      const position = { blockIndex: 3, blockOffset: 0.25, progress: 0.5 };
      const result = await invoke(channel, { url: 'gloss://app/index.html' }, 'doc-1', position);
      expect(dispatch).toHaveBeenCalledTimes(1);
      expect(dispatch).toHaveBeenCalledWith(channel, ['doc-1', position]);
      expect(result).toBe(dispatched);
    },
  );

  it('passes a call with no arguments to dispatch as an empty array', async () => {
    await invoke(channels.getLibrary, { url: 'gloss://app/index.html' });
    expect(dispatch).toHaveBeenCalledWith(channels.getLibrary, []);
  });

  it('accepts any page of the app, not only index.html', async () => {
    await invoke(channels.getLibrary, { url: 'gloss://app/reader.html?id=1#top' });
    expect(dispatch).toHaveBeenCalledWith(channels.getLibrary, []);
  });
});

class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);
  readonly loadURL = vi.fn(async (_url: string) => undefined);

  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

describe('createMainWindow', () => {
  const preloadPath = resolve('/opt/gloss/out/preload/index.cjs');

  beforeEach(() => {
    FakeBrowserWindow.instances = [];
  });

  function create(darkBackground = false): FakeBrowserWindow {
    const window = createMainWindow(FakeBrowserWindow as unknown as typeof BrowserWindow, { preloadPath, darkBackground });
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window).toBe(FakeBrowserWindow.instances[0]);
    return FakeBrowserWindow.instances[0]!;
  }

  it('isolates and sandboxes the page, without Node, with web security and the given preload', () => {
    const { webPreferences } = create().options;
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: preloadPath,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(webPreferences?.nodeIntegrationInWorker).not.toBe(true);
    expect(webPreferences?.nodeIntegrationInSubFrames).not.toBe(true);
    expect(webPreferences?.allowRunningInsecureContent).not.toBe(true);
    expect(webPreferences?.webviewTag).not.toBe(true);
  });

  it('loads exactly gloss://app/index.html, once', () => {
    const window = create();
    expect(window.loadURL).toHaveBeenCalledTimes(1);
    expect(window.loadURL).toHaveBeenCalledWith('gloss://app/index.html');
  });

  it('starts hidden and shows the window when it is ready to show', () => {
    const window = create();
    expect(window.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('paints a dark background for dark mode and a light one otherwise', () => {
    const light = create(false).options.backgroundColor;
    FakeBrowserWindow.instances = [];
    const dark = create(true).options.backgroundColor;
    expect(light).toMatch(/^#[0-9a-f]{6}$/i);
    expect(dark).toMatch(/^#[0-9a-f]{6}$/i);
    const brightness = (hex: string) => [1, 3, 5].reduce((sum, at) => sum + parseInt(hex.slice(at, at + 2), 16), 0);
    expect(brightness(dark!)).toBeLessThan(brightness(light!));
  });
});

describe('hardenWebContents', () => {
  class FakeWebContents extends FakeEmitter {
    readonly setWindowOpenHandler = vi.fn();
  }
  let contents: FakeWebContents;

  beforeEach(() => {
    contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents);
  });

  function navigate(url: string) {
    const event = fakeEvent();
    contents.emit('will-navigate', event, url, false, true);
    return event;
  }

  it.each([
    'https://example.com',
    'https://example.com/gloss://app/index.html',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'gloss://other/index.html',
    'gloss://app.evil.example/index.html',
    'about:blank',
    'data:text/html,<h1>hi</h1>',
    'javascript:alert(1)',
  ])('prevents navigating to %s', (url) => {
    expect(navigate(url).preventDefault).toHaveBeenCalled();
  });

  it.each([
    'gloss://app/documents/6f1c1e8e-0000-4000-8000-0000000000e1/assets/x.png',
    'gloss://app/index.html?x',
    'gloss://app/?reload',
    'gloss://app/assets/index.js',
  ])('prevents navigating the window to another app URL, %s (the mocked electron module)', (url) => {
    expect(navigate(url).preventDefault).toHaveBeenCalled();
  });

  it('prevents navigating to an address it cannot parse, without throwing', () => {
    let event: ReturnType<typeof fakeEvent> | undefined;
    expect(() => (event = navigate('not a url'))).not.toThrow();
    expect(event?.preventDefault).toHaveBeenCalled();
  });

  it.each(['gloss://app/index.html', 'gloss://app/', 'gloss://app/index.html#notes'])(
    'lets the page navigate within the app to %s',
    (url) => {
      expect(navigate(url).preventDefault).not.toHaveBeenCalled();
    },
  );

  it.each(['https://example.com/', 'gloss://app/index.html'])('prevents every redirect, here to %s', (url) => {
    const event = fakeEvent();
    contents.emit('will-redirect', event, url, false, true);
    expect(contents.listenerCount('will-redirect')).toBeGreaterThan(0);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it.each(['https://example.com/', 'gloss://app/index.html', 'about:blank'])('denies opening a new window for %s', (url) => {
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    const openHandler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: unknown) => unknown;
    expect(openHandler({ url, frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } })).toEqual({
      action: 'deny',
    });
  });

  it('prevents attaching a webview', () => {
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, { preload: '/tmp/evil.js' }, { src: 'https://example.com/' });
    expect(contents.listenerCount('will-attach-webview')).toBeGreaterThan(0);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('restrictPermissions', () => {
  const permissions = [
    'media',
    'geolocation',
    'notifications',
    'midi',
    'midiSysex',
    'pointerLock',
    'fullscreen',
    'openExternal',
    'clipboard-read',
    'display-capture',
    'idle-detection',
    'hid',
    'serial',
    'usb',
    'unknown',
  ];
  let session: { setPermissionRequestHandler: Mock; setPermissionCheckHandler: Mock };

  beforeEach(() => {
    session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    restrictPermissions(session as unknown as Session);
  });

  it('installs both a request handler and a check handler', () => {
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(session.setPermissionRequestHandler.mock.calls[0]![0]).toBeTypeOf('function');
    expect(session.setPermissionCheckHandler.mock.calls[0]![0]).toBeTypeOf('function');
  });

  it.each(permissions)('answers a request for %s with false, once', (permission) => {
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]![0] as Listener;
    const callback = vi.fn();
    requestHandler({}, permission, callback, { requestingUrl: 'gloss://app/index.html', isMainFrame: true });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(permissions)('answers a check for %s with false', (permission) => {
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]![0] as Listener;
    expect(checkHandler({}, permission, 'gloss://app', { requestingUrl: 'gloss://app/index.html', isMainFrame: true })).toBe(false);
  });

  it.each([
    ['gloss://app/index.html', true],
    ['https://evil.example/', false],
    [undefined, false],
  ])('lets %s write plain text to the clipboard: %s', (requestingUrl, expected) => {
    const requestHandler = session.setPermissionRequestHandler.mock.calls[0]![0] as Listener;
    const checkHandler = session.setPermissionCheckHandler.mock.calls[0]![0] as Listener;
    const callback = vi.fn();
    requestHandler({}, 'clipboard-sanitized-write', callback, { requestingUrl, isMainFrame: true });
    expect(callback).toHaveBeenCalledWith(expected);
    expect(checkHandler({}, 'clipboard-sanitized-write', 'gloss://app', { requestingUrl, isMainFrame: true })).toBe(expected);
  });
});

describe('registerAppScheme', () => {
  it("registers 'gloss' as a standard, secure scheme before the app is ready", () => {
    const registerSchemesAsPrivileged = vi.fn();
    registerAppScheme({ registerSchemesAsPrivileged } as unknown as Protocol);
    expect(registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    const [schemes] = registerSchemesAsPrivileged.mock.calls[0]!;
    expect(schemes).toEqual([{ scheme: 'gloss', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });
});

describe('serveRenderer', () => {
  let parentDir: string;
  let rendererDir: string;
  let handler: (request: Request) => Promise<Response>;
  let handle: Mock;
  const indexHtml = '<!doctype html><meta charset="utf-8"><title>Gloss — “reader”</title>';
  const secret = 'root:x:0:0:the file outside the renderer folder';

  beforeEach(async () => {
    parentDir = await mkdtemp(join(tmpdir(), 'gloss-protocol-'));
    rendererDir = join(parentDir, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), indexHtml);
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {};');
    await writeFile(join(parentDir, 'passwd'), secret);
    handle = vi.fn();
    serveRenderer({ handle } as unknown as Protocol, rendererDir, join(parentDir, 'data'));
    handler = handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
  });

  afterEach(async () => {
    await rm(parentDir, { recursive: true, force: true });
  });

  it("registers one handler, for the 'gloss' scheme", () => {
    expect(handle).toHaveBeenCalledTimes(1);
    expect(handle).toHaveBeenCalledWith('gloss', expect.any(Function));
  });

  it('answers gloss://app/index.html with status 200, the CSP header and the file', async () => {
    const response = await handler(new Request('gloss://app/index.html'));
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toBe(indexHtml);
  });

  it('answers a script with status 200 and a JavaScript content type', async () => {
    const response = await handler(new Request('gloss://app/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toBe('export {};');
  });

  it.each([
    'gloss://app/..%2F..%2Fetc%2Fpasswd',
    'gloss://app/..%2Fpasswd',
    'gloss://app/%2e%2e%2fpasswd',
    'gloss://app/assets/..%2F..%2Fpasswd',
  ])('answers the traversal %s with 404 and the CSP header, not the file outside', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await response.text()).not.toContain(secret);
  });

  it('answers a missing file with 404', async () => {
    const response = await handler(new Request('gloss://app/missing.html'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it('answers another gloss host with 404, even for a file that exists', async () => {
    const response = await handler(new Request('gloss://other/index.html'));
    expect(response.status).toBe(404);
  });
});

describe('readClipboard', () => {
  /** A clipboard holding items as Electron 45's asynchronous clipboard gives them: types, and Blobs by type. */
  function fakeClipboard(items: Record<string, string | { title: string; url: string }>[]): Pick<Electron.Clipboard, 'read'> {
    const clipboardItems = items.map((content) => ({
      types: Object.keys(content),
      getType: async (type: string) => {
        const value = content[type]!;
        return typeof value === 'string' ? new Blob([value], { type }) : value;
      },
    }));
    return { read: async () => clipboardItems as unknown as Electron.ClipboardItem[] };
  }

  it('reads each type from the first item that has it, as text, in one read of the clipboard', async () => {
    const clipboard = fakeClipboard([{ 'text/plain': 'plain' }, { 'text/html': '<p>rich</p>', 'text/plain': 'second' }]);
    const read = vi.spyOn(clipboard, 'read');
    expect(await readClipboard(clipboard, ['text/html', 'text/plain'])).toEqual(
      new Map([
        ['text/html', '<p>rich</p>'],
        ['text/plain', 'plain'],
      ]),
    );
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('leaves out a type nothing on the clipboard has, and a bookmark', async () => {
    const clipboard = fakeClipboard([
      { 'text/plain': 'plain', 'electron application/bookmark': { title: 'T', url: 'https://example.com' } },
    ]);
    expect(await readClipboard(clipboard, ['text/markdown', 'electron application/bookmark', 'text/plain'])).toEqual(
      new Map([['text/plain', 'plain']]),
    );
    expect(await readClipboard(fakeClipboard([]), ['text/plain'])).toEqual(new Map());
  });
});

describe('menuTemplate', () => {
  const fileMenu = (template: MenuItemConstructorOptions[]) => template.find((item) => item.label === 'File');
  const roles = (items: MenuItemConstructorOptions['submenu']) => (Array.isArray(items) ? items.map((item) => item.role) : []);

  it('starts with the app menu on macOS', () => {
    const template = menuTemplate('darwin', () => undefined);
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(template.filter((item) => item.role === 'appMenu')).toHaveLength(1);
  });

  it('closes the window from the File menu on macOS, where Quit lives in the app menu', () => {
    expect(roles(fileMenu(menuTemplate('darwin', () => undefined))?.submenu)).toContain('close');
  });

  it.each(['linux', 'win32'] as const)('has a File menu with Quit and no app menu on %s', (platform) => {
    const template = menuTemplate(platform, () => undefined);
    expect(fileMenu(template)).toBeDefined();
    expect(roles(fileMenu(template)?.submenu)).toContain('quit');
    expect(template.some((item) => item.role === 'appMenu')).toBe(false);
  });

  it.each(['darwin', 'linux', 'win32'] as const)('offers the edit, window and zoom commands on %s', (platform) => {
    const template = menuTemplate(platform, () => undefined);
    const topRoles = template.map((item) => item.role);
    expect(topRoles).toEqual(expect.arrayContaining(['editMenu', 'windowMenu']));
    const view = template.find((item) => item.label === 'View');
    expect(roles(view?.submenu)).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
  });
});

/**
 * main/index.ts runs at import time, so each test builds a fresh fake Electron,
 * registers it with vi.doMock, and imports the module anew.
 */
describe('main/index.ts lifecycle', () => {
  type Ready = 'never' | 'resolved' | 'rejected';

  function fakeElectron(options: { lock: boolean; ready: Ready }) {
    const appEvents = new FakeEmitter();
    const app = {
      on: appEvents.on,
      once: appEvents.once,
      getPath: vi.fn((name: string) => resolve('/electron-default', name)),
      setPath: vi.fn(),
      getAppPath: vi.fn(() => resolve('/opt/gloss/app')),
      getVersion: vi.fn(() => '0.1.0'),
      requestSingleInstanceLock: vi.fn(() => options.lock),
      quit: vi.fn(),
      exit: vi.fn(),
      whenReady: vi.fn(() =>
        options.ready === 'resolved'
          ? Promise.resolve()
          : options.ready === 'rejected'
            ? Promise.reject(new Error('GPU process failed'))
            : new Promise<void>(() => undefined),
      ),
    };
    const BrowserWindowSpy = vi.fn();
    class BrowserWindow extends FakeBrowserWindow {
      constructor(windowOptions: Electron.BrowserWindowConstructorOptions) {
        super(windowOptions);
        BrowserWindowSpy(windowOptions);
      }
    }
    const electron = {
      app,
      BrowserWindow,
      ipcMain: { handle: vi.fn() },
      Menu: { buildFromTemplate: vi.fn((template: unknown[]) => ({ builtFrom: template })), setApplicationMenu: vi.fn() },
      nativeTheme: { shouldUseDarkColors: false },
      protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
      session: { defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() } },
      shell: { openExternal: vi.fn(async () => undefined) },
    };
    return { electron, app, appEvents, BrowserWindowSpy };
  }

  function fakeService() {
    let finishFlush: () => void = () => undefined;
    const service = {
      getLibrary: vi.fn(),
      openDocument: vi.fn(),
      saveReadingPosition: vi.fn(),
      openExternal: vi.fn(),
      close: vi.fn(() => new Promise<void>((done) => (finishFlush = done))),
    };
    return { service, finishFlush: () => finishFlush() };
  }

  const originalArgv = process.argv;
  const dataDir = resolve('/tmp/gloss-lifecycle-data');

  beforeEach(() => {
    FakeBrowserWindow.instances = [];
    process.argv = ['/opt/gloss/gloss', '/opt/gloss/app', '--data-dir', dataDir];
    vi.stubEnv('GLOSS_DATA_DIR', '');
    vi.resetModules();
  });

  afterEach(() => {
    process.argv = originalArgv;
    vi.unstubAllEnvs();
    vi.doUnmock('electron');
    vi.doUnmock('../../main/core/service');
    vi.restoreAllMocks();
  });

  async function start(options: { lock: boolean; ready: Ready }) {
    const fake = fakeElectron(options);
    const { service, finishFlush } = fakeService();
    const createGlossService = vi.fn(() => service);
    vi.doMock('electron', () => ({ ...fake.electron, default: fake.electron }));
    vi.doMock('../../main/core/service', () => ({ createGlossService }));
    await import('../../main/index');
    await settle();
    return { ...fake, service, finishFlush, createGlossService };
  }

  describe('when another instance holds the lock', () => {
    it('quits and never creates a window, even once Electron is ready', async () => {
      const { app, BrowserWindowSpy, electron, createGlossService } = await start({ lock: false, ready: 'resolved' });
      expect(app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
      expect(app.quit).toHaveBeenCalledTimes(1);
      expect(BrowserWindowSpy).not.toHaveBeenCalled();
      expect(electron.ipcMain.handle).not.toHaveBeenCalled();
      expect(electron.protocol.handle).not.toHaveBeenCalled();
      expect(createGlossService).not.toHaveBeenCalled();
    });

    it('registers none of the running-instance handlers', async () => {
      const { appEvents } = await start({ lock: false, ready: 'never' });
      for (const event of ['second-instance', 'window-all-closed', 'will-quit', 'web-contents-created']) {
        expect(appEvents.listenerCount(event)).toBe(0);
      }
    });
  });

  describe('when the lock is granted', () => {
    it('puts userData in the --data-dir folder and sessionData in its .chromium subfolder', async () => {
      const { app } = await start({ lock: true, ready: 'never' });
      expect(app.setPath).toHaveBeenCalledWith('userData', dataDir);
      expect(app.setPath).toHaveBeenCalledWith('sessionData', join(dataDir, '.chromium'));
      expect(app.quit).not.toHaveBeenCalled();
    });

    it('moves userData before taking the lock, since the lock lives in userData', async () => {
      const { app } = await start({ lock: true, ready: 'never' });
      const setUserData = app.setPath.mock.calls.findIndex(([name]) => name === 'userData');
      expect(setUserData).toBeGreaterThanOrEqual(0);
      expect(app.setPath.mock.invocationCallOrder[setUserData]!).toBeLessThan(app.requestSingleInstanceLock.mock.invocationCallOrder[0]!);
    });

    it('registers the gloss scheme as privileged before the app is ready', async () => {
      const { electron } = await start({ lock: true, ready: 'never' });
      expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
      expect(electron.protocol.registerSchemesAsPrivileged.mock.calls[0]![0]).toEqual([
        { scheme: 'gloss', privileges: expect.objectContaining({ standard: true, secure: true }) },
      ]);
    });

    it('opens the library service on the --data-dir folder', async () => {
      const { createGlossService } = await start({ lock: true, ready: 'never' });
      expect(createGlossService).toHaveBeenCalledTimes(1);
      expect(createGlossService).toHaveBeenCalledWith(expect.objectContaining({ dataDir }));
      // Imports do their heavy work in the worker thread built beside index.js, not on the main process's event loop.
      expect(createGlossService).toHaveBeenCalledWith(
        expect.objectContaining({ importWork: expect.objectContaining({ convert: expect.any(Function), plan: expect.any(Function) }) }),
      );
      // The library is read while the window loads, not after the page first asks for it.
      expect(createGlossService).toHaveBeenCalledWith(expect.objectContaining({ openLibraryAtOnce: true }));
    });

    it("registers 'second-instance', 'window-all-closed' and 'will-quit' handlers, once each", async () => {
      const { appEvents } = await start({ lock: true, ready: 'never' });
      for (const event of ['second-instance', 'window-all-closed', 'will-quit']) {
        expect(appEvents.listenerCount(event)).toBe(1);
      }
    });

    it('creates no window before Electron is ready', async () => {
      const { BrowserWindowSpy, electron } = await start({ lock: true, ready: 'never' });
      expect(BrowserWindowSpy).not.toHaveBeenCalled();
      expect(electron.ipcMain.handle).not.toHaveBeenCalled();
    });

    it('quits when the last window closes', async () => {
      const { app, appEvents } = await start({ lock: true, ready: 'never' });
      appEvents.emit('window-all-closed');
      expect(app.quit).toHaveBeenCalledTimes(1);
    });

    it('hardens every web contents Electron creates', async () => {
      const { appEvents } = await start({ lock: true, ready: 'never' });
      const contents = Object.assign(new FakeEmitter(), { setWindowOpenHandler: vi.fn() });
      appEvents.emit('web-contents-created', fakeEvent(), contents);
      expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
      const navigation = fakeEvent();
      contents.emit('will-navigate', navigation, 'https://example.com/');
      expect(navigation.preventDefault).toHaveBeenCalled();
    });

    it('holds the first quit until every write is flushed, then quits', async () => {
      const { app, appEvents, service, finishFlush } = await start({ lock: true, ready: 'never' });
      const firstQuit = fakeEvent();
      appEvents.emit('will-quit', firstQuit);
      expect(firstQuit.preventDefault).toHaveBeenCalledTimes(1);
      expect(service.close).toHaveBeenCalledTimes(1);
      await settle();
      expect(app.quit).not.toHaveBeenCalled();

      finishFlush();
      await settle();
      expect(app.quit).toHaveBeenCalledTimes(1);
    });

    it('lets the quit after the flush go through without flushing again', async () => {
      const { appEvents, service, finishFlush } = await start({ lock: true, ready: 'never' });
      appEvents.emit('will-quit', fakeEvent());
      finishFlush();
      await settle();

      const secondQuit = fakeEvent();
      appEvents.emit('will-quit', secondQuit);
      expect(secondQuit.preventDefault).not.toHaveBeenCalled();
      expect(service.close).toHaveBeenCalledTimes(1);
    });

    it('ignores a second instance while there is no window', async () => {
      const { appEvents } = await start({ lock: true, ready: 'never' });
      expect(() => appEvents.emit('second-instance', fakeEvent(), [], '/')).not.toThrow();
    });
  });

  describe('once Electron is ready', () => {
    it("serves the renderer on the 'gloss' scheme", async () => {
      const { electron } = await start({ lock: true, ready: 'resolved' });
      expect(electron.protocol.handle).toHaveBeenCalledTimes(1);
      expect(electron.protocol.handle).toHaveBeenCalledWith('gloss', expect.any(Function));
    });

    it('registers one IPC handler per bridge channel', async () => {
      const { electron } = await start({ lock: true, ready: 'resolved' });
      expect(electron.ipcMain.handle).toHaveBeenCalledTimes(Object.values(channels).length);
      expect(electron.ipcMain.handle.mock.calls.map(([channel]) => channel).sort()).toEqual(Object.values(channels).sort());
    });

    it('sets the application menu built from the template for this platform', async () => {
      const { electron } = await start({ lock: true, ready: 'resolved' });
      // Click handlers differ by identity; the menu's structure must be the template's.
      const built = electron.Menu.buildFromTemplate.mock.calls[0]![0] as unknown;
      expect(JSON.parse(JSON.stringify(built))).toEqual(JSON.parse(JSON.stringify(menuTemplate(process.platform, () => undefined))));
      expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
      expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(electron.Menu.buildFromTemplate.mock.results[0]!.value);
    });

    it('denies every permission on the default session', async () => {
      const { electron } = await start({ lock: true, ready: 'resolved' });
      const { setPermissionRequestHandler, setPermissionCheckHandler } = electron.session.defaultSession;
      expect(setPermissionRequestHandler).toHaveBeenCalledTimes(1);
      const callback = vi.fn();
      (setPermissionRequestHandler.mock.calls[0]![0] as Listener)({}, 'media', callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect((setPermissionCheckHandler.mock.calls[0]![0] as Listener)({}, 'media', 'gloss://app', {})).toBe(false);
    });

    it('creates one secure window on the app page with the built preload', async () => {
      const { BrowserWindowSpy } = await start({ lock: true, ready: 'resolved' });
      expect(BrowserWindowSpy).toHaveBeenCalledTimes(1);
      const window = FakeBrowserWindow.instances[0]!;
      expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(window.options.webPreferences?.preload).toMatch(/[\\/]preload[\\/]index\.cjs$/);
      expect(window.loadURL).toHaveBeenCalledWith('gloss://app/index.html');
    });

    it('brings the window back when a second instance starts', async () => {
      const { appEvents } = await start({ lock: true, ready: 'resolved' });
      const window = FakeBrowserWindow.instances[0]!;
      window.isMinimized.mockReturnValue(true);
      appEvents.emit('second-instance', fakeEvent(), [], '/');
      expect(window.restore).toHaveBeenCalledTimes(1);
      expect(window.focus).toHaveBeenCalledTimes(1);
    });

    it('focuses, without restoring, a window that is not minimized', async () => {
      const { appEvents } = await start({ lock: true, ready: 'resolved' });
      const window = FakeBrowserWindow.instances[0]!;
      appEvents.emit('second-instance', fakeEvent(), [], '/');
      expect(window.restore).not.toHaveBeenCalled();
      expect(window.focus).toHaveBeenCalledTimes(1);
    });

    it('forgets the window once it is closed', async () => {
      const { appEvents } = await start({ lock: true, ready: 'resolved' });
      const window = FakeBrowserWindow.instances[0]!;
      window.emit('closed');
      appEvents.emit('second-instance', fakeEvent(), [], '/');
      expect(window.focus).not.toHaveBeenCalled();
    });
  });

  it('exits with status 2, saying why in one sentence, when --data-dir names no folder, and opens no library', async () => {
    process.argv = ['/opt/gloss/gloss', '/opt/gloss/app', '--data-dir='];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { app, createGlossService } = await start({ lock: true, ready: 'resolved' });
    expect(app.exit).toHaveBeenCalledWith(2);
    expect(error).toHaveBeenCalledWith('Gloss cannot start: --data-dir needs a folder; it was given none.');
    expect(app.setPath).not.toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(createGlossService).not.toHaveBeenCalled();
  });

  it('exits with status 1 when Electron fails to become ready', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { app, BrowserWindowSpy } = await start({ lock: true, ready: 'rejected' });
    expect(app.exit).toHaveBeenCalledWith(1);
    expect(error).toHaveBeenCalled();
    expect(BrowserWindowSpy).not.toHaveBeenCalled();
  });
});

describe('holdCloseUntilPageFlushed', () => {
  function fakeWindow() {
    const events = new FakeEmitter();
    return Object.assign(events, { close: vi.fn(), isDestroyed: vi.fn(() => false) });
  }

  it('holds the first close, asks the page, and closes once the page is ready', () => {
    const window = fakeWindow();
    const askPage = vi.fn();
    const guard = holdCloseUntilPageFlushed(window as unknown as BrowserWindow, askPage, 10_000);
    const close = fakeEvent();
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalledTimes(1);
    expect(askPage).toHaveBeenCalledTimes(1);
    expect(window.close).not.toHaveBeenCalled();

    guard.pageReady();
    expect(window.close).toHaveBeenCalledTimes(1);
    const second = fakeEvent();
    window.emit('close', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('closes anyway when the page does not answer in time', async () => {
    vi.useFakeTimers();
    try {
      const window = fakeWindow();
      holdCloseUntilPageFlushed(window as unknown as BrowserWindow, vi.fn(), 3000);
      window.emit('close', fakeEvent());
      vi.advanceTimersByTime(2999);
      expect(window.close).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(window.close).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores a page saying it is ready when no close was asked for', () => {
    const window = fakeWindow();
    const guard = holdCloseUntilPageFlushed(window as unknown as BrowserWindow, vi.fn());
    guard.pageReady();
    expect(window.close).not.toHaveBeenCalled();
  });
});
