/**
 * Who is a qualified supplier for a requirement, stated once: a capability in the requirement's
 * category or a sub-category produced at one of the supplier's plants, and every required
 * certificate held at or above its minimum level and valid on the day judged (the SOP date for
 * matching). Matching's hard filters, `explainMatch` and the quote and award gates
 * (`plantQualificationFailures`, through `MatchingService.plantQualifications`) call these
 * functions; the SQL that finds qualified plants in bulk (matching's candidates, the demand gaps
 * of the bureau statistics) is held equal to them by test/qualification.e2e-spec.ts. Pure.
 */
import { LEVEL_SCHEMES, describeLevel, meetsMinimum, type LevelScheme } from '../taxonomy/certification-levels.js';
import type { HeldCertification, RequiredCertification, RequirementFacts, SupplierCapability, SupplierFacts, SupplierSite } from './match-facts.js';

export interface HardFilterFailure {
  filter: 'CATEGORY' | 'CERTIFICATION';
  reason: string;
}

/** `CHASSIS.BRAKE_BY_WIRE` is within `CHASSIS`; `CHASSIS` is not within `CHASSIS.BRAKE_BY_WIRE`; `CHIPS` is not within `CHIP`. */
export function isCategoryWithin(code: string, required: string): boolean {
  return code === required || code.startsWith(required + '.');
}

/** Capabilities in the requirement's category (or below) that have at least one known producing site. */
export function qualifyingCapabilities(req: RequirementFacts, supplier: SupplierFacts): SupplierCapability[] {
  const siteIds = new Set(supplier.sites.map((s) => s.id));
  return supplier.capabilities.filter((c) => isCategoryWithin(c.categoryCode, req.categoryCode) && c.siteIds.some((id) => siteIds.has(id)));
}

/** Sites producing for a qualifying capability, in the supplier's order. */
export function qualifiedSites(req: RequirementFacts, supplier: SupplierFacts): SupplierSite[] {
  const ids = new Set(qualifyingCapabilities(req, supplier).flatMap((c) => c.siteIds));
  return supplier.sites.filter((s) => ids.has(s.id));
}

/** `YYYY-MM-DD` (a longer ISO timestamp is cut to its date); anything else is a programming error. */
export function day(value: string, what: string): string {
  const d = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`${what} is not an ISO date: ${value}`);
  return d;
}

/** Rank of a level, or -1 when the level does not belong to the scheme (bad data never satisfies). */
export function safeRank(scheme: LevelScheme, level: string | null): number {
  if (scheme === 'HELD') return 0;
  return LEVEL_SCHEMES[scheme].indexOf(level ?? '');
}

/** Held level at or above the minimum; a level outside the scheme never meets (nor is met). */
export function meets(scheme: LevelScheme, held: string | null, minimum: string | null): boolean {
  if (scheme !== 'HELD' && safeRank(scheme, held) < 0) return false;
  if (minimum != null && scheme !== 'HELD' && safeRank(scheme, minimum) < 0) return false;
  return meetsMinimum(scheme, held, minimum);
}

/** Valid on `date`, both ends inclusive: a certificate valid until the SOP day covers the SOP. */
export function isValidOn(cert: HeldCertification, date: string): boolean {
  return day(cert.validFrom, 'validFrom') <= date && date <= day(cert.validUntil, 'validUntil');
}

/** The strongest certificate of the required type valid on `date`, or null. */
export function bestValidCertificate(required: RequiredCertification, held: readonly HeldCertification[], date: string): HeldCertification | null {
  let best: HeldCertification | null = null;
  for (const c of held) {
    if (c.typeCode !== required.typeCode || !isValidOn(c, date)) continue;
    if (best == null || safeRank(required.scheme, c.level) > safeRank(required.scheme, best.level)) best = c;
  }
  return best;
}

function levelText(scheme: LevelScheme, level: string | null): string {
  if (scheme === 'HELD') return '';
  return level == null ? ' (no level stated)' : ` ${describeLevel(scheme, level)}`;
}

