/**
 * Lever arithmetic of the path to the target (issue 19): how many percentage points of a
 * jurisdiction's rate a set of local purchases would add. Pure and decimal, like
 * local-rate.ts, whose definitions it uses.
 *
 * Every lever item is one purchase that would be made locally: an open requirement awarded
 * to a local plant, a demand gap filled by an attracted local supplier, a non-local contract
 * renewed locally. Each is modelled as a new local contract of value `a` signed in the rate's
 * period, so it adds `a` to both the local value L and the total T:
 *
 *   projected = (L + Σa) / (T + Σa),   pp = (projected − L/T) × 100
 *
 * pp do not add up across items: two items together add less than the sum of their own pp
 * (each one dilutes the other's effect on the total). A scenario is therefore always computed
 * from the summed value, never by summing pp.
 */
import { Decimal } from 'decimal.js';
import { localRate, type RateBasis } from './local-rate.js';

const HUNDRED = new Decimal(100);

/** (L + a) ÷ (T + a); null when both T and a are 0 (nothing bought, nothing added). */
export function projectedRate(basis: RateBasis, addedLocal: Decimal): Decimal | null {
  if (!addedLocal.isFinite() || (addedLocal.isNegative() && !addedLocal.isZero())) {
    throw new RangeError(`added value must be a finite non-negative amount: ${addedLocal.toString()}`);
  }
  localRate(basis.local, basis.total); // validates the basis
  return localRate(basis.local.plus(addedLocal), basis.total.plus(addedLocal));
}

/**
 * Percentage points that new local purchases of `addedLocal` in all would add to the rate.
 * Null when the period has no purchases (T = 0): there is no rate to move, and calling the
 * first local contract "+100 pp" would say nothing about a plan.
 */
export function leverPp(basis: RateBasis, addedLocal: Decimal): Decimal | null {
  const before = localRate(basis.local, basis.total);
  const after = projectedRate(basis, addedLocal);
  if (before === null || after === null) return null;
  return after.minus(before).times(HUNDRED);
}

/** Σ of the values. */
export function sumValues(values: readonly Decimal[]): Decimal {
  return values.reduce((sum, v) => sum.plus(v), new Decimal(0));
}
