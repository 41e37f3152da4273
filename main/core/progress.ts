/**
 * Passes on `report(done, total)` at most once per hundredth of the way (and
 * always at the start and at the end): ten thousand documents, or a
 * 2,000-chapter book converting a chapter a millisecond, would otherwise send
 * a report each across to the worker's parent and on to the window.
 */
export function everyHundredth(report: (done: number, total: number) => void): (done: number, total: number) => void {
  let reported = -1;
  return (done, total) => {
    const hundredths = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (hundredths === reported) return;
    reported = hundredths;
    report(done, total);
  };
}
