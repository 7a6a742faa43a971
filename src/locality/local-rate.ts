/**
 * Local-sourcing-rate arithmetic (本地配套率), defined once. Pure and decimal: values are CNY
 * (or counts, for the count basis) as Decimal, rates are fractions in [0, 1], percentage-point
 * (pp) values are rate differences × 100. Nothing here rounds; round only when presenting.
 *
 * rate = local value ÷ total value (README.md, "Bureau analytics"). Which contracts are
 * local and which count is decided by the callers; this file only does the arithmetic.
 */
import { Decimal } from 'decimal.js';

export interface RateBasis {
  /** Value (or count) bought from suppliers local to the jurisdiction. */
  local: Decimal;
  /** All value (or count) bought, local included. */
  total: Decimal;
}

const ZERO = new Decimal(0);
const ONE = new Decimal(1);
const HUNDRED = new Decimal(100);

function assertBasis(local: Decimal, total: Decimal): void {
  if (!local.isFinite() || !total.isFinite()) throw new RangeError('local and total must be finite');
  if (local.isNegative() && !local.isZero()) throw new RangeError(`local value is negative: ${local.toString()}`);
  if (local.greaterThan(total)) throw new RangeError(`local value ${local.toString()} exceeds total ${total.toString()}`);
}

/**
 * local ÷ total, or null when nothing was bought (total 0): a rate of 0 % would claim that
 * all purchasing was non-local. Throws RangeError on a negative value or local > total — a
 * bug in the caller's selection, not something to paper over with a rate above 100 %.
 */
export function localRate(local: Decimal, total: Decimal): Decimal | null {
  assertBasis(local, total);
  if (total.isZero()) return null;
  return local.dividedBy(total);
}

/**
 * Change of the rate, in percentage points, if one more contract of `addedValue` is added:
 *
 *   before = L / T,  after = (L + (local ? a : 0)) / (T + a),  impact = (after − before) × 100
 *
 * Edge cases:
 * - nothing bought yet (T = 0): there is no rate; the previous rate is taken as 0, so a
 *   local contract shows +100 pp and a non-local one 0 pp (the jurisdiction goes from
 *   "no purchasing" to 100 % or 0 %);
 * - addedValue 0: 0 pp;
 * - a negative addedValue throws RangeError.
 */
export function rateImpactPp(basis: RateBasis, addedValue: Decimal, addedIsLocal: boolean): Decimal {
  const { local, total } = basis;
  assertBasis(local, total);
  if (!addedValue.isFinite() || (addedValue.isNegative() && !addedValue.isZero())) {
    throw new RangeError(`added value must be a finite non-negative amount: ${addedValue.toString()}`);
  }
  const before = localRate(local, total) ?? ZERO;
  const newTotal = total.plus(addedValue);
  if (newTotal.isZero()) return ZERO;
  const after = (addedIsLocal ? local.plus(addedValue) : local).dividedBy(newTotal);
  return after.minus(before).times(HUNDRED);
}

/**
 * Share of the way from baseline to target: (current − baseline) ÷ (target − baseline).
 * Not clamped — below the baseline it is negative, past the target above 1. Null when the
 * target equals the baseline (no distance to cover). With the plan's +10 pp target,
 * target = baseline + 0.10.
 */
export function progressToTarget(current: Decimal, baseline: Decimal, target: Decimal): Decimal | null {
  const span = target.minus(baseline);
  if (span.isZero()) return null;
  return current.minus(baseline).dividedBy(span);
}

/**
 * Local value x that must still be bought (it adds to both numerator and denominator) for the
 * rate to reach `targetRate` t:
 *
 *   (L + x) / (T + x) = t   ⇒   x = (t·T − L) / (1 − t)
 *
 * 0 when the rate already meets the target, and 0 when nothing has been bought yet (T = 0: any
 * local purchase, however small, makes the rate 100 %; `localRate` is null there, which is
 * how a caller tells "no data" from "met"). For t = 1: 0 if the rate is already 100 %, else
 * null — no finite amount gets there. A target outside [0, 1] throws RangeError.
 */
export function additionalLocalValueNeeded(basis: RateBasis, targetRate: Decimal): Decimal | null {
  const { local, total } = basis;
  assertBasis(local, total);
  if (!targetRate.isFinite() || (targetRate.isNegative() && !targetRate.isZero()) || targetRate.greaterThan(ONE)) {
    throw new RangeError(`target rate must be a fraction between 0 and 1: ${targetRate.toString()}`);
  }
  if (total.isZero()) return ZERO;
  if (local.dividedBy(total).greaterThanOrEqualTo(targetRate)) return ZERO;
  if (targetRate.equals(ONE)) return null;
  return targetRate.times(total).minus(local).dividedBy(ONE.minus(targetRate));
}

/**
 * Local value L must reach for the rate to be `targetRate` t with the total T unchanged — that
 * is, how much of today's non-local purchasing would have to move to local suppliers:
 *
 *   L′ / T = t   ⇒   shortfall = t·T − L
 *
 * 0 when the rate already meets the target, or when nothing was bought (T = 0). Never more
 * than T − L, since t ≤ 1. A target outside [0, 1] throws RangeError.
 */
