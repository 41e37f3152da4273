// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { ExportProgress, ExportResult, IpcResult } from '../../common/contract';
import { ExportDialog } from '../../renderer/src/export-dialog';

function ok<T>(value: T): Promise<IpcResult<T>> {
  return Promise.resolve({ ok: true, value });
}

describe('ExportDialog progress', () => {
  it('shows documents written out of the total while a library export runs, then the result', async () => {
    let report: (progress: ExportProgress) => void = () => undefined;
    const unsubscribe = vi.fn();
    let finish: (result: IpcResult<ExportResult | null>) => void = () => undefined;
    Object.defineProperty(window, 'gloss', {
      configurable: true,
      value: {
        exportToFile: vi.fn(() => new Promise((resolve) => (finish = resolve))),
        onExportProgress: vi.fn((listener: (progress: ExportProgress) => void) => {
          report = listener;
          return unsubscribe;
        }),
      },
    });
    const dialog = new ExportDialog(() => null);
    const bar = dialog.element.querySelector('progress')!;
    const summary = dialog.element.querySelector('[role="status"]')!;
    expect(bar.getAttribute('aria-label')).toBe('Export progress');
    expect(bar.hidden).toBe(true);

    Array.from(dialog.element.querySelectorAll('button'))
      .find((button) => button.textContent === 'Save…')!
      .click();
    report({ stage: 'reading', done: 1, total: 5 });
    await vi.waitFor(() => expect(summary.textContent).toBe('Exporting… 1 of 5 documents read.'));
    report({ stage: 'writing', done: 2, total: 5 });
    await vi.waitFor(() => expect(summary.textContent).toBe('Exporting… 2 of 5 documents written.'));
    expect(bar.hidden).toBe(false);
    expect([bar.value, bar.max]).toEqual([2, 5]);

    report({ stage: 'writing', done: 5, total: 5 });
    await vi.waitFor(() => expect(bar.value).toBe(5));
    finish({
      ok: true,
      value: { path: '/tmp/out', fileCount: 5, highlightCount: 9, leftAlone: [], skipped: ['“Pond”: it is not valid JSON'] },
    });
    await vi.waitFor(() =>
      expect(summary.textContent).toBe(
        'Saved 9 highlights in 5 files to /tmp/out. Not exported, as their files cannot be read: “Pond”: it is not valid JSON',
      ),
    );
    expect(bar.hidden).toBe(true);
    // The dialog stops listening once the export is over.
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });
});

describe('ExportDialog preview', () => {
  it('shows how many documents are read while a preview of the whole library is prepared', async () => {
    let report: (progress: ExportProgress) => void = () => undefined;
    let finish: (result: IpcResult<unknown>) => void = () => undefined;
    const unsubscribe = vi.fn();
    Object.defineProperty(window, 'gloss', {
      configurable: true,
      value: {
        previewExport: vi.fn(() => new Promise((resolve) => (finish = resolve))),
        onExportProgress: (listener: (progress: ExportProgress) => void) => ((report = listener), unsubscribe),
      },
    });
    const dialog = new ExportDialog(() => null);
    dialog.element.showModal = () => dialog.element.setAttribute('open', '');
    const summary = dialog.element.querySelector('[role="status"]')!;
    dialog.open();
    report({ stage: 'reading', done: 300, total: 1200 });
    await vi.waitFor(() => expect(summary.textContent).toBe('Preparing the preview… 300 of 1,200 documents read.'));
    finish({ ok: true, value: { text: 'x', truncated: true, documentCount: 1200, highlightCount: 5, destination: 'file' } });
    await vi.waitFor(() => expect(summary.textContent).toBe('5 highlights from 1,200 documents: one file.'));
    expect(unsubscribe).toHaveBeenCalledTimes(1);
    expect(dialog.element.querySelector('progress')!.hidden).toBe(true);
  });
});

