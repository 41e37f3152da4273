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
