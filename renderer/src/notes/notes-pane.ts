import { type Highlight, type HighlightColor, highlightColors } from '../../../common/contract';
import { debounce, element } from '../dom';
import type { DocumentSession } from '../highlights/session';
import { renderMarkdown } from '../markdown';
import { colorLabel, formatTime, parseTags } from './format-notes';
import { rovingRadioGroup } from '../radio-group';
import { type NotesFilter, matchesFilter } from './filter';

/**
 * Entries built at once; more on request. A pane of 10,000 entries is
 * ~50,000 elements that take seconds to lay out and ~150 MB to hold.
 */
const entriesPerPage = 200;

/** Typing pauses this long before a note is written; blur, closing and quitting write at once. */
const noteSaveDelayMs = 300;

export interface NotesPaneActions {
  /** Scrolls the reader to the highlight's passage and flashes it. */
  reveal(id: string): void;
  copyQuote(highlight: Highlight): void;
  /** Re-attaches the highlight to the reader's current selection. */
  reattachToSelection(id: string): void;
}

/**
 * The notes pane: the document note, filters, and the document's highlights
 * in reading order (then those that could not be placed). It is rebuilt from
 * the session on every change; the focused control and its caret survive.
 */
export class NotesPane {
  #session: DocumentSession | null = null;
  readonly #filter: NotesFilter = { color: null, tag: null, query: '' };
  readonly #content: HTMLElement;
  /** Notes typed but not yet handed to the session. */
  readonly #drafts = new Set<{ flush(): void }>();

