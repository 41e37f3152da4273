/**
 * Two real Syncthing daemons on 127.0.0.1 for sync tests (the library-sync
 * unit test and the end-to-end spec): each with its own home and its own copy
 * of the sync folder; discovery, relays and NAT traversal off; the daemons
 * know each other by static address and share one folder.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The syncthing command, or undefined when it is not installed (apt-get install -y syncthing). */
export const syncthingPath = ['/usr/bin/syncthing', '/usr/local/bin/syncthing'].find((path) => existsSync(path));

const folderId = 'gloss-library';

export interface Daemon {
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
    // A pull that fails (a file that changed while the engine read it) is retried after this pause, 60 s by
    // default: too long for a test's bounded waits. (A CI run once took 20 s to converge and timed the end-to-end spec out.)
    `        <pullerPauseS>1</pullerPauseS>\n` +
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

export async function api(daemon: Daemon, method: string, path: string, body?: unknown): Promise<unknown> {
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
export async function waitFor(what: string, limitMs: number, check: () => Promise<boolean>): Promise<void> {
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

/** Pauses or resumes the shared folder on one daemon: paused, it is as if that machine were offline. */
export async function setPaused(daemon: Daemon, paused: boolean): Promise<void> {
  await api(daemon, 'PATCH', `/rest/config/folders/${folderId}`, { paused });
}

/** Asks both daemons to look at their folders now instead of waiting for their file watchers. */
export async function rescan(daemons: readonly Daemon[]): Promise<void> {
  await Promise.all(daemons.map((daemon) => api(daemon, 'POST', `/rest/db/scan?folder=${folderId}`)));
}

/** Generates, configures and starts two daemons under `parent` that share a folder, and waits (bounded) until they are connected. */
export async function startDaemonPair(parent: string, names: readonly [string, string]): Promise<[Daemon, Daemon]> {
  const pair: [Daemon, Daemon] = [await generate(parent, names[0]), await generate(parent, names[1])];
  const [first, second] = pair;
  await configure(first, second);
  await configure(second, first);
  start(first);
  start(second);
  for (const [self, other] of [
    [first, second],
    [second, first],
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
  return pair;
}

/** Stops the daemons: SIGTERM, then SIGKILL for one that has not exited within 5 s. */
export async function stopDaemons(daemons: readonly (Daemon | undefined)[]): Promise<void> {
  for (const daemon of daemons) {
    const child = daemon?.process;
    if (!child || child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 5_000))]);
    if (!stopped) child.kill('SIGKILL');
  }
}
