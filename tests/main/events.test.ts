import { describe, expect, it, vi } from 'vitest';
import { glossEvents } from '../../common/contract';
import { sendEventsTo } from '../../main/events';
import { menuTemplate } from '../../main/menu';

// main/events.ts takes only types from electron; the stand-in keeps the real module out of the test.
vi.mock('electron', () => ({}));

function fakeContents(destroyed = false) {
  return { send: vi.fn(), isDestroyed: () => destroyed };
}

describe('sendEventsTo', () => {
  it('sends each event on its own channel with its payload only', () => {
    const contents = fakeContents();
    const emit = sendEventsTo(() => contents);
    emit('exportProgress', { stage: 'writing', done: 1, total: 2 });
    emit('closeRequested', null);
    expect(contents.send.mock.calls).toEqual([
      [glossEvents.exportProgress.channel, { stage: 'writing', done: 1, total: 2 }],
      [glossEvents.closeRequested.channel, null],
    ]);
  });

  it('sends nothing while there is no window, or after its page is gone', () => {
    const gone = fakeContents(true);
    expect(() => sendEventsTo(() => null)('menuCommand', 'open')).not.toThrow();
    sendEventsTo(() => gone)('menuCommand', 'open');
    expect(gone.send).not.toHaveBeenCalled();
  });

  it('carries the File menu’s commands to the page as menuCommand events', () => {
    const contents = fakeContents();
    const emit = sendEventsTo(() => contents);
    const file = menuTemplate('linux', (command) => emit('menuCommand', command))[0]!;
    const items = (file.submenu as { label?: string; click?: () => void }[]).filter((item) => item.click);
    for (const item of items) item.click!();
    expect(contents.send.mock.calls).toEqual(
      ['open', 'export', 'sync-to-folder', 'sync-library', 'copy-all-highlights'].map((command) => [
        glossEvents.menuCommand.channel,
        command,
      ]),
    );
  });
});
