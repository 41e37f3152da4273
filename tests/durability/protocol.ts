/** What crash-writer.ts (the child) and crash.test.ts (the parent) share: the line protocol and small helpers. */
import type { ReadingPosition } from '../../common/contract';

export type WriteKind = 'open' | 'highlight-create' | 'highlight-note' | 'doc-note' | 'position' | 'import';

/** What the child says it is about to write. */
export interface IssueLine {
  t: 'issue';
  seq: number;
  kind: WriteKind;
  /** The document written to (absent for imports, whose id is known on acknowledgement). */
  doc?: string;
  highlight?: string;
  /** The highlight note or document note written. */
  note?: string;
  position?: ReadingPosition;
  /** The imported document's title. */
  title?: string;
}

export interface AckLine {
  t: 'ack';
  seq: number;
  /** The imported document's id. */
  doc?: string;
}

export type WriterLine = { t: 'ready' } | IssueLine | AckLine;

/** Highlight ids are UUID-shaped and derived from the write's sequence number, so they are unique across runs. */
export function highlightIdFor(seq: number): string {
  return `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
}

export { seededRandom } from '../support/seeded-random';

/** What one run of the child is told. */
export interface WriterParameters {
  dataDir: string;
  /** Seeds the child's choice of writes. */
  seed: number;
  /** The first sequence number; runs get disjoint ranges so numbers grow across a data folder's life. */
  seqStart: number;
  /** The Markdown a new library starts with; by default the app's seed article, found relative to crash-writer.ts. */
  seedArticlePath?: string;
}
