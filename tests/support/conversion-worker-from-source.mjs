// The conversion worker run from its TypeScript source, for unit tests (the app runs the built out/main/conversion-worker.js).
import { register } from 'tsx/esm/api';

register();
await import('../../main/core/documents/conversion-worker.ts');
