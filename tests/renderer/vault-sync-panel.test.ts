// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { VaultSyncStatus } from '../../common/contract';
import { describeVaultSync } from '../../renderer/src/vault-sync-panel';

const on: VaultSyncStatus = {
  folder: '/home/ann/Vault',
  state: 'synced',
  lastSyncedAt: '2026-11-28T09:40:00.000Z',
  fileCount: 2,
  conflicts: [],
  error: null,
};
const conflict = {
  documentId: 'd1',
  title: 'T',
  fileName: 'T (d1).md',
  message: 'T (d1).md was not written by Gloss',
  alternativeName: 'T (d1) (Gloss).md',
};

describe('describeVaultSync', () => {
  it.each<[string, VaultSyncStatus, string]>([
    [
      'off',
      { ...on, folder: null, state: 'off', lastSyncedAt: null, fileCount: 0 },
      'Not syncing. Gloss can keep one Markdown file per document',
    ],
    ['up to date', on, 'Syncing to /home/ann/Vault (2 files, last synced 28 Nov 2026, 09:40). Up to date.'],
    ['writing', { ...on, state: 'syncing', fileCount: 1, lastSyncedAt: null }, 'Syncing to /home/ann/Vault (1 file). Syncing…'],
    ['failing', { ...on, state: 'error', error: 'ENOENT: no such folder' }, 'Not synced: ENOENT: no such folder'],
    ['leaving files alone', { ...on, state: 'error', conflicts: [conflict] }, '1 file left alone (see below).'],
  ])('says where sync stands when %s', (_case, status, expected) => {
    expect(describeVaultSync(status, 'en-GB', 'UTC')).toContain(expected);
  });
});
