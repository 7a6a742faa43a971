/**
 * When a contract's value is implausible for its buyer, as a pure rule: it is then HELD for
 * review (not counted in the official figure until a platform admin, or a bureau whose
 * jurisdiction holds the buyer plant, releases it) instead of being counted silently.
 *
 * Implausible = above the absolute floor (CNY 50 million) AND either more than 100 × the median
 * value of the buyer's contracts signed in the last 12 months, or the buyer has fewer than 3
 * such contracts (no usual scale to compare with). Contracts held or rejected are left out of
 * the history, so a held contract never raises the bar for the next one.
 */
import { Decimal } from 'decimal.js';

export const REVIEW_FLOOR_CNY = new Decimal(50_000_000);
export const REVIEW_FACTOR = 100;
export const REVIEW_MIN_HISTORY = 3;

export interface BuyerValueHistory {
  /** Contracts of the buyer signed in the last 12 months (held and rejected ones left out). */
  contracts: number;
  /** Their median total value; null when there are none. */
  median: Decimal | null;
}

export function isImplausibleValue(value: Decimal, history: BuyerValueHistory): boolean {
  if (value.lessThanOrEqualTo(REVIEW_FLOOR_CNY)) return false;
  if (history.contracts < REVIEW_MIN_HISTORY || history.median === null) return true;
  return value.greaterThan(history.median.times(REVIEW_FACTOR));
}