describe('ExportDialog previews finishing out of order', () => {
  it('shows the newest preview, and no progress from an older one that finishes after it', async () => {
    const listeners = new Set<(progress: ExportProgress) => void>();
    const pending: ((result: IpcResult<unknown>) => void)[] = [];
    Object.defineProperty(window, 'gloss', {
      configurable: true,
      value: {
        previewExport: vi.fn(() => new Promise((resolve) => pending.push(resolve))),
        onExportProgress: (listener: (progress: ExportProgress) => void) => (listeners.add(listener), () => listeners.delete(listener)),
      },
    });
    const dialog = new ExportDialog(() => null);
    dialog.element.showModal = () => dialog.element.setAttribute('open', '');
    const summary = dialog.element.querySelector('[role="status"]')!;
    dialog.open();
    const format = dialog.element.querySelector('select')!;
    format.value = 'csv';
    format.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    const preview = (documentCount: number) => ({
      ok: true as const,
      value: { text: 'x', truncated: false, documentCount, highlightCount: 1, destination: 'file' },
    });
    pending[1]!(preview(2));
    await vi.waitFor(() => expect(summary.textContent).toBe('1 highlight from 2 documents: one file.'));
    // The older preview still reads, then finishes: neither is shown.
    for (const listener of listeners) listener({ stage: 'reading', done: 1, total: 1 });
    pending[0]!(preview(7));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(summary.textContent).toBe('1 highlight from 2 documents: one file.');
    expect(listeners.size).toBe(0);
  });
});

describe('ExportDialog saved while its preview is still prepared', () => {
  it('keeps the save’s result in the status line when the preview finishes after it', async () => {
    const listeners = new Set<(progress: ExportProgress) => void>();
    let finishPreview: (result: IpcResult<unknown>) => void = () => undefined;
    Object.defineProperty(window, 'gloss', {
      configurable: true,
      value: {
        previewExport: vi.fn(() => new Promise((resolve) => (finishPreview = resolve))),
        exportToFile: vi.fn(() =>
          ok<ExportResult | null>({ path: '/tmp/pond.md', fileCount: 1, highlightCount: 0, leftAlone: [], skipped: [] }),
        ),
        onExportProgress: (listener: (progress: ExportProgress) => void) => (listeners.add(listener), () => listeners.delete(listener)),
      },
    });
    const dialog = new ExportDialog(() => null);
    dialog.element.showModal = () => dialog.element.setAttribute('open', '');
    const summary = dialog.element.querySelector('[role="status"]')!;
    dialog.open();
    Array.from(dialog.element.querySelectorAll('button'))
      .find((button) => button.textContent === 'Save…')!
      .click();
    await vi.waitFor(() => expect(summary.textContent).toBe('Saved 0 highlights in 1 file to /tmp/pond.md'));
    // The preview's own progress and result come late: the preview is shown, the status line stays the save's.
    for (const listener of listeners) listener({ stage: 'reading', done: 1, total: 2 });
    finishPreview({ ok: true, value: { text: 'the preview', truncated: false, documentCount: 1, highlightCount: 0, destination: 'file' } });
    await vi.waitFor(() => expect(dialog.element.querySelector('pre')!.textContent).toBe('the preview'));
    expect(summary.textContent).toBe('Saved 0 highlights in 1 file to /tmp/pond.md');
  });
});

describe('ExportDialog CSV formulas', () => {
  it('asks for spreadsheet-safe CSV by default, and raw values only when the box is ticked', async () => {
    const previewExport = vi.fn(() => ok({ text: '', truncated: false, documentCount: 0, highlightCount: 0, destination: 'file' }));
    Object.defineProperty(window, 'gloss', { configurable: true, value: { previewExport, onExportProgress: () => () => undefined } });
    const dialog = new ExportDialog(() => null);
    const format = dialog.element.querySelector('select')!;
    format.value = 'csv';
    format.dispatchEvent(new Event('change'));
    await vi.waitFor(() =>
      expect(previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ format: 'csv', csvFormulas: 'neutralised' })),
    );
    const raw = dialog.element.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    expect(raw.closest('label')!.hidden).toBe(false);
    raw.checked = true;
    raw.dispatchEvent(new Event('change'));
    await vi.waitFor(() => expect(previewExport).toHaveBeenLastCalledWith(expect.objectContaining({ csvFormulas: 'raw' })));
  });
});
