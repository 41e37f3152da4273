import type { VaultSyncStatus } from '../../common/contract';
import { gloss } from './bridge';
import { element } from './dom';
import { formatTime } from './notes/format-notes';

/** One sentence on where sync stands, for the panel and for screen readers. */
export function describeVaultSync(status: VaultSyncStatus, locale?: string, timeZone?: string): string {
  if (!status.folder)
    return 'Not syncing. Gloss can keep one Markdown file per document in a folder (e.g. an Obsidian vault), updated as you highlight and write notes.';
  const files = `${status.fileCount} file${status.fileCount === 1 ? '' : 's'}`;
  const last = status.lastSyncedAt ? `, last synced ${formatTime(status.lastSyncedAt, locale, timeZone)}` : '';
  const state =
    status.state === 'syncing'
      ? 'Syncing…'
      : status.error
        ? `Not synced: ${status.error}`
        : status.conflicts.length > 0
          ? `${status.conflicts.length} file${status.conflicts.length === 1 ? '' : 's'} left alone (see below).`
          : 'Up to date.';
  return `Syncing to ${status.folder} (${files}${last}). ${state}`;
}

/**
 * The Export dialog's "Folder sync" section: choose the folder, see the
 * status, stop, and decide what to do with files Gloss did not write.
 */
export class VaultSyncPanel {
  readonly element: HTMLElement;
  readonly #status: HTMLParagraphElement;
  readonly #choose: HTMLButtonElement;
  readonly #stop: HTMLButtonElement;
  readonly #conflicts: HTMLUListElement;
  #refreshRequest = 0;

  /** `onStatus` sees every status shown, so the page can raise a notice about a new problem. */
  constructor(private readonly onStatus: (status: VaultSyncStatus) => void) {
    this.element = element('section', 'vault-sync');
    this.element.setAttribute('aria-labelledby', 'vault-sync-heading');
    const heading = element('h3', 'vault-sync-heading', 'Folder sync');
    heading.id = 'vault-sync-heading';
    this.#status = element('p', 'vault-sync-status');
    // Not role="status": the dialog's export summary is its status; this one is announced politely all the same.
    this.#status.setAttribute('aria-live', 'polite');
    this.#status.id = 'vault-sync-status';
    this.#choose = element('button', 'secondary-button', 'Sync to folder…');
    this.#choose.type = 'button';
    this.#choose.setAttribute('aria-describedby', 'vault-sync-status');
    this.#choose.addEventListener('click', () => void this.chooseFolder());
    this.#stop = element('button', 'secondary-button', 'Stop syncing');
    this.#stop.type = 'button';
    this.#stop.addEventListener('click', () => void this.#run(() => gloss.stopVaultSync()));
    this.#conflicts = element('ul', 'vault-sync-conflicts');
    this.#conflicts.setAttribute('aria-label', 'Files left alone');
    const buttons = element('div', 'export-buttons');
    buttons.append(this.#choose, this.#stop);
    this.element.append(heading, this.#status, buttons, this.#conflicts);
  }

  async refresh(): Promise<void> {
    await this.#run(() => gloss.getVaultSyncStatus());
  }

  /** Asks for a folder (the system's dialog) and syncs every document into it. */
  async chooseFolder(): Promise<void> {
    this.#status.textContent = 'Choosing a folder…';
    await this.#run(async () => (await gloss.chooseVaultFolder()) ?? gloss.getVaultSyncStatus());
  }

  async #run(call: () => Promise<VaultSyncStatus>): Promise<void> {
    const request = ++this.#refreshRequest;
    this.#choose.disabled = this.#stop.disabled = true;
    try {
      const status = await call();
      // An answer to an older request must not overwrite a newer one.
      if (request === this.#refreshRequest) this.#show(status);
      this.onStatus(status);
    } catch (error) {
      if (request === this.#refreshRequest) this.#status.textContent = `Folder sync: ${(error as Error).message}`;
    } finally {
      if (request === this.#refreshRequest) this.#choose.disabled = false;
    }
  }

  #show(status: VaultSyncStatus): void {
    this.#status.textContent = describeVaultSync(status);
    this.element.dataset.state = status.state;
    this.#choose.textContent = status.folder ? 'Change folder…' : 'Sync to folder…';
    this.#stop.hidden = status.folder === null;
    this.#stop.disabled = status.folder === null;
    this.#conflicts.replaceChildren(
      ...status.conflicts.map((conflict) => {
        const item = element('li', 'vault-sync-conflict');
        const write = element('button', 'secondary-button', `Write “${conflict.alternativeName}” instead`);
        write.type = 'button';
        write.addEventListener('click', () => void this.#run(() => gloss.resolveVaultConflict(conflict.documentId)));
        item.append(element('p', undefined, `“${conflict.title}”: ${conflict.message}`), write);
        return item;
      }),
    );
  }
}
