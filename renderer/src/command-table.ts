import { highlightColors } from '../../common/contract';
import { gloss } from './bridge';
import type { Command } from './commands';
import type { DocumentController } from './document-controller';
import type { LibraryController } from './library-controller';

const isMac = typeof navigator !== 'undefined' && navigator.platform.toLowerCase().includes('mac');

/** What the commands act on; main.ts hands in the views and controllers it built. */
export interface CommandTargets {
  documents: DocumentController;
  library: LibraryController;
  addDocuments(): void;
  openExport(): void;
  syncToFolder(): void;
  /** File › Sync Library… (issue #16): the library sync dialog. */
  syncLibrary(): void;
  focusSearch(): void;
  findBar: { readonly isOpen: boolean; open(): void; step(direction: 1 | -1): void };
  shortcutsSheet: HTMLDialogElement;
  focusSelectedNote(): void;
  hideSelectionToolbar(): void;
  /** Says in the save status what an undo or redo did. */
  announce(text: string): void;
  /** The keyboard's reading focus in the article: the arrow keys move it, Shift extends it into a selection. */
  readingFocus: { accepts(event: KeyboardEvent): boolean; handleKey(event: KeyboardEvent): boolean };
  /** Where links within the document were followed from. */
  linkTrail: { readonly canGoBack: boolean; back(): boolean };
  /** A document is open and no dialog covers it (what `reader` commands need). */
  readerReady(): boolean;
}

/**
 * Every command Gloss has, in the order the ? sheet lists them. A new command
 * is one entry here: its keys, menu command and sheet row come with it.
 */
