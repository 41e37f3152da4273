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
    report({ done: 2, total: 5 });
    await vi.waitFor(() => expect(summary.textContent).toBe('Exporting… 2 of 5 documents written.'));
    expect(bar.hidden).toBe(false);
    expect([bar.value, bar.max]).toEqual([2, 5]);

    report({ done: 5, total: 5 });
    await vi.waitFor(() => expect(bar.value).toBe(5));
    finish({ ok: true, value: { path: '/tmp/out', fileCount: 5, highlightCount: 9, leftAlone: [] } });
    await vi.waitFor(() => expect(summary.textContent).toBe('Saved 9 highlights in 5 files to /tmp/out'));
    expect(bar.hidden).toBe(true);
    // The dialog stops listening once the export is over.
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });
});

describe('ExportDialog CSV formulas', () => {
  it('asks for spreadsheet-safe CSV by default, and raw values only when the box is ticked', async () => {
    const previewExport = vi.fn(() => ok({ text: '', truncated: false, documentCount: 0, highlightCount: 0, destination: 'file' }));
    Object.defineProperty(window, 'gloss', { configurable: true, value: { previewExport } });
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
