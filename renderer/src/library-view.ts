import type { DocumentDetails, DocumentMetadata, DocumentSummary } from '../../common/contract';
import { closeOnEscape, element } from './dom';
import { editMetadata } from './metadata-dialog';
import { formatArticleDate } from './format';
import { minutesForWords } from '../../common/text/reading-stats';

export const librarySorts = ['opened', 'added', 'title'] as const;
export type LibrarySort = (typeof librarySorts)[number];

const sortLabels: Record<LibrarySort, string> = { opened: 'Recently opened', added: 'Recently added', title: 'Title' };

/** The documents in the chosen order (never-opened documents after opened ones, newest added first). Pure, for tests. */
export function sortDocuments(documents: readonly DocumentSummary[], sort: LibrarySort): DocumentSummary[] {
  const byTitle = (a: DocumentSummary, b: DocumentSummary): number =>
    a.title.localeCompare(b.title, undefined, { sensitivity: 'base', numeric: true });
  const byAdded = (a: DocumentSummary, b: DocumentSummary): number => b.addedAt.localeCompare(a.addedAt) || byTitle(a, b);
  const sorted = [...documents];
  if (sort === 'title') return sorted.sort(byTitle);
  if (sort === 'added') return sorted.sort(byAdded);
  return sorted.sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? '') || byAdded(a, b));
}

export interface LibraryViewActions {
  open(documentId: string): void;
  /** Saves edited details; resolves once the list may be shown again. */
  editMetadata(documentId: string, metadata: DocumentMetadata): Promise<void>;
  delete(summary: DocumentSummary, details: DocumentDetails | undefined): void;
}

/**
 * The sidebar list: sort and tag filter controls, then one item per document
 * with its title, author and date, and how far it has been read, its
 * highlights and its length; the open one is marked current.
 */
export class LibraryView {
  #documents: DocumentSummary[] = [];
  #details = new Map<string, DocumentDetails>();
  #openId: string | null = null;
  #sort: LibrarySort = 'opened';
  #tag = '';
  readonly #sortSelect: HTMLSelectElement;
  readonly #tagSelect: HTMLSelectElement;
  readonly #tagField: HTMLElement;

