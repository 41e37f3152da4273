import type { LibrarySyncStatus } from '../../common/contract';
import { gloss } from './bridge';
import { closeOnEscape, element } from './dom';
import { dateTimeFormat } from './format';

/**
 * File › Sync Library…: shares the library through a folder that a sync
 * engine (Syncthing, Dropbox, …) keeps in step between machines, and shows
 * how it stands: the folder, when it last synced, the devices seen, what the
 * last pass merged, and any problem, each in one line.
 */
export class LibrarySyncDialog {
  #dialog: HTMLDialogElement | null = null;
  #lines: HTMLElement | null = null;
  #stop: HTMLButtonElement | null = null;
  #shareRow: HTMLLabelElement | null = null;
  #shareSettings: HTMLInputElement | null = null;

  /** Opens the dialog (or brings it up to date if it is open). */
  async open(): Promise<void> {
    if (!this.#dialog) this.#build();
    this.#dialog!.showModal();
    await this.refresh();
  }

  get isOpen(): boolean {
    return this.#dialog?.open ?? false;
  }

  /** Shows the latest status (`status`, as main's `librarySyncChanged` event carries it, or asked for), if the dialog is open. */
  async refresh(status?: LibrarySyncStatus): Promise<void> {
    if (!this.#dialog?.open) return;
    this.#show(status ?? (await gloss.getLibrarySyncStatus()));
  }

  #build(): void {
    const dialog = element('dialog', 'confirm-dialog library-sync-dialog');
    dialog.setAttribute('aria-labelledby', 'library-sync-title');
    const heading = element('h2', 'shortcuts-title', 'Sync Library');
    heading.id = 'library-sync-title';
    const intro = element(
      'p',
      'library-sync-intro',
      'Choose a folder that Syncthing, Dropbox, iCloud Drive, OneDrive or Nextcloud keeps in step between your machines. ' +
        'Gloss writes only its own files there and merges what your other devices wrote.',
    );
    const lines = element('ul', 'library-sync-status');
    lines.setAttribute('aria-live', 'polite');
    // Off by default: a laptop and a desktop screen often want different sizes.
    const share = element('label', 'library-sync-share');
    const shareSettings = element('input');
    shareSettings.type = 'checkbox';
    shareSettings.addEventListener('change', () => void this.#act(() => gloss.shareLibrarySyncSettings(shareSettings.checked)));
    share.append(shareSettings, ' Share reading settings (font, size, spacing, width, theme) with my other machines');
    const buttons = element('div', 'confirm-buttons');
    const stop = element('button', 'secondary-button', 'Stop syncing');
    stop.type = 'button';
    stop.addEventListener('click', () => void this.#act(() => gloss.stopLibrarySync()));
    const choose = element('button', 'secondary-button', 'Choose folder…');
    choose.type = 'button';
    choose.addEventListener('click', () => void this.#act(() => gloss.chooseLibrarySyncFolder()));
    const close = element('button', 'primary-button', 'Close');
    close.type = 'button';
    close.addEventListener('click', () => dialog.close());
    buttons.append(stop, choose, close);
    dialog.append(heading, intro, lines, share, buttons);
    closeOnEscape(dialog);
    document.body.append(dialog);
    this.#dialog = dialog;
    this.#lines = lines;
    this.#stop = stop;
    this.#shareRow = share;
    this.#shareSettings = shareSettings;
  }

  async #act(action: () => Promise<LibrarySyncStatus | null>): Promise<void> {
    try {
      const status = await action();
      if (status) this.#show(status);
    } catch (error) {
      this.#show({ ...(await gloss.getLibrarySyncStatus()), problem: (error as Error).message });
    }
  }

  #show(status: LibrarySyncStatus): void {
    const lines = this.#lines!;
    const others = status.devices.filter((device) => !device.thisDevice);
    const rows: string[] = status.folder
      ? [
          `Folder: ${status.folder}`,
          `Last synced: ${status.lastSyncedAt ? dateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(status.lastSyncedAt)) : 'not yet'}`,
          `Devices seen: ${others.length === 0 ? 'only this one so far' : others.map((device) => device.name ?? device.deviceId).join(', ')}`,
          ...(status.lastMerge ? [`Last merged: ${status.lastMerge}`] : []),
        ]
      : ['Library sync is off.'];
    if (status.problem) rows.push(`Problem: ${status.problem}`);
    lines.replaceChildren(...rows.map((row) => element('li', row.startsWith('Problem:') ? 'library-sync-problem' : undefined, row)));
    this.#stop!.hidden = status.folder === null;
    this.#shareSettings!.checked = status.sharesSettings;
    this.#shareRow!.hidden = status.folder === null;
  }
}
