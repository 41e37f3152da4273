/**
 * The block size (height, or width in vertical text) reserved for a piece of
 * the document before the browser lays it out: its length times what a
 * character takes in the reading column, ~75 characters a line and 30 px a
 * line. Chinese, Japanese and Korean characters are as wide as two Latin
 * ones (they fill a square), so a Japanese book's pieces get twice as much
 * and its scroll bar, reading progress and far jumps start about right.
 */
const pixelsPerCharacter = 0.4;
/** Characters sampled from a piece's start to tell how much of it is wide: enough to be sure, few enough to cost nothing. */
const sampleLength = 2_000;
/** East Asian wide characters: Hangul Jamo, CJK radicals to Yi, Hangul syllables, compatibility ideographs, full-width forms. */
const wideCharacter = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

export function estimatedBlockSize(source: string): number {
  const sample = source.slice(0, sampleLength);
  const wideShare = sample.length === 0 ? 0 : (sample.match(wideCharacter)?.length ?? 0) / sample.length;
  return Math.ceil(source.length * pixelsPerCharacter * (1 + wideShare));
}

/** A piece shorter than this says too little about the rest (a title page, one heading). */
const minJudgedLength = 3_000;
/** Bounds on the correction: a cover picture or a table in the first piece must not make the rest absurd. */
const minCorrection = 0.25;
const maxCorrection = 4;

/**
 * How far off the estimates are, judged by a piece that is laid out now: its
 * real block size over its estimate. They assume the default text size and
 * lines across a 38em column; text at 28 px, a narrow column or vertical
 * lines (a column holds fewer characters than a line across) are far from
 * that. 1 when the piece is too short to judge.
 */
export function estimateCorrection(piece: { sourceLength: number; estimated: number; measured: number }): number {
  if (piece.sourceLength < minJudgedLength || piece.estimated <= 0 || piece.measured <= 0) return 1;
  return Math.min(maxCorrection, Math.max(minCorrection, piece.measured / piece.estimated));
}
