import type { DomainApi, searchMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** Full-text search (common/contract/search.ts). */
export function searchService({ search }: ServiceContext): DomainApi<typeof searchMethods> {
  return {
    async search(query) {
      return (await search()).search(query);
    },
  };
}
