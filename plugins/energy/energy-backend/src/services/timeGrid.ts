import { EnergySeriesPoint } from '@homelab-portal/plugin-energy-common';
import { MAX_POINTS } from './PrometheusClient';

/** The chart ranges the API offers, in seconds. */
export const SERIES_RANGES = {
  '1h': 3600,
  '6h': 6 * 3600,
  '24h': 86400,
  '7d': 7 * 86400,
  '30d': 30 * 86400,
} as const;
export type SeriesRange = keyof typeof SERIES_RANGES;

/** About this many points per chart unless the caller asks for a step. */
const DEFAULT_POINTS = 240;

/**
 * A chart's step: whole multiples of the scrape interval, at least two
 * scrapes per step, no more points than Prometheus answers. A requested
 * step that had to change is reported in `warnings`.
 */
export function clampStep(
  rangeSeconds: number,
  requested: number | undefined,
  scrapeIntervalSeconds: number,
  warnings: string[],
): number {
  const scrape = scrapeIntervalSeconds;
  const fewest = Math.ceil(rangeSeconds / MAX_POINTS);
  const wanted = requested ?? Math.ceil(rangeSeconds / DEFAULT_POINTS);
  let step = Math.max(wanted, fewest, 2 * scrape);
  step = Math.ceil(step / scrape) * scrape;
  step = Math.min(step, rangeSeconds);
  if (requested !== undefined && step !== requested) {
    warnings.push(`The step was adjusted from ${requested} s to ${step} s`);
  }
  return step;
}

/** The points of a chart that ends at `at`, aligned to its step. */
export type TimeGrid = {
  startSeconds: number;
  endSeconds: number;
  step: number;
  start: Date;
  end: Date;
};

export function timeGrid(
  at: Date,
  rangeSeconds: number,
  step: number,
): TimeGrid {
  const endSeconds = Math.floor(at.getTime() / 1000 / step) * step;
  const startSeconds = endSeconds - rangeSeconds + step;
  return {
    startSeconds,
    endSeconds,
    step,
    start: new Date(startSeconds * 1000),
    end: new Date(endSeconds * 1000),
  };
}

/** Sums several power series point by point; a point nothing measured is null. */
export function sumSeries(
  series: Array<Array<[number, number]>>,
  grid: TimeGrid,
): EnergySeriesPoint[] {
  const sums = new Map<number, number>();
  for (const points of series) {
    for (const [t, w] of points) sums.set(t, (sums.get(t) ?? 0) + w);
  }
  const points: EnergySeriesPoint[] = [];
  for (let t = grid.startSeconds; t <= grid.endSeconds; t += grid.step) {
    points.push({ t: t * 1000, w: sums.get(t) ?? null });
  }
  return points;
}
