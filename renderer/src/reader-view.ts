import type { OpenedDocument } from '../../preload/api';
import { element } from './dom';
import { formatArticleDate } from './format';
import { renderMarkdown } from './markdown';

export interface RenderedDocument {
  article: HTMLElement;
  /** The element whose children are the document's top-level blocks. */
  body: HTMLElement;
}

/** The document as one `article`: its title and date, then its sanitized Markdown. */
export function renderDocument(opened: OpenedDocument, actions: { onEdit(): void }): RenderedDocument {
  const { summary } = opened;
  const article = element('article', 'document');
  article.setAttribute('aria-labelledby', 'document-title');
  const header = element('header', 'document-header');
  const title = element('h1', 'document-title', summary.title);
  title.id = 'document-title';
  header.append(title);
  const byline = element('p', 'document-byline');
  if (summary.author) byline.append(element('span', 'document-author', summary.author));
  if (summary.date) {
    const time = element('time', 'document-date', formatArticleDate(summary.date));
    time.dateTime = summary.date;
    byline.append(time);
  }
  const edit = element('button', 'document-edit', 'Edit document');
  edit.type = 'button';
  edit.addEventListener('click', () => actions.onEdit());
  byline.append(edit);
  header.append(byline);
  const body = element('div', 'document-body');
  body.append(renderMarkdown(opened.markdown));
  article.append(header, body);
  return { article, body };
}
