/**
 * Two Gloss data folders sharing one sync folder, as a perfect engine would
 * keep it: each device's changes reach the other's library on its next pass,
 * and concurrent offline edits are merged by the rules in merge.ts.
 */
import { appendFile, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReaderSettings } from '../../../../common/contract';
import { runCli } from '../../../../main/cli';
import { concurrentNoteSeparator } from '../../../../main/core/library-sync/merge';
import type { GlossService } from '../../../../main/core/service';
import { glossAt, highlightOf, libraryContents } from './devices';

let parent: string;
let shared: string;
let laptop: GlossService;
let desktop: GlossService;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'gloss-library-sync-'));
  shared = join(parent, 'Sync');
  await mkdir(shared);
  laptop = glossAt(join(parent, 'laptop'), 'laptop');
  desktop = glossAt(join(parent, 'desktop'), 'desktop');
  // Each device starts with the shipped article and one document of its own.
  await laptop.importDocuments([{ name: 'laptop.md', content: '# Read on the laptop\n\nA page only the laptop had.\n' }]);
  await desktop.importDocuments([{ name: 'desktop.md', content: '# Read on the desktop\n\nA page only the desktop had.\n' }]);
  await laptop.enableLibrarySync(shared);
  await desktop.enableLibrarySync(shared);
  await exchange();
});

afterEach(async () => {
  await laptop.close();
  await desktop.close();
  await rm(parent, { recursive: true, force: true });
});

/** Both devices write what they have and read what the other wrote. */
async function exchange(): Promise<void> {
  await laptop.flush();
  await desktop.flush();
  await laptop.syncLibraryNow();
  await desktop.syncLibraryNow();
  await laptop.syncLibraryNow();
}

async function firstDocument(gloss: GlossService, title = /coronavirus/) {
  const { documents } = await gloss.getLibrary();
  const summary = documents.find((candidate) => title.test(candidate.title));
  if (!summary) throw new Error('no such document');
  return gloss.openDocument(summary.id);
}

