/**
 * From summed contract facts to the figures a bureau reads: numerator, denominator and rate
 * for a basis (value or count) and a scope (province- or city-local). Pure and decimal; the
 * rate and target arithmetic itself is src/locality/local-rate.ts's.
 *
 * How a contract counts on either basis is defined once, in src/locality/counted-value.ts
 * (the rollup trigger repeats it in SQL).
 * - local for scope PROVINCE: the supplier plant was in the buyer plant's province at signing
 *   (snapshot flag same_province); for scope CITY: in its city (same_city).
 */
import { Decimal } from 'decimal.js';
import { localRate, type RateBasis } from '../locality/local-rate.js';

/** What is summed: contract value (CNY) or the number of contracts. */
export enum Basis {
  VALUE = 'VALUE',
  COUNT = 'COUNT',
}

/** What "local" means: supplier plant in the buyer plant's province, or in its city (at signing). */
export enum Scope {
  PROVINCE = 'PROVINCE',
  CITY = 'CITY',
}

/** Which contracts: made on the platform, recorded by buyers, or both. */
export enum SourceFilter {
  ALL = 'ALL',
  AWARDED = 'AWARDED',
  RECORDED = 'RECORDED',
}

/** Sums over a set of contracts, as the rollup table keeps them. */
export interface ContractSums {
  /** Every contract signed, whether it counts or not. */
  contracts: number;
  /** Contracts that count (COUNT basis denominator). */
  counted: number;
  countedProvinceLocal: number;
  countedCityLocal: number;
  /** Counted value, CNY (VALUE basis denominator). */
  value: Decimal;
  valueProvinceLocal: Decimal;
  valueCityLocal: Decimal;
}

export interface RateFigure {
  /** Local value (CNY) or number of local contracts. */
  numerator: Decimal;
  /** All value (CNY) or number of contracts that count. */
  denominator: Decimal;
  /** numerator ÷ denominator; null when the denominator is 0. */
  rate: Decimal | null;
  /** Contracts signed in the selection, including those that count nothing. */
  contracts: number;
}

export const NO_SUMS: ContractSums = Object.freeze({
  contracts: 0, counted: 0, countedProvinceLocal: 0, countedCityLocal: 0,
  value: new Decimal(0), valueProvinceLocal: new Decimal(0), valueCityLocal: new Decimal(0),
});

export function addSums(a: ContractSums, b: ContractSums): ContractSums {
  return {
    contracts: a.contracts + b.contracts,
    counted: a.counted + b.counted,
    countedProvinceLocal: a.countedProvinceLocal + b.countedProvinceLocal,
    countedCityLocal: a.countedCityLocal + b.countedCityLocal,
    value: a.value.plus(b.value),
    valueProvinceLocal: a.valueProvinceLocal.plus(b.valueProvinceLocal),
    valueCityLocal: a.valueCityLocal.plus(b.valueCityLocal),
  };
}

export function sumAll(rows: readonly ContractSums[]): ContractSums {
  return rows.reduce(addSums, NO_SUMS);
}

/** The local and total of the chosen basis and scope. */
export function rateBasisOf(sums: ContractSums, basis: Basis, scope: Scope): RateBasis {
  if (basis === Basis.VALUE) return { local: scope === Scope.PROVINCE ? sums.valueProvinceLocal : sums.valueCityLocal, total: sums.value };
  return { local: new Decimal(scope === Scope.PROVINCE ? sums.countedProvinceLocal : sums.countedCityLocal), total: new Decimal(sums.counted) };
}

export function figureOf(sums: ContractSums, basis: Basis, scope: Scope): RateFigure {
  const { local, total } = rateBasisOf(sums, basis, scope);
  return { numerator: local, denominator: total, rate: localRate(local, total), contracts: sums.contracts };
}

/** Groups keyed rows and sums each group, keeping first-seen key order. */
export function sumBy<T>(rows: readonly T[], keyOf: (row: T) => string, sumsOf: (row: T) => ContractSums): Map<string, ContractSums> {
  const groups = new Map<string, ContractSums>();
  for (const row of rows) {
    const key = keyOf(row);
    groups.set(key, addSums(groups.get(key) ?? NO_SUMS, sumsOf(row)));
  }
  return groups;
}
