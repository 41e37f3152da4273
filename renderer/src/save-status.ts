import type { Notices } from './notices';
import type { AppStore } from './state/app-state';

/** The notes pane's save status: Saved, Saving…, why it is retrying; a refused change also raises a notice. */
export class SaveStatus {
  constructor(
    private readonly status: HTMLElement,
    store: AppStore,
    notices: Notices,
  ) {
    store.subscribe(
      (state) => state.saveState,
      (state) => {
        status.dataset.state = state.kind;
        status.textContent =
          state.kind === 'saved'
            ? 'Saved'
            : state.kind === 'saving'
              ? 'Saving…'
              : state.kind === 'retrying'
                ? `${state.message} Your change is kept and will be retried.`
                : 'Not saved';
        if (state.kind === 'refused') notices.error(`A change was not saved: ${state.message}`);
      },
    );
  }

  /** Says what just happened (an undo, a redo) until the next save state replaces it. */
  announce(text: string): void {
    this.status.textContent = text;
  }
}
