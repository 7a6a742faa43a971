/**
 * The match index: every organisation's matching facts (capabilities, plants, certificates,
 * designations) held in this process in a compact layout, so that ranking suppliers for a
 * requirement reads no rows. Built from PostgreSQL at start (match-index.repository.ts), kept
 * fresh by the change feed (match-index.service.ts), read by the early-stopping ranking
 * (match-top-k.ts). No Nest, no TypeORM.
 *
 * Layout: organisations, plants, capabilities and certificates are numbered (ordinals) and
 * their facts live in typed arrays; repeated strings (region codes and names, category codes,
 * spec keys and values, certificate levels) are interned once. Capabilities are grouped by
 * organisation (offsets), and listed per category with at least one plant (the candidate
 * lists; a requirement reads the lists of its category's sub-tree). Certificates are columns
 * per type, grouped by organisation. Plants keep their country, region code, lat and lon, so
 * the tier and distance are computed by the same functions as the reference ranking.
 *
 * An organisation changed after the build is held as plain `SupplierFacts` in an overlay
 * (and its base ordinal marked superseded): the overlay is small, the base is never rewritten.
 */
import { LEVEL_SCHEMES, strengthBeyond } from '../taxonomy/certification-levels.js';
import { greatCircleKm } from '../locality/distance.js';
import { localityTier, TIER_ORDER, type LocalityTier, type Place } from '../locality/locality-tier.js';
import type { HeldCertification, RequirementFacts, Spec, SupplierCapability, SupplierFacts, SupplierSite } from './match-facts.js';
import { capacityValue, DESIGNATION_VALUES, localityValue, NEUTRAL_CERTIFICATION_STRENGTH, normalizeSpecText, fitValue } from './match-scoring.js';
import { isCategoryWithin, meets, safeRank } from './qualification.js';
import type { LevelScheme } from '../taxonomy/certification-levels.js';
import { CompiledText, type LooseText } from './match-text.js';
import type { RelevanceConcept } from '../search/search-index.port.js';

/** Rows the index is built from, in the order the repository reads them. */
export interface IndexOrganizationRow {
  id: string;
  name: string;
  designations: readonly string[];
}
export interface IndexSiteRow {
  id: string;
  organizationId: string;
  name: string;
  countryCode: string;
  regionCode: string | null;
  regionName: string | null;
  cityName: string | null;
  lat: number;
  lon: number;
  locationApprox: boolean;
}
export interface IndexCapabilityRow {
  id: string;
  organizationId: string;
  categoryCode: string;
  annualCapacity: number | null;
  leadTimeDays: number | null;
  /** Ordered by site id, as the reference query orders them. */
  siteIds: readonly string[];
  specs: readonly Spec[];
}
export interface IndexCertificationRow {
  organizationId: string;
  typeCode: string;
  scheme: LevelScheme;
  level: string | null;
  validFrom: string;
  validUntil: string;
}

/** A supplier's search text (search_suppliers): its lexemes, and its strong lexemes with the masks of their weights (match-text.ts). */
export interface IndexTextRow {
  id: string;
  lexemes: readonly string[];
  strong: readonly string[];
  masks: readonly number[];
}

interface TextColumns {
  dictionary: string[];
  lexStart: Int32Array;
  lex: Int32Array;
  strongStart: Int32Array;
  strong: Int32Array;
  strongMask: Uint8Array;
}

/** Interned strings: each distinct string stored once, referred to by a number. */
class Strings {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
  /** -1 for null. */
  optional(value: string | null | undefined): number {
    return value == null ? -1 : this.id(value);
  }
  get(id: number): string | null {
    return id < 0 ? null : this.values[id];
  }
}

/** `YYYY-MM-DD` as the integer YYYYMMDD: the same order as the strings. */
export function dayNumber(date: string): number {
  return Number(date.slice(0, 10).replaceAll('-', ''));
}

const DESIGNATION_CODES = ['SPECIALIZED_SME', 'LITTLE_GIANT', 'SINGLE_CHAMPION'] as const;