export function localShortfallAtTotal(basis: RateBasis, targetRate: Decimal): Decimal {
  const { local, total } = basis;
  assertBasis(local, total);
  if (!targetRate.isFinite() || (targetRate.isNegative() && !targetRate.isZero()) || targetRate.greaterThan(ONE)) {
    throw new RangeError(`target rate must be a fraction between 0 and 1: ${targetRate.toString()}`);
  }
  return Decimal.max(ZERO, targetRate.times(total).minus(local));
}

/** Target = baseline + increase (pp), capped at 100 %. */
export function targetRateOf(baseline: Decimal, increasePp: Decimal): Decimal {
  return Decimal.min(ONE, baseline.plus(increasePp.dividedBy(HUNDRED)));
}

export interface TargetFigures {
  targetRate: Decimal;
  /** (current − baseline) × 100; null without a current rate. */
  changePp: Decimal | null;
  /** (current − baseline) ÷ (target − baseline); null without a current rate, or when the target equals the baseline. */
  progress: Decimal | null;
  /**
   * New local purchasing (on top of today's, so the total grows by as much) that would bring
   * the rate to the target: x = (t·T − L) ÷ (1 − t). CNY on the VALUE basis, rounded up to the
   * fen; on the COUNT basis a number of contracts, rounded up. 0 when met; null when unreachable (target 100 %).
   */
  additionalLocalNeeded: Decimal | null;
  /** Non-local purchasing to move to local suppliers at the current total: t·T − L (rounded up on COUNT); 0 when met. */
  localShiftNeeded: Decimal;
}

/** Progress against a baseline and a +pp target, for a value (CNY) or a count basis. */
export function targetFiguresOf(current: RateBasis, baseline: Decimal, increasePp: Decimal, basis: 'VALUE' | 'COUNT'): TargetFigures {
  const targetRate = targetRateOf(baseline, increasePp);
  const rate = localRate(current.local, current.total);
  // Enough to reach the target: whole contracts on the COUNT basis, whole fen (0.01 CNY) on VALUE.
  const roundUp = (value: Decimal) => (basis === 'COUNT' ? value.ceil() : value.toDecimalPlaces(2, Decimal.ROUND_UP));
  const additional = additionalLocalValueNeeded(current, targetRate);
  return {
    targetRate,
    changePp: rate === null ? null : rate.minus(baseline).times(HUNDRED),
    progress: rate === null ? null : progressToTarget(rate, baseline, targetRate),
    additionalLocalNeeded: additional === null ? null : roundUp(additional),
    localShiftNeeded: roundUp(localShortfallAtTotal(current, targetRate)),
  };
}

/** Which purchasing an impact figure is measured against (`awardImpact`). */
export type ImpactBasis = 'BUYER_TRAILING_YEAR' | 'PROVINCE_TRAILING_YEAR' | 'NONE';

export interface AwardImpact {
  /** Percentage points, 2 decimals (half up); 0 on the NONE basis. */
  impactPp: Decimal;
  basis: ImpactBasis;
}

/**
 * The impact of awarding `addedValue` to a local (or non-local) plant, measured where a rate
 * exists: on the buyer's own provincial rate over the trailing year when the buyer bought
 * anything there in it (BUYER_TRAILING_YEAR); else on the province's rate over the same
 * period (PROVINCE_TRAILING_YEAR) — the figure the award moves, and not the +100 pp a first
 * purchase would claim against an undefined rate; else NONE (nothing bought in the province:
 * no rate to move, 0). `rateImpactPp` does the arithmetic; the result is rounded to 2 decimals.
 */
export function awardImpact(buyer: RateBasis, province: RateBasis, addedValue: Decimal, addedIsLocal: boolean): AwardImpact {
  const round = (pp: Decimal) => pp.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (!buyer.total.isZero()) return { impactPp: round(rateImpactPp(buyer, addedValue, addedIsLocal)), basis: 'BUYER_TRAILING_YEAR' };
  if (!province.total.isZero()) return { impactPp: round(rateImpactPp(province, addedValue, addedIsLocal)), basis: 'PROVINCE_TRAILING_YEAR' };
  return { impactPp: ZERO.toDecimalPlaces(2), basis: 'NONE' };
}

export interface YearQuarter {
  year: number;
  quarter: number;
}

/**
 * The trailing year in whole calendar quarters, as the quarterly rollups can sum it: the
 * quarter of `today` (`YYYY-MM-DD`) and the three before it. 2026-12-04 → 2026 Q1 … 2026 Q4;
 * 2027-01-10 → 2026 Q2 … 2027 Q1.
 */
export function trailingYearQuarters(today: string): { from: YearQuarter; to: YearQuarter } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (!Number.isInteger(year) || !(month >= 1 && month <= 12)) throw new RangeError(`not an ISO date: ${today}`);
  const quarter = Math.ceil(month / 3);
  const index = year * 4 + (quarter - 1) - 3;
  return { from: { year: Math.floor(index / 4), quarter: (index % 4) + 1 }, to: { year, quarter } };
}
