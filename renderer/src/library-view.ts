import type { DocumentDetails, DocumentMetadata, DocumentSummary } from '../../common/contract';
import { closeOnEscape, element } from './dom';
import { editMetadata } from './metadata-dialog';
import { formatArticleDate } from './format';
import { KeyedList, type KeyedView, placeChildren } from './keyed-list';
import type { AppState, AppStore, LibraryList } from './state/app-state';
import { librarySorts, type LibrarySort, sortDocuments } from '../../common/library-order';
import { minutesForWords } from '../../common/text/reading-stats';
import { rovingTabStop } from './roving';

const sortLabels: Record<LibrarySort, string> = { opened: 'Recently opened', added: 'Recently added', title: 'Title' };

/**
 * Rows put in the page at first, and again each time the reader nears the
 * end of them. Chromium builds the layout of every row in the page, laid out
 * or not: 10,000 rows took 4-6 s before a launched Gloss showed its list, a
 * page of them milliseconds (tests/bench/launch.bench.ts).
 */
export const libraryRowsPerPage = 100;

/** How many of `total` rows to show: at least `shown` (never fewer than a page), and enough to reach the row at `mustShow`. */
export function rowsToShow(total: number, shown: number, mustShow: number): number {
  const wanted = Math.max(shown, libraryRowsPerPage, mustShow + 1);
  return Math.min(total, Math.ceil(wanted / libraryRowsPerPage) * libraryRowsPerPage);
}

export interface LibraryViewActions {
  open(documentId: string): void;
  /** Saves edited details; resolves once the list may be shown again. */
  editMetadata(documentId: string, metadata: DocumentMetadata): Promise<void>;
  delete(summary: DocumentSummary, details: DocumentDetails | undefined): void;
}

/** What one entry of the list shows. */
interface LibraryItem {
  summary: DocumentSummary;
  details: DocumentDetails | undefined;
  open: boolean;
  /** Its place in the whole list, which screen readers announce ("3 of 10,000") although only the first pages are in the page. */
  position: { index: number; of: number };
}

/**
 * The sidebar list: sort and tag filter controls, then one item per document
 * with its title, author and date, and how far it has been read, its
 * highlights and its length; the open one is marked current. Items update by
 * document id, so reading progress or a new highlight count changes one line
 * and the focused button stays where it is.
 */
export class LibraryView {
  #documents: DocumentSummary[] = [];
  #details = new Map<string, DocumentDetails>();
  #firstPageOf: LibraryList['firstPageOf'] = null;
  #openId: string | null = null;
  #sort: LibrarySort = 'opened';
  #tag = '';
  /** Rows the reader has asked for (scrolled to or clicked for); more are shown when the open document is further down. */
  #rowsShown = libraryRowsPerPage;
  readonly #showMore = element('button', 'library-more');
  readonly #nearingTheEnd = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) this.#showNextPage();
  });
  readonly #sortSelect: HTMLSelectElement;
  readonly #tagSelect: HTMLSelectElement;
  readonly #tagField: HTMLElement;
  readonly #entries: KeyedList<LibraryItem>;
  /** Puts one row's buttons in the Tab order: the row last focused if it is still listed, else the open document's, else the first. */
  readonly #updateTabStops: () => void;

  constructor(list: HTMLUListElement, actions: LibraryViewActions) {
    // One Tab stop for the list: the arrows move between documents, Tab goes on to that document's Edit and Delete.
    this.#updateTabStops = rovingTabStop(list, () => Array.from(list.querySelectorAll<HTMLElement>('.library-item')), {
      preferred: () => Array.from(list.querySelectorAll<HTMLElement>('.library-item[aria-current]'))[0] ?? null,
      updated: () => {
        for (const row of list.querySelectorAll('.library-entry')) {
          const tabIndex = row.querySelector<HTMLElement>('.library-item')?.tabIndex ?? -1;
          for (const button of row.querySelectorAll<HTMLElement>('.library-item-edit, .library-item-delete')) button.tabIndex = tabIndex;
        }
      },
    });
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
      this.#rowsShown = libraryRowsPerPage;
      this.#render();
    });
    sortField.append(this.#sortSelect);
    this.#tagField = element('label', 'library-control');
    this.#tagField.append(element('span', undefined, 'Tag'));
    this.#tagSelect = element('select', 'library-select');
    this.#tagSelect.addEventListener('change', () => {
      this.#tag = this.#tagSelect.value;
      this.#rowsShown = libraryRowsPerPage;
      this.#render();
    });
    this.#tagField.append(this.#tagSelect);
    controls.append(sortField, this.#tagField);
    list.before(controls);
    this.#entries = new KeyedList(
      list,
      (item) => item.summary.id,
      (item) => new LibraryEntry(item, actions),
    );
    // The next page comes when the button scrolls into view, so scrolling or arrowing down never stops at it; a click or Enter works too.
    this.#showMore.type = 'button';
    this.#showMore.hidden = true;
    this.#showMore.addEventListener('click', () => this.#showNextPage());
    list.after(this.#showMore);
    this.#nearingTheEnd.observe(this.#showMore);
  }

  show({ documents, details, firstPageOf }: LibraryList, openId: string | null): void {
    const wholeListCame = this.#firstPageOf !== null && firstPageOf === null;
    this.#documents = [...documents];
    this.#details = new Map(details.map((entry) => [entry.documentId, entry]));
    this.#firstPageOf = firstPageOf;
    this.#openId = openId;
    // Another order or a tag would show only the first page's documents: both wait for the whole list.
    this.#sortSelect.disabled = firstPageOf !== null;
    this.#tagSelect.disabled = firstPageOf !== null;
    this.#renderTags();
    this.#render();
    // The reader may have reached the end of the first page while the rest was on its way: its rows come now.
    if (wholeListCame) this.#watchForTheEnd();
  }

  #renderTags(): void {
    const tags =
      this.#firstPageOf?.tags ??
      [...new Set([...this.#details.values()].flatMap((details) => details.tags))].sort((a, b) => a.localeCompare(b));
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

  #showNextPage(): void {
    // Until the whole list comes there is no next page to show; show() looks again then.
    if (this.#showMore.hidden || this.#firstPageOf) return;
    this.#rowsShown = this.#entries.element.childElementCount + libraryRowsPerPage;
    this.#render();
    this.#watchForTheEnd();
  }

  /** Observing anew reports whether the button is in view now (a tall sidebar), which then brings the next page. */
  #watchForTheEnd(): void {
    this.#nearingTheEnd.unobserve(this.#showMore);
    this.#nearingTheEnd.observe(this.#showMore);
  }

  #render(): void {
    const listed = sortDocuments(this.#documents, this.#sort).filter(
      (summary) => this.#tag === '' || (this.#details.get(summary.id)?.tags.includes(this.#tag) ?? false),
    );
    // The open document's row is always in the page, marked current; the reader's own request for more is what stays.
    const shown = listed.slice(
      0,
      rowsToShow(
        listed.length,
        this.#rowsShown,
        listed.findIndex((summary) => summary.id === this.#openId),
      ),
    );
    const total = this.#firstPageOf?.total ?? listed.length;
    this.#entries.show(
      shown.map((summary, index) => ({
        summary,
        details: this.#details.get(summary.id),
        open: summary.id === this.#openId,
        position: { index: index + 1, of: total },
      })),
    );
    const hiddenRows = total - shown.length;
    this.#showMore.hidden = hiddenRows === 0;
    this.#showMore.textContent = `Show more · ${hiddenRows.toLocaleString()} of ${total.toLocaleString()} not shown yet`;
    this.#updateTabStops();
  }
}

