import type { Notice } from '../../common/contract';
import { element } from './dom';

/**
 * How long a notice stays, by what it asks of the reader: news is read in a
 * glance; a warning or an error needs reading twice; an action (Undo) needs
 * time to decide and reach it. The clock stops while the pointer or the
 * keyboard is on a notice.
 */
export const noticeLifetimeMs = { info: 8_000, warning: 20_000, error: 20_000, action: 20_000 } as const;
/** Work shorter than this feels instant and gets no busy notice; longer, and the reader is told it is under way. */
const busyDelayMs = 200;

/** A button a notice offers before Dismiss (e.g. Undo); choosing it removes the notice. */
export interface NoticeAction {
  label: string;
  run(): void;
}

/** What a busy notice shows of a report: the bar's `done` of `total`, the words for it, and an optional finer detail. */
export interface BusyState {
  done: number;
  total: number;
  message: string;
  detail?: string;
}

/** Reports of how far a piece of work is, and how a busy notice shows each. */
export interface BusyProgress<Report> {
  subscribe(listener: (report: Report) => void): () => void;
  describe(report: Report): BusyState;
}

/**
 * The reader's notice area: what happened, each notice dismissable, some with
 * one action. A polite live region placed beside the text (styled in the
 * notes column's corner), never over it. Each notice dismisses itself after
 * its lifetime (paused while hovered or focused); its Dismiss button or Escape
 * dismisses it sooner.
 */
export class Notices {
  constructor(
    readonly element: HTMLElement,
    /** Where the keyboard goes when the notice it was on goes away. */
    private readonly returnFocus: () => void = () => undefined,
  ) {
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || this.element.childElementCount === 0) return;
      // Escape in a text box or a dialog belongs to them; anywhere else it also clears the notices away.
      const target = event.target as Element | null;
      if (target?.closest?.('dialog') || (isTextBox(target) && !this.element.contains(target))) return;
      this.dismissAll();
    });
  }

  showAll(notices: readonly Notice[]): void {
    for (const notice of notices) this.show(notice);
  }

  error(message: string): void {
    this.show({ level: 'error', message });
  }

  info(message: string): void {
    this.show({ level: 'info', message });
  }

  /**
   * Shows one notice, with an optional action (e.g. Undo) before Dismiss: a
   * `NoticeAction` (its button removes the notice, then runs) or a ready-made
   * button. Returns the notice, so its owner can remove it.
   */
  show(notice: Notice, action?: NoticeAction | HTMLButtonElement): HTMLElement {
    const item = element('div', `notice notice-${notice.level}`);
    item.append(element('p', 'notice-message', notice.message));
    if (action instanceof HTMLButtonElement) item.append(action);
    else if (action) item.append(button('notice-action', action.label, () => (this.dismiss(item), action.run())));
    item.append(button('notice-dismiss', 'Dismiss', () => this.dismiss(item)));
    this.element.append(item);
    this.#expire(item, action ? noticeLifetimeMs.action : noticeLifetimeMs[notice.level]);
    return item;
  }

  /**
   * Says "`message`" with a busy bar while `work` runs, if it runs longer than 200 ms; the notice goes when the work ends.
   * With `progress` (subscribes to reports of how much is done, returns its unsubscribe), the bar shows how far it is and
   * the message says it in words, read out politely by the notices' live region; a finer `detail` (a book's chapter) is
   * shown under it and given to the bar as its value text, not read out as it ticks. With `cancel`, the notice has a
   * Cancel button that calls it once.
   */
  async whileBusy<T, Report>(work: Promise<T>, message: string, progress?: BusyProgress<Report>, cancel?: () => void): Promise<T> {
    let item: HTMLElement | null = null;
    const text = element('p', 'notice-message', message);
    const detail = element('p', 'notice-detail');
    detail.setAttribute('aria-hidden', 'true');
    const bar = element('progress', 'notice-progress');
    bar.setAttribute('aria-label', message);
    let latest: BusyState | null = null;
    const showProgress = (): void => {
      if (!latest) return;
      bar.max = latest.total;
      bar.value = latest.done;
      // Rewriting the same words would have some screen readers say them again.
      if (text.textContent !== latest.message) text.textContent = latest.message;
      detail.textContent = latest.detail ?? '';
      if (latest.detail) bar.setAttribute('aria-valuetext', latest.detail);
      else bar.removeAttribute('aria-valuetext');
    };
    const unsubscribe = progress?.subscribe((report) => {
      latest = progress.describe(report);
      showProgress();
    });
    const timer = setTimeout(() => {
      item = element('div', 'notice notice-info notice-busy');
      showProgress();
      const words = element('div', 'notice-words');
      words.append(text, detail);
      item.append(words, bar);
      if (cancel) {
        const stop = button('notice-action', 'Cancel', () => {
          stop.disabled = true;
          text.textContent = 'Cancelling…';
          cancel();
        });
        item.append(stop);
      }
      this.element.append(item);
    }, busyDelayMs);
    try {
      return await work;
    } finally {
      unsubscribe?.();
      clearTimeout(timer);
      if (item) this.dismiss(item);
    }
  }

  dismiss(item: HTMLElement): void {
    const hadFocus = item.contains(document.activeElement);
    item.remove();
    if (hadFocus) this.returnFocus();
  }

  dismissAll(): void {
    for (const item of Array.from(this.element.children)) this.dismiss(item as HTMLElement);
  }

  /** Removes `item` once it has been shown, unhovered and unfocused, for `lifetime` ms. */
  #expire(item: HTMLElement, lifetime: number): void {
    let remaining = lifetime;
    let startedAt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const run = () => {
      if (timer !== null || !item.isConnected) return;
      startedAt = performance.now();
      timer = setTimeout(() => this.dismiss(item), remaining);
    };
    const pause = () => {
      if (timer === null) return;
      clearTimeout(timer);
      timer = null;
      remaining = Math.max(1_000, remaining - (performance.now() - startedAt));
    };
    const resumeUnlessHeld = () => {
      if (!item.matches(':hover') && !item.contains(document.activeElement)) run();
    };
    item.addEventListener('pointerenter', pause);
    item.addEventListener('focusin', pause);
    item.addEventListener('pointerleave', resumeUnlessHeld);
    item.addEventListener('focusout', () => setTimeout(resumeUnlessHeld));
    run();
  }
}

function isTextBox(target: Element | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function button(className: string, label: string, onClick: () => void): HTMLButtonElement {
  const created = element('button', className, label);
  created.type = 'button';
  created.addEventListener('click', onClick);
  return created;
}