/** Certificates of one type, grouped by organisation. */
interface CertificateColumns {
  scheme: LevelScheme;
  /** Offsets per organisation ordinal (length organisations + 1). */
  start: Int32Array;
  validFrom: Int32Array;
  validUntil: Int32Array;
  /** Interned level, -1 for none. */
  level: Int32Array;
  validFromText: Int32Array;
  validUntilText: Int32Array;
}

/** Non-text factor values of the candidates for one requirement (see `MatchIndex.candidates`). */
export interface CandidateValues {
  /** Base ordinals of eligible organisations not superseded by the overlay. */
  ordinals: Int32Array;
  /** fit at the best possible text relevance (1). */
  fitBound: Float64Array;
  /** The spec overlap share fit is computed with; NaN when the requirement states no specs. */
  specShare: Float64Array;
  locality: Float64Array;
  certification: Float64Array;
  capacity: Float64Array;
  designation: Float64Array;
  /** Eligible overlay organisations, as plain facts (textRelevance 0). */
  overlay: SupplierFacts[];
}

export interface IndexStats {
  organizations: number;
  sites: number;
  capabilities: number;
  certifications: number;
  overlay: number;
}

export class MatchIndex {
  private readonly strings = new Strings();
  // organisations
  private readonly orgIds: string[];
  private readonly orgNames: string[];
  private readonly orgDesignation: Uint8Array;
  private readonly orgOrdinal = new Map<string, number>();
  private readonly superseded: Uint8Array;
  // plants
  private readonly siteIds: string[];
  private readonly siteNames: string[];
  private readonly siteCountry: Int32Array;
  private readonly siteRegion: Int32Array;
  private readonly siteRegionName: Int32Array;
  private readonly siteCityName: Int32Array;
  private readonly siteLat: Float64Array;
  private readonly siteLon: Float64Array;
  private readonly siteApprox: Uint8Array;
  // capabilities, grouped by organisation
  private readonly orgCapStart: Int32Array;
  private readonly capIds: string[];
  private readonly capOrg: Int32Array;
  private readonly capCategory: Int32Array;
  private readonly capCapacity: Float64Array;
  private readonly capLeadTime: Float64Array;
  private readonly capSiteStart: Int32Array;
  private readonly capSites: Int32Array;
  private readonly capSpecStart: Int32Array;
  private readonly specKey: Int32Array;
  private readonly specValue: Int32Array;
  private readonly specNormKey: Int32Array;
  private readonly specNormValue: Int32Array;
  /** Per category code: capabilities with at least one plant. */
  private readonly byCategory = new Map<string, Int32Array>();
  private readonly subtrees = new Map<string, Int32Array[]>();
  private readonly certificates = new Map<string, CertificateColumns>();
  /** Organisations changed since the build: their current facts, or null when gone. */
  private readonly overlay = new Map<string, SupplierFacts | null>();
  /** Their search text, when loaded with them (absent: unknown, bounded by 1). */
  private readonly overlayText = new Map<string, LooseText | null>();
  /** Search text, when built with it: the sorted lexeme dictionary, per organisation a sorted run of lexeme ids and of strong ids with weight masks. */
  private readonly text: TextColumns | null = null;
  /** Per organisation ordinal: the last query that saw it (dedupes the sub-tree's lists). */
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(
    organizations: readonly IndexOrganizationRow[],
    sites: readonly IndexSiteRow[],
    capabilities: readonly IndexCapabilityRow[],
    certifications: readonly IndexCertificationRow[],
    texts: TextPacker | null = null,
  ) {
    const s = this.strings;
    const nOrg = organizations.length;
    this.orgIds = new Array<string>(nOrg);
    this.orgNames = new Array<string>(nOrg);
    this.orgDesignation = new Uint8Array(nOrg);
    this.superseded = new Uint8Array(nOrg);
    this.seen = new Int32Array(nOrg);
    organizations.forEach((o, i) => {
      this.orgIds[i] = o.id;
      this.orgNames[i] = o.name;
      this.orgOrdinal.set(o.id, i);
      this.orgDesignation[i] = bestDesignation(o.designations);
    });

    const nSite = sites.length;
    const siteOrdinal = new Map<string, number>();
    this.siteIds = new Array<string>(nSite);
    this.siteNames = new Array<string>(nSite);
    this.siteCountry = new Int32Array(nSite);
    this.siteRegion = new Int32Array(nSite);
    this.siteRegionName = new Int32Array(nSite);
    this.siteCityName = new Int32Array(nSite);
    this.siteLat = new Float64Array(nSite);
    this.siteLon = new Float64Array(nSite);
    this.siteApprox = new Uint8Array(nSite);
    sites.forEach((p, i) => {
      siteOrdinal.set(p.id, i);
      this.siteIds[i] = p.id;
      this.siteNames[i] = p.name;
      this.siteCountry[i] = s.id(p.countryCode);
      this.siteRegion[i] = s.optional(p.regionCode);
      this.siteRegionName[i] = s.optional(p.regionName);
      this.siteCityName[i] = s.optional(p.cityName);
      this.siteLat[i] = p.lat;
      this.siteLon[i] = p.lon;
      this.siteApprox[i] = p.locationApprox ? 1 : 0;
    });

    // Capabilities sorted by organisation ordinal (stable: the repository's order within one).
    const caps = capabilities.filter((c) => this.orgOrdinal.has(c.organizationId));
    const orgOf = caps.map((c) => this.orgOrdinal.get(c.organizationId)!);
    const order = caps.map((_, i) => i).sort((a, b) => orgOf[a] - orgOf[b] || a - b);
    const nCap = caps.length;
    this.orgCapStart = new Int32Array(nOrg + 1);
    this.capIds = new Array<string>(nCap);
    this.capOrg = new Int32Array(nCap);
    this.capCategory = new Int32Array(nCap);
    this.capCapacity = new Float64Array(nCap);
    this.capLeadTime = new Float64Array(nCap);
    this.capSiteStart = new Int32Array(nCap + 1);
    this.capSpecStart = new Int32Array(nCap + 1);
    const capSites: number[] = [];
    const specKey: number[] = [];
    const specValue: number[] = [];
    const specNormKey: number[] = [];
    const specNormValue: number[] = [];
    const categoryLists = new Map<string, number[]>();
    order.forEach((from, i) => {
      const c = caps[from];
      const org = orgOf[from];
      this.orgCapStart[org + 1] += 1;
      this.capIds[i] = c.id;
      this.capOrg[i] = org;
      this.capCategory[i] = s.id(c.categoryCode);
      this.capCapacity[i] = c.annualCapacity ?? Number.NaN;
      this.capLeadTime[i] = c.leadTimeDays ?? Number.NaN;
      this.capSiteStart[i] = capSites.length;
      for (const id of c.siteIds) {
        const site = siteOrdinal.get(id);
        if (site !== undefined) capSites.push(site);
      }
      this.capSpecStart[i] = specKey.length;
      for (const spec of c.specs) {
        specKey.push(s.id(spec.key));
        specValue.push(s.id(spec.value));
        specNormKey.push(s.id(normalizeSpecText(spec.key)));
        specNormValue.push(s.id(normalizeSpecText(spec.value)));
      }
      if (capSites.length > this.capSiteStart[i]) {
        const list = categoryLists.get(c.categoryCode) ?? [];
        list.push(i);
        categoryLists.set(c.categoryCode, list);
      }
    });
    this.capSiteStart[nCap] = capSites.length;
    this.capSpecStart[nCap] = specKey.length;
    for (let i = 0; i < nOrg; i += 1) this.orgCapStart[i + 1] += this.orgCapStart[i];
    this.capSites = Int32Array.from(capSites);
    this.specKey = Int32Array.from(specKey);
    this.specValue = Int32Array.from(specValue);
    this.specNormKey = Int32Array.from(specNormKey);
    this.specNormValue = Int32Array.from(specNormValue);
    for (const [code, list] of categoryLists) this.byCategory.set(code, Int32Array.from(list));

    const byType = new Map<string, IndexCertificationRow[]>();
    for (const c of certifications) {
      if (!this.orgOrdinal.has(c.organizationId)) continue;
      const list = byType.get(c.typeCode) ?? [];
      list.push(c);
      byType.set(c.typeCode, list);
    }
    for (const [type, rows] of byType) {
      const org = rows.map((r) => this.orgOrdinal.get(r.organizationId)!);
      const idx = rows.map((_, i) => i).sort((a, b) => org[a] - org[b] || a - b);
      const columns: CertificateColumns = {
        scheme: rows[0].scheme,
        start: new Int32Array(nOrg + 1),
        validFrom: new Int32Array(rows.length),
        validUntil: new Int32Array(rows.length),
        level: new Int32Array(rows.length),
        validFromText: new Int32Array(rows.length),
        validUntilText: new Int32Array(rows.length),
      };
      idx.forEach((from, i) => {
        const r = rows[from];
        columns.start[org[from] + 1] += 1;
        columns.validFrom[i] = dayNumber(r.validFrom);
        columns.validUntil[i] = dayNumber(r.validUntil);
        columns.level[i] = s.optional(r.level);
        columns.validFromText[i] = s.id(r.validFrom);
        columns.validUntilText[i] = s.id(r.validUntil);
      });
      for (let i = 0; i < nOrg; i += 1) columns.start[i + 1] += columns.start[i];
      this.certificates.set(type, columns);
    }
    if (texts) this.text = texts.columns(this.orgOrdinal, nOrg);
  }

