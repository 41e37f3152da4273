import type { DomainApi, settingsMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** The reader settings (common/contract/settings.ts). */
export function settingsService({ settings }: ServiceContext): DomainApi<typeof settingsMethods> {
  return {
    async getSettings() {
      return (await settings()).get();
    },
    async saveSettings(readerSettings) {
      return (await settings()).save(readerSettings);
    },
  };
}
