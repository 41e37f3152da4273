import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { _electron, chromium, type Page } from 'playwright';
import { isAppUrl, serveAppAsset } from '../../main/core/app-assets';
import { createDispatcher } from '../../main/core/dispatch';
import { appWorkers } from '../../main/core/import/work';
import { StorageWriteError, type UnwritableCode } from '../../main/core/errors';
import { createGlossService } from '../../main/core/service';
import { searchWarmDelayMs, seedArticlePath } from '../../main/config';
import { menuTemplate } from '../../main/menu';
import { closeHandshakeTimeoutMs } from '../../main/window';
import { type EmitEvent, glossEvents, type GlossApi, type GlossMethod, type IpcResult } from '../../common/contract';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

export type Runtime = 'electron' | 'chromium';

export interface LaunchedApp {
  page: Page;
  dataDir: string;
  runtime: Runtime;
  /** Links the page asked main to open externally (recorded by the Chromium runtime; empty under Electron). */
  openedExternally: string[];
  /** Requests the page made outside the app's own origin (Chromium runtime; they are refused). */
  blockedRequests: string[];
  /** Answers the next save or folder dialog with `path` (null: the user cancels). */
  answerNextSaveDialog(path: string | null): Promise<void>;
  /** The system clipboard's text, as the user would paste it elsewhere. */
  readClipboard(): Promise<string>;
  /** Puts content on the system clipboard, by MIME type, as another application would copy it. */
  putOnClipboard(content: Record<string, string>): Promise<void>;
  /**
   * Makes every write fail as a full or read-only disk makes it fail (null:
   * writes work again). Chromium runtime only (main's service runs in the test
   * process there); undefined under Electron. As root, chmod cannot refuse writes.
   */
  refuseWrites?: (code: UnwritableCode | null) => void;
  /** Chooses an item of the application menu by its labels, e.g. ['File', 'Sync Library…'], as a click on it would. */
  chooseMenuItem(labels: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Reuse a data folder, e.g. to relaunch on what a previous launch saved. Default: a new temporary folder. */
  dataDir?: string;
  colorScheme?: 'light' | 'dark';
  /** How this instance names itself to the others in library sync (Chromium runtime; the Electron app uses the host name). */
  deviceName?: string;
}

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const buildDir = join(projectRoot, 'out');
export const chromiumExecutable = process.env.GLOSS_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for headless Chromium as root on a machine with no network. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Which runtime the specs use: GLOSS_E2E_RUNTIME if set, else Electron when its binary is installed. */
export function selectRuntime(): { runtime: Runtime; reason: string } {
  const forced = process.env.GLOSS_E2E_RUNTIME;
  if (forced === 'electron' || forced === 'chromium') return { runtime: forced, reason: 'GLOSS_E2E_RUNTIME' };
  const binary = findElectronBinary(projectRoot);
  return binary
    ? { runtime: 'electron', reason: `Electron binary at ${binary}` }
    : {
        runtime: 'chromium',
        reason: `no Electron binary installed; Debian Chromium at ${chromiumExecutable} with the bridge bound to main's handlers`,
      };
}

/** Starts Gloss on a data folder in the selected runtime. */
export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'gloss-e2e-data-')));
  const { runtime } = selectRuntime();
  return runtime === 'electron' ? launchElectron(dataDir, options) : launchChromium(dataDir, options);
}