  constructor(
    private readonly pane: HTMLElement,
    private readonly actions: NotesPaneActions,
  ) {
    this.#content = element('div', 'notes-content');
    pane.append(this.#content);
  }

  /** How many placed entries are built; grows with "Show more" and to reach the selected entry. */
  #limit = entriesPerPage;

  show(session: DocumentSession | null): void {
    if (session !== this.#session) this.#limit = entriesPerPage;
    this.#session = session;
    this.render();
  }

  /** Hands every note typed so far to the session (before closing, quitting or rebuilding). */
  flushDrafts(): void {
    for (const draft of this.#drafts) draft.flush();
    this.#drafts.clear();
  }

  /** Focuses the selected highlight's note textbox, for Enter on a highlight. */
  focusSelectedNote(): void {
    this.#content.querySelector<HTMLTextAreaElement>('.entry[aria-current="true"] textarea')?.focus();
  }

  render(): void {
    const session = this.#session;
    this.flushDrafts();
    const focus = rememberFocus(this.#content);
    if (!session) {
      this.#content.replaceChildren(element('p', 'notes-empty', 'Open a document to see its notes.'));
      return;
    }
    const placed = session.placed().map(({ id }) => session.highlights.get(id)!);
    const orphans = session.orphans();
    const all = [...placed, ...orphans];
    const shown = (highlight: Highlight): boolean => matchesFilter(highlight, this.#filter);

    const children: Node[] = [this.#documentNote(session)];
    if (all.length === 0) {
      children.push(element('p', 'notes-empty', 'No highlights yet. Select text in the document, then press H or choose a color.'));
    } else {
      children.push(this.#filters(all));
      const matching = placed.filter(shown);
      const selectedIndex = matching.findIndex((highlight) => highlight.id === session.selectedId);
      if (selectedIndex >= this.#limit) this.#limit = selectedIndex + entriesPerPage;
      const list = element('ol', 'entries');
      list.setAttribute('aria-label', 'Highlights');
      list.append(...matching.slice(0, this.#limit).map((highlight) => this.#entry(session, highlight, false)));
      children.push(list);
      if (matching.length > this.#limit) {
        const more = element('button', 'entries-more', `Show more (${(matching.length - this.#limit).toLocaleString()} not shown)`);
        more.type = 'button';
        more.dataset.focusKey = 'show-more';
        more.addEventListener('click', () => {
          this.#limit += entriesPerPage;
          this.render();
        });
        children.push(more);
      }
      if (matching.length === 0 && placed.length > 0) children.push(element('p', 'notes-empty', 'No highlight matches the filter.'));
      const shownOrphans = orphans.filter(shown);
      if (shownOrphans.length > 0) {
        const heading = element('h3', 'entries-heading', 'Could not be placed');
        heading.id = 'orphans-heading';
        const orphanList = element('ol', 'entries entries-orphaned');
        orphanList.setAttribute('aria-labelledby', 'orphans-heading');
        orphanList.append(...shownOrphans.map((highlight) => this.#entry(session, highlight, true)));
        children.push(
          heading,
          element(
            'p',
            'entries-explainer',
            'Their passages are no longer in the text. Select new text and re-attach them, or delete them.',
          ),
          orphanList,
        );
      }
    }
    this.#content.replaceChildren(...children);
    focus.restore(this.#content);
    this.#revealNewSelection(session.selectedId);
  }

  /** The selection last scrolled to: a newly selected entry is brought whole into view (its Copy quote and Delete too), once. */
  #revealedId: string | null = null;

  #revealNewSelection(selectedId: string | null): void {
    if (selectedId === this.#revealedId) return;
    this.#revealedId = selectedId;
    // Optional call: jsdom (the unit tests' DOM) has no scrollIntoView.
    this.#content.querySelector('.entry[aria-current="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }

  #documentNote(session: DocumentSession): HTMLElement {
    const section = element('section', 'document-note');
    const label = element('label', 'field-label', 'Document note');
    label.htmlFor = 'document-note';
    const textbox = element('textarea', 'note-textbox');
    textbox.id = 'document-note';
    textbox.dataset.focusKey = 'document-note';
    textbox.placeholder = 'Thoughts on the whole document (Markdown)';
    textbox.value = session.documentNote;
    textbox.rows = Math.min(8, Math.max(2, session.documentNote.split('\n').length));
    let textBefore = session.documentNote;
    const draft = this.#draft(() => session.saveDocumentNoteDraft(textbox.value));
    textbox.addEventListener('focus', () => (textBefore = session.documentNote));
    textbox.addEventListener('input', () => draft.schedule());
    textbox.addEventListener('blur', () => {
      draft.flush();
      session.commitDocumentNote(textBefore);
    });
    section.append(label, textbox);
    return section;
  }

  #draft(save: () => void): { schedule(): void; flush(): void } {
    const draft = debounce(save, noteSaveDelayMs);
    this.#drafts.add(draft);
    return draft;
  }

  #filters(all: readonly Highlight[]): HTMLElement {
    const bar = element('div', 'notes-filters');
    bar.setAttribute('role', 'search');
    bar.setAttribute('aria-label', 'Notes');
    const search = element('input', 'notes-search');
    search.type = 'search';
    search.placeholder = 'Search quotes and notes';
    search.setAttribute('aria-label', 'Search notes');
    search.dataset.focusKey = 'search';
    search.value = this.#filter.query;
    search.addEventListener('input', () => {
      this.#filter.query = search.value;
      this.render();
    });

    const color = select(
      'Color',
      'filter-color',
      [['', 'All colors'], ...highlightColors.map((value) => [value, colorLabel(value)] as [string, string])],
      this.#filter.color ?? '',
    );
    color.addEventListener('change', () => {
      this.#filter.color = (color.value || null) as HighlightColor | null;
      this.render();
    });
    const tags = [...new Set(all.flatMap((highlight) => highlight.tags))].sort((a, b) => a.localeCompare(b));
    const tag = select(
      'Tag',
      'filter-tag',
      [['', 'All tags'], ...tags.map((value) => [value, `#${value}`] as [string, string])],
      this.#filter.tag ?? '',
    );
    tag.addEventListener('change', () => {
      this.#filter.tag = tag.value || null;
      this.render();
    });
    bar.append(search, color, tag);
    return bar;
  }

  #entry(session: DocumentSession, highlight: Highlight, orphaned: boolean): HTMLLIElement {
    const selected = session.selectedId === highlight.id;
    const item = element('li', `entry entry-${highlight.color}`);
    item.dataset.highlightId = highlight.id;
    if (selected) item.setAttribute('aria-current', 'true');

    const quote = element('button', 'entry-quote');
    quote.type = 'button';
    quote.dataset.focusKey = `quote-${highlight.id}`;
    // The color is said in words (hidden text), not an aria-label: a label cut short would not match the quote one sees.
    quote.append(
      element('span', 'entry-swatch'),
      element('span', 'visually-hidden', `${colorLabel(highlight.color)} highlight: `),
      element('span', 'entry-quote-text', highlight.quote.exact),
    );
    quote.addEventListener('click', () => {
      session.select(highlight.id);
      if (!orphaned) this.actions.reveal(highlight.id);
    });
    item.append(quote);
    if (orphaned) item.append(element('p', 'entry-orphan-label', 'Could not be placed'));

    if (selected) item.append(this.#editor(session, highlight, orphaned));
    else {
      if (highlight.note) {
        const note = element('div', 'entry-note');
        note.append(renderMarkdown(highlight.note));
        item.append(note);
      }
      if (highlight.tags.length > 0) item.append(element('p', 'entry-tags', highlight.tags.map((tag) => `#${tag}`).join(' ')));
    }
    const times = element('p', 'entry-times', `Created ${formatTime(highlight.createdAt)}`);
    if (highlight.updatedAt !== highlight.createdAt) times.append(` · edited ${formatTime(highlight.updatedAt)}`);
    item.append(times);
    return item;
  }

  #editor(session: DocumentSession, highlight: Highlight, orphaned: boolean): HTMLElement {
    const editor = element('div', 'entry-editor');
    const note = element('textarea', 'note-textbox');
    note.setAttribute('aria-label', 'Note');
    note.placeholder = 'Add a note (Markdown)';
    note.dataset.focusKey = `note-${highlight.id}`;
    note.value = highlight.note;
    note.rows = Math.min(10, Math.max(3, highlight.note.split('\n').length + 1));
    const draft = this.#draft(() => session.saveNoteDraft(highlight.id, note.value));
    note.addEventListener('input', () => draft.schedule());
    note.addEventListener('blur', () => {
      draft.flush();
      session.commitNote(highlight.id);
    });

    const tags = element('input', 'tags-input');
    tags.setAttribute('aria-label', 'Tags');
    tags.placeholder = 'Tags, separated by commas';
    tags.dataset.focusKey = `tags-${highlight.id}`;
    tags.value = highlight.tags.join(', ');
    tags.addEventListener('change', () => session.setTags(highlight.id, parseTags(tags.value)));

    const colors = element('div', 'entry-colors');
    colors.setAttribute('role', 'radiogroup');
    colors.setAttribute('aria-label', 'Color');
    for (const color of highlightColors) {
      const swatch = element('button', `color-choice color-${color}`);
      swatch.type = 'button';
      swatch.setAttribute('role', 'radio');
      swatch.setAttribute('aria-checked', String(color === highlight.color));
      swatch.setAttribute('aria-label', colorLabel(color));
      swatch.title = colorLabel(color);
      swatch.dataset.focusKey = `color-${highlight.id}-${color}`;
      swatch.addEventListener('click', () => session.recolor(highlight.id, color));
      colors.append(swatch);
    }
    rovingRadioGroup(colors);

    const buttons = element('div', 'entry-actions');
    const copy = actionButton('Copy quote', () => this.actions.copyQuote(highlight));
    const remove = actionButton('Delete highlight', () => session.delete(highlight.id));
    if (orphaned) buttons.append(actionButton('Re-attach to selection', () => this.actions.reattachToSelection(highlight.id)));
    buttons.append(copy, remove);
    editor.append(note, tags, colors, buttons);
    return editor;
  }
}

function actionButton(label: string, onClick: () => void): HTMLButtonElement {
  const button = element('button', 'entry-action', label);
  button.type = 'button';
  button.dataset.focusKey = `action-${label}`;
  button.addEventListener('click', onClick);
  return button;
}

function select(label: string, focusKey: string, options: [string, string][], value: string): HTMLSelectElement {
  const control = element('select', 'notes-filter');
  control.setAttribute('aria-label', label);
  control.dataset.focusKey = focusKey;
  for (const [optionValue, text] of options) {
    const option = element('option', undefined, text);
    option.value = optionValue;
    control.append(option);
  }
  control.value = value;
  return control;
}

/** Remembers which control had focus (by its data-focus-key) and its caret, to restore them after a rebuild. */
function rememberFocus(root: HTMLElement): { restore(root: HTMLElement): void } {
  const active = root.ownerDocument.activeElement as HTMLElement | null;
  const key = active && root.contains(active) ? active.dataset.focusKey : undefined;
  const caret =
    active instanceof HTMLTextAreaElement || active instanceof HTMLInputElement
      ? [active.selectionStart ?? 0, active.selectionEnd ?? 0]
      : null;
  return {
    restore(newRoot) {
      if (!key) return;
      const target = newRoot.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
      if (!target) return;
      target.focus({ preventScroll: true });
      if (caret && (target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'search'))) {
        target.setSelectionRange(caret[0] ?? 0, caret[1] ?? 0);
      }
    },
  };
}