  constructor(
    private readonly list: HTMLUListElement,
    private readonly actions: LibraryViewActions,
  ) {
    const controls = element('div', 'library-controls');
    const sortField = element('label', 'library-control');
    sortField.append(element('span', undefined, 'Sort'));
    this.#sortSelect = element('select', 'library-select');
    for (const sort of librarySorts) {
      const option = element('option', undefined, sortLabels[sort]);
      option.value = sort;
      this.#sortSelect.append(option);
    }
    this.#sortSelect.addEventListener('change', () => {
      this.#sort = this.#sortSelect.value as LibrarySort;
      this.#render();
    });
    sortField.append(this.#sortSelect);
    this.#tagField = element('label', 'library-control');
    this.#tagField.append(element('span', undefined, 'Tag'));
    this.#tagSelect = element('select', 'library-select');
    this.#tagSelect.addEventListener('change', () => {
      this.#tag = this.#tagSelect.value;
      this.#render();
    });
    this.#tagField.append(this.#tagSelect);
    controls.append(sortField, this.#tagField);
    list.before(controls);
  }

  show(documents: readonly DocumentSummary[], details: readonly DocumentDetails[], openId: string | null): void {
    this.#documents = [...documents];
    this.#details = new Map(details.map((entry) => [entry.documentId, entry]));
    this.#openId = openId;
    this.#renderTags();
    this.#render();
  }

  /** Updates one document's progress as it is read, without asking main for the whole list. */
  setProgress(documentId: string, progress: number): void {
    const details = this.#details.get(documentId);
    if (!details) return;
    details.progress = progress;
    const meta = this.list.querySelector<HTMLElement>(`[data-document-id="${CSS.escape(documentId)}"] .library-item-meta`);
    meta?.replaceChildren(this.#metaText(details));
  }

  #renderTags(): void {
    const tags = [...new Set([...this.#details.values()].flatMap((details) => details.tags))].sort((a, b) => a.localeCompare(b));
    if (!tags.includes(this.#tag)) this.#tag = '';
    const all = element('option', undefined, 'All documents');
    all.value = '';
    this.#tagSelect.replaceChildren(
      all,
      ...tags.map((tag) => {
        const option = element('option', undefined, `#${tag}`);
        option.value = tag;
        return option;
      }),
    );
    this.#tagSelect.value = this.#tag;
    this.#tagField.hidden = tags.length === 0;
  }

  #metaText(details: DocumentDetails): string {
    const parts = [
      `${Math.round(details.progress * 100)}% read`,
      `${details.highlightCount} highlight${details.highlightCount === 1 ? '' : 's'}`,
    ];
    if (details.wordCount > 0) parts.push(`${minutesForWords(details.wordCount)} min`);
    return parts.join(' · ');
  }

  #render(): void {
    const shown = sortDocuments(this.#documents, this.#sort).filter(
      (summary) => this.#tag === '' || (this.#details.get(summary.id)?.tags.includes(this.#tag) ?? false),
    );
    this.list.replaceChildren(
      ...shown.map((summary) => {
        const item = element('li', 'library-entry');
        item.dataset.documentId = summary.id;
        const button = element('button', 'library-item');
        button.type = 'button';
        if (summary.id === this.#openId) button.setAttribute('aria-current', 'page');
        const title = element('span', 'library-item-title', summary.title);
        title.id = `library-title-${summary.id}`;
        button.append(title);
        const byline = [summary.author, summary.date ? formatArticleDate(summary.date) : null].filter(Boolean).join(' · ');
        if (byline) button.append(element('span', 'library-item-details', byline));
        const details = this.#details.get(summary.id);
        if (details) button.append(element('span', 'library-item-meta', this.#metaText(details)));
        button.addEventListener('click', () => this.actions.open(summary.id));
        const remove = element('button', 'library-item-delete', '✕');
        remove.type = 'button';
        // The name says what it does; the title it acts on comes as the description, so names stay distinct from the open buttons'.
        remove.setAttribute('aria-label', 'Delete document');
        remove.setAttribute('aria-describedby', title.id);
        remove.title = `Delete “${summary.title}”`;
        remove.addEventListener('click', () => this.actions.delete(summary, details));
        const edit = element('button', 'library-item-edit', '✎');
        edit.type = 'button';
        edit.setAttribute('aria-label', 'Edit details');
        edit.setAttribute('aria-describedby', title.id);
        edit.title = `Rename or edit the details of “${summary.title}”`;
        edit.addEventListener('click', () => {
          void editMetadata(summary).then((metadata) => (metadata ? this.actions.editMetadata(summary.id, metadata) : undefined));
        });
        item.append(button, edit, remove);
        return item;
      }),
    );
  }
}

/**
 * Asks before deleting, saying how many highlights go with the document.
 * Resolves true for Delete; Escape or Cancel resolve false.
 */
export function confirmDeletion(title: string, highlightCount: number): Promise<boolean> {
  const dialog = element('dialog', 'confirm-dialog');
  dialog.setAttribute('aria-labelledby', 'confirm-title');
  dialog.setAttribute('aria-describedby', 'confirm-message');
  const heading = element('h2', 'shortcuts-title', `Delete “${title}”?`);
  heading.id = 'confirm-title';
  const notes =
    highlightCount === 0
      ? 'It has no highlights.'
      : `Its ${highlightCount} highlight${highlightCount === 1 ? '' : 's'} and their notes will be deleted with it.`;
  const message = element('p', 'confirm-message', `${notes} You can undo this right after.`);
  message.id = 'confirm-message';
  const buttons = element('div', 'confirm-buttons');
  const cancel = element('button', 'secondary-button', 'Cancel');
  cancel.type = 'button';
  const confirm = element(
    'button',
    'primary-button danger-button',
    highlightCount === 0 ? 'Delete' : `Delete with ${highlightCount} highlight${highlightCount === 1 ? '' : 's'}`,
  );
  confirm.type = 'button';
  buttons.append(cancel, confirm);
  dialog.append(heading, message, buttons);
  document.body.append(dialog);
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => dialog.close('cancel'));
    confirm.addEventListener('click', () => dialog.close('delete'));
    closeOnEscape(dialog);
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'delete');
      dialog.remove();
    });
    dialog.showModal();
    // The safe choice has the focus, so a stray Enter does not delete.
    cancel.focus();
  });
}
