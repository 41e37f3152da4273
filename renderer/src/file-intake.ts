import { pastedFile } from '../../common/pasted-file';
import { isTyping } from './commands';
import type { LibraryController } from './library-controller';

/** Every way a file reaches the library: Add documents… (the hidden file input), a drop on the window, a paste outside a text box. */
export function acceptFiles(fileInput: HTMLInputElement, library: LibraryController): void {
  // The chooser opens on a click (the button's or a shortcut's); main gets the import ready while the user chooses.
  fileInput.addEventListener('click', () => library.prepareImport());
  fileInput.addEventListener('change', () => {
    void library.importFiles(Array.from(fileInput.files ?? []));
    fileInput.value = '';
  });
  document.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  document.addEventListener('drop', (event) => {
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length === 0) return;
    event.preventDefault();
    void library.importFiles(files);
  });
  // Pasting outside a text box adds the clipboard's Markdown, HTML or text as a new document.
  document.addEventListener('paste', (event) => {
    if (isTyping(event.target) || !event.clipboardData) return;
    const pasted = pastedFile(event.clipboardData);
    if (!pasted) return;
    event.preventDefault();
    void library.importReadFiles([pasted]);
  });
}
