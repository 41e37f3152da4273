import type { ExportFormat, ExportRequest, VaultSyncStatus } from '../../common/contract';
import { gloss } from './bridge';
import { element } from './dom';
import { VaultSyncPanel } from './vault-sync-panel';

const formatLabels: Record<ExportFormat, string> = {
  markdown: 'Markdown (Obsidian, Logseq)',
  json: 'JSON (W3C Web Annotation)',
  csv: 'CSV (Readwise, spreadsheets)',
  html: 'HTML (printable page)',
};

/** The document the dialog offers to export alone; null when none is open. */
export type CurrentDocument = () => { id: string; title: string } | null;

/**
 * The Export dialog: pick a format and scope, see the start of the result,
 * save through the system's dialog. Opened from File › Export…, the notes
 * pane or Ctrl/⌘+Shift+E.
 */
export class ExportDialog {
  readonly element: HTMLDialogElement;
  readonly #format: HTMLSelectElement;
  readonly #scopeDocument: HTMLInputElement;
  readonly #scopeLibrary: HTMLInputElement;
  /** CSV only: write cells starting with = + - @ exactly (for Readwise) instead of neutralised for spreadsheets. */
  readonly #rawCsv: HTMLInputElement;
  readonly #rawCsvChoice: HTMLLabelElement;
  readonly #documentLabel: HTMLSpanElement;
  readonly #summary: HTMLParagraphElement;
  readonly #preview: HTMLPreElement;
  readonly #save: HTMLButtonElement;
  readonly #progress: HTMLProgressElement;
  readonly vaultSync: VaultSyncPanel;
  #previewRequest = 0;
  /** Saves begun: from then on the status line is the save's, and a preview still being prepared keeps out of it. */
  #savesBegun = 0;

