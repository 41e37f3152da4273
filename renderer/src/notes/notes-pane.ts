import { type Highlight, type HighlightColor, highlightColors } from '../../../common/contract';
import { debounce, element } from '../dom';
import type { DocumentSession } from '../highlights/session';
import { KeyedList, type KeyedView, placeChildren } from '../keyed-list';
import { renderMarkdown } from '../markdown';
import { colorLabel, formatTime, parseTags } from './format-notes';
import { rovingRadioGroup } from '../radio-group';
import { type NotesFilter, matchesFilter, queryWords } from './filter';
import { markMatches } from './mark-matches';
import { colorSwatchContent } from '../highlights/color-swatch';

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

/** A note being typed: written after a pause, or at once by `flush`. */
type Draft = ReturnType<typeof debounce>;

/** What one entry shows: its highlight (a new object after each edit) and whether it is the selected one. */
interface EntryItem {
  highlight: Highlight;
  selected: boolean;
}

/** The parts of the pane that belong to one open document, built when it opens and updated in place after. */
interface SessionParts {
  session: DocumentSession;
  documentNote: { section: HTMLElement; update(): void };
  placed: KeyedList<EntryItem>;
  orphans: KeyedList<EntryItem>;
}

/**
 * The notes pane: the document note, filters, and the document's highlights
 * in reading order (then those that could not be placed). Entries update by
 * highlight id: an unchanged entry is left as it is (its Markdown is not
 * rendered again), a changed one updates in place, so the focused control and
 * its caret survive every change.
 */
export class NotesPane {
  #parts: SessionParts | null = null;
  readonly #filter: NotesFilter = { color: null, tag: null, query: '' };
  readonly #content: HTMLElement;
  /** Notes typed but not yet handed to the session, one per open note field. */
  readonly #drafts = new Set<Draft>();
  /** How many placed entries are built; grows with "Show more" and to reach the selected entry. */
  #limit = entriesPerPage;

