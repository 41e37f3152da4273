import type { DocumentMetadata, DocumentSummary } from '../../common/contract';
import { closeOnEscape, element } from './dom';

/** A labelled text field of the dialog. */
function field(
  label: string,
  value: string,
  options: { required?: boolean; placeholder?: string } = {},
): { wrapper: HTMLElement; input: HTMLInputElement } {
  const wrapper = element('label', 'metadata-field');
  const input = element('input', 'metadata-input');
  input.value = value;
  input.required = options.required ?? false;
  if (options.placeholder) input.placeholder = options.placeholder;
  wrapper.append(element('span', 'settings-label', label), input);
  return { wrapper, input };
}

/**
 * Asks for a document's title, author and date, filled with the current
 * ones. Resolves with the new values on Save, null on Cancel or Escape.
 */
export function editMetadata(summary: DocumentSummary): Promise<DocumentMetadata | null> {
  const dialog = element('dialog', 'confirm-dialog metadata-dialog');
  dialog.setAttribute('aria-labelledby', 'metadata-title');
  const heading = element('h2', 'shortcuts-title', 'Document details');
  heading.id = 'metadata-title';
  const form = element('form');
  form.method = 'dialog';
  const title = field('Title', summary.title, { required: true });
  const author = field('Author', summary.author ?? '');
  const date = field('Date', summary.date ?? '', { placeholder: 'YYYY-MM-DD' });
  const buttons = element('div', 'confirm-buttons');
  const cancel = element('button', 'secondary-button', 'Cancel');
  cancel.type = 'button';
  cancel.addEventListener('click', () => dialog.close('cancel'));
  const save = element('button', 'primary-button', 'Save');
  save.type = 'submit';
  save.value = 'save';
  buttons.append(cancel, save);
  form.append(title.wrapper, author.wrapper, date.wrapper, buttons);
  dialog.append(heading, form);
  closeOnEscape(dialog);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      if (dialog.returnValue !== 'save') return resolve(null);
      resolve({ title: title.input.value.trim(), author: author.input.value.trim() || null, date: date.input.value.trim() || null });
    });
    dialog.showModal();
    title.input.focus();
    title.input.select();
  });
}
