import type { DocumentSummary } from '../../preload/api';
import { element } from './dom';
import { formatArticleDate } from './format';

/** The sidebar list: one list item per document, the open one marked current. */
export function renderLibrary(list: HTMLUListElement, documents: readonly DocumentSummary[], openId: string | null, onOpen: (id: string) => void): void {
  list.replaceChildren(
    ...documents.map((summary) => {
      const item = element('li');
      const button = element('button', 'library-item');
      button.type = 'button';
      if (summary.id === openId) button.setAttribute('aria-current', 'page');
      button.append(element('span', 'library-item-title', summary.title));
      const details = [summary.author, summary.date ? formatArticleDate(summary.date) : null].filter(Boolean).join(' · ');
      if (details) button.append(element('span', 'library-item-details', details));
      button.addEventListener('click', () => onOpen(summary.id));
      item.append(button);
      return item;
    }),
  );
}
