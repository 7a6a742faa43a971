/**
 * What an amendment changes, as a pure function: the new terms, and for the history only the
 * terms that actually change, before and after.
 */
import type { Decimal } from 'decimal.js';
import { contractValue, contractValueProblem, unitPriceProblem } from '../common/money.js';

export interface ContractTerms {
  unitPrice: Decimal;
  volume: number;
  totalValue: Decimal;
  startDate: string;
  endDate: string | null;
}

export type TermsChange = Partial<Omit<ContractTerms, 'endDate'>> & { endDate?: string };

export interface FieldProblem {
  field: string;
  message: string;
}

/** The amended fields, each as it was and as it becomes (values JSON-ready: decimals as strings). */
export interface AmendmentDiff {
  before: Record<string, string | number | null>;
  after: Record<string, string | number | null>;
}

export type AmendmentPlan = { ok: true; terms: ContractTerms; diff: AmendmentDiff } | { ok: false; problems: FieldProblem[] };

const KEYS = ['unitPrice', 'volume', 'totalValue', 'startDate', 'endDate'] as const;

function json(value: Decimal | number | string | null): string | number | null {
  return value === null || typeof value === 'number' || typeof value === 'string' ? value : value.toFixed();
}

function same(a: Decimal | number | string | null, b: Decimal | number | string | null): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  return a.equals(b);
}

/**
 * Applies `change` to `current`. When the unit price or the volume changes and no total value
 * is given, the total becomes unit price × volume (to the fen). Refused: a unit price or total
 * of 0 or less, too many decimals (price 4, total 2), an end before the start, and a change
 * that changes nothing.
 */
export function planAmendment(current: ContractTerms, change: TermsChange): AmendmentPlan {
  const problems: FieldProblem[] = [];
  const priceProblem = change.unitPrice !== undefined ? unitPriceProblem(change.unitPrice) : null;
  if (priceProblem) problems.push({ field: 'input.unitPrice', message: priceProblem });
  const valueProblem = change.totalValue !== undefined ? contractValueProblem(change.totalValue) : null;
  if (valueProblem) problems.push({ field: 'input.totalValue', message: valueProblem });
  const unitPrice = change.unitPrice ?? current.unitPrice;
  const volume = change.volume ?? current.volume;
  const repriced = change.unitPrice !== undefined || change.volume !== undefined;
  const terms: ContractTerms = {
    unitPrice,
    volume,
    totalValue: change.totalValue ?? (repriced ? contractValue(unitPrice, volume) : current.totalValue),
    startDate: change.startDate ?? current.startDate,
    endDate: change.endDate ?? current.endDate,
  };
  if (!priceProblem && !valueProblem && change.totalValue === undefined && repriced) {
    const computed = contractValueProblem(terms.totalValue);
    if (computed) problems.push({ field: change.volume !== undefined ? 'input.volume' : 'input.unitPrice', message: `unit price × volume ${computed}` });
  }
  if (terms.endDate !== null && terms.endDate < terms.startDate) problems.push({ field: change.endDate !== undefined ? 'input.endDate' : 'input.startDate', message: `the end date ${terms.endDate} must not be before the start date ${terms.startDate}` });
  const diff: AmendmentDiff = { before: {}, after: {} };
  for (const key of KEYS) {
    if (same(current[key], terms[key])) continue;
    diff.before[key] = json(current[key]);
    diff.after[key] = json(terms[key]);
  }
  if (problems.length === 0 && Object.keys(diff.after).length === 0) problems.push({ field: 'input', message: 'the amendment changes nothing' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, terms, diff };
}
