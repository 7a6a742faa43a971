/**
 * Scoring a supplier against a part requirement: pure functions over plain data, no Nest, no
 * TypeORM. The matching service loads the facts, asks the search index for text relevance,
 * resolves the buyer's weights with `resolveWeights` (requirements/match-weights.ts) and calls
 * `scoreMatch` / `rankMatches`.
 *
 * See README.md, "Matching: how suppliers are ranked": hard filters first (qualification.ts:
 * category, certifications valid on SOP day), then a 0–100 score, the weighted sum of five
 * factors in [0, 1], each with a one-line reason. What "local" means (tiers, distance) is
 * src/locality/'s.
 */
import { describeLevel, LEVEL_SCHEMES, strengthBeyond } from '../taxonomy/certification-levels.js';
import { greatCircleKm } from '../locality/distance.js';
import { localityTier, TIER_ORDER, TIER_VALUES, type LocalityTier, type Place } from '../locality/locality-tier.js';
import { FACTOR_NAMES, resolveWeights, type FactorName, type MatchWeights } from '../requirements/match-weights.js';
import type { Designation, HeldCertification, RequiredCertification, RequirementFacts, Spec, SupplierCapability, SupplierFacts, SupplierSite } from './match-facts.js';
import { bestValidCertificate, day, hardFilterFailures, meets, qualifiedSites, qualifyingCapabilities, safeRank, type HardFilterFailure } from './qualification.js';

// ───────────────────────────── locality ─────────────────────────────

/** e-folding distance of the decay inside a tier's band. */
export const DISTANCE_SCALE_KM = 100;

/**
 * Locality factor value: the tier sets a band, the distance places the site inside it.
 *
 *   floor = (tierValue + nextLowerTierValue) / 2
 *   value = floor + (tierValue − floor) · exp(−km / 100)
 *
 * So a site at 0 km scores the tier's headline value (1.0, 0.85, 0.7, 0.4, 0.2) and a site
 * infinitely far scores the midpoint down to the next tier (0.925, 0.775, 0.55, 0.3, 0.1).
 * Each band's floor lies strictly above the next tier's top, so distance can never invert
 * the tiers: a same-city plant 500 km away (0.775+) still beats a same-province plant next
 * door (≤ 0.70). ABROAD is 0 whatever the distance. An unknown (non-finite) distance takes
 * the band's floor.
 */
export function localityValue(tier: LocalityTier, km: number): number {
  const top = TIER_VALUES[tier];
  const index = TIER_ORDER.indexOf(tier);
  const next = index + 1 < TIER_ORDER.length ? TIER_VALUES[TIER_ORDER[index + 1]] : top;
  const floor = (top + next) / 2;
  const decay = Number.isFinite(km) && km >= 0 ? Math.exp(-km / DISTANCE_SCALE_KM) : 0;
  return floor + (top - floor) * decay;
}

export interface SiteLocality {
  site: SupplierSite;
  tier: LocalityTier;
  km: number;
  value: number;
}

/** Locality of one site to the delivery plant. */
export function siteLocality(delivery: Place, site: SupplierSite): SiteLocality {
  const { tier } = localityTier(delivery, site);
  const km = greatCircleKm(delivery, site);
  return { site, tier, km, value: localityValue(tier, km) };
}

/**
 * The producing site the match is scored on: among the qualified sites, the best tier, then
 * the shortest distance, then the smaller site id. "Nearest" is tier-first on purpose: a plant
 * across the provincial border 30 km away does not count as local, one 80 km away in the
 * province does, and the local-sourcing rate is what the marketplace is for.
 */
export function chooseSite(delivery: Place, sites: readonly SupplierSite[]): SiteLocality | null {
  let best: SiteLocality | null = null;
  for (const site of sites) {
    const candidate = siteLocality(delivery, site);
    if (best == null || compareLocality(candidate, best) < 0) best = candidate;
  }
  return best;
}

function compareLocality(a: SiteLocality, b: SiteLocality): number {
  const byTier = TIER_ORDER.indexOf(a.tier) - TIER_ORDER.indexOf(b.tier);
  if (byTier !== 0) return byTier;
  if (a.km !== b.km) return a.km - b.km;
  return compareIds(a.site.id, b.site.id);
}

