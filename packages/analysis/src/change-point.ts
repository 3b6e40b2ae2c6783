/**
 * Finds where a series leaves its level: a least-squares fit of "plateau, linear ramp, plateau"
 * over every pair of break points (a step is a ramp one bin long; a decline that lasts until the
 * end has no second plateau). Sums over prefixes make each candidate O(1), so n bins cost O(n²).
 * Only rises are looked for (callers sign the series so that the change they seek is upward).
 * Returns the bin index where the ramp starts and the size of the change, or null for < 4 bins
 * or when no rise fits. `minStart` keeps the ramp from starting before that bin (a part of the
 * series known to be the baseline).
 */
export function rampChangePoint(
  y: readonly number[],
  options: { minStart?: number } = {},
): { start: number; end: number; change: number } | null {
  const n = y.length;
  if (n < 4) return null;
  // Prefix sums of 1, j, j², y, j·y, y² over bins 0..k-1.
  const pj = [0];
  const pjj = [0];
  const py = [0];
  const pjy = [0];
  for (let j = 0; j < n; j++) {
    const v = y[j] ?? 0;
    pj.push((pj[j] ?? 0) + j);
    pjj.push((pjj[j] ?? 0) + j * j);
    py.push((py[j] ?? 0) + v);
    pjy.push((pjy[j] ?? 0) + j * v);
  }
  const sum = (p: number[], a: number, b: number): number => (p[b] ?? 0) - (p[a] ?? 0);
  const totalY = sum(py, 0, n);
  let best: { start: number; end: number; change: number; sse: number } | null = null;
  for (let s = Math.max(1, options.minStart ?? 1); s < n - 1; s++) {
    for (let e = s; e <= n; e++) {
      // x = 0 before s, (j − s + 1)/(e − s + 1) on the ramp s..e−1, 1 from e on (e = s: a step).
      const len = e - s + 1;
      const cR = e - s;
      const sjR = sum(pj, s, e) - cR * (s - 1);
      const sjjR = sum(pjj, s, e) - 2 * (s - 1) * sum(pj, s, e) + cR * (s - 1) * (s - 1);
      const syR = sum(py, s, e);
      const sjyR = sum(pjy, s, e) - (s - 1) * syR;
      const cT = n - e;
      const sx = sjR / len + cT;
      const sxx = sjjR / (len * len) + cT;
      const sxy = sjyR / len + sum(py, e, n);
      const vx = sxx - (sx * sx) / n;
      if (vx <= 1e-12) continue;
      const cov = sxy - (sx * totalY) / n;
      const b = cov / vx;
      // Residual sum of squares up to a constant shared by all candidates (Σy² − n·ȳ²).
      const sse = -b * cov;
      if (b > 0 && (best === null || sse < best.sse)) best = { start: s, end: e, change: b, sse };
    }
  }
  return best === null ? null : { start: best.start, end: best.end, change: best.change };
}