  readonly #filters: HTMLElement;
  readonly #tagFilter: HTMLSelectElement;
  readonly #more: HTMLButtonElement;
  readonly #noDocument = element('p', 'notes-empty', 'Open a document to see its notes.');
  readonly #noHighlights = element('p', 'notes-empty', 'No highlights yet. Select text in the document, then press H or choose a color.');
  readonly #noMatch = element('p', 'notes-empty', 'No highlight matches the filter.');
  readonly #orphansHeading: HTMLElement;
  readonly #orphansExplainer = element(
    'p',
    'entries-explainer',
    'Their passages are no longer in the text. Select new text and re-attach them, or delete them.',
  );

  constructor(
    private readonly pane: HTMLElement,
    private readonly actions: NotesPaneActions,
  ) {
    this.#content = element('div', 'notes-content');
    pane.append(this.#content);
    [this.#filters, this.#tagFilter] = this.#filterBar();
    this.#more = element('button', 'entries-more');
    this.#more.type = 'button';
    this.#more.addEventListener('click', () => {
      this.#limit += entriesPerPage;
      this.render();
    });
    this.#orphansHeading = element('h3', 'entries-heading', 'Could not be placed');
    this.#orphansHeading.id = 'orphans-heading';
  }

  show(session: DocumentSession | null): void {
    if (session !== this.#parts?.session) {
      this.flushDrafts();
      this.#drafts.clear();
      this.#limit = entriesPerPage;
      this.#parts = session ? this.#partsFor(session) : null;
    }
    this.render();
  }

  /** Hands every note typed so far to the session (before closing, quitting or exporting). */
  flushDrafts(): void {
    for (const draft of this.#drafts) draft.flush();
  }

  /** Focuses the selected highlight's note textbox, for Enter on a highlight. */
  focusSelectedNote(): void {
    this.#content.querySelector<HTMLTextAreaElement>('.entry[aria-current="true"] textarea')?.focus();
  }

  render(): void {
    const parts = this.#parts;
    if (!parts) {
      placeChildren(this.#content, [this.#noDocument]);
      return;
    }
    const { session } = parts;
    parts.documentNote.update();
    const placed = session.placed().map(({ id }) => session.highlights.get(id)!);
    const orphans = session.orphans();
    if (placed.length + orphans.length === 0) {
      placeChildren(this.#content, [parts.documentNote.section, this.#noHighlights]);
      return;
    }
    this.#updateTagFilter([...placed, ...orphans]);
    const shown = (highlight: Highlight): boolean => matchesFilter(highlight, this.#filter);
    const item = (highlight: Highlight): EntryItem => ({ highlight, selected: highlight.id === session.selectedId });

    const matching = placed.filter(shown);
    const selectedIndex = matching.findIndex((highlight) => highlight.id === session.selectedId);
    if (selectedIndex >= this.#limit) this.#limit = selectedIndex + entriesPerPage;
    parts.placed.show(matching.slice(0, this.#limit).map(item));
    const children: Node[] = [parts.documentNote.section, this.#filters, parts.placed.element];
    if (matching.length > this.#limit) {
      this.#more.textContent = `Show more (${(matching.length - this.#limit).toLocaleString()} not shown)`;
      children.push(this.#more);
    }
    if (matching.length === 0 && placed.length > 0) children.push(this.#noMatch);
    const shownOrphans = orphans.filter(shown);
    parts.orphans.show(shownOrphans.map(item));
    if (shownOrphans.length > 0) children.push(this.#orphansHeading, this.#orphansExplainer, parts.orphans.element);
    placeChildren(this.#content, children);
    this.#markFilterMatches();
    this.#revealNewSelection(session.selectedId);
  }

  /** The words the search box asked for, marked in every listed quote, note and tag list (and unmarked once it is cleared). */
  #markFilterMatches(): void {
    const words = queryWords(this.#filter.query);
    for (const part of this.#content.querySelectorAll('.entry-quote-text, .entry-note, .entry-tags')) markMatches(part, words);
  }

  /** The selection last scrolled to: a newly selected entry is brought whole into view (its Copy quote and Delete too), once. */
  #revealedId: string | null = null;

  #revealNewSelection(selectedId: string | null): void {
    if (selectedId === this.#revealedId) return;
    this.#revealedId = selectedId;
    // Optional call: jsdom (the unit tests' DOM) has no scrollIntoView.
    this.#content.querySelector('.entry[aria-current="true"]')?.scrollIntoView?.({ block: 'nearest' });
  }

  #partsFor(session: DocumentSession): SessionParts {
    const list = element('ol', 'entries');
    list.setAttribute('aria-label', 'Highlights');
    const orphanList = element('ol', 'entries entries-orphaned');
    orphanList.setAttribute('aria-labelledby', 'orphans-heading');
    const entry = (orphaned: boolean) => (item: EntryItem) => new HighlightEntry(session, item, orphaned, this.actions, this.#draftKeeper);
    return {
      session,
      documentNote: this.#documentNote(session),
      placed: new KeyedList(list, (item) => item.highlight.id, entry(false)),
      orphans: new KeyedList(orphanList, (item) => item.highlight.id, entry(true)),
    };
  }

  readonly #draftKeeper: DraftKeeper = {
    open: (save) => {
      const draft = debounce(save, noteSaveDelayMs);
      this.#drafts.add(draft);
      return draft;
    },
    close: (draft) => {
      draft.flush();
      this.#drafts.delete(draft);
    },
  };

  #documentNote(session: DocumentSession): SessionParts['documentNote'] {
    const section = element('section', 'document-note');
    const label = element('label', 'field-label', 'Document note');
    label.htmlFor = 'document-note';
    const textbox = element('textarea', 'note-textbox');
    textbox.id = 'document-note';
    textbox.placeholder = 'Thoughts on the whole document (Markdown)';
    let textBefore = session.documentNote;
    const draft = this.#draftKeeper.open(() => session.saveDocumentNoteDraft(textbox.value));
    textbox.addEventListener('focus', () => (textBefore = session.documentNote));
    textbox.addEventListener('input', () => draft.schedule());
    textbox.addEventListener('blur', () => {
      draft.flush();
      session.commitDocumentNote(textBefore);
    });
    section.append(label, textbox);
    const update = (): void => {
      // While it is being typed in, the textbox is the newer text (undo there is the textbox's own).
      if (textbox.ownerDocument.activeElement === textbox || textbox.value === session.documentNote) return;
      textbox.value = session.documentNote;
      textbox.rows = Math.min(8, Math.max(2, session.documentNote.split('\n').length));
    };
    textbox.value = session.documentNote;
    textbox.rows = Math.min(8, Math.max(2, session.documentNote.split('\n').length));
    return { section, update };
  }

  #filterBar(): [HTMLElement, HTMLSelectElement] {
    const bar = element('div', 'notes-filters');
    bar.setAttribute('role', 'search');
    bar.setAttribute('aria-label', 'Notes');
    const search = element('input', 'notes-search');
    search.type = 'search';
    search.placeholder = 'Search quotes and notes';
    search.setAttribute('aria-label', 'Search notes');
    search.addEventListener('input', () => {
      this.#filter.query = search.value;
      this.render();
    });
    const color = select('Color', [['', 'All colors'], ...highlightColors.map((value) => [value, colorLabel(value)] as [string, string])]);
    color.addEventListener('change', () => {
      this.#filter.color = (color.value || null) as HighlightColor | null;
      this.render();
    });
    const tag = select('Tag', [['', 'All tags']]);
    tag.addEventListener('change', () => {
      this.#filter.tag = tag.value || null;
      this.render();
    });
    bar.append(search, color, tag);
    return [bar, tag];
  }

  /** The tag filter offers every tag in use; its options are rebuilt only when that set changes. */
  #updateTagFilter(all: readonly Highlight[]): void {
    const tags = [...new Set(all.flatMap((highlight) => highlight.tags))].sort((a, b) => a.localeCompare(b));
    const options: [string, string][] = [['', 'All tags'], ...tags.map((value) => [value, `#${value}`] as [string, string])];
    const current = Array.from(this.#tagFilter.options, (option) => option.value);
    if (current.join('\n') !== options.map(([value]) => value).join('\n')) this.#tagFilter.replaceChildren(...options.map(option));
    this.#tagFilter.value = this.#filter.tag ?? '';
  }
}

/** Opens a draft for a note field and closes it (writing what is pending) when the field goes away. */
interface DraftKeeper {
  open(save: () => void): Draft;
  close(draft: Draft): void;
}

/** The nodes of an entry between its quote and its times, for its current highlight. */
interface EntryBody {
  nodes: Node[];
  update(highlight: Highlight): void;
  /** Writes a note still being typed, before the body leaves the page. */
  dispose(): void;
}

/**
 * One highlight in the pane: its quote (a button that selects and reveals it),
 * then, when selected, an editor (note, tags, color, actions), otherwise its
 * rendered note and tags; then its times. Updates itself in place.
 */
class HighlightEntry implements KeyedView<EntryItem> {
  readonly element: HTMLLIElement;
  #item: EntryItem;
  readonly #quote: HTMLButtonElement;
  readonly #quoteText: HTMLElement;
  /** The color in words, hidden text in the quote button (not an aria-label: a label cut short would not match the quote one sees). */
  readonly #quoteColor: HTMLElement;
  readonly #orphanLabel: HTMLElement | null;
  readonly #times: HTMLElement;
  /** The nodes between the quote and the times: the editor, or the rendered note and tags. */
  #body: EntryBody;

  constructor(
    private readonly session: DocumentSession,
    item: EntryItem,
    private readonly orphaned: boolean,
    private readonly actions: NotesPaneActions,
    private readonly drafts: DraftKeeper,
  ) {
    this.#item = item;
    this.element = element('li');
    this.element.dataset.highlightId = item.highlight.id;
    this.#quote = element('button', 'entry-quote');
    this.#quote.type = 'button';
    this.#quoteText = element('span', 'entry-quote-text');
    // A quote from a right-to-left document runs right to left, whatever the pane's direction.
    this.#quoteText.dir = 'auto';
    this.#quoteColor = element('span', 'visually-hidden');
    this.#quote.append(element('span', 'entry-swatch'), this.#quoteColor, this.#quoteText);
    this.#quote.addEventListener('click', () => {
      session.select(this.#item.highlight.id);
      if (!orphaned) actions.reveal(this.#item.highlight.id);
    });
    this.#orphanLabel = orphaned ? element('p', 'entry-orphan-label', 'Could not be placed') : null;
    this.#times = element('p', 'entry-times');
    this.#body = this.#bodyFor(item);
    this.#render();
  }

  update(item: EntryItem): void {
    const before = this.#item;
    // The selected entry is always checked: its note is saved while typed without an announcement, so the same
    // highlight object can come back (an undo) while the textbox shows the typed text.
    if (item.highlight === before.highlight && item.selected === before.selected && !item.selected) return;
    this.#item = item;
    if (item.selected !== before.selected) {
      this.#body.dispose();
      this.#body = this.#bodyFor(item);
    } else this.#body.update(item.highlight);
    this.#render();
  }

  #render(): void {
    const { highlight, selected } = this.#item;
    this.element.className = `entry entry-${highlight.color}`;
    if (selected) this.element.setAttribute('aria-current', 'true');
    else this.element.removeAttribute('aria-current');
    this.#quoteColor.textContent = `${colorLabel(highlight.color)} highlight: `;
    if (this.#quoteText.textContent !== highlight.quote.exact) this.#quoteText.textContent = highlight.quote.exact;
    this.#times.textContent = `Created ${formatTime(highlight.createdAt)}`;
    if (highlight.updatedAt !== highlight.createdAt) this.#times.append(` · edited ${formatTime(highlight.updatedAt)}`);
    placeChildren(this.element, [this.#quote, ...(this.#orphanLabel ? [this.#orphanLabel] : []), ...this.#body.nodes, this.#times]);
  }

  #bodyFor(item: EntryItem): EntryBody {
    return item.selected ? this.#editor(item.highlight) : this.#summary(item.highlight);
  }

  /** The note rendered as Markdown and the tags; the Markdown is rendered again only when the note changes. */
  #summary(highlight: Highlight): EntryBody {
    const note = element('div', 'entry-note');
    const tags = element('p', 'entry-tags');
    let shown: Highlight | null = null;
    const body: EntryBody = {
      nodes: [],
      update: (next) => {
        if (next.note !== shown?.note) note.replaceChildren(...(next.note ? [renderMarkdown(next.note)] : []));
        tags.textContent = next.tags.map((tag) => `#${tag}`).join(' ');
        body.nodes = [...(next.note ? [note] : []), ...(next.tags.length > 0 ? [tags] : [])];
        shown = next;
      },
      dispose: () => undefined,
    };
    body.update(highlight);
    return body;
  }

  #editor(highlight: Highlight): EntryBody {
    const { session } = this;
    const id = highlight.id;
    const editor = element('div', 'entry-editor');
    const note = element('textarea', 'note-textbox');
    note.setAttribute('aria-label', 'Note');
    note.placeholder = 'Add a note (Markdown)';
    note.value = highlight.note;
    note.rows = Math.min(10, Math.max(3, highlight.note.split('\n').length + 1));
    const draft = this.drafts.open(() => session.saveNoteDraft(id, note.value));
    note.addEventListener('input', () => draft.schedule());
    note.addEventListener('blur', () => {
      draft.flush();
      session.commitNote(id);
    });

    const tags = element('input', 'tags-input');
    tags.setAttribute('aria-label', 'Tags');
    tags.placeholder = 'Tags, separated by commas';
    tags.value = highlight.tags.join(', ');
    tags.addEventListener('change', () => session.setTags(id, parseTags(tags.value)));

    const colors = element('div', 'entry-colors');
    colors.setAttribute('role', 'radiogroup');
    colors.setAttribute('aria-label', 'Color');
    const swatches = highlightColors.map((color) => {
      const swatch = element('button', `color-choice color-${color}`);
      swatch.type = 'button';
      swatch.setAttribute('role', 'radio');
      swatch.append(...colorSwatchContent(color));
      swatch.addEventListener('click', () => session.recolor(id, color));
      return swatch;
    });
    colors.append(...swatches);
    // One Tab stop, the checked color; the arrow keys move between the colors.
    const checkColor = (current: HighlightColor): void =>
      swatches.forEach((swatch, index) => {
        swatch.setAttribute('aria-checked', String(highlightColors[index] === current));
        swatch.tabIndex = highlightColors[index] === current ? 0 : -1;
      });
    checkColor(highlight.color);
    rovingRadioGroup(colors);

    const buttons = element('div', 'entry-actions');
    if (this.orphaned) buttons.append(actionButton('Re-attach to selection', () => this.actions.reattachToSelection(id)));
    buttons.append(
      actionButton('Copy quote', () => this.actions.copyQuote(this.#item.highlight)),
      actionButton('Delete highlight', () => session.delete(id)),
    );
    editor.append(note, tags, colors, buttons);

    // A field being typed in is the newer text; any other shows what the session has (after an undo, say).
    const showIfIdle = (field: HTMLInputElement | HTMLTextAreaElement, value: string): void => {
      if (field.ownerDocument.activeElement !== field && field.value !== value) field.value = value;
    };
    return {
      nodes: [editor],
      update: (next) => {
        showIfIdle(note, next.note);
        showIfIdle(tags, next.tags.join(', '));
        checkColor(next.color);
      },
      dispose: () => this.drafts.close(draft),
    };
  }
}

function actionButton(label: string, onClick: () => void): HTMLButtonElement {
  const button = element('button', 'entry-action', label);
  button.type = 'button';
  button.addEventListener('click', onClick);
  return button;
}

function select(label: string, options: [string, string][]): HTMLSelectElement {
  const control = element('select', 'notes-filter');
  control.setAttribute('aria-label', label);
  control.append(...options.map(option));
  return control;
}

function option([value, text]: [string, string]): HTMLOptionElement {
  const created = element('option', undefined, text);
  created.value = value;
  return created;
}
