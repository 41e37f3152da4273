import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Where tests leave their measured figures; `npm test` (scripts/test.mjs) prints them at the end. */
export const figuresDir = join(projectRoot, '.test-results', 'figures');

export interface Figure {
  /** The one line `npm test` prints for the area, built from the measured values below. */
  line: string;
  /** The measured values themselves, for whoever wants more than the line. */
  values: Record<string, number | string>;
}

/**
 * Records one area's figures (e.g. `hostile-payloads`) as
 * `.test-results/figures/<area>.json`. Written synchronously so a test that
 * fails right after still leaves its figures for the summary.
 */
export function recordFigure(area: string, figure: Figure): void {
  mkdirSync(figuresDir, { recursive: true });
  writeFileSync(join(figuresDir, `${area}.json`), `${JSON.stringify(figure, null, 2)}\n`);
}
