import type { Notice } from '../../common/contract';
import { element } from './dom';

/** A button a notice offers before Dismiss (e.g. Undo); choosing it removes the notice. */
export interface NoticeAction {
  label: string;
  run(): void;
}

/** The reader's notice area: what happened, each notice dismissable, some with one action. */
export class Notices {
  constructor(private readonly area: HTMLElement) {}

  showAll(notices: readonly Notice[]): void {
    for (const notice of notices) this.show(notice);
  }

  error(message: string): void {
    this.show({ level: 'error', message });
  }

  info(message: string): void {
    this.show({ level: 'info', message });
  }

  show(notice: Notice, action?: NoticeAction): void {
    const item = element('div', `notice notice-${notice.level}`);
    item.append(element('p', 'notice-message', notice.message));
    if (action) item.append(button('notice-action', action.label, () => (item.remove(), action.run())));
    item.append(button('notice-dismiss', 'Dismiss', () => item.remove()));
    this.area.append(item);
  }
}

function button(className: string, label: string, onClick: () => void): HTMLButtonElement {
  const created = element('button', className, label);
  created.type = 'button';
  created.addEventListener('click', onClick);
  return created;
}