export function createCommands(targets: CommandTargets): Command[] {
  const { documents } = targets;
  const session = () => documents.current?.session ?? null;
  const hasSelectedHighlight = () => Boolean(session()?.selectedId);
  const highlightWith = (color?: (typeof highlightColors)[number]) => {
    if (documents.highlightSelection(color)) targets.hideSelectionToolbar();
  };
  const readingFocusKey = {
    scope: 'reader',
    enabled: (event: KeyboardEvent | null) => event !== null && targets.readingFocus.accepts(event),
    run: (event: KeyboardEvent | null) => void (event && targets.readingFocus.handleKey(event)),
  } as const;
  const arrows = ['ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft'];
  const wordArrows = ['Mod+ArrowRight', 'Mod+ArrowLeft', 'Alt+ArrowRight', 'Alt+ArrowLeft'];
  // A line of vertical text reads downwards: the reading focus turns the arrows with it (arrowMove).
  const verticalWordArrows = ['Mod+ArrowDown', 'Mod+ArrowUp', 'Alt+ArrowDown', 'Alt+ArrowUp'];
  const undoOrRedo = (redo: boolean) => {
    const command = redo ? session()?.redo() : session()?.undo();
    if (command) targets.announce(`${redo ? 'Redone' : 'Undone'}: ${command.label}`);
  };
  return [
    {
      id: 'highlight',
      label: 'Highlight the selection or the reading focus (last color used)',
      keys: ['H'],
      scope: 'reader',
      enabled: () => documents.highlightableOffsets() !== null,
      run: () => highlightWith(),
    },
    {
      id: 'highlight-in-color',
      label: 'Highlight in yellow, green, blue, pink or purple',
      keys: highlightColors.map((_, index) => String(index + 1)),
      keysLabel: `1 – ${highlightColors.length}`,
      scope: 'reader',
      enabled: () => documents.highlightableOffsets() !== null,
      run: (event) => highlightWith(highlightColors[Number(event?.key) - 1]),
    },
    {
      id: 'step-highlight',
      label: 'Select the next / previous highlight',
      keys: [']', '['],
      keysLabel: ']  /  [',
      scope: 'reader',
      run: (event) => documents.stepHighlight(event?.key === '[' ? -1 : 1),
    },
    {
      id: 'reading-focus-paragraph',
      label: 'Reading focus: next / previous paragraph',
      keys: ['ArrowDown', 'ArrowUp'],
      keysLabel: '↓  /  ↑  (vertical text: ←  /  →)',
      ...readingFocusKey,
    },
    {
      id: 'reading-focus-sentence',
      label: 'Reading focus: next / previous sentence',
      keys: ['ArrowRight', 'ArrowLeft'],
      keysLabel: '→  /  ←  (vertical text: ↓  /  ↑)',
      ...readingFocusKey,
    },
    {
      id: 'reading-focus-word',
      label: 'Reading focus: next / previous word',
      // Ctrl with the arrows, or Option on a Mac (⌘ with the arrows is the line's start and end there).
      keys: [...(isMac ? [...wordArrows.slice(2), ...wordArrows.slice(0, 2)] : wordArrows), ...verticalWordArrows],
      keysLabel: `${isMac ? 'Option' : 'Ctrl'}+→  /  ←  (vertical text: ↓  /  ↑)`,
      ...readingFocusKey,
    },
    {
      id: 'reading-focus-extend',
      label: 'Extend the reading focus into a selection (Tab reaches its toolbar)',
      keys: [...arrows, ...wordArrows, ...verticalWordArrows].map((keys) => `Shift+${keys}`),
      keysLabel: 'Shift+arrows',
      ...readingFocusKey,
    },
    {
      id: 'select-article',
      label: 'Select the whole article',
      keys: ['Mod+A'],
      ...readingFocusKey,
    },
    {
      id: 'edit-note',
      label: 'Edit the selected highlight’s note',
      keys: ['Enter'],
      scope: 'reader',
      // Enter on a button or link keeps its own meaning.
      enabled: (event) => hasSelectedHighlight() && !(event?.target as Element | null)?.closest?.('button, a, summary'),
      run: () => targets.focusSelectedNote(),
    },
    {
      id: 'delete-highlight',
      label: 'Delete the selected highlight',
      keys: ['Delete', 'Backspace'],
      scope: 'reader',
      enabled: hasSelectedHighlight,
      run: () => {
        const current = session();
        if (current?.selectedId) current.delete(current.selectedId);
      },
    },
    {
      id: 'link-back',
      label: 'Back to where you followed a link in the document from (a note marker, a contents entry)',
      keys: ['Mod+['],
      scope: 'reader',
      enabled: () => targets.linkTrail.canGoBack,
      run: () => void targets.linkTrail.back(),
    },
    {
      id: 'deselect',
      label: 'Deselect',
      keys: ['Escape'],
      scope: 'reader',
      run: () => {
        targets.hideSelectionToolbar();
        session()?.select(null);
      },
    },
    {
      id: 'undo',
      label: 'Undo (also a document just deleted, while its notice shows)',
      keys: ['Mod+Z'],
      // A delete's Undo works with no document open (the last one was deleted); the reader's undo needs the reader.
      scope: 'outside-text-boxes',
      enabled: () => targets.library.canUndoDelete() || targets.readerReady(),
      run: () => void (targets.library.undoDelete() || undoOrRedo(false)),
    },
    { id: 'redo', label: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y', 'Mod+Shift+Y'], scope: 'reader', run: () => undoOrRedo(true) },
    { id: 'save-document', label: 'Save, while editing the document', keys: ['Mod+S'], scope: 'local' },
    {
      id: 'add-documents',
      label: 'Add documents (or drop files on the window, or paste text)',
      keys: ['Mod+O'],
      menu: 'open',
      scope: 'anywhere',
      run: () => targets.addDocuments(),
    },
    {
      id: 'add-clipboard',
      label: 'Add what the clipboard holds (Markdown, a copied web page, text) as a new document',
      keys: ['Mod+Shift+V'],
      // In a text box it keeps its meaning (paste as plain text).
      scope: 'outside-text-boxes',
      run: () => void targets.library.reportImport(gloss.importClipboard()),
    },
    {
      id: 'export',
      label: 'Export highlights',
      // Electron's File menu has the same accelerator; in a plain browser the page handles it.
      keys: ['Mod+Shift+E'],
      menu: 'export',
      scope: 'anywhere',
      run: () => targets.openExport(),
    },
    {
      id: 'search-library',
      label: 'Search the library (↓ ↑ move through results, Enter opens, Escape clears)',
      keys: ['Mod+K'],
      scope: 'anywhere',
      run: () => targets.focusSearch(),
    },
    {
      id: 'find-in-document',
      label: 'Find in this document',
      keys: ['Mod+F'],
      scope: 'anywhere',
      needsDocument: true,
      enabled: () => documents.current !== null,
      run: () => targets.findBar.open(),
    },
    {
      id: 'find-next',
      label: 'Next / previous match, in the find bar (also F3 / Shift+F3)',
      keys: ['F3', 'Shift+F3'],
      keysLabel: 'Enter  /  Shift+Enter',
      scope: 'anywhere',
      enabled: () => targets.findBar.isOpen,
      run: (event) => targets.findBar.step(event?.shiftKey ? -1 : 1),
    },
    {
      id: 'show-shortcuts',
      label: 'Show this list',
      keys: ['?'],
      scope: 'outside-text-boxes',
      enabled: () => !targets.shortcutsSheet.open,
      run: () => targets.shortcutsSheet.showModal(),
    },
    {
      id: 'sync-to-folder',
      label: 'Sync to folder',
      keys: [],
      menu: 'sync-to-folder',
      scope: 'anywhere',
      run: () => targets.syncToFolder(),
    },
    {
      id: 'sync-library',
      label: 'Sync the library between machines',
      keys: [],
      menu: 'sync-library',
      scope: 'anywhere',
      run: () => targets.syncLibrary(),
    },
    {
      id: 'copy-all-highlights',
      label: 'Copy all highlights as Markdown',
      keys: [],
      menu: 'copy-all-highlights',
      scope: 'anywhere',
      run: () => void documents.copyAllHighlights(),
    },
  ];
}