  /** Whether this index holds search text (built with it): text relevance can then be computed in process. */
  get hasText(): boolean {
    return this.text !== null;
  }

  /** The relevance concepts compiled against this index's dictionary; null without text. */
  compile(concepts: readonly RelevanceConcept[]): CompiledText | null {
    return this.text ? new CompiledText(concepts, this.text.dictionary) : null;
  }

  /** The concepts' worth (ten-thousandths) for a base organisation. */
  units(compiled: CompiledText, ordinal: number): number {
    const t = this.text!;
    return compiled.unitsOfIds(t.lex, t.lexStart[ordinal], t.lexStart[ordinal + 1], t.strong, t.strongMask, t.strongStart[ordinal], t.strongStart[ordinal + 1]);
  }

  /** The concepts' worth for an organisation by id (overlay or base); null when its text is unknown. */
  unitsOf(compiled: CompiledText, organizationId: string): number | null {
    if (this.overlay.has(organizationId)) {
      if (!this.overlayText.has(organizationId)) return null;
      const text = this.overlayText.get(organizationId);
      return text ? compiled.unitsOfLoose(text) : 0;
    }
    const ordinal = this.orgOrdinal.get(organizationId);
    return ordinal === undefined ? 0 : this.units(compiled, ordinal);
  }

  stats(): IndexStats {
    let certifications = 0;
    for (const c of this.certificates.values()) certifications += c.validFrom.length;
    return { organizations: this.orgIds.length, sites: this.siteIds.length, capabilities: this.capIds.length, certifications, overlay: this.overlay.size };
  }

