#!/usr/bin/env node
// The `gloss` command (package.json "bin"). It runs the CLI built with the app (out/main/cli.js),
// which starts like a plain Node script; when that build is missing or older than the sources
// (a fresh checkout, an edit), it builds first, so `npx gloss` always runs the code in the tree.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'out', 'main', 'cli.js');

/**
 * @param {string} folder
 * @returns {number} the newest modification time of a file under folder, in ms
 */
function newestSource(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** @returns {boolean} */
function builtIsCurrent() {
  try {
    const builtAt = statSync(built).mtimeMs;
    return ['main', 'common'].every((folder) => newestSource(join(root, folder)) <= builtAt);
  } catch {
    return false;
  }
}

if (!builtIsCurrent()) {
  process.stderr.write('gloss: building the command line tool (once after a change to the sources)…\n');
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) {
    process.stderr.write('gloss: the build failed; the errors above say where.\n');
    process.exit(1);
  }
}

/** @type {{ runCli: typeof import('../main/cli.ts').runCli }} */
const { runCli } = await import(built);
try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Carriage return and erase-line: each status replaces the last on a terminal.
    ...(process.stderr.isTTY ? { status: (text) => process.stderr.write(`\r\x1b[K${text ?? ''}`) } : {}),
    env: process.env,
    cwd: process.cwd(),
  });
} catch (error) {
  process.stderr.write(`gloss: an unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