const TIER_PHRASES: Record<LocalityTier, string> = {
  SAME_COUNTY: 'same county as delivery plant',
  SAME_CITY: 'same city as delivery plant',
  SAME_PROVINCE: 'same province as delivery plant',
  YRD_NEIGHBOUR: 'Yangtze River Delta neighbour province',
  CHINA: 'elsewhere in China',
  ABROAD: 'abroad',
};

function localityReason(delivery: Place, chosen: SiteLocality): string {
  const { site, tier, km, value } = chosen;
  const names = [site.regionName, site.cityName].filter((n): n is string => n != null && n !== '');
  const unique = names.filter((n, i) => names.indexOf(n) === i);
  const where = unique.length > 0 ? unique.join(', ') : (site.regionCode ?? site.countryCode.toUpperCase());
  const approx: string[] = [];
  if (site.locationApprox) approx.push('plant');
  if (delivery.locationApprox) approx.push('delivery plant');
  const distance = `${approx.length > 0 ? 'approx. ' : ''}${formatKm(km)} km`;
  const note = approx.length > 0 ? ` (${approx.join(' and ')} located at region centre)` : '';
  const phrase = tier === 'ABROAD' ? `abroad (${site.countryCode.toUpperCase()})` : TIER_PHRASES[tier];
  return `locality ${value.toFixed(2)}: plant in ${where}, ${phrase}, ${distance}${note}`;
}

function formatKm(km: number): string {
  if (!Number.isFinite(km)) return '?';
  return km < 10 ? km.toFixed(1) : String(Math.round(km));
}

// ───────────────────────────── fit ─────────────────────────────

/** Spec keys and values compare after Unicode NFKC (full-width → ASCII), lower-casing and dropping all white space. */
export function normalizeSpecText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

export interface SpecOverlap {
  /** Distinct requirement spec keys. */
  keys: number;
  /** Keys some qualifying capability states with an equal value. */
  matched: number;
  /** Keys some qualifying capability states, but never with an equal value. */
  keyOnly: number;
  /** (matched + 0.5·keyOnly) / keys; null when the requirement states no specs. */
  share: number | null;
}

/** Spec overlap between the requirement and the capabilities that pass the category filter. */
export function specOverlap(reqSpecs: readonly Spec[], capabilities: readonly SupplierCapability[]): SpecOverlap {
  return overlapOf(wantedSpecs(reqSpecs), offeredSpecs(capabilities));
}

/** The requirement's spec values per key, normalised (keys empty after normalising are dropped). */
function wantedSpecs(reqSpecs: readonly Spec[]): Map<string, Set<string>> {
  const wanted = new Map<string, Set<string>>();
  for (const s of reqSpecs) {
    const key = normalizeSpecText(s.key);
    if (key === '') continue;
    const values = wanted.get(key) ?? new Set<string>();
    values.add(normalizeSpecText(s.value));
    wanted.set(key, values);
  }
  return wanted;
}

/** The capabilities' spec values per key, normalised. */
function offeredSpecs(capabilities: readonly SupplierCapability[]): Map<string, Set<string>> {
  const offered = new Map<string, Set<string>>();
  for (const s of capabilities.flatMap((c) => c.specs)) {
    const key = normalizeSpecText(s.key);
    const values = offered.get(key) ?? new Set<string>();
    values.add(normalizeSpecText(s.value));
    offered.set(key, values);
  }
  return offered;
}

function overlapOf(wanted: ReadonlyMap<string, ReadonlySet<string>>, offered: ReadonlyMap<string, ReadonlySet<string>>): SpecOverlap {
  let matched = 0;
  let keyOnly = 0;
  for (const [key, values] of wanted) {
    const has = offered.get(key);
    if (has == null) continue;
    let any = false;
    for (const v of values) if (has.has(v)) any = true;
    if (any) matched += 1;
    else keyOnly += 1;
  }
  const keys = wanted.size;
  return { keys, matched, keyOnly, share: keys === 0 ? null : (matched + 0.5 * keyOnly) / keys };
}