  /**
   * Replaces an organisation's facts (full profile, as `MatchFactsRepository.supplierFacts(null, …)`
   * reads them; null: gone) and its search text (null: no search row; undefined: not loaded).
   */
  replace(organizationId: string, facts: SupplierFacts | null, text?: LooseText | null): void {
    const ordinal = this.orgOrdinal.get(organizationId);
    if (ordinal !== undefined) this.superseded[ordinal] = 1;
    this.overlay.set(organizationId, facts);
    if (text === undefined) this.overlayText.delete(organizationId);
    else this.overlayText.set(organizationId, text);
  }

  /**
   * An organisation's facts as the reference query reads them: for a requirement, only its
   * category sub-tree's capabilities, the plants they are made at and the required
   * certificate types; without one, the whole profile. Null when unknown.
   */
  facts(organizationId: string, req: RequirementFacts | null): SupplierFacts | null {
    if (this.overlay.has(organizationId)) {
      const facts = this.overlay.get(organizationId) ?? null;
      return facts && req ? restrictTo(facts, req) : facts;
    }
    const ordinal = this.orgOrdinal.get(organizationId);
    return ordinal === undefined ? null : this.materialize(ordinal, req);
  }

  /** Facts of a base organisation (see `facts`). */
  materialize(ordinal: number, req: RequirementFacts | null): SupplierFacts {
    const s = this.strings;
    const capabilities: SupplierCapability[] = [];
    const siteSet = new Set<number>();
    for (let c = this.orgCapStart[ordinal]; c < this.orgCapStart[ordinal + 1]; c += 1) {
      const categoryCode = s.values[this.capCategory[c]];
      if (req && !isCategoryWithin(categoryCode, req.categoryCode)) continue;
      const siteIds: string[] = [];
      for (let k = this.capSiteStart[c]; k < this.capSiteStart[c + 1]; k += 1) {
        siteIds.push(this.siteIds[this.capSites[k]]);
        siteSet.add(this.capSites[k]);
      }
      const specs: Spec[] = [];
      for (let k = this.capSpecStart[c]; k < this.capSpecStart[c + 1]; k += 1) specs.push({ key: s.values[this.specKey[k]], value: s.values[this.specValue[k]] });
      capabilities.push({
        id: this.capIds[c],
        categoryCode,
        annualCapacity: Number.isNaN(this.capCapacity[c]) ? null : this.capCapacity[c],
        leadTimeDays: Number.isNaN(this.capLeadTime[c]) ? null : this.capLeadTime[c],
        siteIds,
        specs,
      });
    }
    const sites = [...siteSet].sort((a, b) => a - b).map((p) => this.site(p));
    const types = req ? req.requiredCertifications.map((c) => c.typeCode) : [...this.certificates.keys()];
    const certifications: HeldCertification[] = [];
    for (const type of new Set(types)) {
      const columns = this.certificates.get(type);
      if (!columns) continue;
      for (let k = columns.start[ordinal]; k < columns.start[ordinal + 1]; k += 1) {
        certifications.push({ typeCode: type, scheme: columns.scheme, level: s.get(columns.level[k]), validFrom: s.values[columns.validFromText[k]], validUntil: s.values[columns.validUntilText[k]] });
      }
    }
    const designation = this.orgDesignation[ordinal];
    return {
      supplierId: this.orgIds[ordinal],
      name: this.orgNames[ordinal],
      designations: designation === 0 ? [] : [DESIGNATION_CODES[designation - 1]],
      capabilities,
      sites,
      certifications,
      textRelevance: 0,
    };
  }

