#!/usr/bin/env node
// `npm test`: typecheck, build, unit tests, end-to-end specs; then one line `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const results = join(root, '.test-results');
mkdirSync(results, { recursive: true });
// Tests leave one JSON file of measured figures per area here (tests/support/figures.ts); last run's must not be reprinted.
const figures = join(results, 'figures');
rmSync(figures, { recursive: true, force: true });
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

for (const project of ['tsconfig.common.json', 'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.tests.json']) {
  if (step(`typecheck ${project}`, bin('tsc'), ['-p', project])) passed++;
  else failed++;
}

if (step('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.'])) passed++;
else failed++;
if (step('format (prettier --check)', bin('prettier'), ['--check', '--log-level', 'warn', '.'])) passed++;
else failed++;

if (!step('build', bin('electron-vite'), ['build'])) {
  console.log('\nThe build failed; the end-to-end specs need it, so they were not run.');
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
}

// The linearity test times code, so it runs alone, after the others: beside them it timed their load as much as its own.
const timed = 'tests/security/linearity.test.ts';
const vitestRun = (/** @type {string} */ name, /** @type {string[]} */ files) => [
  'run',
  ...files,
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${join(results, `${name}.json`)}`,
];
step('unit tests (vitest)', bin('vitest'), [...vitestRun('unit', []), '--exclude', timed]);
step('linearity (vitest, alone)', bin('vitest'), vitestRun('linearity', [timed]));
const unitRuns = [readJson(join(results, 'unit.json')), readJson(join(results, 'linearity.json'))];
for (const run of unitRuns) {
  if (run) {
    passed += run.numPassedTests;
    failed += run.numFailedTests + (run.numTotalTestSuites > 0 && run.success === false && run.numFailedTests === 0 ? 1 : 0);
  } else failed++;
}
const unit = { testResults: unitRuns.flatMap((run) => run?.testResults ?? []) };

const chromium = process.env.GLOSS_CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) && !existsSync(join(root, 'node_modules', 'electron', 'path.txt'))) {
  console.log(
    `\nNo Electron binary and no Chromium at ${chromium}: install Chromium (apt-get install chromium) to run the end-to-end specs.`,
  );
  failed++;
} else {
  step('end-to-end specs (playwright)', bin('playwright'), ['test', '--project=e2e']);
  const e2e = readJson(join(results, 'e2e.json'));
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky + (e2e.errors?.length ?? 0);
  } else failed++;
}

printFigures(unit, readJson(join(results, 'e2e.json')));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

/**
 * One line per area, each written by the tests from what they measured
 * (security checklist, Electronegativity, hostile payloads, IPC fuzzing,
 * crash, disk full), plus the corruption line, counted here from the test
 * results: how many damaged-file cases were recovered.
 * @param {any} unit vitest's JSON report, or null
 * @param {any} e2e Playwright's JSON report, or null
 */
function printFigures(unit, e2e) {
  console.log('\n── figures ──');
  const order = [
    'security-checklist',
    'electronegativity',
    'hostile-payloads',
    'hostile-payloads-sanitizer',
    'ipc-fuzz',
    'crash',
    'disk-full',
  ];
  const names = existsSync(figures)
    ? readdirSync(figures)
        .filter((name) => name.endsWith('.json'))
        .map((name) => name.slice(0, -'.json'.length))
    : [];
  names.sort((a, b) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1) || a.localeCompare(b));
  for (const name of names) console.log(readJson(join(figures, `${name}.json`))?.line ?? `${name}: unreadable figures file`);
  for (const name of order) if (!names.includes(name)) console.log(`${name}: no figures (its test did not run or did not finish)`);

  // Damaged-file recovery: the unit tests grouped under "damaged …" / "after a crash", and the damaged-data specs.
  const cases = [];
  for (const file of unit?.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if ((test.ancestorTitles ?? []).some((/** @type {string} */ title) => /damaged|after a crash/i.test(title)))
        cases.push(test.status === 'passed');
    }
  }
  /** @param {any} suite */
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) if (/damaged-data/.test(spec.file ?? suite.file ?? '')) cases.push(spec.ok === true);
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of e2e?.suites ?? []) visit(suite);
  const recovered = cases.filter(Boolean).length;
  console.log(`corruption: ${cases.length} damaged-file cases, ${recovered} recovered, ${cases.length - recovered} not`);
}
