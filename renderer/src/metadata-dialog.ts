import type { DocumentMetadata, DocumentSummary } from '../../common/contract';
import { calendarDateProblem } from '../../common/text/calendar-date';
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
  refuseImpossibleDates(date.input, summary.date ?? '');
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

/**
 * Blocks Save while the date field holds something that is not a calendar
 * date, saying why beside the field (and to screen readers, through
 * aria-describedby). A date left as it was stays acceptable, whatever its
 * form: an imported document may carry one Gloss did not write.
 */
function refuseImpossibleDates(input: HTMLInputElement, original: string): void {
  const message = element('p', 'metadata-error');
  message.id = 'metadata-date-error';
  message.hidden = true;
  // After the label, not in it: inside, it would become part of the field's name.
  (input.closest('label') ?? input).after(message);
  const check = () => {
    const value = input.value.trim();
    const problem = value === '' || value === original.trim() ? null : calendarDateProblem(value);
    input.setCustomValidity(problem ?? '');
    input.setAttribute('aria-invalid', String(problem !== null));
    message.textContent = problem ?? '';
    message.hidden = problem === null;
    if (problem) input.setAttribute('aria-describedby', message.id);
    else input.removeAttribute('aria-describedby');
  };
  input.addEventListener('input', check);
  check();
}