export const FIT_TEXT_SHARE = 0.6;
export const FIT_SPEC_SHARE = 0.4;

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/**
 * Fit = 0.6 · textRelevance + 0.4 · specShare when the requirement states specs, else the text
 * relevance alone. Text relevance is clamped to [0, 1] (NaN → 0).
 */
function fitFactor(req: RequirementFacts, supplier: SupplierFacts, capabilities: readonly SupplierCapability[]): { value: number; reason: string } {
  const text = clamp01(supplier.textRelevance);
  const overlap = specOverlap(req.specs, capabilities);
  if (overlap.share == null) {
    return { value: text, reason: `fit ${text.toFixed(2)}: text relevance ${text.toFixed(2)} only (requirement states no specs)` };
  }
  const value = fitValue(text, overlap.share);
  const parts = [`${overlap.matched} of ${overlap.keys} spec keys matched`];
  if (overlap.keyOnly > 0) parts.push(`${overlap.keyOnly} more stated with another value, at half credit`);
  return {
    value,
    reason: `fit ${value.toFixed(2)}: 0.6 × text relevance ${text.toFixed(2)} + 0.4 × spec overlap ${overlap.share.toFixed(2)} (${parts.join(', ')})`,
  };
}

// ───────────────────────────── certification strength ─────────────────────────────

/** Value when no required certificate leaves room above its minimum: the factor then does not discriminate. */
export const NEUTRAL_CERTIFICATION_STRENGTH = 0.5;

/**
 * Mean of strengthBeyond(held, minimum) over the required certificates that can be exceeded:
 * those with a level scheme (not HELD) whose minimum is below the scheme's top level. The held
 * level is that of the strongest certificate valid on SOP day; none (or below the minimum, only
 * possible when explaining an ineligible supplier) counts 0. When no required certificate can be
 * exceeded the factor is a neutral 0.5 — the same for every candidate, so it moves no ranking.
 */
function certificationFactor(req: RequirementFacts, supplier: SupplierFacts): { value: number; reason: string } {
  const counted = certificationStrengths(req, supplier.certifications);
  if (counted.length === 0) {
    return {
      value: NEUTRAL_CERTIFICATION_STRENGTH,
      reason: `certification ${NEUTRAL_CERTIFICATION_STRENGTH.toFixed(2)}: neutral, no required certificate has a level above its minimum`,
    };
  }
  const parts = counted.map(({ required: { scheme, minLevel, typeName }, best, strength }) => {
    const heldText = best == null ? 'not held on SOP day' : `${describeLevel(scheme, best.level)} held`;
    const minText = minLevel == null ? 'any level required' : `${describeLevel(scheme, minLevel)} required`;
    return `${typeName} ${heldText}, ${minText} (${strength.toFixed(2)})`;
  });
  const value = certificationValueOf(counted);
  return { value, reason: `certification ${value.toFixed(2)}: ${parts.join('; ')}` };
}

/** The required certificates the factor counts (a level scheme, a minimum below the top), each with the strongest held on SOP day and its strength. */
function certificationStrengths(req: RequirementFacts, held: readonly HeldCertification[]): { required: RequiredCertification; best: HeldCertification | null; strength: number }[] {
  const sop = day(req.sopDate, 'sopDate');
  const counted: { required: RequiredCertification; best: HeldCertification | null; strength: number }[] = [];
  for (const required of req.requiredCertifications) {
    const { scheme, minLevel } = required;
    const levels = LEVEL_SCHEMES[scheme];
    if (levels.length === 0) continue;
    const base = minLevel == null ? 0 : safeRank(scheme, minLevel);
    if (base < 0 || base >= levels.length - 1) continue;
    const best = bestValidCertificate(required, held, sop);
    const strength = best != null && meets(scheme, best.level, minLevel) ? strengthBeyond(scheme, best.level, minLevel) : 0;
    counted.push({ required, best, strength });
  }
  return counted;
}

function certificationValueOf(counted: readonly { strength: number }[]): number {
  if (counted.length === 0) return NEUTRAL_CERTIFICATION_STRENGTH;
  let sum = 0;
  for (const c of counted) sum += c.strength;
  return sum / counted.length;
}

