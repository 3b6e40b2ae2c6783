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
  // Prefix sums of j, j², y, j·y over bins 0..k-1.
  const pj = new Float64Array(n + 1);
  const pjj = new Float64Array(n + 1);
  const py = new Float64Array(n + 1);
  const pjy = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    const v = y[j] ?? 0;
    pj[j + 1] = (pj[j] as number) + j;
    pjj[j + 1] = (pjj[j] as number) + j * j;
    py[j + 1] = (py[j] as number) + v;
    pjy[j + 1] = (pjy[j] as number) + j * v;
  }
  const totalY = (py[n] as number) - (py[0] as number);
  let bestStart = -1;
  let bestEnd = -1;
  let bestChange = 0;
  let bestSse = Infinity;
  for (let s = Math.max(1, options.minStart ?? 1); s < n - 1; s++) {
    const pjS = pj[s] as number;
    const pjjS = pjj[s] as number;
    const pyS = py[s] as number;
    const pjyS = pjy[s] as number;
    for (let e = s; e <= n; e++) {
      // x = 0 before s, (j − s + 1)/(e − s + 1) on the ramp s..e−1, 1 from e on (e = s: a step).
      const len = e - s + 1;
      const cR = e - s;
      const sjRaw = (pj[e] as number) - pjS;
      const sjR = sjRaw - cR * (s - 1);
      const sjjR = (pjj[e] as number) - pjjS - 2 * (s - 1) * sjRaw + cR * (s - 1) * (s - 1);
      const syR = (py[e] as number) - pyS;
      const sjyR = (pjy[e] as number) - pjyS - (s - 1) * syR;
      const cT = n - e;
      const sx = sjR / len + cT;
      const sxx = sjjR / (len * len) + cT;
      const sxy = sjyR / len + ((py[n] as number) - (py[e] as number));
      const vx = sxx - (sx * sx) / n;
      if (vx <= 1e-12) continue;
      const cov = sxy - (sx * totalY) / n;
      const b = cov / vx;
      // Residual sum of squares up to a constant shared by all candidates (Σy² − n·ȳ²).
      const sse = -b * cov;
      if (b > 0 && (bestStart < 0 || sse < bestSse)) {
        bestStart = s;
        bestEnd = e;
        bestChange = b;
        bestSse = sse;
      }
    }
  }
  return bestStart < 0 ? null : { start: bestStart, end: bestEnd, change: bestChange };
}
