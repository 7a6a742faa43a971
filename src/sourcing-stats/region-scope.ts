/**
 * Which regions a bureau may read, and code ranges for SQL. Pure.
 */
import { isWithin, regionPrefix } from '../locality/region-codes.js';

/**
 * The codes inside `area` (itself included) as an inclusive range of 6-digit strings, for
 * `code BETWEEN lo AND hi` — digits sort alike in every collation, so a B-tree index serves it
 * (a LIKE prefix would need the C collation or a pattern-ops index).
 */
export function regionRange(area: string): [string, string] {
  const prefix = regionPrefix(area);
  return [prefix.padEnd(6, '0'), prefix.padEnd(6, '9')];
}

/** A bureau analyst reads its jurisdiction and what lies within it; a platform admin reads everything. */
export function mayReadRegion(actor: { role: string; jurisdictionCode: string | null }, region: string): boolean {
  if (actor.role === 'PLATFORM_ADMIN') return true;
  if (actor.role !== 'BUREAU_ANALYST' || !actor.jurisdictionCode) return false;
  return isWithin(region, actor.jurisdictionCode);
}
