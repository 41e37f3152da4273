import { element } from './dom';

export interface DocumentEditorActions {
  save(markdown: string): Promise<void>;
  cancel(): void;
}

/** The "Edit document" form: the Markdown in a textbox, saved with the button or Ctrl/Cmd+S. */
export function renderDocumentEditor(title: string, markdown: string, actions: DocumentEditorActions): HTMLFormElement {
  const form = element('form', 'document-editor');
  form.setAttribute('aria-label', 'Edit document');
  const heading = element('h1', 'document-editor-title', `Editing “${title}”`);
  const hint = element(
    'p',
    'document-editor-hint',
    'Markdown. Highlights re-attach to their passages when you save; any whose passage is gone are kept under “Could not be placed”.',
  );
  const textbox = element('textarea', 'document-editor-text');
  textbox.setAttribute('aria-label', 'Document text');
  textbox.value = markdown;
  textbox.spellcheck = true;
  const status = element('p', 'document-editor-status');
  status.setAttribute('role', 'status');
  const save = element('button', 'primary-button', 'Save document');
  save.type = 'submit';
  const cancel = element('button', 'secondary-button', 'Cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => actions.cancel());
  const buttons = element('div', 'document-editor-buttons');
  buttons.append(save, cancel);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    status.textContent = 'Saving…';
    actions.save(textbox.value).catch((error: Error) => {
      save.disabled = false;
      status.textContent = `Not saved: ${error.message}`;
    });
  });
  form.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      actions.cancel();
    }
  });
  form.append(heading, hint, textbox, status, buttons);
  queueMicrotask(() => textbox.focus());
  return form;
}
