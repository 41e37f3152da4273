// Imports one file in a process of its own and reports that process's peak memory (maxRSS) and the time taken,
// for word-coverage.test.ts's summary line: inside the test runner, the peak would be everyone's.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { register } from 'tsx/esm/api';

register();
const { documentFromFile } = await import('../../main/core/documents/document-file.ts');
const path = process.argv[2] ?? '';
const started = performance.now();
documentFromFile(basename(path), readFileSync(path), (name) => `/assets/${name}`);
const ms = Math.round(performance.now() - started);
console.log(JSON.stringify({ peakMb: Math.round(process.resourceUsage().maxRSS / 1024), ms }));
