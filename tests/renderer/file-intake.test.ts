// @vitest-environment jsdom
/**
 * Where the page tells main that files are on their way (renderer/src/file-intake.ts,
 * drop-target.ts): when the file chooser opens, and once each time files are dragged
 * over the window, so main can get the import ready while the user chooses.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { showDropTarget } from '../../renderer/src/drop-target';
import { acceptFiles } from '../../renderer/src/file-intake';
import type { LibraryController } from '../../renderer/src/library-controller';

/** A drag event as Chromium sends it, carrying files or not (jsdom has no DragEvent). */
function drag(type: string, target: EventTarget, types: string[] = ['Files']): void {
  const event = new Event(type, { bubbles: true, cancelable: true });
  Object.defineProperty(event, 'dataTransfer', { value: { types, files: [] } });
  target.dispatchEvent(event);
}

afterEach(() => {
  document.body.replaceChildren();
  delete document.documentElement.dataset.dropping;
});

describe('getting an import ready', () => {
  it('asks when the file chooser opens, before any file is chosen', () => {
    let prepared = 0;
    const input = document.createElement('input');
    input.type = 'file';
    document.body.append(input);
    acceptFiles(input, { prepareImport: () => prepared++, importFiles: async () => undefined } as unknown as LibraryController);
    // jsdom opens no chooser, but the click that would open it arrives as in Chromium.
    input.click();
    expect(prepared).toBe(1);
  });

  it('asks once per drag of files over the window, however many elements the drag crosses, and not for other drags', () => {
    let prepared = 0;
    showDropTarget(() => prepared++);
    const [outer, inner] = [document.createElement('section'), document.createElement('p')];
    outer.append(inner);
    document.body.append(outer);

    drag('dragenter', outer);
    drag('dragenter', inner);
    drag('dragleave', outer);
    expect(prepared).toBe(1);
    expect(document.documentElement.dataset.dropping).toBe('');

    drag('drop', inner);
    drag('dragenter', outer);
    expect(prepared).toBe(2);

    drag('dragend', outer);
    drag('dragenter', outer, ['text/plain']);
    expect(prepared).toBe(2);
  });
});
