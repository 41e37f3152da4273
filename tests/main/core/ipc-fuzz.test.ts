import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedArticlePath } from '../../../main/config';
import { createDispatcher, type Dispatch } from '../../../main/core/dispatch';
import { createGlossService, type GlossService } from '../../../main/core/service';
import { channels, type GlossMethod, type Highlight } from '../../../common/contract';
import { recordFigure } from '../../support/figures';

const projectRoot = new URL('../../..', import.meta.url).pathname;
const runsPerChannel = 2000;

let dataDir: string;
let service: GlossService;
let dispatch: Dispatch;
let documentId: string;
let serviceCalls = 0;
/** Measured over every channel, for the line `npm test` prints. */
const fuzzed = { calls: 0, typedErrors: 0, accepted: 0, channels: 0, foldersChecked: 0, foldersChanged: 0 };
const opened = vi.fn(async () => undefined);

async function snapshot(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'gloss.lock') continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(folder, path), (await readFile(path)).toString('base64'));
  }
  return files;
}

const validHighlight = (): Highlight => ({
  id: '11111111-2222-4333-8444-555555555555',
  quote: { type: 'TextQuoteSelector', exact: 'global cooperation', prefix: 'question about ', suffix: ', how are' },
  position: { type: 'TextPositionSelector', start: 52, end: 70 },
  revision: 0,
  color: 'yellow',
  note: '',
  tags: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** A valid argument list for each method, which the fuzzer then breaks one field at a time. */
const validArguments = (): Record<GlossMethod, unknown[]> => ({
  getLibrary: [],
  getLibraryFirstPage: [100],
  openDocument: [documentId],
  saveReadingPosition: [documentId, { blockIndex: 1, blockOffset: 0.5, progress: 0.25 }],
  putHighlight: [documentId, validHighlight()],
  deleteHighlight: [documentId, validHighlight().id],
  updateAnchors: [
    documentId,
    [{ id: validHighlight().id, quote: validHighlight().quote, position: validHighlight().position, revision: 0 }],
  ],
  setDocumentNote: [documentId, 'A note'],
  saveDocumentBody: [documentId, '# Body', 0],
  openExternal: ['https://example.com/'],
  previewExport: [{ format: 'csv', scope: { kind: 'document', documentId } }],
  exportToFile: [{ format: 'json', scope: { kind: 'library' } }],
  readyToClose: [],
  importDocuments: [[{ name: 'a.md', content: '# A' }]],
  chooseVaultFolder: [],
  getVaultSyncStatus: [],
  stopVaultSync: [],
  resolveVaultConflict: [documentId],
  clipboardMarkdown: [documentId, null],
  importClipboard: [],
  search: ['cooperation'],
  getSettings: [],
  saveSettings: [{ fontFamily: 'sans', fontSize: 20, lineHeight: 1.8, columnWidth: 40, theme: 'sepia' }],
  getLibraryDetails: [],
  editDocumentMetadata: ['00000000-0000-4000-8000-000000000000', { title: 'T', author: null, date: '2020-01-01' }],
  // Another document's id: a valid call must not delete the one the other channels use.
  deleteDocument: ['00000000-0000-4000-8000-000000000000'],
  restoreDocument: ['2026-01-01T00-00-00-000Z-00000000-0000-4000-8000-000000000000'],
  chooseLibrarySyncFolder: [],
  getLibrarySyncStatus: [],
  shareLibrarySyncSettings: [false],
  prepareImport: [],
  cancelImport: [],
  stopLibrarySync: [],
});

/** Replaces the value at one path of a JSON-like value. */
function replaceAt(value: unknown, path: readonly number[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  if (typeof value !== 'object' || value === null) return replacement;
  const entries = Array.isArray(value) ? [...value] : Object.entries(value);
  const index = path[0]! % Math.max(1, entries.length);
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[index] = replaceAt(copy[index], path.slice(1), replacement);
    return copy;
  }
  const [key, inner] = entries[index] as [string, unknown];
  return { ...(value as object), [key]: replaceAt(inner, path.slice(1), replacement) };
}

const hostileValue = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
  fc.constantFrom(
    '',
    '../..',
    '../../etc/passwd',
    'a/b',
    '\u0000',
    'x'.repeat(100_000),
    -1,
    1e308,
    Number.NaN,
    Infinity,
    -0,
    2 ** 53,
    null,
    undefined,
    [],
    {},
    '__proto__',
    'constructor',
  ),
);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-fuzz-'));
  service = createGlossService({
    dataDir,
    seedArticlePath: seedArticlePath(projectRoot),
    openExternal: opened,
    chooseExportDestination: async () => null,
    appVersion: 'test',
    onReadyToClose: () => undefined,
  });
  // Counts every call that reaches the service, to prove refused calls never do.
  const counted = new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        serviceCalls++;
        return (value as (...values: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  dispatch = createDispatcher(counted, () => undefined);
  documentId = (await service.getLibrary()).documents[0]!.id;
  await service.flush();
});

afterAll(async () => {
  recordFigure('ipc-fuzz', {
    line:
      `ipc fuzz: ${fuzzed.calls} invalid calls over ${fuzzed.channels} channels, ${fuzzed.typedErrors} answered with a typed error, ` +
      `${fuzzed.accepted} turned out valid; data folder byte-identical after ${fuzzed.foldersChecked - fuzzed.foldersChanged} of ${fuzzed.foldersChecked} all-refused channels`,
    values: fuzzed,
  });
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

function seedOf(text: string): number {
  let seed = 0;
  for (const character of text) seed = (Math.imul(seed, 31) + character.charCodeAt(0)) | 0;
  return seed;
}

/** Methods whose argument is free text and that write nothing. */
const readOnlyFreeText = new Set<GlossMethod>(['search']);

describe('every channel, fuzzed with invalid arguments', () => {
  it.each(Object.entries(channels) as [GlossMethod, string][])(
    `${runsPerChannel} broken calls to %s are answered with a typed error and change nothing; invalid ones never reach the service`,
    async (method, channel) => {
      const brokenArguments = fc.oneof(
        // A valid call with one field, at any depth, replaced by something hostile.
        fc
          .tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), hostileValue)
          .map(([path, value]) => replaceAt(validArguments()[method], path, value)),
        // Too many arguments, or not an argument list at all.
        fc.array(hostileValue, { maxLength: 1 }).map((extra) => [...validArguments()[method], ...extra, 'extra']),
        hostileValue,
      );
      const before = await snapshot(dataDir);
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(brokenArguments, async (args) => {
          const callsBefore = serviceCalls;
          const result = await dispatch(channel, args);
          fuzzed.calls++;
          if (!result.ok) fuzzed.typedErrors++;
          // Replacing a field can, rarely, produce another valid call (e.g. another valid string).
          if (result.ok) {
            accepted++;
            return;
          }
          expect(['invalid-argument', 'not-found', 'forbidden', 'conflict']).toContain(result.error.code);
          expect(typeof result.error.message).toBe('string');
          expect(result.error.message.length).toBeLessThan(2000);
          // Refused by validation: the service never saw it, so it cannot have changed anything.
          if (result.error.code === 'invalid-argument') expect(serviceCalls).toBe(callsBefore);
        }),
        // A fixed seed per channel: the same calls on every run, so a failure can be replayed and the acceptance rate below is stable.
        { numRuns: runsPerChannel, seed: seedOf(channel) },
      );
      await service.flush();
      fuzzed.channels++;
      fuzzed.accepted += accepted;
      // When every call was refused, or the method only reads, the data folder must be byte-identical.
      if (accepted === 0 || readOnlyFreeText.has(method)) {
        fuzzed.foldersChecked++;
        const after = await snapshot(dataDir);
        if (JSON.stringify([...after]) !== JSON.stringify([...before])) fuzzed.foldersChanged++;
        expect(after).toEqual(before);
      }
      // A search query is any text, so many "broken" strings are valid queries; it writes nothing, checked above.
      if (!readOnlyFreeText.has(method)) expect(accepted).toBeLessThan(runsPerChannel / 20);
    },
    60_000,
  );

  it('answers an unknown channel with invalid-argument', async () => {
    const result = await dispatch('library:drop-all', []);
    expect(result).toEqual({ ok: false, error: { code: 'invalid-argument', message: expect.stringContaining('Unknown channel') } });
  });
});
