/**
 * A first import runs in a fresh worker, on code V8 has not optimised yet:
 * 10,000 highlights took ~650 ms to plan in a worker started half a second
 * before, against ~400 ms in one that had planned imports already. While the
 * user chooses a file, a prepared worker plans small imports of files Gloss
 * itself exports (its Web Annotation JSON and Readwise CSV of a generated
 * article) into an empty library, which runs the readers, the placing of
 * quotes and the validation the user's file will go through. Nothing is written.
 */
import { highlightColors, type Highlight } from '../../../common/contract';
import { describeTextRange } from '../../../common/anchoring';
import { toReadwiseCsv } from '../export/csv';
import { toWebAnnotationJson } from '../export/json';
import type { ExportDocument } from '../export/types';
import { type ImportReport, planImport } from './apply';
import { parseImport } from './index';
import { renderedText } from './rendered-text';
import { nextTurn } from '../turns';

/**
 * Highlights in each warm-up file. Three plans of each file of 1,000 took a
 * first import of 10,000 from ~630 to ~440 ms; of 300, to ~540 ms.
 */
const highlightsPerPiece = 1000;
/** Plans of each file. */
const piecesPerFile = 3;

/** The article, with a highlight on each paragraph, as Gloss would export it. */
function warmUpDocument(): ExportDocument {
  const paragraphs = Array.from(
    { length: highlightsPerPiece },
    (_, index) => `Paragraph ${index}: a passage with *emphasis*, “quotes”, commas, and text in 日本語 — as an article has.`,
  );
  const body = paragraphs.join('\n\n');
  const markdown = `---\ntitle: Warm-up article\nauthor: Gloss\n---\n${body}\n`;
  const text = renderedText(body);
  const createdAt = '2024-01-01T00:00:00.000Z';
  let from = 0;
  const highlights = paragraphs.map((_, index): Highlight => {
    const start = text.indexOf(`Paragraph ${index}:`, from);
    const lineEnd = text.indexOf('\n', start);
    from = lineEnd === -1 ? text.length : lineEnd;
    return {
      id: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
      ...describeTextRange(text, start, from),
      revision: 0,
      color: highlightColors[index % highlightColors.length]!,
      note: index % 3 === 0 ? `A note with **Markdown** (${index}).` : '',
      tags: index % 2 === 0 ? ['reading'] : [],
      createdAt,
      updatedAt: createdAt,
    };
  });
  return {
    document: {
      id: '00000000-0000-4000-8000-000000000000',
      title: 'Warm-up article',
      author: 'Gloss',
      date: null,
      source: null,
      addedAt: createdAt,
      openedAt: null,
    },
    documentNote: null,
    highlights,
    orphanIds: new Set(),
    markdown,
  };
}

/** The files the warm-up plans, made by the first piece. */
export interface WarmUpFile {
  name: string;
  text: string;
}

/**
 * The warm-up, in pieces, so that a real request waits at most for the piece
 * under way (50–150 ms, the first ones before V8 has optimised anything): the
 * files made, then each planned in turn. A planning piece gives back what the
 * import would report.
 */
export function warmUpPieces(): { files: () => WarmUpFile[]; plans: (() => ImportReport)[] } {
  let made: WarmUpFile[] | null = null;
  const files = (): WarmUpFile[] => {
    if (made) return made;
    const document = warmUpDocument();
    made = [
      { name: 'warm-up.json', text: toWebAnnotationJson([document], { exportedAt: new Date(0), appVersion: 'warm-up' }) },
      { name: 'warm-up.csv', text: toReadwiseCsv([document]) },
    ];
    return made;
  };
  const plan = (file: number) => (): ImportReport => {
    const { name, text } = files()[file]!;
    return planImport({ documents: [], problems: [] }, parseImport(name, text)).report;
  };
  return { files, plans: Array.from({ length: piecesPerFile }, () => [plan(0), plan(1)]).flat() };
}

/**
 * Runs the pieces one by one, letting the thread's other events in between,
 * until they are done or `stop` says a real request came; returns how many ran.
 * A warm-up that fails just ends: it only ever makes the next import faster.
 */
export async function warmUp(pieces: readonly (() => unknown)[], stop: () => boolean): Promise<number> {
  let ran = 0;
  for (const piece of pieces) {
    await nextTurn();
    if (stop()) break;
    try {
      piece();
    } catch {
      break;
    }
    ran++;
  }
  return ran;
}