  constructor(
    private readonly currentDocument: CurrentDocument,
    onVaultSyncStatus: (status: VaultSyncStatus) => void = () => undefined,
  ) {
    this.element = element('dialog', 'export-dialog');
    this.element.setAttribute('aria-labelledby', 'export-title');
    const title = element('h2', 'export-title', 'Export highlights');
    title.id = 'export-title';

    this.#format = element('select', 'export-format');
    this.#format.id = 'export-format';
    for (const [value, label] of Object.entries(formatLabels)) {
      const option = element('option', undefined, label);
      option.value = value;
      this.#format.append(option);
    }
    const formatLabel = element('label', 'field-label', 'Format');
    formatLabel.htmlFor = 'export-format';

    const scope = element('fieldset', 'export-scope');
    scope.append(element('legend', 'field-label', 'What to export'));
    this.#documentLabel = element('span');
    this.#scopeDocument = radio('export-scope', 'document');
    this.#scopeLibrary = radio('export-scope', 'library');
    const documentChoice = element('label', 'export-choice');
    documentChoice.append(this.#scopeDocument, this.#documentLabel);
    const libraryChoice = element('label', 'export-choice');
    libraryChoice.append(this.#scopeLibrary, ' The whole library');
    scope.append(documentChoice, libraryChoice);

    this.#rawCsv = element('input');
    this.#rawCsv.type = 'checkbox';
    this.#rawCsvChoice = element('label', 'export-choice');
    this.#rawCsvChoice.append(
      this.#rawCsv,
      ' Keep cells starting with = + - @ as typed (for Readwise; a spreadsheet would run them as formulas)',
    );

    this.#summary = element('p', 'export-summary');
    this.#summary.setAttribute('role', 'status');
    this.#preview = element('pre', 'export-preview');
    // A named region (a bare <pre> may not carry a label), and a Tab stop so its overflow scrolls from the keyboard.
    this.#preview.setAttribute('role', 'region');
    this.#preview.setAttribute('aria-label', 'Preview');
    this.#preview.tabIndex = 0;
    this.#preview.tabIndex = 0;
    this.#progress = element('progress', 'export-progress');
    this.#progress.setAttribute('aria-label', 'Export progress');
    this.#progress.hidden = true;

    this.#save = element('button', 'primary-button', 'Save…');
    this.#save.type = 'button';
    this.#save.addEventListener('click', () => void this.#saveExport());
    const close = element('button', 'secondary-button', 'Close');
    close.type = 'button';
    close.addEventListener('click', () => this.element.close());
    const buttons = element('div', 'export-buttons');
    buttons.append(this.#save, close);

    for (const control of [this.#format, this.#scopeDocument, this.#scopeLibrary, this.#rawCsv])
      control.addEventListener('change', () => void this.#refreshPreview());
    this.vaultSync = new VaultSyncPanel(onVaultSyncStatus);
    this.element.append(
      title,
      formatLabel,
      this.#format,
      scope,
      this.#rawCsvChoice,
      this.#summary,
      this.#progress,
      this.#preview,
      buttons,
      this.vaultSync.element,
    );
  }

  open(): void {
    if (this.element.open) return;
    const current = this.currentDocument();
    this.#scopeDocument.disabled = current === null;
    this.#documentLabel.textContent = current ? ` This document: “${current.title}”` : ' This document (none is open)';
    (current ? this.#scopeDocument : this.#scopeLibrary).checked = true;
    this.element.showModal();
    void this.#refreshPreview();
    void this.vaultSync.refresh();
  }

  #request(): ExportRequest {
    const current = this.currentDocument();
    const format = this.#format.value as ExportFormat;
    this.#rawCsvChoice.hidden = format !== 'csv';
    const csvFormulas = format === 'csv' && this.#rawCsv.checked ? 'raw' : 'neutralised';
    return this.#scopeDocument.checked && current
      ? { format, scope: { kind: 'document', documentId: current.id }, csvFormulas }
      : { format, scope: { kind: 'library' }, csvFormulas };
  }

  async #refreshPreview(): Promise<void> {
    const request = ++this.#previewRequest;
    const savesBefore = this.#savesBegun;
    // Previews can finish out of order (each waits for the writes before it): only the newest one's progress is shown,
    // and none once a save has begun (a preview finishing after the save would hide its "Saved …").
    const ownsStatus = (): boolean => request === this.#previewRequest && this.#savesBegun === savesBefore;
    this.#summary.textContent = 'Preparing the preview…';
    const stopWatching = this.#watchProgress('Preparing the preview…', ownsStatus);
    try {
      const preview = await gloss.previewExport(this.#request());
      // A newer choice was made while this preview was being prepared.
      if (request !== this.#previewRequest) return;
      const files =
        preview.destination === 'folder'
          ? 'one Markdown file per document, saved into a folder (files Gloss wrote there before are updated, keeping your own text around them; any other file is left as it is)'
          : 'one file';
      if (ownsStatus())
        this.#summary.textContent = `${count(preview.highlightCount, 'highlight')} from ${count(preview.documentCount, 'document')}: ${files}.`;
      this.#preview.textContent = preview.text + (preview.truncated ? '\n…' : '');
      this.#save.textContent = preview.destination === 'folder' ? 'Choose folder and save…' : 'Save…';
    } catch (error) {
      if (ownsStatus()) this.#summary.textContent = `No preview: ${(error as Error).message}`;
    } finally {
      stopWatching();
    }
  }

  async #saveExport(): Promise<void> {
    // Disabling the focused button drops focus to <body>, where Tab and Escape lose their way: it comes back after.
    const hadFocus = document.activeElement === this.#save;
    this.#savesBegun++;
    this.#save.disabled = true;
    this.#summary.textContent = 'Exporting…';
    const stopWatching = this.#watchProgress('Exporting…');
    try {
      const result = await gloss.exportToFile(this.#request());
      this.#summary.textContent = result
        ? (result.fileCount > 0
            ? `Saved ${count(result.highlightCount, 'highlight')} in ${count(result.fileCount, 'file')} to ${result.path}`
            : `Nothing was written to ${result.path}`) +
          (result.leftAlone.length > 0 ? `. Left alone: ${result.leftAlone.join(' ')}` : '') +
          (result.skipped.length > 0 ? `. Not exported, as their files cannot be read: ${result.skipped.join('; ')}` : '')
        : 'Export cancelled; nothing was written.';
    } catch (error) {
      this.#summary.textContent = `Not exported: ${(error as Error).message}`;
    } finally {
      stopWatching();
      this.#save.disabled = false;
      if (hadFocus && (document.activeElement === document.body || !document.activeElement)) this.#save.focus();
    }
  }

  /**
   * Shows documents read, then written, out of all of them while an export
   * or its preview is prepared, as main reports them (`exportProgress` events):
   * a whole library takes a while. Nothing is shown once `isCurrent` says
   * the work watched is no longer what the dialog is showing.
   */
  #watchProgress(doing: string, isCurrent: () => boolean = () => true): () => void {
    const unsubscribe = window.gloss.onExportProgress(({ stage, done, total }) => {
      if (total === 0 || !isCurrent()) return;
      this.#progress.hidden = false;
      this.#progress.max = total;
      this.#progress.value = done;
      this.#summary.textContent = `${doing} ${done.toLocaleString()} of ${count(total, 'document')} ${stage === 'reading' ? 'read' : 'written'}.`;
    });
    return () => {
      unsubscribe();
      this.#progress.hidden = true;
    };
  }
}

function radio(name: string, value: string): HTMLInputElement {
  const input = element('input');
  input.type = 'radio';
  input.name = name;
  input.value = value;
  return input;
}

function count(value: number, noun: string): string {
  return `${value.toLocaleString()} ${noun}${value === 1 ? '' : 's'}`;
}
