import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { channels, glossEvents, subscriberName } from '../../common/contract';
import { createMainWindow } from '../../main/window';
import { projectRoot, recordFigure } from '../support/figures';

/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security),
 * item by item, with the tests that prove Gloss follows it. Each proof names a
 * test file and a test title in it; the map is checked against the files, so
 * a renamed or removed test breaks it. Items that cannot apply say why.
 */
interface Proof {
  file: string;
  test: string;
}
interface ChecklistItem {
  item: string;
  proofs: Proof[];
  /** Why the item does not apply (then there are no proofs). */
  notApplicable?: string;
}

const glue = 'tests/main/glue.test.ts';
const here = 'tests/security/checklist.test.ts';
const hostile = 'tests/e2e/hostile-input.spec.ts';

export const checklist: ChecklistItem[] = [
  {
    item: '1. Only load secure content',
    proofs: [
      { file: glue, test: 'loads exactly gloss://app/index.html, once' },
      { file: 'tests/main/app-assets.test.ts', test: 'allows no inline or evaluated code and no remote images' },
      { file: hostile, test: 'reach nothing outside the app' },
    ],
  },
  {
    item: '2. Do not enable Node.js integration for remote content',
    proofs: [
      { file: glue, test: 'isolates and sandboxes the page, without Node, with web security and the given preload' },
      { file: 'tests/e2e/first-run.spec.ts', test: 'the renderer sees the typed bridge and no Node or Electron internals' },
    ],
  },
  { item: '3. Enable context isolation', proofs: [{ file: glue, test: 'isolates and sandboxes the page' }] },
  { item: '4. Enable process sandboxing', proofs: [{ file: glue, test: 'isolates and sandboxes the page' }] },
  {
    item: '5. Handle session permission requests from remote content',
    proofs: [
      { file: glue, test: 'answers a request for %s with false, once' },
      { file: glue, test: 'answers a check for %s with false' },
      { file: glue, test: 'denies every permission on the default session' },
    ],
  },
  { item: '6. Do not disable webSecurity', proofs: [{ file: glue, test: 'with web security' }] },
  {
    item: '7. Define a Content Security Policy',
    proofs: [
      { file: 'tests/main/app-assets.test.ts', test: 'sets %s to %j' },
      { file: glue, test: 'answers gloss://app/index.html with status 200, the CSP header and the file' },
      { file: 'tests/e2e/first-run.spec.ts', test: 'the page runs no inline script: the Content-Security-Policy is in force' },
    ],
  },
  { item: '8. Do not enable allowRunningInsecureContent', proofs: [{ file: glue, test: 'isolates and sandboxes the page' }] },
  { item: '9. Do not enable experimental features', proofs: [{ file: here, test: 'enables no experimental or extra Blink features' }] },
  { item: '10. Do not use enableBlinkFeatures', proofs: [{ file: here, test: 'enables no experimental or extra Blink features' }] },
  {
    item: '11. <webview>: do not use allowpopups',
    proofs: [{ file: glue, test: 'prevents attaching a webview' }],
  },
  {
    item: '12. <webview>: verify options and params',
    proofs: [
      { file: glue, test: 'prevents attaching a webview' },
      { file: 'tests/renderer/markdown.test.ts', test: 'removes a <%s> element' },
    ],
  },
  {
    item: '13. Disable or limit navigation',
    proofs: [
      { file: glue, test: 'prevents navigating to %s' },
      { file: glue, test: 'prevents every redirect, here to %s' },
      { file: glue, test: 'hardens every web contents Electron creates' },
      { file: hostile, test: 'hostile documents, notes and tags run nothing' },
    ],
  },
  {
    item: '14. Disable or limit creation of new windows',
    proofs: [
      { file: glue, test: 'denies opening a new window for %s' },
      { file: hostile, test: 'hostile documents, notes and tags run nothing' },
    ],
  },
  {
    item: '15. Do not use shell.openExternal with untrusted content',
    proofs: [
      { file: 'tests/main/core/service.test.ts', test: 'hands on the link it checked, not the raw string with a tab hidden in the scheme' },
      { file: 'tests/main/core/service.test.ts', test: 'quotes a refused link in its message only in part' },
      { file: hostile, test: 'hostile documents, notes and tags run nothing' },
    ],
  },
  {
    item: '16. Use a current version of Electron',
    proofs: [{ file: here, test: 'ships the Electron major the security settings were reviewed against, or newer' }],
  },
  {
    item: '17. Validate the sender of all IPC messages',
    proofs: [{ file: glue, test: 'refuses a call from %s with a forbidden error and never dispatches it' }],
  },
  {
    item: '18. Avoid usage of the file:// protocol and prefer usage of custom protocols',
    proofs: [
      { file: glue, test: "registers 'gloss' as a standard, secure scheme before the app is ready" },
      { file: glue, test: 'loads exactly gloss://app/index.html, once' },
      { file: 'tests/scripts/fuses.test.ts', test: 'sets %s to %s' },
    ],
  },
  {
    item: '19. Check which fuses you can change',
    proofs: [
      { file: 'tests/scripts/fuses.test.ts', test: 'decides every fuse this Electron has, and insists on it when packaging' },
      { file: 'tests/scripts/fuses.test.ts', test: 'writes the configured state into the fuse wire and nothing else' },
    ],
  },
  {
    item: '20. Do not expose Electron APIs to untrusted web content',
    proofs: [
      { file: here, test: 'the preload exposes one frozen object of bridge methods, and never the IPC event' },
      { file: 'tests/e2e/first-run.spec.ts', test: 'the renderer sees the typed bridge and no Node or Electron internals' },
    ],
  },
  // Beyond Electron's list, what issue #6 asks for.
  {
    item: 'Gloss: every IPC argument is validated',
    proofs: [
      { file: 'tests/main/core/ipc-fuzz.test.ts', test: 'broken calls to %s are answered with a typed error and change nothing' },
      { file: 'tests/main/core/dispatch.test.ts', test: 'does not echo a huge unknown channel name back in full' },
    ],
  },
  {
    item: 'Gloss: rendered Markdown and exports are sanitized',
    proofs: [
      { file: 'tests/security/hostile-payloads.test.ts', test: 'renders inert: no script, handler, style, embedding or hostile URL' },
      { file: 'tests/security/hostile-payloads.test.ts', test: 'is inert once parsed' },
      { file: hostile, test: 'hostile documents, notes and tags run nothing' },
    ],
  },
  {
    item: 'Gloss: static analysis (Electronegativity) finds nothing unjustified',
    proofs: [{ file: 'tests/security/electronegativity.test.ts', test: 'finds nothing that the allowlist does not justify' }],
  },
];

