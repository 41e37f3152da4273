#!/usr/bin/env node
// `npm start`: fetch Electron if this checkout has not yet, build, and open Gloss.
// Every failure ends in one sentence on stderr and a non-zero exit, never a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Electron's downloader (@electron/get) needs this Node.js or newer. */
const downloaderNodeMajor = 22;

/**
 * @param {string} sentence
 * @returns {never}
 */
function fail(sentence) {
  process.stderr.write(`Gloss cannot start: ${sentence}\n`);
  process.exit(1);
}

/** @returns {string} */
function ensureElectron() {
  const installed = findElectronBinary(root);
  if (installed) return installed;
  console.log('Fetching the Electron runtime (first start only)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  const fetched = findElectronBinary(root);
  if (fetched) return fetched;
  const cause = (result.stderr || result.error?.message || 'no reason given').trim().split('\n')[0];
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor < downloaderNodeMajor) {
    fail(
      `the Electron runtime is not installed and could not be downloaded (${cause}), and Electron's downloader needs Node.js ${downloaderNodeMajor}.12+ with internet access (this is Node.js ${process.versions.node}).`,
    );
  }
  fail(`the Electron runtime is not installed and could not be downloaded (${cause}); connect to the internet and run npm start again.`);
}

const electron = ensureElectron();
const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) fail('the build failed; the errors above say where.');

// Chromium refuses to run as root without this; a desktop user is never root.
const rootOnly = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
const child = spawn(electron, [...rootOnly, root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('error', (error) => fail(`Electron did not launch (${error.message}).`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