function metaText(details: DocumentDetails): string {
  const parts = [
    `${Math.round(details.progress * 100)}% read`,
    `${details.highlightCount} highlight${details.highlightCount === 1 ? '' : 's'}`,
  ];
  if (details.wordCount > 0) parts.push(`${minutesForWords(details.wordCount)} min`);
  return parts.join(' · ');
}

/** One document of the list: its open button (title, byline, details), Edit details and Delete; updated in place. */
class LibraryEntry implements KeyedView<LibraryItem> {
  readonly element: HTMLLIElement;
  #item: LibraryItem;
  readonly #button: HTMLButtonElement;
  readonly #title: HTMLElement;
  readonly #byline = element('span', 'library-item-details');
  readonly #meta = element('span', 'library-item-meta');
  readonly #edit: HTMLButtonElement;
  readonly #remove: HTMLButtonElement;

  constructor(item: LibraryItem, actions: LibraryViewActions) {
    this.#item = item;
    const { id } = item.summary;
    this.element = element('li', 'library-entry');
    this.element.dataset.documentId = id;
    this.#button = element('button', 'library-item');
    this.#button.type = 'button';
    this.#button.addEventListener('click', () => actions.open(id));
    this.#title = element('span', 'library-item-title');
    this.#title.id = `library-title-${id}`;
    this.#remove = element('button', 'library-item-delete', '✕');
    this.#remove.type = 'button';
    // The name says what it does; the title it acts on comes as the description, so names stay distinct from the open buttons'.
    this.#remove.setAttribute('aria-label', 'Delete document');
    this.#remove.setAttribute('aria-describedby', this.#title.id);
    this.#remove.addEventListener('click', () => actions.delete(this.#item.summary, this.#item.details));
    this.#edit = element('button', 'library-item-edit', '✎');
    this.#edit.type = 'button';
    this.#edit.setAttribute('aria-label', 'Edit details');
    this.#edit.setAttribute('aria-describedby', this.#title.id);
    this.#edit.addEventListener('click', () => {
      void editMetadata(this.#item.summary).then((metadata) => (metadata ? actions.editMetadata(id, metadata) : undefined));
    });
    this.element.append(this.#button, this.#edit, this.#remove);
    this.#render();
  }

  update(item: LibraryItem): void {
    const before = this.#item;
    this.#item = item;
    if (
      item.summary !== before.summary ||
      item.details !== before.details ||
      item.open !== before.open ||
      item.position.index !== before.position.index ||
      item.position.of !== before.position.of
    )
      this.#render();
  }

  #render(): void {
    const { summary, details, open, position } = this.#item;
    this.element.setAttribute('aria-posinset', String(position.index));
    this.element.setAttribute('aria-setsize', String(position.of));
    if (open) this.#button.setAttribute('aria-current', 'page');
    else this.#button.removeAttribute('aria-current');
    this.#title.textContent = summary.title;
    const byline = [summary.author, summary.date ? formatArticleDate(summary.date) : null].filter(Boolean).join(' · ');
    this.#byline.textContent = byline;
    if (details) this.#meta.textContent = metaText(details);
    placeChildren(this.#button, [this.#title, ...(byline ? [this.#byline] : []), ...(details ? [this.#meta] : [])]);
    this.#remove.title = `Delete “${summary.title}”`;
    this.#edit.title = `Rename or edit the details of “${summary.title}”`;
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

/** Keeps the list showing the store's library, with the open document marked. */
export function showLibrary(store: AppStore, view: LibraryView): void {
  const show = (_: unknown, state: AppState): void => view.show(state.library, state.document?.opened.summary.id ?? null);
  store.subscribe((state) => state.library, show);
  store.subscribe((state) => state.document?.opened.summary.id, show);
}
