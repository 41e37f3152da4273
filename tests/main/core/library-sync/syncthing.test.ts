/**
 * Library sync over a real engine: two Syncthing daemons on 127.0.0.1, each
 * with its own home and its own copy of the sync folder, and two Gloss data
 * folders. Discovery, relays and NAT traversal are off; the daemons know each
 * other by static address. Both sides edit while the folder is paused on both
 * daemons (as if offline), then it is resumed: both libraries must converge,
 * with every edit kept, within a bounded time.
 *
 * Skipped, saying why, when the `syncthing` command is missing
 * (`apt-get install -y syncthing`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concurrentNoteSeparator } from '../../../../main/core/library-sync/merge';
import type { GlossService } from '../../../../main/core/service';
import { recordFigure } from '../../../support/figures';
import { glossAt, highlightOf, libraryContents } from './devices';

const syncthingPath = ['/usr/bin/syncthing', '/usr/local/bin/syncthing'].find((path) => existsSync(path));
if (!syncthingPath) console.log('Skipping the Syncthing sync test: the syncthing command is not installed (apt-get install -y syncthing).');

const folderId = 'gloss-library';
/** Every wait is bounded; the whole exchange must fit well inside the test's timeout. */
const convergenceLimitMs = 90_000;

interface Daemon {
  name: string;
  home: string;
  folder: string;
  deviceId: string;
  apiKey: string;
  guiPort: number;
  listenPort: number;
  process: ChildProcess | null;
  log: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function generate(parent: string, name: string): Promise<Daemon> {
  const home = join(parent, `${name}-syncthing`);
  // It prints the device id on one stream and its progress on the other: read both.
  const { stdout, stderr } = spawnSync(syncthingPath!, ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], {
    encoding: 'utf8',
    env: { ...process.env, STNODEFAULTFOLDER: '1' },
    timeout: 60_000,
  });
  const output = `${stdout}\n${stderr}`;
  const deviceId = /Device ID: ([A-Z0-9-]+)/.exec(output)?.[1];
  const config = await readFile(join(home, 'config.xml'), 'utf8');
  const apiKey = /<apikey>([^<]+)<\/apikey>/.exec(config)?.[1];
  if (!deviceId || !apiKey) throw new Error(`syncthing generate gave no device id or API key:\n${output}`);
  const folder = join(parent, `${name}-Sync`);
  // The folder marker Syncthing looks for before it syncs a folder.
  await mkdir(join(folder, '.stfolder'), { recursive: true });
  return { name, home, folder, deviceId, apiKey, guiPort: await freePort(), listenPort: await freePort(), process: null, log: [] };
}

/** Edits the generated config.xml: loopback only, no discovery, relays, NAT or reporting; the other device by address; the folder shared with it. */
async function configure(self: Daemon, other: Daemon): Promise<void> {
  const path = join(self.home, 'config.xml');
  let config = await readFile(path, 'utf8');
  const setOption = (name: string, value: string): void => {
    const pattern = new RegExp(`<${name}>[^<]*</${name}>`);
    config = pattern.test(config)
      ? config.replace(pattern, `<${name}>${value}</${name}>`)
      : config.replace('</options>', `    <${name}>${value}</${name}>\n    </options>`);
  };
  setOption('listenAddress', `tcp://127.0.0.1:${self.listenPort}`);
  setOption('globalAnnounceEnabled', 'false');
  setOption('localAnnounceEnabled', 'false');
  setOption('relaysEnabled', 'false');
  setOption('natEnabled', 'false');
  setOption('startBrowser', 'false');
  setOption('urAccepted', '-1');
  setOption('autoUpgradeIntervalH', '0');
  setOption('crashReportingEnabled', 'false');
  setOption('reconnectionIntervalS', '1');
  config = config.replace(/(<gui [^>]*>\s*<address>)[^<]*(<\/address>)/, `$1127.0.0.1:${self.guiPort}$2`);
  const shared =
    `    <folder id="${folderId}" label="Gloss" path="${self.folder}" type="sendreceive" rescanIntervalS="60" ` +
    `fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">\n` +
    `        <filesystemType>basic</filesystemType>\n` +
    `        <device id="${self.deviceId}" introducedBy=""></device>\n` +
    `        <device id="${other.deviceId}" introducedBy=""></device>\n` +
    `        <paused>false</paused>\n` +
    `    </folder>\n` +
    `    <device id="${other.deviceId}" name="${other.name}" compression="metadata" introducer="false">\n` +
    `        <address>tcp://127.0.0.1:${other.listenPort}</address>\n` +
    `        <paused>false</paused>\n` +
    `    </device>\n`;
  config = config.replace(/(<configuration[^>]*>\n)/, `$1${shared}`);
  await writeFile(path, config);
}

