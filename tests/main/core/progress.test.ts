import { describe, expect, it } from 'vitest';
import { everyHundredth } from '../../../main/core/progress';

describe('everyHundredth', () => {
  it('passes on the start, each new hundredth and the end, nothing in between', () => {
    const heard: number[] = [];
    const report = everyHundredth((done) => heard.push(done));
    for (let done = 0; done <= 1000; done++) report(done, 1000);
    expect(heard).toHaveLength(101);
    expect(heard.slice(0, 3)).toEqual([0, 10, 20]);
    expect(heard.at(-1)).toBe(1000);
  });

  it('passes on every step of a short run, and an empty one once', () => {
    const heard: [number, number][] = [];
    const report = everyHundredth((done, total) => heard.push([done, total]));
    for (let done = 0; done <= 3; done++) report(done, 3);
    expect(heard).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    const empty: number[] = [];
    const reportEmpty = everyHundredth((done) => empty.push(done));
    reportEmpty(0, 0);
    reportEmpty(0, 0);
    expect(empty).toEqual([0]);
  });
});