  private site(p: number): SupplierSite {
    const s = this.strings;
    return {
      id: this.siteIds[p],
      name: this.siteNames[p],
      countryCode: s.values[this.siteCountry[p]],
      regionCode: s.get(this.siteRegion[p]),
      regionName: s.get(this.siteRegionName[p]) ?? undefined,
      cityName: s.get(this.siteCityName[p]) ?? undefined,
      lat: this.siteLat[p],
      lon: this.siteLon[p],
      locationApprox: this.siteApprox[p] === 1,
    };
  }

  /** Ids of organisations whose facts the overlay holds (changed since the build). */
  overlayIds(): string[] {
    return [...this.overlay.keys()];
  }

  supplierId(ordinal: number): string {
    return this.orgIds[ordinal];
  }

  /**
   * One pass over the requirement's category sub-tree: the suppliers passing the hard filters
   * (qualification.ts's rule, computed on the columns) and every factor value except text,
   * computed as `scoreMatch` computes them; fit at text relevance 1, its upper bound.
   * Overlay organisations are returned as plain facts for the caller to score.
   */
  candidates(req: RequirementFacts, isEligible: (facts: SupplierFacts) => boolean): CandidateValues {
    const s = this.strings;
    this.stamp += 1;
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const lists = this.subtree(req.categoryCode);
    const sop = dayNumber(req.sopDate);
    const required = req.requiredCertifications.map((r) => ({ r, columns: this.certificates.get(r.typeCode) ?? null, levels: LEVEL_SCHEMES[r.scheme] }));
    // Requirement specs, normalised: key → set of values (specOverlap's `wanted`).
    const wanted = new Map<number, Set<number>>();
    for (const spec of req.specs) {
      const key = normalizeSpecText(spec.key);
      if (key === '') continue;
      const id = s.id(key);
      const values = wanted.get(id) ?? new Set<number>();
      values.add(s.id(normalizeSpecText(spec.value)));
      wanted.set(id, values);
    }
    const tiers = new Map<number, LocalityTier>();
    const delivery = req.delivery;
    const point = { lat: 0, lon: 0 };
    const out = new Builder();
    for (const list of lists) {
      for (let li = 0; li < list.length; li += 1) {
        const org = this.capOrg[list[li]];
        if (this.seen[org] === stamp) continue;
        this.seen[org] = stamp;
        if (this.superseded[org] === 1) continue;
        // Certificates: each required one held, valid on SOP day, at or above the minimum.
        let certSum = 0;
        let certCount = 0;
        let qualified = true;
        for (const { r, columns, levels } of required) {
          let bestRank = -2;
          let bestLevel: string | null = null;
          if (columns) {
            for (let k = columns.start[org]; k < columns.start[org + 1]; k += 1) {
              if (columns.validFrom[k] > sop || sop > columns.validUntil[k]) continue;
              const level = s.get(columns.level[k]);
              const rank = safeRank(r.scheme, level);
              if (bestRank === -2 || rank > bestRank) {
                bestRank = rank;
                bestLevel = level;
              }
            }
          }
          const ok = bestRank !== -2 && meets(r.scheme, bestLevel, r.minLevel);
          if (!ok) {
            qualified = false;
            break;
          }
          if (levels.length === 0) continue;
          const base = r.minLevel == null ? 0 : safeRank(r.scheme, r.minLevel);
          if (base < 0 || base >= levels.length - 1) continue;
          certSum += strengthBeyond(r.scheme, bestLevel, r.minLevel);
          certCount += 1;
        }
        if (!qualified) continue;
        // Qualifying capabilities (sub-tree, with a plant), their plants, and the chosen plant.
        let bestSite = -1;
        let bestTier = 0;
        let bestKm = 0;
        const offered = wanted.size > 0 ? new Map<number, Set<number>>() : null;
        for (let c = this.orgCapStart[org]; c < this.orgCapStart[org + 1]; c += 1) {
          if (this.capSiteStart[c] === this.capSiteStart[c + 1]) continue;
          if (!isCategoryWithin(s.values[this.capCategory[c]], req.categoryCode)) continue;
          if (offered) {
            for (let k = this.capSpecStart[c]; k < this.capSpecStart[c + 1]; k += 1) {
              const values = offered.get(this.specNormKey[k]) ?? new Set<number>();
              values.add(this.specNormValue[k]);
              offered.set(this.specNormKey[k], values);
            }
          }
          for (let k = this.capSiteStart[c]; k < this.capSiteStart[c + 1]; k += 1) {
            const p = this.capSites[k];
            const placeKey = this.siteCountry[p] * 0x100000 + this.siteRegion[p] + 1;
            let tier = tiers.get(placeKey);
            if (tier === undefined) {
              tier = localityTier(delivery, { countryCode: s.values[this.siteCountry[p]], regionCode: s.get(this.siteRegion[p]) }).tier;
              tiers.set(placeKey, tier);
            }
            const tierIndex = TIER_ORDER.indexOf(tier);
            point.lat = this.siteLat[p];
            point.lon = this.siteLon[p];
            const km = greatCircleKm(delivery, point);
            if (bestSite < 0 || tierIndex < bestTier || (tierIndex === bestTier && (km < bestKm || (km === bestKm && this.siteIds[p] < this.siteIds[bestSite])))) {
              bestSite = p;
              bestTier = tierIndex;
              bestKm = km;
            }
          }
        }
        if (bestSite < 0) continue;
        // Capacity of the qualifying capability at the chosen plant with the largest stated capacity.
        let capacity: number | null = null;
        let found = false;
        for (let c = this.orgCapStart[org]; c < this.orgCapStart[org + 1]; c += 1) {
          if (!isCategoryWithin(s.values[this.capCategory[c]], req.categoryCode)) continue;
          let atSite = false;
          for (let k = this.capSiteStart[c]; k < this.capSiteStart[c + 1]; k += 1) if (this.capSites[k] === bestSite) atSite = true;
          if (!atSite) continue;
          const stated = Number.isNaN(this.capCapacity[c]) ? null : this.capCapacity[c];
          if (!found || (stated ?? -1) > (capacity ?? -1)) {
            capacity = stated;
            found = true;
          }
        }
        let specShare: number | null = null;
        if (offered) {
          let matched = 0;
          let keyOnly = 0;
          for (const [key, values] of wanted) {
            const has = offered.get(key);
            if (has == null) continue;
            if ([...values].some((v) => has.has(v))) matched += 1;
            else keyOnly += 1;
          }
          specShare = (matched + 0.5 * keyOnly) / wanted.size;
        }
        const designation = this.orgDesignation[org];
        out.push(
          org,
          fitValue(1, specShare),
          specShare ?? Number.NaN,
          localityValue(TIER_ORDER[bestTier], bestKm),
          certCount === 0 ? NEUTRAL_CERTIFICATION_STRENGTH : certSum / certCount,
          capacityValue(capacity, req.annualVolume),
          designation === 0 ? 0 : DESIGNATION_VALUES[DESIGNATION_CODES[designation - 1]],
        );
      }
    }
    const overlay: SupplierFacts[] = [];
    for (const facts of this.overlay.values()) {
      if (!facts) continue;
      const restricted = restrictTo(facts, req);
      if (isEligible(restricted)) overlay.push(restricted);
    }
    return { ...out.finish(), overlay };
  }