function start(daemon: Daemon): void {
  const child = spawn(syncthingPath!, ['serve', `--home=${daemon.home}`, '--no-browser', '--no-restart', '--no-upgrade'], {
    env: { ...process.env, STNODEFAULTFOLDER: '1', STNOUPGRADE: '1', STMONITORED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    daemon.log.push(chunk.toString());
    if (daemon.log.length > 200) daemon.log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  daemon.process = child;
}

async function api(daemon: Daemon, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${daemon.guiPort}${path}`, {
    method,
    headers: { 'X-API-Key': daemon.apiKey, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

/** Polls `check` until it holds, or fails after `limitMs` saying what it waited for. */
async function waitFor(what: string, limitMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + limitMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Timed out after ${limitMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

async function setPaused(daemon: Daemon, paused: boolean): Promise<void> {
  await api(daemon, 'PATCH', `/rest/config/folders/${folderId}`, { paused });
}

let parent: string;
let laptopDaemon: Daemon;
let desktopDaemon: Daemon;
let laptop: GlossService;
let desktop: GlossService;

describe.skipIf(!syncthingPath)('library sync through two real Syncthing daemons on 127.0.0.1', () => {
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'gloss-syncthing-'));
    laptopDaemon = await generate(parent, 'laptop');
    desktopDaemon = await generate(parent, 'desktop');
    await configure(laptopDaemon, desktopDaemon);
    await configure(desktopDaemon, laptopDaemon);
    start(laptopDaemon);
    start(desktopDaemon);
    for (const [self, other] of [
      [laptopDaemon, desktopDaemon],
      [desktopDaemon, laptopDaemon],
    ] as const) {
      await waitFor(`${self.name}'s Syncthing to answer`, 30_000, async () => (await api(self, 'GET', '/rest/system/ping')) !== null);
      // Generous and bounded: on a busy machine the first TLS handshake between the two can take a while.
      await waitFor(`${self.name}'s Syncthing to connect to ${other.name}'s`, 120_000, async () => {
        const { connections } = (await api(self, 'GET', '/rest/system/connections')) as {
          connections: Record<string, { connected: boolean }>;
        };
        return connections[other.deviceId]?.connected === true;
      }).catch((error: Error) => {
        // What the daemons said is the only clue to why they did not meet.
        throw new Error(
          `${error.message}\n${self.name}: ${self.log.join('').slice(-1500)}\n${other.name}: ${other.log.join('').slice(-1500)}`,
        );
      });
    }
    laptop = glossAt(join(parent, 'laptop-data'), 'laptop');
    desktop = glossAt(join(parent, 'desktop-data'), 'desktop');
  }, 300_000);

  afterAll(async () => {
    await laptop?.close();
    await desktop?.close();
    for (const daemon of [laptopDaemon, desktopDaemon]) {
      const child = daemon?.process;
      if (!child || child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      // Bounded: a daemon that ignores SIGTERM is killed outright.
      const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5_000))]);
      if (!stopped) child.kill('SIGKILL');
    }
    if (parent) await rm(parent, { recursive: true, force: true });
  }, 30_000);

  /** Rescans both folders, runs a sync pass on both Gloss instances, until their libraries agree and `also` holds. */
  async function converge(what: string, also: () => Promise<boolean>): Promise<number> {
    const started = performance.now();
    await waitFor(what, convergenceLimitMs, async () => {
      await laptop.flush();
      await desktop.flush();
      await Promise.all([laptopDaemon, desktopDaemon].map((daemon) => api(daemon, 'POST', `/rest/db/scan?folder=${folderId}`)));
      await laptop.syncLibraryNow();
      await desktop.syncLibraryNow();
      const [left, right] = await Promise.all([libraryContents(laptop), libraryContents(desktop)]);
      return JSON.stringify(left) === JSON.stringify(right) && (await also());
    });
    return (performance.now() - started) / 1000;
  }

  it('carries a library both ways, and merges edits made on both sides while the engine was paused, losing none', async () => {
    await laptop.enableLibrarySync(laptopDaemon.folder);
    await desktop.enableLibrarySync(desktopDaemon.folder);
    const count = async (gloss: GlossService) => (await gloss.getLibrary()).documents.length;
    // Each library started with its copy of the shipped article: each gets the other's.
    await converge('the first exchange', async () => (await count(laptop)) === 2 && (await count(desktop)) === 2);

    const { documents } = await laptop.getLibrary();
    const id = documents[0]!.id;
    const opened = await laptop.openDocument(id);
    await laptop.putHighlight(id, highlightOf(opened, 'global cooperation', 'shared', { note: 'first' }));
    await converge('the shared highlight', async () => (await desktop.openDocument(id)).highlights.length === 1);

    // Offline: the folder paused on both daemons; both sides edit.
    await setPaused(laptopDaemon, true);
    await setPaused(desktopDaemon, true);
    const onDesktop = await desktop.openDocument(id);
    const shared = onDesktop.highlights[0]!;
    await laptop.putHighlight(id, { ...highlightOf(opened, 'global cooperation', 'shared'), note: 'laptop wording' });
    await desktop.putHighlight(id, { ...shared, note: 'desktop wording', color: 'blue' });
    await laptop.putHighlight(id, highlightOf(opened, 'outbreak', 'from-laptop', { tags: ['laptop'] }));
    await desktop.putHighlight(id, highlightOf(onDesktop, 'question', 'from-desktop', { tags: ['desktop'] }));
    // And a batch each, so the engine carries more than a handful of lines.
    const batch = 100;
    for (let index = 0; index < batch; index++) {
      await laptop.putHighlight(id, highlightOf(opened, 'countries', `laptop-${index}`, { note: `laptop note ${index}` }));
      await desktop.putHighlight(id, highlightOf(onDesktop, 'terrorism', `desktop-${index}`, { tags: [`t${index % 5}`] }));
    }
    await laptop.setDocumentNote(id, 'laptop document note');
    await desktop.saveReadingPosition(id, { blockIndex: 2, blockOffset: 0.5, progress: 0.2 });
    await laptop.flush();
    await desktop.flush();
    await laptop.syncLibraryNow();
    await desktop.syncLibraryNow();
    // Nothing crossed while paused.
    expect((await desktop.openDocument(id)).highlights.filter(({ id }) => id.startsWith('laptop') || id === 'from-laptop')).toEqual([]);

    await setPaused(laptopDaemon, false);
    await setPaused(desktopDaemon, false);
    const expected = [
      'from-desktop',
      'from-laptop',
      'shared',
      ...Array.from({ length: batch }, (_, index) => [`laptop-${index}`, `desktop-${index}`]).flat(),
    ].sort();
    const seconds = await converge(
      'both sides’ offline edits',
      async () => (await desktop.openDocument(id)).highlights.length === expected.length,
    );

    const merged = await desktop.openDocument(id);
    const lost: string[] = [];
    const note = merged.highlights.find((highlight) => highlight.id === 'shared')?.note ?? '';
    for (const text of ['laptop wording', 'desktop wording']) if (!note.split(concurrentNoteSeparator).includes(text)) lost.push(text);
    if (merged.highlights.find((highlight) => highlight.id === 'shared')?.color !== 'blue') lost.push('blue');
    if (merged.documentNote?.text !== 'laptop document note') lost.push('document note');
    if (merged.readingPosition?.blockIndex !== 2) lost.push('reading position');
    const present = new Set(merged.highlights.map((highlight) => highlight.id));
    for (const highlightId of expected) if (!present.has(highlightId)) lost.push(highlightId);
    for (let index = 0; index < batch; index++) {
      if (merged.highlights.find((highlight) => highlight.id === `laptop-${index}`)?.note !== `laptop note ${index}`)
        lost.push(`note ${index}`);
    }
    expect(lost).toEqual([]);

    // No conflict copies: each device writes only its own files.
    const conflictCopies = (
      await Promise.all(
        [laptopDaemon, desktopDaemon].map(async ({ folder }) => readdir(join(folder, 'gloss-sync', 'devices'), { recursive: true })),
      )
    )
      .flat()
      .filter((name) => /sync-conflict/.test(name));
    expect(conflictCopies).toEqual([]);

    const operations = await countOperations(laptopDaemon.folder);
    const statuses = await Promise.all([laptop.getLibrarySyncStatus(), desktop.getLibrarySyncStatus()]);
    const merges = statuses
      .flatMap(({ devices }) => devices.filter((device) => !device.thisDevice))
      .reduce((sum, device) => sum + device.changes, 0);
    recordFigure('sync', {
      line: `sync: 2 devices, ${operations} operations, ${merges} merges, ${lost.length} lost, converged in ${seconds.toFixed(1)} s`,
      values: { devices: 2, operations, merges, lost: lost.length, seconds },
    });
  }, 240_000);
});

async function countOperations(folder: string): Promise<number> {
  let lines = 0;
  const root = join(folder, 'gloss-sync', 'devices');
  for (const device of await readdir(root)) {
    for (const name of await readdir(join(root, device))) {
      if (name.endsWith('.jsonl')) lines += (await readFile(join(root, device, name), 'utf8')).split('\n').filter(Boolean).length;
    }
  }
  return lines;
}
