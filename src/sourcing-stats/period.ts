/**
 * Reporting periods of the bureau statistics: whole calendar quarters of the signing date,
 * from a start quarter to an end quarter inclusive (`{ startYear: 2025 }` is the year 2025).
 * Pure: no Nest, no TypeORM.
 */
import type { FieldError } from '../common/app-error.js';

export interface QuarterPeriod {
  startYear: number;
  startQuarter: number;
  endYear: number;
  endQuarter: number;
}

export interface YearQuarter {
  year: number;
  quarter: number;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Ten years of quarters at most in one answer. */
export const MAX_QUARTERS = 40;

/** A period from the optional parts: the end defaults to the start year, Q1 to Q4. */
export function periodOf(input: { startYear: number; startQuarter?: number | null; endYear?: number | null; endQuarter?: number | null }): QuarterPeriod {
  return {
    startYear: input.startYear,
    startQuarter: input.startQuarter ?? 1,
    endYear: input.endYear ?? input.startYear,
    endQuarter: input.endQuarter ?? 4,
  };
}

/** Quarters since year 0, so periods compare and count as integers. */
export function quarterIndex(year: number, quarter: number): number {
  return year * 4 + (quarter - 1);
}

export function fromQuarterIndex(index: number): YearQuarter {
  return { year: Math.floor(index / 4), quarter: (index % 4) + 1 };
}

/** What is wrong with a period, by field path under `prefix` (empty when it is fine). */
export function periodProblems(period: QuarterPeriod, prefix = 'period'): FieldError[] {
  const problems: FieldError[] = [];
  const year = (field: keyof QuarterPeriod) => {
    const value = period[field];
    if (!Number.isInteger(value) || value < MIN_YEAR || value > MAX_YEAR) problems.push({ field: `${prefix}.${field}`, message: `must be a year from ${MIN_YEAR} to ${MAX_YEAR}` });
  };
  const quarter = (field: keyof QuarterPeriod) => {
    const value = period[field];
    if (!Number.isInteger(value) || value < 1 || value > 4) problems.push({ field: `${prefix}.${field}`, message: 'must be a quarter, 1 to 4' });
  };
  year('startYear');
  quarter('startQuarter');
  year('endYear');
  quarter('endQuarter');
  if (problems.length > 0) return problems;
  const span = quarterIndex(period.endYear, period.endQuarter) - quarterIndex(period.startYear, period.startQuarter) + 1;
  if (span < 1) problems.push({ field: `${prefix}.endYear`, message: 'the period must end at or after its start' });
  else if (span > MAX_QUARTERS) problems.push({ field: `${prefix}.endYear`, message: `a period spans at most ${MAX_QUARTERS} quarters` });
  return problems;
}

/** Every quarter of the period, in order. */
export function quartersOf(period: QuarterPeriod): YearQuarter[] {
  const first = quarterIndex(period.startYear, period.startQuarter);
  const last = quarterIndex(period.endYear, period.endQuarter);
  const quarters: YearQuarter[] = [];
  for (let index = first; index <= last; index++) quarters.push(fromQuarterIndex(index));
  return quarters;
}

/** Signing dates covered: `from` inclusive, `until` exclusive, YYYY-MM-DD. */
export function periodDates(period: QuarterPeriod): { from: string; until: string } {
  const next = fromQuarterIndex(quarterIndex(period.endYear, period.endQuarter) + 1);
  return { from: quarterStart(period.startYear, period.startQuarter), until: quarterStart(next.year, next.quarter) };
}

function quarterStart(year: number, quarter: number): string {
  return `${String(year).padStart(4, '0')}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/** `2025Q3` */
export function quarterLabel(year: number, quarter: number): string {
  return `${year}Q${quarter}`;
}

/** Parses `2025Q3`; null when it is not one. */
export function parseQuarterLabel(label: string): YearQuarter | null {
  const match = /^(\d{4})Q([1-4])$/.exec(label);
  return match ? { year: Number(match[1]), quarter: Number(match[2]) } : null;
}

/** `2025`, `2025Q2`, or `2024Q3–2025Q2`. */
export function periodLabel(period: QuarterPeriod): string {
  if (period.startQuarter === 1 && period.endQuarter === 4) {
    return period.startYear === period.endYear ? String(period.startYear) : `${period.startYear}–${period.endYear}`;
  }
  const start = quarterLabel(period.startYear, period.startQuarter);
  const end = quarterLabel(period.endYear, period.endQuarter);
  return start === end ? start : `${start}–${end}`;
}

/** The whole calendar year. */
export function yearPeriod(year: number): QuarterPeriod {
  return { startYear: year, startQuarter: 1, endYear: year, endQuarter: 4 };
}
