/**
 * How fast the `gloss` command starts, run as a user runs it from a checkout
 * (`node scripts/gloss.mjs`, the built CLI in out/main), against Node starting
 * and doing nothing (`node -e ''`) in the same run. Issue #15's targets:
 * `gloss list` on a two-document library within 3× of that, `gloss import` of
 * a one-line Markdown file within 5×.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, printTable } from './measure';

const runs = 15;

function run(args: readonly string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString()}`);
}

export async function benchCli(): Promise<void> {
  const parent = await mkdtemp(join(tmpdir(), 'gloss-bench-cli-'));
  try {
    const note = join(parent, 'note.md');
    await writeFile(note, '# A note\n\nOne line of text.\n');
    const library = join(parent, 'library');
    // The shipped article and one more: a two-document library.
    run(['scripts/gloss.mjs', 'import', '--data-dir', library, note]);
    const baseline = await measure(runs, () => run(['-e', '']));
    const list = await measure(runs, () => run(['scripts/gloss.mjs', 'list', '--data-dir', library]));
    const imported = await measure(runs, (index) =>
      run(['scripts/gloss.mjs', 'import', '--data-dir', join(parent, `fresh-${index}`), note]),
    );
    const row = (command: string, median: number, target: number) => ({
      command,
      'median (ms)': median,
      "node -e '' (ms, baseline)": baseline.median,
      'ours / baseline': median / baseline.median,
      target: `within ${target}×`,
      met: median / baseline.median <= target ? 'yes' : 'no',
    });
    printTable(`CLI start-up, ${runs} runs each, from a checkout`, [
      row('gloss list (2 documents)', list.median, 3),
      row('gloss import note.md (new library)', imported.median, 5),
    ]);
  } finally {
    await rm(parent, { recursive: true, force: true });
  }
}
