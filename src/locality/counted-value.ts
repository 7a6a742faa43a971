/**
 * Counted value: how much a contract counts in the local-sourcing rate, defined here once.
 *
 * - VALUE basis: the contract's current total value (after amendments); a TERMINATED contract
 *   counts only the value delivered before termination, nothing when that is unknown.
 * - COUNT basis: 1, except a TERMINATED contract with no delivered value (unknown or 0), which
 *   counts 0 — the same contracts that carry value on the VALUE basis.
 *
 * `countedValue` / `countsAsContract` state the rule in TypeScript; `countedValueSql` is the same
 * rule as SQL over the `contracts` table, for the named queries of matching's impact figure, the
 * bureau statistics and the seed checks. The rollup trigger (migrations/…-SourcingStats.ts and
 * …-SourcingDrillDown.ts) repeats it in its own SQL, because a migration never imports src/.
 */
import { Decimal } from 'decimal.js';

export interface CountedContract {
  status: string;
  totalValue: Decimal.Value;
  deliveredValue: Decimal.Value | null;
}

/** The contract's value in the rate (VALUE basis), CNY. */
export function countedValue(contract: CountedContract): Decimal {
  if (contract.status === 'TERMINATED') return new Decimal(contract.deliveredValue ?? 0);
  return new Decimal(contract.totalValue);
}

/** Whether the contract counts on the COUNT basis. */
export function countsAsContract(contract: CountedContract): boolean {
  return contract.status !== 'TERMINATED' || !new Decimal(contract.deliveredValue ?? 0).isZero();
}

/** `countedValue` as SQL over a `contracts` row aliased `alias`. */
export function countedValueSql(alias: string): string {
  return `CASE WHEN ${alias}.status = 'TERMINATED' THEN COALESCE(${alias}.delivered_value, 0) ELSE ${alias}.total_value END`;
}