async function launchElectron(dataDir: string, options: LaunchOptions): Promise<LaunchedApp> {
  const binary = findElectronBinary(projectRoot);
  if (!binary) throw new Error('GLOSS_E2E_RUNTIME=electron, but no Electron binary is installed (run npx install-electron).');
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const app = await _electron.launch({
    executablePath: binary,
    args: [...rootArgs, projectRoot, '--data-dir', dataDir],
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    page,
    dataDir,
    runtime: 'electron',
    openedExternally: [],
    blockedRequests: [],
    async answerNextSaveDialog(path) {
      // Replaces the dialogs in the app's main process for one answer.
      await app.evaluate(({ dialog }, answer) => {
        const reply = { canceled: answer === null, filePath: answer ?? undefined, filePaths: answer === null ? [] : [answer] };
        dialog.showSaveDialog = (async () => reply) as unknown as typeof dialog.showSaveDialog;
        dialog.showOpenDialog = (async () => reply) as unknown as typeof dialog.showOpenDialog;
      }, path);
    },
    // The app's page may not read the clipboard (restrictPermissions); main's clipboard module can.
    readClipboard: () => app.evaluate(({ clipboard }) => clipboard.readText()),
    putOnClipboard: (content) =>
      app.evaluate(({ clipboard, ClipboardItem }, items) => clipboard.write([new ClipboardItem(items)]), content),
    chooseMenuItem: (labels) =>
      app.evaluate(({ Menu }, path) => {
        let items = Menu.getApplicationMenu()?.items ?? [];
        let chosen: Electron.MenuItem | undefined;
        for (const label of path) {
          chosen = items.find((item) => item.label === label);
          items = chosen?.submenu?.items ?? [];
        }
        if (!chosen) throw new Error(`The menu has no item ${path.join(' › ')}`);
        chosen.click();
      }, labels),
    close: () => app.close(),
  };
}

/** The app's origin in the Chromium runtime; `*.localhost` is a secure context, like gloss://app. */
const chromiumAppOrigin = 'http://gloss.localhost';

async function launchChromium(dataDir: string, options: LaunchOptions): Promise<LaunchedApp> {
  const profileDir = await mkdtemp(join(tmpdir(), 'gloss-e2e-profile-'));
  const openedExternally: string[] = [];
  const blockedRequests: string[] = [];
  let nextDialogAnswer: string | null = null;
  let systemClipboard = new Map<string, string>();
  let pageReadyToClose: (() => void) | null = null;
  let page: Page | null = null;
  // Main's part: send each event to the page on its channel, as main's sendEventsTo does to the app's window.
  const emit: EmitEvent = (event, payload) =>
    void page?.evaluate(deliverEvent, { channel: glossEvents[event].channel, payload }).catch(() => undefined);
  // The built worker the app starts beside its main process: imports do their heavy work off this thread, as in the app.
  const workers = appWorkers(pathToFileURL(join(buildDir, 'main', 'import-worker.js')));
  // The very handlers main registers, over the same data folder layout.
  const service = createGlossService({
    dataDir,
    seedArticlePath: seedArticlePath(projectRoot),
    openExternal: async (url) => void openedExternally.push(url),
    chooseExportDestination: async () => nextDialogAnswer,
    // The system clipboard as main reads it; Chromium's own is the page's, which it may only write.
    readClipboard: async () => systemClipboard,
    appVersion: 'test',
    onReadyToClose: () => pageReadyToClose?.(),
    emit,
    vaultSyncDebounceMs: 100,
    ...(options.deviceName ? { deviceName: options.deviceName } : {}),
    importWork: workers.importWork,
    searchWork: workers.searchWork,
    warmSearchAfterMs: searchWarmDelayMs,
    exportWork: workers.exportWork,
    openLibraryAtOnce: true,
  });
  let refusal: UnwritableCode | null = null;
  const dispatch = createDispatcher(refusingWrites(service, dataDir, () => refusal));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumExecutable,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1280, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== chromiumAppOrigin) {
      blockedRequests.push(url);
      return route.abort('blockedbyclient');
    }
    const { status, headers, body } = await serveAppAsset(join(buildDir, 'renderer'), url, chromiumAppOrigin, dataDir);
    return route.fulfill({ status, headers, body });
  });
  // Results travel as JSON text: Playwright's own serialization walks every
  // value in JavaScript and takes seconds on a 1 MB document, where Electron's
  // structured clone takes milliseconds; a string crosses in one piece.
  await context.exposeBinding('__glossIpc', async ({ frame }, channel: unknown, args: unknown): Promise<string> => {
    const result: IpcResult<unknown> = isAppUrl(frame.url(), chromiumAppOrigin)
      ? await dispatch(String(channel), args)
      : { ok: false, error: { code: 'forbidden', message: 'Gloss answers only its own pages.' } };
    return JSON.stringify(result);
  });
  await context.addInitScript({ content: await preloadShim() });
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${chromiumAppOrigin}/index.html`);
  const openedPage = page;
  return {
    page: openedPage,
    dataDir,
    runtime: 'chromium',
    openedExternally,
    blockedRequests,
    async answerNextSaveDialog(path) {
      nextDialogAnswer = path;
    },
    async putOnClipboard(content) {
      systemClipboard = new Map(Object.entries(content));
    },
    async readClipboard() {
      // Reading is granted to the test only, here; the page itself is only ever allowed to write.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: chromiumAppOrigin });
      return openedPage.evaluate(() => navigator.clipboard.readText());
    },
    refuseWrites(code) {
      refusal = code;
    },
    async chooseMenuItem(labels) {
      // The menu main builds, its commands sent to the page as main's window would send them.
      const template = menuTemplate(process.platform, (command) => emit('menuCommand', command));
      let items = template;
      let chosen: (typeof template)[number] | undefined;
      for (const label of labels) {
        chosen = items.find((item) => item.label === label);
        items = Array.isArray(chosen?.submenu) ? chosen.submenu : [];
      }
      if (!chosen?.click) throw new Error(`The menu has no item ${labels.join(' › ')}`);
      // Gloss's own items ignore the menu item, window and event Electron passes.
      (chosen.click as () => void)();
    },
    async close() {
      // The same handshake as the app's window: ask the page to hand over its pending writes, then close.
      const handedOver = new Promise<void>((resolve) => (pageReadyToClose = resolve));
      await openedPage.evaluate(deliverEvent, { channel: glossEvents.closeRequested.channel, payload: null }).catch(() => undefined);
      await Promise.race([handedOver, new Promise((resolve) => setTimeout(resolve, closeHandshakeTimeoutMs))]);
      await context.close();
      await service.close();
      await workers.close();
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** Runs in the page: delivers an event as main's webContents.send would (see preloadShim). */
function deliverEvent({ channel, payload }: { channel: string; payload: unknown }): void {
  (window as unknown as { __glossEmit(channel: string, payload: unknown): void }).__glossEmit(channel, payload);
}

/** The methods that write to the data folder. */
const writingMethods: ReadonlySet<GlossMethod> = new Set([
  'saveReadingPosition',
  'putHighlight',
  'deleteHighlight',
  'updateAnchors',
  'setDocumentNote',
  'saveDocumentBody',
  'importDocuments',
  'editDocumentMetadata',
  'deleteDocument',
  'restoreDocument',
  'saveSettings',
]);

/**
 * `service`, except that while `refusal()` names a system error its writing
 * methods fail with the typed error main's storage gives for that error
 * (tests/main/core/storage/disk-full.test.ts proves storage does), and change nothing.
 */
function refusingWrites<T extends GlossApi>(service: T, dataDir: string, refusal: () => UnwritableCode | null): T {
  return new Proxy(service, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      const code = refusal();
      if (code === null || typeof key !== 'string' || !writingMethods.has(key as GlossMethod)) return value;
      return async () => {
        throw new StorageWriteError(join(dataDir, 'documents'), code);
      };
    },
  });
}

/**
 * Runs the built preload (out/preload/index.cjs) in the page with a stand-in
 * for the `electron` module whose ipcRenderer.invoke goes to the bound
 * handlers, so the bridge under test is the one the app ships.
 */
async function preloadShim(): Promise<string> {
  const preload = await readFile(join(buildDir, 'preload', 'index.cjs'), 'utf8');
  return `(() => {
    const electron = {
      contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: true }) },
      ipcRenderer: {
        invoke: async (channel, ...args) => JSON.parse(await window.__glossIpc(channel, args)),
        on: (channel, listener) => listenersOf(channel).add(listener),
        removeListener: (channel, listener) => listenersOf(channel).delete(listener),
      },
    };
    // The harness plays main's part in sending events (see emit and close()).
    const listeners = new Map();
    const listenersOf = (channel) => listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel);
    Object.defineProperty(window, '__glossEmit', {
      value: (channel, payload) => listenersOf(channel).forEach((listener) => listener({}, payload)),
    });
    const require = (name) => { if (name === 'electron') return electron; throw new Error('preload may not require ' + name); };
    const module = { exports: {} };
    (function (require, module, exports) {\n${preload}\n})(require, module, module.exports);
  })();`;
}
