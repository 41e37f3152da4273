import type { VaultSyncStatus } from '../../common/contract';
import type { Notices } from './notices';

/** Raises a notice for each new folder-sync problem (a folder gone, a file Gloss left alone), even with the Export dialog closed. */
export class VaultSyncNotices {
  /** Problems already told, so each new one is told once and a fixed one can be told again if it returns. */
  #told = new Set<string>();

  constructor(private readonly notices: Notices) {}

  report(status: VaultSyncStatus): void {
    const problems = [
      ...(status.error ? [status.error] : []),
      ...status.conflicts.map((conflict) => `Folder sync: “${conflict.title}”: ${conflict.message} Choose what to do in Export….`),
    ];
    for (const message of problems) if (!this.#told.has(message)) this.notices.show({ level: 'warning', message });
    this.#told = new Set(problems);
  }
}
