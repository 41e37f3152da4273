#!/usr/bin/env node
// `npm test`: typecheck, build, unit tests, end-to-end specs; then one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, '.test-results');
mkdirSync(results, { recursive: true });
/** @param {string} name */
const bin = (name) => join(root, 'node_modules', '.bin', name);

/**
 * Runs a step with its output shown; returns whether it succeeded.
 * @param {string} title
 * @param {string} command
 * @param {string[]} args
 */
function step(title, command, args) {
  console.log(`\n── ${title} ──`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

/**
 * @param {string} path
 * @returns {any} a test reporter's JSON summary, or null when it is missing
 */
function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;

for (const project of ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.tests.json']) {
  if (step(`typecheck ${project}`, bin('tsc'), ['-p', project])) passed++;
  else failed++;
}

if (!step('build', bin('electron-vite'), ['build'])) {
  console.log('\nThe build failed; the end-to-end specs need it, so they were not run.');
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}

step('unit tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${join(results, 'unit.json')}`]);
const unit = readJson(join(results, 'unit.json'));
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numTotalTestSuites > 0 && unit.success === false && unit.numFailedTests === 0 ? 1 : 0);
} else failed++;

const chromium = process.env.GLOSS_CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) && !existsSync(join(root, 'node_modules', 'electron', 'path.txt'))) {
  console.log(`\nNo Electron binary and no Chromium at ${chromium}: install Chromium (apt-get install chromium) to run the end-to-end specs.`);
  failed++;
} else {
  step('end-to-end specs (playwright)', bin('playwright'), ['test', '--project=e2e']);
  const e2e = readJson(join(results, 'e2e.json'));
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky + (e2e.errors?.length ?? 0);
  } else failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
