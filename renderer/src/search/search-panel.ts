import type { PartsDone, SearchHit, SearchResult, SearchSnippet } from '../../../common/contract';
import { debounce, element } from '../dom';

/** Long enough to skip the searches in the middle of a typed word, short enough to feel instant. */
const typingDelayMs = 120;

export interface SearchPanelActions {
  search(query: string): Promise<SearchResult[]>;
  /** Opens the document and shows the hit (scrolls to it; a highlight is selected and flashed). */
  open(documentId: string, hit: SearchHit | null): void;
  /** Called when results replace the library list (true) or give it back (false). */
  showing(results: boolean): void;
}

const hitLabels: Record<SearchHit['kind'], string> = {
  title: 'Title',
  text: 'Text',
  highlight: 'Highlight',
  'document-note': 'Document note',
};

function hitLabel(hit: SearchHit): string {
  if (hit.kind !== 'highlight') return hitLabels[hit.kind];
  return hit.field === 'note' ? 'Note on a highlight' : hit.field === 'tags' ? 'Highlight tags' : 'Highlighted text';
}

/** A snippet as text with its match in a <mark>, built from nodes, never from HTML. */
function renderSnippet(snippet: SearchSnippet): HTMLElement {
  const line = element('span', 'search-snippet');
  line.append(snippet.before, element('mark', undefined, snippet.match), snippet.after);
  return line;
}

/**
 * The library search: a search box, and in place of the library list while
 * it holds a query, the matching documents with their hits. Arrow keys move
 * between the box and the hits; Enter (or a click) opens one; Escape clears.
 */
export class SearchPanel {
  readonly input: HTMLInputElement;
  readonly results: HTMLElement;
  readonly #status: HTMLElement;
  /** Answers to older queries that arrive late are dropped. */
  #latest = 0;
  /** How much of the library main's index holds while it is first built; null once it holds it all. */
  #indexing: PartsDone | null = null;
  readonly #typing = debounce(() => void this.#run(), typingDelayMs);

  constructor(
    form: HTMLElement,
    private readonly actions: SearchPanelActions,
  ) {
    this.input = element('input', 'search-input');
    this.input.type = 'search';
    this.input.placeholder = 'Search everything';
    this.input.setAttribute('aria-label', 'Search library');
    this.input.setAttribute('aria-keyshortcuts', 'Control+K Meta+K');
    this.input.setAttribute('aria-controls', 'search-results');
    this.input.autocomplete = 'off';
    this.#status = element('p', 'search-status');
    this.#status.setAttribute('role', 'status');
    this.#status.setAttribute('aria-live', 'polite');
    this.results = element('div', 'search-results');
    this.results.id = 'search-results';
    this.results.hidden = true;
    form.append(this.input, this.#status, this.results);

    this.input.addEventListener('input', () => this.#typing.schedule());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.#typing.flush();
        this.#hitButtons()[0]?.click();
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        this.#hitButtons()[0]?.focus();
      } else if (event.key === 'Escape' && this.input.value !== '') {
        event.preventDefault();
        event.stopPropagation();
        this.clear();
      }
    });
    this.results.addEventListener('keydown', (event) => {
      const buttons = this.#hitButtons();
      const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (index === -1) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const next = index + (event.key === 'ArrowDown' ? 1 : -1);
        (next < 0 ? this.input : buttons[Math.min(next, buttons.length - 1)])?.focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.input.focus();
      }
    });
  }

  /** Puts the cursor in the search box with its text selected (Ctrl/⌘+K). */
  focus(): void {
    this.input.focus();
    this.input.select();
  }

  clear(): void {
    this.input.value = '';
    void this.#run();
  }

  /** Runs the query again (after an edit or a new note), if one is showing. */
  refresh(): void {
    if (this.input.value.trim() !== '') void this.#run();
  }

  /**
   * Main's index is being built (after launch): results meanwhile come from
   * the documents read so far, and say so; when the read starts and once it
   * holds every document, the query showing is run again (an answer may
   * overtake the report that the read has started). Reports in between change
   * nothing on screen, so a screen reader is not told each one.
   */
  indexProgress(progress: PartsDone): void {
    const wasIndexing = this.#indexing !== null;
    this.#indexing = progress.done < progress.total ? progress : null;
    if (wasIndexing !== (this.#indexing !== null)) this.refresh();
  }

  #hitButtons(): HTMLButtonElement[] {
    return Array.from(this.results.querySelectorAll<HTMLButtonElement>('button.search-hit'));
  }

  async #run(): Promise<void> {
    const query = this.input.value;
    const ticket = ++this.#latest;
    if (query.trim() === '') {
      this.results.hidden = true;
      this.results.replaceChildren();
      this.#status.textContent = '';
      this.actions.showing(false);
      return;
    }
    let found: SearchResult[];
    try {
      found = await this.actions.search(query);
    } catch (error) {
      if (ticket === this.#latest) this.#status.textContent = `Search failed: ${(error as Error).message}`;
      return;
    }
    if (ticket !== this.#latest) return;
    this.#render(found);
    this.actions.showing(true);
  }

  #render(found: readonly SearchResult[]): void {
    const count = found.length;
    const matches = count === 0 ? 'No matches' : `${count}${count === 50 ? '+' : ''} document${count === 1 ? '' : 's'} match`;
    const indexing = this.#indexing;
    this.#status.textContent = indexing
      ? `${matches} so far: still reading the library (${indexing.done.toLocaleString()} of ${indexing.total.toLocaleString()} documents).`
      : `${matches}.`;
    const list = element('ul', 'search-result-list');
    list.setAttribute('aria-label', 'Search results');
    for (const result of found) {
      const item = element('li', 'search-result');
      const heading = element('h3', 'search-result-title', result.title);
      const more = result.hitCount > result.hits.length ? ` · ${result.hitCount} matches` : '';
      if (result.author || more)
        heading.append(element('span', 'search-result-details', `${result.author ? ` · ${result.author}` : ''}${more}`));
      const hits = element('ul', 'search-hits');
      hits.setAttribute('aria-label', `Matches in ${result.title}`);
      for (const hit of result.hits.length > 0 ? result.hits : [null]) {
        const button = element('button', 'search-hit');
        button.type = 'button';
        if (hit) button.append(element('span', 'search-hit-kind', hitLabel(hit)), renderSnippet(hit.snippet));
        else button.append(element('span', 'search-hit-kind', 'Open document'));
        button.addEventListener('click', () => this.actions.open(result.documentId, hit));
        const hitItem = element('li');
        hitItem.append(button);
        hits.append(hitItem);
      }
      item.append(heading, hits);
      list.append(item);
    }
    this.results.replaceChildren(list);
    this.results.hidden = false;
  }
}
