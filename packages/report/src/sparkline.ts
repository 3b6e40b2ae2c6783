import type { CadencePoint } from './cadence-series.ts';
import { isFiniteNumber } from './format-figures.ts';

const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export interface Sparkline {
  /** One character per column; a space where the run had no cadence. */
  chars: string[];
  /** The value behind each column (null for a gap), for colouring. */
  values: Array<number | null>;
  lowSpm: number;
  highSpm: number;
  /** Seconds of the run each column covers. */
  secondsPerColumn: number;
}

/**
 * Squeezes a cadence series into `width` block characters (▁…█), each column the median of the
 * points that fall in it, scaled between the lowest and highest column. Returns null when there
 * are fewer than two values to draw.
 */
export function cadenceSparkline(points: readonly CadencePoint[], width = 48): Sparkline | null {
  const last = points[points.length - 1];
  if (!last || points.length < 2) return null;
  const endS = last.elapsedS;
  const columns: number[][] = Array.from({ length: width }, () => []);
  for (const p of points) {
    if (!isFiniteNumber(p.spm)) continue;
    const col = Math.min(width - 1, Math.floor((p.elapsedS / endS) * width));
    columns[col]?.push(p.spm);
  }
  const values = columns.map((c) => {
    if (c.length === 0) return null;
    const s = [...c].sort((a, b) => a - b);
    return s[s.length >> 1] ?? null;
  });
  const finite = values.filter(isFiniteNumber);
  if (finite.length < 2) return null;
  const lowSpm = Math.min(...finite);
  const highSpm = Math.max(...finite);
  const span = Math.max(1, highSpm - lowSpm);
  const chars = values.map((v) =>
    v === null
      ? ' '
      : (LEVELS[Math.min(LEVELS.length - 1, Math.floor(((v - lowSpm) / span) * LEVELS.length))] ?? ' '),
  );
  return { chars, values, lowSpm, highSpm, secondsPerColumn: endS / width };
}
