/**
 * The warm-up a prepared import worker runs while the user chooses a file
 * (main/core/import/warm-up.ts): it must go through a whole import of each
 * file it makes, and give way to real work.
 */
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { warmUp, warmUpPieces } from '../../../../main/core/import/warm-up';
import { detectFormat } from '../../../../main/core/import';

describe('the import worker’s warm-up', () => {
  it('makes a Web Annotation JSON and a Readwise CSV file, as Gloss exports them', () => {
    const files = warmUpPieces().files();
    // Told by their content, not by the names the warm-up gives them.
    expect(files.map(({ text }) => detectFormat('unnamed', text))).toEqual(['web-annotation', 'readwise']);
  });

  it('places every highlight of each file, in turn, with nothing left over', () => {
    const reports = warmUpPieces().plans.map((plan) => plan());
    expect(reports).toHaveLength(6);
    for (const report of reports) {
      expect(report).toMatchObject({ documentsCreated: 1, highlightsAdded: 1000, orphaned: [], unmatched: [], warnings: [] });
    }
  });

  it('stops between pieces once work has come', async () => {
    const ran: number[] = [];
    const pieces = [0, 1, 2, 3].map((index) => () => ran.push(index));
    expect(await warmUp(pieces, () => ran.length === 2)).toBe(2);
    expect(ran).toEqual([0, 1]);
  });

  it('lets a message that came during a piece in before the next piece, as the worker’s request does', async () => {
    const { port1, port2 } = new MessageChannel();
    let requested = false;
    port2.on('message', () => (requested = true));
    const ran: number[] = [];
    const pieces = [0, 1, 2].map((index) => () => {
      ran.push(index);
      if (index === 0) port1.postMessage('work');
    });
    try {
      expect(await warmUp(pieces, () => requested)).toBe(1);
    } finally {
      port1.close();
    }
    expect(ran).toEqual([0]);
  });

  it('ends quietly at a piece that fails', async () => {
    const ran: string[] = [];
    const pieces = [
      () => ran.push('first'),
      () => {
        throw new Error('a piece that fails');
      },
      () => ran.push('after'),
    ];
    expect(await warmUp(pieces, () => false)).toBe(1);
    expect(ran).toEqual(['first']);
  });
});