/** The Electron major whose defaults and options were reviewed for this checklist. */
const reviewedElectronMajor = 45;

describe('the security checklist map', () => {
  it.each(checklist.filter((entry) => !entry.notApplicable).map((entry) => [entry.item, entry] as const))(
    '%s is proved by tests that exist',
    async (_item, entry) => {
      expect(entry.proofs.length).toBeGreaterThan(0);
      for (const proof of entry.proofs) {
        const text = await readFile(join(projectRoot, proof.file), 'utf8');
        // The title as written in the file: a quoted string, so a stray mention in a comment does not count.
        expect(text, `${proof.file}: “${proof.test}”`).toMatch(
          new RegExp(`(?:it|test)(?:\\.each\\([^]*?\\))?\\(\\s*[\`'"][^\`'"]*${escapeRegExp(proof.test)}`),
        );
      }
    },
  );

  it('covers all twenty items of Electron’s list', async () => {
    const numbered = checklist.filter((entry) => /^\d+\./.test(entry.item));
    expect(numbered.map((entry) => Number.parseInt(entry.item, 10))).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
    const tests = new Set(checklist.flatMap((entry) => entry.proofs.map((proof) => `${proof.file} ${proof.test}`)));
    recordFigure('security-checklist', {
      line: `security checklist: ${checklist.length} items (${numbered.length} from Electron's list, ${checklist.length - numbered.length} from issue #6), ${checklist.filter((entry) => entry.proofs.length > 0).length} tested by ${tests.size} distinct tests, ${checklist.filter((entry) => entry.notApplicable).length} not applicable`,
      values: { items: checklist.length, tested: checklist.filter((entry) => entry.proofs.length > 0).length, tests: tests.size },
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The tests below fill gaps in the map: items no other test covered.

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'answer' })), on: vi.fn(), removeListener: vi.fn() },
}));

describe('the window', () => {
  it('enables no experimental or extra Blink features', () => {
    let options: Electron.BrowserWindowConstructorOptions | undefined;
    class FakeWindow {
      constructor(given: Electron.BrowserWindowConstructorOptions) {
        options = given;
      }
      once(): void {}
      async loadURL(): Promise<void> {}
    }
    createMainWindow(FakeWindow as unknown as typeof BrowserWindow, { preloadPath: '/preload.cjs', darkBackground: false });
    const preferences = options?.webPreferences ?? {};
    expect(preferences.experimentalFeatures).not.toBe(true);
    expect(preferences.enableBlinkFeatures).toBeUndefined();
    expect(preferences.nodeIntegrationInSubFrames).not.toBe(true);
    expect(preferences.webviewTag).not.toBe(true);
  });
});

describe('the preload', () => {
  it('the preload exposes one frozen object of bridge methods, and never the IPC event', async () => {
    const electron = await import('electron');
    await import('../../preload/index');
    const expose = vi.mocked(electron.contextBridge.exposeInMainWorld);
    expect(expose).toHaveBeenCalledTimes(1);
    const [key, api] = expose.mock.calls[0]! as [string, Record<string, (...args: unknown[]) => unknown>];
    expect(key).toBe('gloss');
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(channels), ...Object.keys(glossEvents).map(subscriberName)].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');

    await expect(api.getLibrary!()).resolves.toEqual({ ok: true, value: 'answer' });
    expect(vi.mocked(electron.ipcRenderer.invoke)).toHaveBeenCalledWith(channels.getLibrary);

    const heard: unknown[][] = [];
    api.onMenuCommand!((...args: unknown[]) => heard.push(args));
    const [channel, forward] = vi.mocked(electron.ipcRenderer.on).mock.calls[0]! as [string, (...args: unknown[]) => void];
    expect(channel).toBe(glossEvents.menuCommand.channel);
    forward({ sender: { send: () => undefined }, senderFrame: {} }, 'export');
    expect(heard).toEqual([['export']]);
    // A payload that does not fit the event's schema never reaches the page.
    forward({ sender: { send: () => undefined }, senderFrame: {} }, 'format-disk');
    expect(heard).toEqual([['export']]);
  });
});

describe('Electron', () => {
  it('ships the Electron major the security settings were reviewed against, or newer', async () => {
    const { version } = JSON.parse(await readFile(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(Number.parseInt(version, 10)).toBeGreaterThanOrEqual(reviewedElectronMajor);
  });
});