// ───────────────────────────── capacity ─────────────────────────────

export const UNSTATED_CAPACITY_VALUE = 0.3;

/**
 * Capacity headroom of capacity C against annual volume V:
 *   C unknown        → 0.3 ("capacity not stated": below a supplier who covers the volume);
 *   C < V            → 0.5 · C/V           (0 … 0.5, covering part of the volume);
 *   C ≥ V, r = C/V   → 0.5 + 0.5 · min(1, r − 1)  (full marks at twice the volume).
 * A requirement without a positive volume gets 0.5 (nothing to compare against).
 */
export function capacityValue(capacity: number | null, volume: number): number {
  if (capacity == null || !Number.isFinite(capacity)) return UNSTATED_CAPACITY_VALUE;
  if (!Number.isFinite(volume) || volume <= 0) return 0.5;
  const c = Math.max(0, capacity);
  const r = c / volume;
  return r < 1 ? 0.5 * r : 0.5 + 0.5 * Math.min(1, r - 1);
}

/** The qualifying capability producing at the chosen site with the largest stated capacity (first if none stated). */
function chosenCapability(capabilities: readonly SupplierCapability[], siteId: string): SupplierCapability | null {
  let best: SupplierCapability | null = null;
  for (const c of capabilities) {
    if (!c.siteIds.includes(siteId)) continue;
    if (best == null || (c.annualCapacity ?? -1) > (best.annualCapacity ?? -1)) best = c;
  }
  return best;
}

function capacityFactor(req: RequirementFacts, capability: SupplierCapability | null): { value: number; reason: string } {
  const capacity = capability?.annualCapacity ?? null;
  const value = capacityValue(capacity, req.annualVolume);
  const head = `capacity ${value.toFixed(2)}`;
  if (capacity == null || !Number.isFinite(capacity)) return { value, reason: `${head}: capacity not stated` };
  if (!Number.isFinite(req.annualVolume) || req.annualVolume <= 0) return { value, reason: `${head}: requirement states no annual volume` };
  const r = capacity / req.annualVolume;
  const detail =
    r < 1
      ? `${formatCount(capacity)}/yr covers ${Math.round(r * 100)}% of ${formatCount(req.annualVolume)}/yr`
      : `${formatCount(capacity)}/yr against ${formatCount(req.annualVolume)}/yr needed (${r.toFixed(2)}×)`;
  return { value, reason: `${head}: ${detail}` };
}

function formatCount(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction == null ? grouped : `${grouped}.${fraction}`;
}

// ───────────────────────────── designation ─────────────────────────────

export const DESIGNATION_VALUES: Readonly<Record<Designation, number>> = Object.freeze({
  SINGLE_CHAMPION: 1.0,
  LITTLE_GIANT: 0.8,
  SPECIALIZED_SME: 0.5,
});

const DESIGNATION_NAMES: Record<Designation, string> = {
  SINGLE_CHAMPION: '单项冠军 single champion',
  LITTLE_GIANT: '专精特新小巨人 little giant',
  SPECIALIZED_SME: '专精特新 specialised SME',
};

function bestDesignation(designations: readonly string[]): Designation | null {
  let best: Designation | null = null;
  for (const d of designations) {
    if (!Object.hasOwn(DESIGNATION_VALUES, d)) continue;
    const designation = d as Designation;
    if (best == null || DESIGNATION_VALUES[designation] > DESIGNATION_VALUES[best]) best = designation;
  }
  return best;
}

/** The best designation held: single champion 1.0, little giant 0.8, specialised SME 0.5, none 0. */
function designationFactor(supplier: SupplierFacts): { value: number; reason: string } {
  const best = bestDesignation(supplier.designations);
  if (best == null) return { value: 0, reason: 'designation 0.00: none' };
  const value = DESIGNATION_VALUES[best];
  return { value, reason: `designation ${value.toFixed(2)}: ${DESIGNATION_NAMES[best]}` };
}

// ───────────────────────────── score and rank ─────────────────────────────