describe('library sync through a shared folder', () => {
  it('gives each device the other’s library when it is turned on', async () => {
    // The shipped article has the same id in every fresh library: one copy of it, and each device's own document.
    expect((await laptop.getLibrary()).documents.map(({ title }) => title).sort()).toEqual([
      'Read on the desktop',
      'Read on the laptop',
      'The coronavirus outbreak has raised a question about global cooperation',
    ]);
    expect(await libraryContents(desktop)).toEqual(await libraryContents(laptop));
    const status = await laptop.getLibrarySyncStatus();
    expect(status.devices.map(({ name }) => name).sort()).toEqual(['desktop', 'laptop']);
    expect(status.problem).toBeNull();
  });

  it('carries highlights, notes, tags, colors, document notes, reading positions and renames both ways', async () => {
    const onLaptop = await firstDocument(laptop);
    await laptop.putHighlight(
      onLaptop.summary.id,
      highlightOf(onLaptop, 'global cooperation', 'h-laptop', { note: 'from the laptop', tags: ['a'] }),
    );
    await laptop.setDocumentNote(onLaptop.summary.id, 'document thoughts');
    await laptop.saveReadingPosition(onLaptop.summary.id, { blockIndex: 4, blockOffset: 0.25, progress: 0.3 });
    await exchange();
    const onDesktop = await desktop.openDocument(onLaptop.summary.id);
    expect(onDesktop.highlights.map(({ id, note, tags }) => ({ id, note, tags }))).toEqual([
      { id: 'h-laptop', note: 'from the laptop', tags: ['a'] },
    ]);
    expect(onDesktop.documentNote?.text).toBe('document thoughts');
    expect(onDesktop.readingPosition).toEqual({ blockIndex: 4, blockOffset: 0.25, progress: 0.3 });

    await desktop.putHighlight(onDesktop.summary.id, { ...onDesktop.highlights[0]!, color: 'green' });
    await desktop.editDocumentMetadata(onDesktop.summary.id, { title: 'Renamed on the desktop', author: 'Someone', date: '' });
    await exchange();
    const back = await laptop.openDocument(onLaptop.summary.id);
    expect(back.highlights[0]?.color).toBe('green');
    expect(back.summary.title).toBe('Renamed on the desktop');
    expect(await libraryContents(desktop)).toEqual(await libraryContents(laptop));
  });

  it('keeps both devices’ offline edits: different highlights both, one note edited on both side by side, an edit outliving a delete', async () => {
    const onLaptop = await firstDocument(laptop);
    const id = onLaptop.summary.id;
    await laptop.putHighlight(id, highlightOf(onLaptop, 'global cooperation', 'shared', { note: 'original' }));
    await laptop.putHighlight(id, highlightOf(onLaptop, 'cooperation', 'doomed'));
    await exchange();
    const onDesktop = await desktop.openDocument(id);
    const shared = onDesktop.highlights.find((highlight) => highlight.id === 'shared')!;
    const doomed = onDesktop.highlights.find((highlight) => highlight.id === 'doomed')!;

    // Offline on both: no exchange until the end.
    await laptop.putHighlight(id, { ...highlightOf(onLaptop, 'global cooperation', 'shared'), note: 'laptop wording' });
    await desktop.putHighlight(id, { ...shared, note: 'desktop wording' });
    await laptop.putHighlight(id, highlightOf(onLaptop, 'outbreak', 'only-laptop'));
    await desktop.putHighlight(id, highlightOf(onDesktop, 'question', 'only-desktop'));
    await laptop.deleteHighlight(id, 'doomed');
    await desktop.putHighlight(id, { ...doomed, color: 'purple' });
    await exchange();

    const merged = await laptop.openDocument(id);
    expect(merged.highlights.map(({ id }) => id).sort()).toEqual(['doomed', 'only-desktop', 'only-laptop', 'shared']);
    expect(merged.highlights.find((highlight) => highlight.id === 'doomed')?.color).toBe('purple');
    const note = merged.highlights.find((highlight) => highlight.id === 'shared')!.note;
    expect(note.split(concurrentNoteSeparator).sort()).toEqual(['desktop wording', 'laptop wording']);
    expect(await libraryContents(desktop)).toEqual(await libraryContents(laptop));
  });

  it('carries an edit of the text, and the other device re-anchors the highlights in it', async () => {
    const onLaptop = await firstDocument(laptop);
    const id = onLaptop.summary.id;
    await laptop.putHighlight(id, highlightOf(onLaptop, 'global cooperation', 'moved'));
    await exchange();
    const before = (await desktop.openDocument(id)).highlights[0]!;
    const edited = `A new first paragraph, written on the laptop.\n\n${onLaptop.markdown}`;
    await laptop.saveDocumentBody(id, edited, onLaptop.revision);
    await exchange();
    const onDesktop = await desktop.openDocument(id);
    expect(onDesktop.markdown).toBe(edited);
    const after = onDesktop.highlights[0]!;
    expect(after.position.start).toBe(before.position.start + 'A new first paragraph, written on the laptop.'.length + 1);
    expect(after.revision).toBe(onDesktop.revision);
  });

  it('carries a document’s language and direction with its text, and keeps them through an edit', async () => {
    await laptop.importDocuments([{ name: 'poem.md', content: '---\nlang: he\ndir: rtl\n---\n# שיר\n\nשורה ראשונה.\n' }]);
    await exchange();
    const onDesktop = await firstDocument(desktop, /שיר/);
    expect(onDesktop).toMatchObject({ lang: 'he', dir: 'rtl' });
    await desktop.saveDocumentBody(onDesktop.summary.id, `${onDesktop.markdown}\nשורה שנייה.\n`, onDesktop.revision);
    await exchange();
    expect(await firstDocument(laptop, /שיר/)).toMatchObject({ lang: 'he', dir: 'rtl', markdown: expect.stringContaining('שורה שנייה') });
  });

  it('carries a document’s vertical writing mode with its text, and keeps it through an edit', async () => {
    await laptop.importDocuments([
      {
        name: 'yukiguni.md',
        content: '---\nlang: ja\nwriting-mode: vertical-rl\n---\n# 雪国\n\n国境の長いトンネルを抜けると雪国であった。\n',
      },
    ]);
    await exchange();
    const onDesktop = await firstDocument(desktop, /雪国/);
    expect(onDesktop).toMatchObject({ lang: 'ja', writingMode: 'vertical-rl' });
    await desktop.saveDocumentBody(onDesktop.summary.id, `${onDesktop.markdown}\n夜の底が白くなった。\n`, onDesktop.revision);
    await exchange();
    expect(await firstDocument(laptop, /雪国/)).toMatchObject({
      writingMode: 'vertical-rl',
      markdown: expect.stringContaining('夜の底が白くなった'),
    });
  });

  it('moves a document deleted on one device to the other’s trash', async () => {
    const onLaptop = await firstDocument(laptop);
    await laptop.deleteDocument(onLaptop.summary.id);
    await exchange();
    expect((await desktop.getLibrary()).documents.map(({ id }) => id)).not.toContain(onLaptop.summary.id);
    expect((await readdir(join(parent, 'desktop', 'trash'))).some((name) => name.endsWith(onLaptop.summary.id))).toBe(true);
  });

  it('skips a line still arriving until it is whole, and merges an engine’s conflict copy', async () => {
    const onLaptop = await firstDocument(laptop);
    const id = onLaptop.summary.id;
    await laptop.putHighlight(id, highlightOf(onLaptop, 'global cooperation', 'whole'));
    await laptop.flush();
    const laptopId = (await laptop.getLibrarySyncStatus()).deviceId;
    const laptopFolder = join(shared, 'gloss-sync', 'devices', laptopId);
    const log = (await readdir(laptopFolder))
      .filter((name) => name.startsWith('ops-'))
      .sort()
      .at(-1)!;
    const lines = (await readFile(join(laptopFolder, log), 'utf8')).trimEnd().split('\n');
    const last = lines.at(-1)!;
    // The engine has delivered the log up to half of its last line.
    const arriving = join(parent, 'arriving.jsonl');
    await writeFile(arriving, `${lines.slice(0, -1).join('\n')}\n${last.slice(0, last.length / 2)}`);
    // A third device whose engine is still bringing the laptop's log in.
    const desktopView = join(parent, 'desktop-view');
    await mkdir(join(desktopView, 'gloss-sync', 'devices', laptopId), { recursive: true });
    const third = glossAt(join(parent, 'third'), 'third');
    try {
      await third.enableLibrarySync(desktopView);
      await copyFile(arriving, join(desktopView, 'gloss-sync', 'devices', laptopId, log));
      for (const blob of await readdir(join(laptopFolder, 'blobs'))) {
        await mkdir(join(desktopView, 'gloss-sync', 'devices', laptopId, 'blobs'), { recursive: true });
        await copyFile(join(laptopFolder, 'blobs', blob), join(desktopView, 'gloss-sync', 'devices', laptopId, 'blobs', blob));
      }
      await third.syncLibraryNow();
      expect((await third.openDocument(id)).highlights).toEqual([]);
      expect((await third.getLibrarySyncStatus()).problem).toBeNull();
      // The rest arrives, and the engine also left a conflict copy holding one more change.
      await appendFile(join(desktopView, 'gloss-sync', 'devices', laptopId, log), `${last.slice(last.length / 2)}\n`);
      await laptop.putHighlight(id, highlightOf(onLaptop, 'outbreak', 'in-conflict-copy'));
      await laptop.flush();
      const latest = (await readFile(join(laptopFolder, log), 'utf8')).trimEnd().split('\n').at(-1)!;
      await writeFile(
        join(desktopView, 'gloss-sync', 'devices', laptopId, log.replace('.jsonl', '.sync-conflict-20260102-030405-ABCDEFG.jsonl')),
        `${latest}\n`,
      );
      await third.syncLibraryNow();
      expect((await third.openDocument(id)).highlights.map(({ id }) => id).sort()).toEqual(['in-conflict-copy', 'whole']);
      expect((await third.getLibrarySyncStatus()).problem).toMatch(/conflict copies .*sync-conflict/);
    } finally {
      await third.close();
    }
  });

  it('takes the latest reading position for where you are, and the furthest any device read for “% read”, then leaves both alone', async () => {
    const onLaptop = await firstDocument(laptop);
    const id = onLaptop.summary.id;
    // Offline on both: the laptop reads far, the desktop a little, later.
    await laptop.saveReadingPosition(id, { blockIndex: 30, blockOffset: 0, progress: 0.8 });
    await desktop.saveReadingPosition(id, { blockIndex: 3, blockOffset: 0, progress: 0.3 });
    await exchange();
    await desktop.syncLibraryNow();
    for (const gloss of [laptop, desktop]) {
      expect((await gloss.openDocument(id)).readingPosition).toEqual({ blockIndex: 3, blockOffset: 0, progress: 0.3, furthest: 0.8 });
    }
    // Converged: further passes change nothing, so the open document is not reloaded again and again.
    const settled = await Promise.all([laptop.getLibrarySyncStatus(), desktop.getLibrarySyncStatus()]);
    await exchange();
    await exchange();
    const after = await Promise.all([laptop.getLibrarySyncStatus(), desktop.getLibrarySyncStatus()]);
    expect(after.map(({ lastChanged }) => lastChanged)).toEqual(settled.map(({ lastChanged }) => lastChanged));
  });

  it('shares reading settings only between devices that choose to, each setting on its own', async () => {
    const laptopLook = { ...(await laptop.getSettings()), fontSize: 22 };
    await laptop.saveSettings(laptopLook);
    await exchange();
    // Not shared by default: screens differ.
    expect((await desktop.getSettings()).fontSize).not.toBe(22);

    // The first device to share gives its settings; the next one takes them.
    expect((await laptop.shareLibrarySyncSettings(true)).sharesSettings).toBe(true);
    await exchange();
    expect((await desktop.getSettings()).fontSize).not.toBe(22);
    await desktop.shareLibrarySyncSettings(true);
    await exchange();
    expect(await desktop.getSettings()).toEqual(laptopLook);

    // Different settings changed on each, before they synced: both changes stay.
    await laptop.saveSettings({ ...(await laptop.getSettings()), fontFamily: 'sans' });
    await desktop.saveSettings({ ...(await desktop.getSettings()), theme: 'dark' });
    await exchange();
    const both: ReaderSettings = { ...laptopLook, fontFamily: 'sans', theme: 'dark' };
    expect(await laptop.getSettings()).toEqual(both);
    expect(await desktop.getSettings()).toEqual(both);
    expect((await laptop.getLibrarySyncStatus()).lastMerge).toMatch(/reading settings taken/);

    // A device that stops sharing keeps its settings and takes no more.
    await laptop.shareLibrarySyncSettings(false);
    await desktop.saveSettings({ ...both, fontSize: 30 });
    await exchange();
    expect((await laptop.getSettings()).fontSize).toBe(22);
  });

  it('lets a setting chosen on one device win over the settings another offers when it starts sharing before they arrived', async () => {
    const before = await desktop.getSettings();
    await laptop.shareLibrarySyncSettings(true);
    await laptop.saveSettings({ ...(await laptop.getSettings()), theme: 'sepia' });
    await laptop.flush();
    // The desktop has read nothing since: it sees no shared settings, offers its own, and only then reads the laptop's.
    await desktop.shareLibrarySyncSettings(true);
    await exchange();
    expect(await desktop.getSettings()).toEqual({ ...before, theme: 'sepia' });
    expect((await laptop.getSettings()).theme).toBe('sepia');
  });

  it('keeps a setting chosen while a sync pass runs, instead of the pass taking the shared one back before the choice is shared', async () => {
    await laptop.shareLibrarySyncSettings(true);
    await desktop.shareLibrarySyncSettings(true);
    await exchange();
    // The pass reads the folder while the choice is being written: it used to find this device's settings
    // differing from the shared ones and take the shared ones back, so the choice was never shared (the e2e spec's flake).
    const choosing = laptop.saveSettings({ ...(await laptop.getSettings()), theme: 'sepia' });
    await Promise.all([choosing, laptop.syncLibraryNow()]);
    expect((await laptop.getSettings()).theme).toBe('sepia');
    await exchange();
    expect((await laptop.getSettings()).theme).toBe('sepia');
    expect((await desktop.getSettings()).theme).toBe('sepia');
  });

  it('shows the same status from the command line, reading only', async () => {
    const onLaptop = await firstDocument(laptop);
    await laptop.putHighlight(onLaptop.summary.id, highlightOf(onLaptop, 'global cooperation', 'h1'));
    await exchange();
    let out = '';
    const io = { stdout: (text: string) => (out += text), stderr: (text: string) => (out += text), env: {}, cwd: parent };
    const before = await readdir(join(shared, 'gloss-sync', 'devices'), { recursive: true });
    expect(await runCli(['sync', 'status', '--data-dir', join(parent, 'desktop')], io)).toBe(0);
    expect(out).toContain(`Folder: ${shared}`);
    expect(out).toMatch(/Devices seen: .*laptop: \d+ changes/);
    expect(out).toMatch(/desktop \(this device\)/);
    expect(out).toContain('3 documents, 1 highlights');
    expect(out).toContain('Reading settings: not shared');
    expect(out).toContain('Problem: none');
    expect(await readdir(join(shared, 'gloss-sync', 'devices'), { recursive: true })).toEqual(before);
    out = '';
    expect(await runCli(['sync', 'status', '--data-dir', join(parent, 'elsewhere')], io)).toBe(0);
    expect(out).toMatch(/^Library sync is off/);
  });

  it('says so in one sentence when the folder is gone, and changes nothing', async () => {
    await rm(shared, { recursive: true, force: true });
    await expect(laptop.syncLibraryNow()).rejects.toThrow(/missing/);
    expect((await laptop.getLibrarySyncStatus()).problem).toMatch(/^The sync folder .* is missing/);
    expect((await laptop.getLibrary()).documents).toHaveLength(3);
  });
});