  private subtree(code: string): Int32Array[] {
    let lists = this.subtrees.get(code);
    if (!lists) {
      lists = [...this.byCategory].filter(([category]) => isCategoryWithin(category, code)).map(([, list]) => list);
      this.subtrees.set(code, lists);
    }
    return lists;
  }
}

/** Growable candidate columns. */
class Builder {
  private n = 0;
  private cap = 1024;
  private ordinals = new Int32Array(this.cap);
  private cols = [0, 1, 2, 3, 4, 5].map(() => new Float64Array(this.cap));
  push(org: number, ...values: number[]): void {
    if (this.n === this.cap) {
      this.cap *= 2;
      const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T) => {
        const b = make(this.cap);
        b.set(a);
        return b;
      };
      this.ordinals = grow(this.ordinals, (n) => new Int32Array(n));
      this.cols = this.cols.map((c) => grow(c, (n) => new Float64Array(n)));
    }
    this.ordinals[this.n] = org;
    values.forEach((v, i) => (this.cols[i][this.n] = v));
    this.n += 1;
  }
  finish(): Omit<CandidateValues, 'overlay'> {
    const [fitBound, specShare, locality, certification, capacity, designation] = this.cols.map((c) => c.slice(0, this.n));
    return { ordinals: this.ordinals.slice(0, this.n), fitBound, specShare, locality, certification, capacity, designation };
  }
}

