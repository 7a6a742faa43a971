/**
 * Pace of the rate (issue 19): a straight-line trend through the last quarters' rates,
 * projected forward with a prediction band. Pure; plain floating point (a projection is an
 * estimate, presented to 0.01 pp at best), rates as fractions.
 *
 * Method, stated to the user verbatim (PACE_METHOD):
 * - the points are the quarterly rates (value basis) of the last `window` (8) quarters that
 *   have purchases, x = quarter number;
 * - ordinary least squares gives the trend rate(x) = a + b·x;
 * - the band is the 90 % prediction interval of one future quarter's rate:
 *   trend ± t(0.95, n − 2) · s · √(1 + 1/n + (x − x̄)² / Sxx), s = √(Σ residual² / (n − 2)),
 *   clipped to [0, 1];
 * - the target is "reached at this pace" in the first projected quarter whose trend rate is at
 *   or above it.
 * - fewer than 4 quarters with purchases: no projection (a line through 2 or 3 points has no
 *   usable spread: 0 or 1 degree of freedom).
 */

export const PACE_WINDOW = 8;
export const PACE_MIN_POINTS = 4;

export const PACE_METHOD =
  `Linear trend (ordinary least squares) through the quarterly rates of the last ${PACE_WINDOW} quarters with purchases; ` +
  'band: 90 % prediction interval of a single quarter\'s rate, trend ± t(0.95, n−2) · s · √(1 + 1/n + (x − x̄)²/Sxx) with s the residual standard deviation, clipped to 0–100 %; ' +
  `no projection from fewer than ${PACE_MIN_POINTS} quarters with purchases.`;

/** One-sided 0.95 quantiles of Student's t, by degrees of freedom (2 to 30); beyond: the normal 1.645. */
const T95: Record<number, number> = {
  2: 2.92, 3: 2.353, 4: 2.132, 5: 2.015, 6: 1.943, 7: 1.895, 8: 1.86, 9: 1.833, 10: 1.812,
  12: 1.782, 15: 1.753, 20: 1.725, 30: 1.697,
};

export function t95(df: number): number {
  if (df < 2) throw new RangeError('at least 2 degrees of freedom');
  const known = Object.keys(T95).map(Number).filter((k) => k <= df);
  const at = Math.max(...known);
  return df > 30 ? 1.645 : T95[at];
}

export interface PacePoint {
  /** Quarter number (year × 4 + quarter − 1). */
  x: number;
  /** Rate, a fraction. */
  rate: number;
}

export interface Trend {
  n: number;
  /** rate(x) = intercept + slope · x */
  intercept: number;
  /** Change per quarter, as a fraction (× 100 for pp). */
  slope: number;
  /** Residual standard deviation. */
  residualSd: number;
  meanX: number;
  sxx: number;
}

/** Least-squares line through the points (at least PACE_MIN_POINTS, distinct x). */
export function fitTrend(points: readonly PacePoint[]): Trend {
  const n = points.length;
  if (n < PACE_MIN_POINTS) throw new RangeError(`at least ${PACE_MIN_POINTS} points`);
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.rate, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  if (sxx === 0) throw new RangeError('points need distinct quarters');
  const sxy = points.reduce((s, p) => s + (p.x - meanX) * (p.rate - meanY), 0);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  const ssr = points.reduce((s, p) => s + (p.rate - (intercept + slope * p.x)) ** 2, 0);
  return { n, intercept, slope, residualSd: Math.sqrt(ssr / (n - 2)), meanX, sxx };
}

export interface Projection {
  x: number;
  rate: number;
  low: number;
  high: number;
}

const clip = (v: number) => Math.min(1, Math.max(0, v));

/** The trend at x with its 90 % prediction band, all clipped to [0, 1]. */
export function project(trend: Trend, x: number): Projection {
  const centre = trend.intercept + trend.slope * x;
  const half = t95(trend.n - 2) * trend.residualSd * Math.sqrt(1 + 1 / trend.n + (x - trend.meanX) ** 2 / trend.sxx);
  return { x, rate: clip(centre), low: clip(centre - half), high: clip(centre + half) };
}

/**
 * The points a trend is fitted to: the last PACE_WINDOW quarters that have a rate, in order.
 * Null when fewer than PACE_MIN_POINTS.
 */
export function pacePoints(series: readonly { x: number; rate: number | null }[]): PacePoint[] | null {
  const rated = series.filter((p): p is PacePoint => p.rate !== null).slice(-PACE_WINDOW);
  return rated.length < PACE_MIN_POINTS ? null : rated;
}

/** First x in `horizon` (ascending) whose trend rate is at or above the target; null if none. */
export function firstReaching(projections: readonly Projection[], targetRate: number): number | null {
  // A tiny tolerance so that a trend landing exactly on the target counts as reaching it.
  const hit = projections.find((p) => p.rate >= targetRate - 1e-12);
  return hit ? hit.x : null;
}
