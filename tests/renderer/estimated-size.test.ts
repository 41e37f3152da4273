import { describe, expect, it } from 'vitest';
import { estimateCorrection, estimatedBlockSize } from '../../renderer/src/estimated-size';

describe('estimatedBlockSize', () => {
  it('reserves 0.4 px a character of Latin text', () => {
    expect(estimatedBlockSize('word '.repeat(1_000))).toBe(2_000);
    expect(estimatedBlockSize('')).toBe(0);
  });

  it('reserves twice as much for Japanese, Chinese or Korean, whose characters are twice as wide', () => {
    expect(estimatedBlockSize('川の水は静かに海へ流れていきました。'.repeat(100))).toBe(Math.ceil(1_800 * 0.4 * 2));
    expect(estimatedBlockSize('한국어 문장입니다 '.repeat(100))).toBeGreaterThan(1_000 * 0.4 * 1.7);
  });

  it('takes a mixed text by its share of wide characters', () => {
    const mixed = 'Tokyo 東京 '.repeat(200);
    expect(estimatedBlockSize(mixed)).toBe(Math.ceil(mixed.length * 0.4 * (1 + 2 / 9)));
  });
});

describe('estimateCorrection', () => {
  it('is the laid-out piece’s size over its estimate', () => {
    expect(estimateCorrection({ sourceLength: 6_000, estimated: 2_400, measured: 7_200 })).toBe(3);
    expect(estimateCorrection({ sourceLength: 6_000, estimated: 2_400, measured: 1_200 })).toBe(0.5);
  });

  it('stays within ¼ and 4, so a cover picture in the first piece does not make the rest absurd', () => {
    expect(estimateCorrection({ sourceLength: 6_000, estimated: 2_400, measured: 100_000 })).toBe(4);
    expect(estimateCorrection({ sourceLength: 6_000, estimated: 2_400, measured: 10 })).toBe(0.25);
  });

  it('leaves the estimates alone when the piece is too short to judge or not measured', () => {
    expect(estimateCorrection({ sourceLength: 200, estimated: 80, measured: 400 })).toBe(1);
    expect(estimateCorrection({ sourceLength: 6_000, estimated: 2_400, measured: 0 })).toBe(1);
  });
});