/** One organisation's search text as packed while reading: provisional lexeme ids (the order first seen), strong ids with their masks. */
interface PackedText {
  lex: Int32Array;
  strong: Int32Array;
  masks: Uint8Array;
}

/**
 * The organisations' search texts, packed as they are read (a chunk of rows at a time, so the
 * rows' strings are garbage once their chunk is packed): each lexeme interned once, each text
 * kept as typed arrays of provisional ids. `columns` then numbers the dictionary in sorted order
 * (a prefix is a range of ids) and lays the texts out per organisation ordinal, sorted.
 */
export class TextPacker {
  /** Lexemes numbered in the order first seen (provisional ids). */
  private readonly provisional = new Strings();
  private readonly texts = new Map<string, PackedText>();

  add(row: IndexTextRow): void {
    const lex = new Int32Array(row.lexemes.length);
    for (let i = 0; i < lex.length; i += 1) lex[i] = this.provisional.id(row.lexemes[i]);
    const strong = new Int32Array(row.strong.length);
    for (let i = 0; i < strong.length; i += 1) strong[i] = this.provisional.id(row.strong[i]);
    this.texts.set(row.id, { lex, strong, masks: Uint8Array.from(row.masks) });
  }

  /** The packed texts of the organisations numbered by `ordinals` (texts of others are left out). */
  columns(ordinals: ReadonlyMap<string, number>, nOrg: number): TextColumns {
    const byOrg: (PackedText | undefined)[] = new Array(nOrg);
    let lexCount = 0;
    let strongCount = 0;
    for (const [id, text] of this.texts) {
      const ordinal = ordinals.get(id);
      if (ordinal === undefined) continue;
      byOrg[ordinal] = text;
      lexCount += text.lex.length;
      strongCount += text.strong.length;
    }
    const dictionary = [...this.provisional.values].sort();
    const remap = new Int32Array(dictionary.length);
    dictionary.forEach((value, id) => (remap[this.provisional.id(value)] = id));
    const lexStart = new Int32Array(nOrg + 1);
    const lex = new Int32Array(lexCount);
    const strongStart = new Int32Array(nOrg + 1);
    const strong = new Int32Array(strongCount);
    const strongMask = new Uint8Array(strongCount);
    let l = 0;
    let k = 0;
    for (let o = 0; o < nOrg; o += 1) {
      const text = byOrg[o];
      lexStart[o] = l;
      strongStart[o] = k;
      if (!text) continue;
      for (const id of text.lex) lex[l++] = remap[id];
      lex.subarray(lexStart[o], l).sort();
      // Strong ids sorted with their masks.
      const order = Array.from(text.strong, (_, i) => i).sort((a, b) => remap[text.strong[a]] - remap[text.strong[b]]);
      for (const i of order) {
        strong[k] = remap[text.strong[i]];
        strongMask[k] = text.masks[i];
        k += 1;
      }
    }
    lexStart[nOrg] = l;
    strongStart[nOrg] = k;
    return { dictionary, lexStart, lex, strongStart, strong, strongMask };
  }
}

function bestDesignation(designations: readonly string[]): number {
  let best = 0;
  for (const d of designations) {
    const code = DESIGNATION_CODES.indexOf(d as (typeof DESIGNATION_CODES)[number]) + 1;
    if (code > 0 && (best === 0 || DESIGNATION_VALUES[DESIGNATION_CODES[code - 1]] > DESIGNATION_VALUES[DESIGNATION_CODES[best - 1]])) best = code;
  }
  return best;
}

/** A full profile cut to what the reference query reads for one requirement (see `MatchIndex.facts`). */
function restrictTo(facts: SupplierFacts, req: RequirementFacts): SupplierFacts {
  const capabilities = facts.capabilities.filter((c) => isCategoryWithin(c.categoryCode, req.categoryCode));
  const siteIds = new Set(capabilities.flatMap((c) => c.siteIds));
  const types = new Set(req.requiredCertifications.map((c) => c.typeCode));
  return {
    ...facts,
    capabilities,
    sites: facts.sites.filter((p) => siteIds.has(p.id)),
    certifications: facts.certifications.filter((c) => types.has(c.typeCode)),
  };
}

/** Keeps `Place` in the module's public vocabulary for callers building delivery places. */
export type { Place };
