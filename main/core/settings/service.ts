import type { DomainApi, settingsMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** The reader settings (common/contract/settings.ts). */
export function settingsService({ settings, recordChange }: ServiceContext): DomainApi<typeof settingsMethods> {
  return {
    async getSettings() {
      return (await settings()).get();
    },
    async saveSettings(readerSettings) {
      const saved = await (await settings()).save(readerSettings);
      // Shared with the other devices only if the user chose to (library sync decides).
      await recordChange((sync) => sync.recordSettings(saved));
      return saved;
    },
  };
}
