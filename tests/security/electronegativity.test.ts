import { readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, recordFigure } from '../support/figures';

/** What Electronegativity's programmatic API (its runner) returns; it ships no types. */
interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  manualReview: boolean;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
interface ScanOptions {
  input: string;
  isRelative: boolean;
  electronVersionOverride: string;
  excludeFromScan: string[];
}

interface AllowlistEntry {
  check: string;
  file: string;
  reason: string;
}

/**
 * Checks left out, each with why. AvailableSecurityFixesGlobalCheck downloads
 * Electron's release list from GitHub: the tests run offline, and which
 * Electron to ship is decided in package.json, not by a test.
 */
const excludedChecks = ['AvailableSecurityFixesGlobalCheck'];

const require = createRequire(import.meta.url);

/**
 * Loads Electronegativity's runner with its HTTP client replaced by one that
 * fails at once: the runner asks a web server for translations before every
 * scan (falling back to the bundled English), and a test must neither touch
 * the network nor wait for its timeout.
 */
function loadScanner(): (options: ScanOptions) => Promise<ScanResult> {
  const runnerPath = require.resolve('@doyensec/electronegativity/dist/runner.js');
  const runnerRequire = createRequire(runnerPath);
  const gotPath = runnerRequire.resolve('got');
  const offline = () => Promise.reject(new Error('Gloss tests run offline'));
  offline.head = offline;
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: { __esModule: true, default: offline },
  } as unknown as NodeJS.Module;
  return runnerRequire(runnerPath) as (options: ScanOptions) => Promise<ScanResult>;
}

const electronVersion = (
  JSON.parse(await readFile(join(projectRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
).version;
const allowlist = JSON.parse(
  await readFile(join(projectRoot, 'tests', 'security', 'electronegativity-allowlist.json'), 'utf8'),
) as AllowlistEntry[];
const scan = loadScanner();
const scratch: string[] = [];

/** Copies what ships (main, preload, the renderer's page and sources, package.json) into a folder of its own: the project root also holds tests, builds and node_modules. */
async function shippedSources(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'gloss-electronegativity-'));
  scratch.push(folder);
  for (const part of ['main', 'preload', 'renderer/src']) await cp(join(projectRoot, part), join(folder, part), { recursive: true });
  await cp(join(projectRoot, 'renderer', 'index.html'), join(folder, 'renderer', 'index.html'));
  await cp(join(projectRoot, 'package.json'), join(folder, 'package.json'));
  return folder;
}

const scanFolder = (input: string): Promise<ScanResult> =>
  scan({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: excludedChecks.map((name) => name.toLowerCase()),
  });

const key = (check: string, file: string): string => `${check} in ${file}`;

describe('Electronegativity over the shipped sources', () => {
  let result: ScanResult;
  let files = 0;

  beforeAll(async () => {
    const input = await shippedSources();
    files = readdirSync(input, { recursive: true }).filter((name) => /\.(ts|js|html)$/.test(String(name))).length;
    result = await scanFolder(input);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(scratch.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('parses every file it was given (a file it cannot parse is a file it did not check)', () => {
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
    expect(result.atomicChecks).toBeGreaterThan(30);
  });

  it('finds nothing that the allowlist does not justify, and the allowlist justifies nothing it no longer finds', () => {
    const allowed = new Map(allowlist.map((entry) => [key(entry.check, entry.file), entry]));
    const found = new Set(result.issues.map((issue) => key(issue.id, issue.file)));
    const unjustified = result.issues
      .filter((issue) => !allowed.has(key(issue.id, issue.file)))
      .map((issue) => `${issue.id} at ${issue.file}:${issue.location.line}: ${issue.description}`);
    const stale = [...allowed.keys()].filter((entry) => !found.has(entry));
    recordFigure('electronegativity', {
      line: `electronegativity: ${result.atomicChecks + result.globalChecks} checks over ${files} files, ${result.issues.length} findings, ${result.issues.length - unjustified.length} justified in the allowlist, ${unjustified.length} unjustified`,
      values: {
        checks: result.atomicChecks + result.globalChecks,
        files,
        findings: result.issues.length,
        unjustified: unjustified.length,
        stale: stale.length,
      },
    });
    expect(unjustified).toEqual([]);
    expect(stale).toEqual([]);
  });

  it('gives a reason for every allowlisted finding', () => {
    for (const entry of allowlist) expect(entry.reason.length, key(entry.check, entry.file)).toBeGreaterThan(40);
  });
});

describe('Electronegativity itself', () => {
  it('reports a window without isolation or sandbox, and an app that never limits navigation or permissions, so the scan above can fail', async () => {
    const input = await mkdtemp(join(tmpdir(), 'gloss-electronegativity-bad-'));
    scratch.push(input);
    await mkdir(join(input, 'main'));
    await writeFile(
      join(input, 'main', 'window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const bad = await scanFolder(input);
    // The last two are what Gloss's own will-navigate and permission handlers keep out of the scan above.
    expect(bad.issues.map((issue) => issue.id)).toEqual(
      expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      ]),
    );
  }, 60_000);
});
