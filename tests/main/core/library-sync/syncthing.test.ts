/**
 * Library sync over a real engine: two Syncthing daemons on 127.0.0.1 (see
 * tests/support/syncthing.ts) and two Gloss data folders. Both sides edit
 * while the folder is paused on both daemons (as if offline), then it is
 * resumed: both libraries must converge, with every edit kept, within a
 * bounded time.
 *
 * Skipped, saying why, when the `syncthing` command is missing
 * (`apt-get install -y syncthing`).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concurrentNoteSeparator } from '../../../../main/core/library-sync/merge';
import type { GlossService } from '../../../../main/core/service';
import { recordFigure } from '../../../support/figures';
import { type Daemon, rescan, setPaused, startDaemonPair, stopDaemons, syncthingPath, waitFor } from '../../../support/syncthing';
import { glossAt, highlightOf, libraryContents } from './devices';

if (!syncthingPath) console.log('Skipping the Syncthing sync test: the syncthing command is not installed (apt-get install -y syncthing).');

/** Every wait is bounded; the whole exchange must fit well inside the test's timeout. */
const convergenceLimitMs = 90_000;

let parent: string;
let laptopDaemon: Daemon;
let desktopDaemon: Daemon;
let laptop: GlossService;
let desktop: GlossService;

describe.skipIf(!syncthingPath)('library sync through two real Syncthing daemons on 127.0.0.1', () => {
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'gloss-syncthing-'));
    [laptopDaemon, desktopDaemon] = await startDaemonPair(parent, ['laptop', 'desktop']);
    laptop = glossAt(join(parent, 'laptop-data'), 'laptop');
    desktop = glossAt(join(parent, 'desktop-data'), 'desktop');
  }, 300_000);

  afterAll(async () => {
    await laptop?.close();
    await desktop?.close();
    await stopDaemons([laptopDaemon, desktopDaemon]);
    if (parent) await rm(parent, { recursive: true, force: true });
  }, 30_000);

  /** Rescans both folders, runs a sync pass on both Gloss instances, until their libraries agree and `also` holds. */
  async function converge(what: string, also: () => Promise<boolean>): Promise<number> {
    const started = performance.now();
    await waitFor(what, convergenceLimitMs, async () => {
      await laptop.flush();
      await desktop.flush();
      await rescan([laptopDaemon, desktopDaemon]);
      await laptop.syncLibraryNow();
      await desktop.syncLibraryNow();
      const [left, right] = await Promise.all([libraryContents(laptop), libraryContents(desktop)]);
      return JSON.stringify(left) === JSON.stringify(right) && (await also());
    });
    return (performance.now() - started) / 1000;
  }

  it('carries a library both ways, and merges edits made on both sides while the engine was paused, losing none', async () => {
    await laptop.enableLibrarySync(laptopDaemon.folder);
    await desktop.enableLibrarySync(desktopDaemon.folder);
    const count = async (gloss: GlossService) => (await gloss.getLibrary()).documents.length;
    const seesTheOther = async (gloss: GlossService) =>
      (await gloss.getLibrarySyncStatus()).devices.some((device) => !device.thisDevice && device.changes > 0);
    // Each library started with the shipped article, under the same id: after the exchange they hold one copy between them.
    await converge(
      'the first exchange',
      async () =>
        (await seesTheOther(laptop)) && (await seesTheOther(desktop)) && (await count(laptop)) === 1 && (await count(desktop)) === 1,
    );

    const { documents } = await laptop.getLibrary();
    const id = documents[0]!.id;
    const opened = await laptop.openDocument(id);
    await laptop.putHighlight(id, highlightOf(opened, 'global cooperation', 'shared', { note: 'first' }));
    await converge('the shared highlight', async () => (await desktop.openDocument(id)).highlights.length === 1);

    // Offline: the folder paused on both daemons; both sides edit.
    await setPaused(laptopDaemon, true);
    await setPaused(desktopDaemon, true);
    const onDesktop = await desktop.openDocument(id);
    const shared = onDesktop.highlights[0]!;
    await laptop.putHighlight(id, { ...highlightOf(opened, 'global cooperation', 'shared'), note: 'laptop wording' });
    await desktop.putHighlight(id, { ...shared, note: 'desktop wording', color: 'blue' });
    await laptop.putHighlight(id, highlightOf(opened, 'outbreak', 'from-laptop', { tags: ['laptop'] }));
    await desktop.putHighlight(id, highlightOf(onDesktop, 'question', 'from-desktop', { tags: ['desktop'] }));
    // And a batch each, so the engine carries more than a handful of lines.
    const batch = 100;
    for (let index = 0; index < batch; index++) {
      await laptop.putHighlight(id, highlightOf(opened, 'countries', `laptop-${index}`, { note: `laptop note ${index}` }));
      await desktop.putHighlight(id, highlightOf(onDesktop, 'terrorism', `desktop-${index}`, { tags: [`t${index % 5}`] }));
    }
    await laptop.setDocumentNote(id, 'laptop document note');
    await desktop.saveReadingPosition(id, { blockIndex: 2, blockOffset: 0.5, progress: 0.2 });
    await laptop.flush();
    await desktop.flush();
    await laptop.syncLibraryNow();
    await desktop.syncLibraryNow();
    // Nothing crossed while paused.
    expect((await desktop.openDocument(id)).highlights.filter(({ id }) => id.startsWith('laptop') || id === 'from-laptop')).toEqual([]);

    await setPaused(laptopDaemon, false);
    await setPaused(desktopDaemon, false);
    const expected = [
      'from-desktop',
      'from-laptop',
      'shared',
      ...Array.from({ length: batch }, (_, index) => [`laptop-${index}`, `desktop-${index}`]).flat(),
    ].sort();
    const seconds = await converge(
      'both sides’ offline edits',
      async () => (await desktop.openDocument(id)).highlights.length === expected.length,
    );

    const merged = await desktop.openDocument(id);
    const lost: string[] = [];
    const note = merged.highlights.find((highlight) => highlight.id === 'shared')?.note ?? '';
    for (const text of ['laptop wording', 'desktop wording']) if (!note.split(concurrentNoteSeparator).includes(text)) lost.push(text);
    if (merged.highlights.find((highlight) => highlight.id === 'shared')?.color !== 'blue') lost.push('blue');
    if (merged.documentNote?.text !== 'laptop document note') lost.push('document note');
    if (merged.readingPosition?.blockIndex !== 2) lost.push('reading position');
    const present = new Set(merged.highlights.map((highlight) => highlight.id));
    for (const highlightId of expected) if (!present.has(highlightId)) lost.push(highlightId);
    for (let index = 0; index < batch; index++) {
      if (merged.highlights.find((highlight) => highlight.id === `laptop-${index}`)?.note !== `laptop note ${index}`)
        lost.push(`note ${index}`);
    }
    expect(lost).toEqual([]);

    // No conflict copies: each device writes only its own files.
    const conflictCopies = (
      await Promise.all(
        [laptopDaemon, desktopDaemon].map(async ({ folder }) => readdir(join(folder, 'gloss-sync', 'devices'), { recursive: true })),
      )
    )
      .flat()
      .filter((name) => /sync-conflict/.test(name));
    expect(conflictCopies).toEqual([]);

    const operations = await countOperations(laptopDaemon.folder);
    const statuses = await Promise.all([laptop.getLibrarySyncStatus(), desktop.getLibrarySyncStatus()]);
    const merges = statuses
      .flatMap(({ devices }) => devices.filter((device) => !device.thisDevice))
      .reduce((sum, device) => sum + device.changes, 0);
    recordFigure('sync', {
      line: `sync: 2 devices, ${operations} operations, ${merges} merges, ${lost.length} lost, converged in ${seconds.toFixed(1)} s`,
      values: { devices: 2, operations, merges, lost: lost.length, seconds },
    });
  }, 240_000);
});

async function countOperations(folder: string): Promise<number> {
  let lines = 0;
  const root = join(folder, 'gloss-sync', 'devices');
  for (const device of await readdir(root)) {
    for (const name of await readdir(join(root, device))) {
      if (name.endsWith('.jsonl')) lines += (await readFile(join(root, device, name), 'utf8')).split('\n').filter(Boolean).length;
    }
  }
  return lines;
}
