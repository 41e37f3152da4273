import { keysForDisplay } from './commands';
import type { DocumentController } from './document-controller';
import type { SelectionToolbar } from './highlights/selection-toolbar';
import type { LinkTrail } from './link-trail';
import { followLink } from './links';
import type { Notices } from './notices';

/** What the reader does with the pointer and the selection: the toolbar over a selection, clicks on highlights and links, saving the position. */
export function listenToReader(parts: {
  reader: HTMLElement;
  notesPane: HTMLElement;
  documents: DocumentController;
  toolbar: SelectionToolbar;
  notices: Notices;
  linkTrail: LinkTrail;
}): void {
  const { reader, notesPane, documents, toolbar, notices, linkTrail } = parts;
  reader.addEventListener('scroll', () => {
    documents.scrolled();
    toolbar.hide();
  });
  document.addEventListener('selectionchange', () => {
    const selection = document.getSelection();
    if (!documents.current || !selection || selection.isCollapsed || selection.rangeCount === 0 || !documents.selectedOffsets())
      toolbar.hide();
    else toolbar.showAt(selection.getRangeAt(0).getBoundingClientRect());
  });
  const linkHandlers = {
    reportError: (error: Error): void => notices.error(error.message),
    onJump: (from: Element): void => {
      linkTrail.followed(from);
      notices.show(
        { level: 'info', message: `Followed the link; Back (${keysForDisplay('Mod+[')}) returns to where you were.` },
        { label: 'Back', run: () => void linkTrail.back() },
      );
    },
  };
  // Links in notes too: left alone, a relative one would replace the app's page with a missing one.
  notesPane.addEventListener('click', (event) => void followLink(event, notesPane, reader, linkHandlers));
  reader.addEventListener('click', (event) => {
    if (!followLink(event, reader, reader, linkHandlers)) documents.selectHighlightAt(event.clientX, event.clientY);
  });
}
