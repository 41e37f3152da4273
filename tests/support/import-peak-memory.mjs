// Imports one file in a process of its own and reports that process's peak memory (maxRSS) and the time taken:
// inside a test runner or a bench, the peak would be everyone's. On this thread (word-coverage.test.ts's summary
// line), or, given the built worker script and a heap ceiling, through the import worker as the app runs it
// (tests/bench/book-memory.bench.ts).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const [path = '', workerScript, heapCeilingMb] = process.argv.slice(2);
const { documentFromFile } = await import('../../main/core/documents/document-file.ts');
const { importWorker } = await import('../../main/core/import/work.ts');
const started = performance.now();
let markdown;
if (workerScript) {
  const work = importWorker({ script: pathToFileURL(workerScript), maxHeapMb: Number(heapCeilingMb) });
  const documentId = '00000000-0000-4000-8000-000000000001';
  ({ markdown } = await work.convert({ name: basename(path), content: readFileSync(path), documentId }));
  await work.close();
} else {
  ({ markdown } = documentFromFile(basename(path), readFileSync(path), (name) => `/assets/${name}`));
}
const ms = Math.round(performance.now() - started);
const textMb = Math.round((markdown.length / 1024 / 1024) * 10) / 10;
console.log(JSON.stringify({ peakMb: Math.round(process.resourceUsage().maxRSS / 1024), ms, textMb }));