/** Why `required` is not satisfied on `date` (named `label` in the reason), or null when it is. */
function certificationFailure(required: RequiredCertification, held: readonly HeldCertification[], date: string, label: string): string | null {
  const { scheme, minLevel, typeName } = required;
  const ofType = held.filter((c) => c.typeCode === required.typeCode);
  if (ofType.length === 0) return `${typeName} not held`;
  const best = bestValidCertificate(required, ofType, date);
  if (best != null && meets(scheme, best.level, minLevel)) return null;
  const adequate = ofType.filter((c) => meets(scheme, c.level, minLevel));
  if (adequate.length === 0) {
    // Every certificate held is below the minimum: name the strongest (the valid one if any).
    const shown = best ?? ofType.reduce((a, b) => (safeRank(scheme, b.level) > safeRank(scheme, a.level) ? b : a));
    return `${typeName}${levelText(scheme, shown.level)} held,${levelText(scheme, minLevel)} required`;
  }
  // A certificate of the right level exists but is not valid on SOP day.
  const future = adequate.filter((c) => day(c.validFrom, 'validFrom') > date);
  if (future.length > 0) {
    const next = future.reduce((a, b) => (day(b.validFrom, 'validFrom') < day(a.validFrom, 'validFrom') ? b : a));
    return `${typeName}${levelText(scheme, next.level)} valid only from ${day(next.validFrom, 'validFrom')}, after ${label}`;
  }
  const last = adequate.reduce((a, b) => (day(b.validUntil, 'validUntil') > day(a.validUntil, 'validUntil') ? b : a));
  return `${typeName}${levelText(scheme, last.level)} expired ${day(last.validUntil, 'validUntil')}, before ${label}`;
}

/**
 * The hard filters, judged on `date`; an empty list means qualified.
 * CATEGORY: a capability in the requirement's category or a sub-category, with a producing site.
 * CERTIFICATION: each required certificate held at or above the minimum level and valid on
 * `date` (validFrom <= date <= validUntil, both inclusive); of several certificates of a type,
 * the strongest one valid that day counts.
 */
export function qualificationFailures(req: RequirementFacts, supplier: SupplierFacts, date: string): HardFilterFailure[] {
  const failures: HardFilterFailure[] = [];
  const inCategory = supplier.capabilities.filter((c) => isCategoryWithin(c.categoryCode, req.categoryCode));
  if (inCategory.length === 0) {
    failures.push({ filter: 'CATEGORY', reason: `no capability in ${req.categoryCode}` });
  } else if (qualifyingCapabilities(req, supplier).length === 0) {
    failures.push({ filter: 'CATEGORY', reason: `capability in ${req.categoryCode} has no producing site` });
  }
  const sop = day(req.sopDate, 'sopDate');
  const on = day(date, 'date');
  const label = on === sop ? `SOP ${on}` : on;
  for (const required of req.requiredCertifications) {
    const reason = certificationFailure(required, supplier.certifications, on, label);
    if (reason != null) failures.push({ filter: 'CERTIFICATION', reason });
  }
  return failures;
}

/** Matching's hard filters: the qualification rule on the requirement's SOP date. */
export function hardFilterFailures(req: RequirementFacts, supplier: SupplierFacts): HardFilterFailure[] {
  return qualificationFailures(req, supplier, req.sopDate);
}

/**
 * Is the supplier qualified for the requirement on `date` (the SOP date unless given)? The one
 * rule behind matching's hard filters and `explainMatch`, for a quote or award gate to call.
 */
export function isQualified(req: RequirementFacts, supplier: SupplierFacts, date: string = req.sopDate): boolean {
  return qualificationFailures(req, supplier, date).length === 0;
}

/**
 * The supplier's plants that qualify for the requirement on `date`: the producing sites of its
 * capabilities in the category when the supplier is qualified, else none. SQL that selects
 * qualified (supplier, plant) pairs must agree with this (test/qualification.e2e-spec.ts).
 */
export function qualifiedPlants(req: RequirementFacts, supplier: SupplierFacts, date: string = req.sopDate): SupplierSite[] {
  return isQualified(req, supplier, date) ? qualifiedSites(req, supplier) : [];
}

/**
 * The rule for a quote or an award from one named plant, on `date` (the SOP date unless given):
 * the supplier's failures, and — when it has a producing capability in the category — a
 * CATEGORY failure if the plant named is not one of the plants producing it (a plant that makes
 * nothing in the category would otherwise make the contract look local). Empty: eligible. The
 * quote gate (src/quotes/quotes.service.ts) and the award gate (src/contracts/award.service.ts)
 * call it.
 */
export function plantQualificationFailures(req: RequirementFacts, supplier: SupplierFacts, siteId: string, date: string = req.sopDate): HardFilterFailure[] {
  const failures = qualificationFailures(req, supplier, date);
  if (!failures.some((f) => f.filter === 'CATEGORY') && !qualifiedSites(req, supplier).some((s) => s.id === siteId)) {
    failures.unshift({ filter: 'CATEGORY', reason: `the quoting plant makes nothing in ${req.categoryCode}` });
  }
  return failures;
}
