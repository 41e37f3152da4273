// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportProgress } from '../../common/contract';
import { describeImportProgress, importProgressMessage } from '../../renderer/src/document-import';
import { Notices, noticeLifetimeMs } from '../../renderer/src/notices';

let area: Notices;
let returnedFocus = 0;

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
  const region = document.createElement('div');
  document.body.append(region);
  returnedFocus = 0;
  area = new Notices(region, () => returnedFocus++);
});
afterEach(() => vi.useRealTimers());

const shown = () => Array.from(area.element.querySelectorAll('.notice-message')).map((message) => message.textContent);
const after = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve('done'), ms));

describe('Notices', () => {
  it('lets news go after its lifetime, and keeps a notice with an action (Undo) longer', () => {
    area.show({ level: 'info', message: 'Added “Pond”.' });
    const undo = document.createElement('button');
    area.show({ level: 'info', message: 'Deleted “Pond”.' }, undo);
    vi.advanceTimersByTime(noticeLifetimeMs.info - 1);
    expect(shown()).toEqual(['Added “Pond”.', 'Deleted “Pond”.']);
    vi.advanceTimersByTime(1);
    expect(shown()).toEqual(['Deleted “Pond”.']);
    vi.advanceTimersByTime(noticeLifetimeMs.action - noticeLifetimeMs.info);
    expect(shown()).toEqual([]);
  });

  it('stops the clock while the keyboard is on a notice', () => {
    const item = area.show({ level: 'info', message: 'Quote copied.' });
    const dismiss = item.querySelector('button')!;
    dismiss.focus();
    vi.advanceTimersByTime(noticeLifetimeMs.info * 3);
    expect(shown()).toEqual(['Quote copied.']);
  });

  it('Escape dismisses every notice, and the keyboard goes back where it belongs if it was on one', () => {
    const item = area.show({ level: 'error', message: 'Not saved.' });
    area.show({ level: 'info', message: 'Saved.' });
    item.querySelector('button')!.focus();
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(shown()).toEqual([]);
    expect(returnedFocus).toBe(1);
  });

  it('Escape in a text box is the text box’s: the notices stay', () => {
    area.show({ level: 'info', message: 'Saved.' });
    const input = document.createElement('input');
    document.body.append(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(shown()).toEqual(['Saved.']);
  });

  it('shows a busy notice only for work still running after 200 ms, and removes it when the work ends', async () => {
    const quick = area.whileBusy(after(150), 'Adding to your library…');
    await vi.advanceTimersByTimeAsync(150);
    await expect(quick).resolves.toBe('done');
    expect(shown()).toEqual([]);

    const slow = area.whileBusy(after(1_000), 'Adding to your library…');
    await vi.advanceTimersByTimeAsync(250);
    expect(shown()).toEqual(['Adding to your library…']);
    expect(area.element.querySelector('progress')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(750);
    await expect(slow).resolves.toBe('done');
    expect(shown()).toEqual([]);
  });

  it('shows a batch’s progress as a determinate bar and in words, from the latest report, once the work has run 200 ms', async () => {
    let report: (progress: ImportProgress) => void = () => undefined;
    let subscribed = 0;
    const work = area.whileBusy(after(1_000), 'Adding to your library…', {
      subscribe: (listener) => {
        subscribed++;
        report = listener;
        return () => subscribed--;
      },
      describe: describeImportProgress,
    });
    report({ done: 1, total: 10 });
    await vi.advanceTimersByTimeAsync(250);
    const bar = area.element.querySelector('progress')!;
    expect(shown()).toEqual(['Importing 2 of 10…']);
    expect([bar.value, bar.max]).toEqual([1, 10]);
    report({ done: 7, total: 10 });
    expect(shown()).toEqual(['Importing 8 of 10…']);
    expect([bar.value, bar.max]).toEqual([7, 10]);
    await vi.advanceTimersByTimeAsync(750);
    await work;
    expect(shown()).toEqual([]);
    expect(subscribed).toBe(0);
  });

  it('moves the bar through a book’s chapters and shows which, without having it read out at every chapter', async () => {
    let report: (progress: ImportProgress) => void = () => undefined;
    const work = area.whileBusy(after(1_000), 'Adding to your library…', {
      subscribe: (listener) => ((report = listener), () => undefined),
      describe: describeImportProgress,
    });
    await vi.advanceTimersByTimeAsync(250);
    report({ done: 0, total: 1, chapters: { done: 47, total: 94 } });
    const bar = area.element.querySelector('progress')!;
    const detail = area.element.querySelector('.notice-detail')!;
    expect(shown()).toEqual(['Adding to your library…']);
    expect(detail.textContent).toBe('Chapter 48 of 94');
    expect(detail.getAttribute('aria-hidden')).toBe('true');
    expect([bar.value, bar.max, bar.getAttribute('aria-valuetext')]).toEqual([0.5, 1, 'Chapter 48 of 94']);
    report({ done: 1, total: 1 });
    expect(detail.textContent).toBe('');
    expect([bar.value, bar.getAttribute('aria-valuetext')]).toEqual([1, null]);
    await vi.advanceTimersByTimeAsync(750);
    await work;
  });
});

describe('importProgressMessage', () => {
  it.each([
    [0, 1, 'Adding to your library…'],
    [0, 10, 'Importing 1 of 10…'],
    [9, 10, 'Importing 10 of 10…'],
    [10, 10, 'Imported 10 of 10.'],
    [999, 1000, 'Importing 1,000 of 1,000…'],
  ])('after %i of %i files says %j', (done, total, expected) => {
    expect(importProgressMessage(done, total)).toBe(expected);
  });

  it('offers Cancel on a busy notice, which asks once and says it is cancelling', async () => {
    const cancel = vi.fn();
    const work = area.whileBusy(after(1_000), 'Adding to your library…', undefined, cancel);
    await vi.advanceTimersByTimeAsync(250);
    const stop = Array.from(area.element.querySelectorAll('button')).find((candidate) => candidate.textContent === 'Cancel')!;
    stop.click();
    stop.click();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(stop.disabled).toBe(true);
    expect(shown()).toEqual(['Cancelling…']);
    await vi.advanceTimersByTimeAsync(750);
    await work;
    expect(shown()).toEqual([]);
  });
});
