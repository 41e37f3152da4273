import type { DomainApi, settingsMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';
import { repairSettings } from './settings-store';

/** The reader settings (common/contract/settings.ts). */
export function settingsService({ settings, recordChange }: ServiceContext): DomainApi<typeof settingsMethods> {
  return {
    async getSettings() {
      return (await settings()).get();
    },
    async saveSettings(readerSettings) {
      const chosen = repairSettings(readerSettings);
      // Shared with the other devices (only if the user chose to; library sync decides) before it is saved here:
      // a sync pass takes the shared settings into this device's, and one that ran while the choice was being
      // written found it differing from them and took it back, so it was never shared.
      await recordChange((sync) => sync.recordSettings(chosen));
      return (await settings()).save(chosen);
    },
  };
}
