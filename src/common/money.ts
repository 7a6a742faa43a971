/**
 * Money rules shared by quotes and contracts: the bounds a unit price and a contract value
 * must stay within, and a contract's value from unit price and volume. Decimal, never number.
 */
import { Decimal } from 'decimal.js';

/**
 * Bounds on money, well inside the columns (unit prices numeric(18,4), values numeric(20,2)):
 * a unit price below 10 billion CNY and a contract value below 10^16 CNY, so no arithmetic on
 * valid input can overflow a column.
 */
export const MAX_UNIT_PRICE = new Decimal('1e10');
export const MAX_CONTRACT_VALUE = new Decimal('1e16');

/** What is wrong with a unit price (more than 0, at most 4 decimals, below MAX_UNIT_PRICE), or null. */
export function unitPriceProblem(price: Decimal): string | null {
  if (price.lessThanOrEqualTo(0)) return 'must be greater than 0';
  if (price.decimalPlaces() > 4) return 'at most 4 decimal places';
  if (price.greaterThanOrEqualTo(MAX_UNIT_PRICE)) return `must be less than ${MAX_UNIT_PRICE.toFixed()}`;
  return null;
}

/** What is wrong with a contract value (more than 0, at most 2 decimals, below MAX_CONTRACT_VALUE), or null. */
export function contractValueProblem(value: Decimal): string | null {
  if (value.lessThanOrEqualTo(0)) return 'must be greater than 0';
  if (value.decimalPlaces() > 2) return 'at most 2 decimal places';
  if (value.greaterThanOrEqualTo(MAX_CONTRACT_VALUE)) return `must be less than ${MAX_CONTRACT_VALUE.toFixed()}`;
  return null;
}

/** Contract value: unit price × volume, rounded half up to 2 decimal places (CNY fen). */
export function contractValue(unitPrice: Decimal, volume: number): Decimal {
  return unitPrice.times(volume).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}
