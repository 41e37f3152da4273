/** `npm run bench`: every benchmark, each printing a table with its same-run baseline. */
import { benchAnchoring } from './anchoring.bench';
import { benchBookMemory } from './book-memory.bench';
import { benchCli } from './cli.bench';
import { benchExport } from './export.bench';
import { benchLibraryExport } from './export-library.bench';
import { benchGrowth } from './growth.bench';
import { benchImportDocuments } from './import-documents.bench';
import { benchImport } from './import.bench';
import { benchAppLaunch, benchLaunch } from './launch.bench';
import { benchLibrarySync } from './library-sync.bench';
import { benchNotesFilter } from './notes-filter.bench';
import { benchReader } from './reader.bench';
import { benchReanchoring } from './reanchoring.bench';
import { benchResponsiveness } from './responsiveness.bench';
import { benchSearch } from './search.bench';
import { benchStorage } from './storage.bench';
import { benchWebPage } from './web-page.bench';

console.log(`Gloss benchmarks — Node ${process.versions.node}, ${new Date().toISOString()}`);
await benchStorage();
await benchLaunch();
await benchAppLaunch();
await benchExport();
await benchLibraryExport();
// Right after the export table, so both sets of times sit side by side against the 300 ms target.
await benchImport();
await benchImportDocuments();
await benchBookMemory();
await benchWebPage();
await benchResponsiveness();
await benchAnchoring();
await benchReanchoring();
await benchSearch();
await benchGrowth();
await benchLibrarySync();
await benchCli();
await benchNotesFilter();
// The full reader grid takes ~15 minutes on two cores; GLOSS_BENCH_QUICK=1 runs the 1 MB column only.
await benchReader(process.env.GLOSS_BENCH_QUICK ? { sizes: ['1 MB'] } : {});
