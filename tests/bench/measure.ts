import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The import worker as the app runs it, built by `npm run bench` (electron-vite build) before any bench. */
export const builtWorkerScript = pathToFileURL(join(process.cwd(), 'out', 'main', 'import-worker.js'));

/** Median and spread of repeated timings, in milliseconds. */
export interface Timing {
  median: number;
  p95: number;
}

export async function measure(runs: number, action: (run: number) => Promise<unknown> | unknown): Promise<Timing> {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await action(run);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/** Median and 95th percentile of timings taken by hand (when only part of each run is timed). */
export function summarize(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/** The value `fraction` of the way through `sorted` (ascending); NaN when it is empty. */
export function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

/** Prints rows as a Markdown table, so the output can go straight into a closing note. */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const cell = (value: string | number | undefined): string =>
    typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : (value ?? '');
  console.log(`\n### ${title}\n`);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`| ${columns.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${columns.map((column) => cell(row[column])).join(' | ')} |`);
}

/** Issue #4's target for exporting, and importing back, 10,000 highlights in each format, on this machine. */
export const targetMs = 300;
