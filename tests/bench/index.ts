/** `npm run bench`: every benchmark, each printing a table with its same-run baseline. */
import { benchExport } from './export.bench';
import { benchStorage } from './storage.bench';

console.log(`Gloss benchmarks — Node ${process.versions.node}, ${new Date().toISOString()}`);
await benchStorage();
await benchExport();