export interface FactorScore {
  name: FactorName;
  /** 0..1, 4 decimals. */
  value: number;
  weight: number;
  /** value × weight × 100, 2 decimals. */
  contribution: number;
  reason: string;
}

export interface MatchScore {
  supplierId: string;
  /** True when no hard filter failed. */
  eligible: boolean;
  failures: HardFilterFailure[];
  /** 0..100, 2 decimals: the sum of the factors' contributions, so an explanation adds up. */
  score: number;
  /** The producing site scored on; null when no qualifying capability has a site. */
  site: SupplierSite | null;
  tier: LocalityTier | null;
  distanceKm: number | null;
  factors: FactorScore[];
}

/**
 * Scores one supplier. Factors are computed whenever a qualified site exists, also for an
 * ineligible supplier (`explain` shows the breakdown); eligible is false then. With no
 * qualified site there is nothing to score: no factors, score 0.
 *
 * `weights` defaults to the requirement's own weights resolved by `resolveWeights`; invalid
 * weights then throw (validate them when the requirement is written).
 */
export function scoreMatch(req: RequirementFacts, supplier: SupplierFacts, weights?: MatchWeights): MatchScore {
  const w = weights ?? weightsOf(req);
  const failures = hardFilterFailures(req, supplier);
  const capabilities = qualifyingCapabilities(req, supplier);
  const sites = qualifiedSites(req, supplier);
  const chosen = chooseSite(req.delivery, sites);
  const base = { supplierId: supplier.supplierId, eligible: failures.length === 0, failures };
  if (chosen == null) return { ...base, score: 0, site: null, tier: null, distanceKm: null, factors: [] };

  const raw: Record<FactorName, { value: number; reason: string }> = {
    fit: fitFactor(req, supplier, capabilities),
    locality: { value: chosen.value, reason: localityReason(req.delivery, chosen) },
    certification: certificationFactor(req, supplier),
    capacity: capacityFactor(req, chosenCapability(capabilities, chosen.site.id)),
    designation: designationFactor(supplier),
  };
  const factors = FACTOR_NAMES.map((name): FactorScore => {
    const value = clamp01(raw[name].value);
    return { name, value: round(value, 4), weight: w[name], contribution: factorContribution(value, w[name]), reason: raw[name].reason };
  });
  const score = scoreOfContributions(factors.map((f) => f.contribution));
  return { ...base, score, site: chosen.site, tier: chosen.tier, distanceKm: round(chosen.km, 3), factors };
}

/** A factor's points: clamp01(value) × weight × 100, 2 decimals. Monotone in value. */
export function factorContribution(value: number, weight: number): number {
  return round(clamp01(value) * weight * 100, 2);
}

/** The 0–100 score: the sum of the contributions, 2 decimals (so an explanation adds up). */
export function scoreOfContributions(contributions: readonly number[]): number {
  return round(
    contributions.reduce((sum, c) => sum + c, 0),
    2,
  );
}

/**
 * The score `scoreMatch` gives for these raw factor values (before clamping and rounding), by
 * the same arithmetic and in the same factor order. Non-decreasing in every value, so the
 * score with the best possible text relevance bounds the score with the actual one (the match
 * index's early stop, match-top-k.ts).
 */
export function scoreOfValues(values: Readonly<Record<FactorName, number>>, w: MatchWeights): number {
  return scoreOfContributions(FACTOR_NAMES.map((name) => factorContribution(values[name], w[name])));
}

/** Fit with text relevance `text` and a spec overlap share (null: the requirement states no specs), as `scoreMatch` computes it. */
export function fitValue(text: number, specShare: number | null): number {
  const t = clamp01(text);
  return specShare == null ? t : FIT_TEXT_SHARE * t + FIT_SPEC_SHARE * specShare;
}

function weightsOf(req: RequirementFacts): MatchWeights {
  const resolved = resolveWeights(req.weights);
  if (!resolved.ok) throw new RangeError(`requirement ${req.id} has invalid weights: ${resolved.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`);
  return resolved.weights;
}

/**
 * Eligible suppliers, best first: score descending, ties by supplierId ascending (code-unit
 * order, independent of locale), so the same inputs always give the same order.
 */
