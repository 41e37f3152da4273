// The import worker run from its TypeScript source, for unit tests (the app runs the built out/main/import-worker.js).
import { register } from 'tsx/esm/api';

register();
await import('../../main/core/import/import-worker.ts');