export function rankMatches(req: RequirementFacts, suppliers: readonly SupplierFacts[], weights?: MatchWeights): MatchScore[] {
  const w = weights ?? weightsOf(req);
  return suppliers
    .map((s) => scoreMatch(req, s, w))
    .filter((m) => m.eligible)
    .sort((a, b) => b.score - a.score || compareIds(a.supplierId, b.supplierId));
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rounding to `places` decimals, half up, robust to binary artefacts (1.005 → 1.01, not 1.00). */
function round(x: number, places: number): number {
  const f = 10 ** places;
  return Math.round(Number((x * f).toPrecision(15))) / f;
}

/**
 * The most the factors' roundings add to a score: half a hundredth per contribution and half
 * one for the sum (`scoreOfContributions`), with room for binary artefacts.
 */
export const ROUNDING_SLACK = 0.031;

/**
 * An upper bound of the score `scoreMatch` gives one supplier for many requirements, by the
 * same functions but without the reasons or the roundings: the weighted sum of the factor
 * values plus ROUNDING_SLACK, so at most 0.031 above the score. The supplier's qualifying
 * capabilities and plants are worked out once per category, the chosen plant once per
 * delivery place. Null where a hard filter fails. The mirror ranking (requirements for a
 * supplier) walks requirements by it and scores with `scoreMatch` only those it visits;
 * test/match-index.e2e-spec.ts holds the result equal to scoring every requirement.
 */
export class SupplierScorer {
  private readonly byCategory = new Map<string, { capabilities: SupplierCapability[]; sites: SupplierSite[]; offered: Map<string, Set<string>>; chosen: Map<string, SiteLocality | null> }>();
  /** Each requirement's normalised specs, kept while its facts object lives (the match index replaces it on change). */
  private static readonly wanted = new WeakMap<RequirementFacts, Map<string, Set<string>>>();
  private readonly designation: number;

  constructor(private readonly supplier: SupplierFacts) {
    const best = bestDesignation(supplier.designations);
    this.designation = best == null ? 0 : DESIGNATION_VALUES[best];
  }

  /** `textRelevance` is asked only when no hard filter fails. */
  bound(req: RequirementFacts, weights: MatchWeights, textRelevance: () => number): number | null {
    let view = this.byCategory.get(req.categoryCode);
    if (!view) {
      const capabilities = qualifyingCapabilities(req, this.supplier);
      view = { capabilities, sites: qualifiedSites(req, this.supplier), offered: offeredSpecs(capabilities), chosen: new Map() };
      this.byCategory.set(req.categoryCode, view);
    }
    if (view.capabilities.length === 0) return null;
    const sop = day(req.sopDate, 'sopDate');
    for (const required of req.requiredCertifications) {
      const best = bestValidCertificate(required, this.supplier.certifications, sop);
      if (best == null || !meets(required.scheme, best.level, required.minLevel)) return null;
    }
    // The chosen plant depends on the delivery plant's country, region and position only: requirements share a few.
    const { countryCode, regionCode, lat, lon } = req.delivery;
    const place = `${countryCode}|${regionCode}|${lat}|${lon}`;
    let chosen = view.chosen.get(place);
    if (chosen === undefined) {
      chosen = chooseSite(req.delivery, view.sites);
      view.chosen.set(place, chosen);
    }
    if (chosen == null) return null;
    let wanted = SupplierScorer.wanted.get(req);
    if (!wanted) {
      wanted = wantedSpecs(req.specs);
      SupplierScorer.wanted.set(req, wanted);
    }
    const values: Record<FactorName, number> = {
      fit: fitValue(textRelevance(), overlapOf(wanted, view.offered).share),
      locality: chosen.value,
      certification: certificationValueOf(certificationStrengths(req, this.supplier.certifications)),
      capacity: capacityValue(chosenCapability(view.capabilities, chosen.site.id)?.annualCapacity ?? null, req.annualVolume),
      designation: this.designation,
    };
    let sum = 0;
    for (const name of FACTOR_NAMES) sum += clamp01(values[name]) * weights[name] * 100;
    return sum + ROUNDING_SLACK;
  }
}
