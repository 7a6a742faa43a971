/**
 * The search documents and how they are built from database rows: pure functions, no
 * database. A supplier document aggregates an organisation of kind SUPPLIER with its
 * capabilities, its certificates valid on the given day and its plants; a requirement
 * document is one requirement with its delivery plant's region.
 */
import { LEVEL_SCHEMES, levelRank, type LevelScheme } from '../taxonomy/certification-levels.js';
import { CERTIFICATION_TYPES } from '../taxonomy/taxonomy.data.js';
import { cityOf, provinceOf } from '../locality/region-codes.js';

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface SupplierDocument {
  /** The supplier organisation's id. */
  id: string;
  name: string;
  nameEn: string | null;
  designations: string[];
  verified: boolean;
  /** Categories of the capabilities, as held. */
  categoryCodes: string[];
  /** The same with every ancestor (CHASSIS for CHASSIS.BRAKE_BY_WIRE): subtree filters and facets. */
  categoryPaths: string[];
  /** Chinese and English names of the capabilities' categories. */
  categoryNames: string[];
  /**
   * Names of the ancestors of those categories not held themselves (a brake-by-wire maker
   * carries 线控底盘 / By-wire chassis), so that a query naming a category or focus area
   * reaches every profile of its subtree; searched, but ranked below the categories held.
   */
  parentCategoryNames: string[];
  descriptions: string[];
  products: string[];
  /** "key: value" per spec line. */
  specs: string[];
  /** Types of the certificates valid on the build day. */
  certificationTypes: string[];
  /**
   * The same as searchable text, with the best level held: "ISO 26262 (GB/T 34590) 功能安全
   * ASIL D", "AEC-Q100 集成电路车规认证 Grade 1", so that a query such as "ASIL D" finds them.
   */
  certificationNames: string[];
  /**
   * `TYPE:rank` for every rank from 0 up to the best valid certificate's level (levelRank), so
   * that "type with at least level L" is one equality test: `ISO_26262:3` means ASIL C or better.
   */
  certificationKeys: string[];
  /** Region codes of the plants at county, city and province level. */
  regionCodes: string[];
  cityCodes: string[];
  provinceCodes: string[];
  /** The plants, with coordinates. */
  plants: { siteId: string; name: string; regionCode: string | null; location: GeoPoint }[];
  /** The first plant's coordinates (by name), or null without plants. */
  location: GeoPoint | null;
}

export interface RequirementDocument {
  id: string;
  organizationId: string;
  title: string;
  description: string;
  specs: string[];
  categoryCode: string;
  categoryPaths: string[];
  categoryNames: string[];
  /** Names of the category's ancestors (see SupplierDocument). */
  parentCategoryNames: string[];
  status: string;
  /** The delivery plant's own (county-level) region code; null abroad. */
  deliveryRegionCode: string | null;
  /** The delivery plant's region codes at county, city and province level. */
  regionCodes: string[];
  cityCodes: string[];
  provinceCodes: string[];
  /** ISO date (YYYY-MM-DD). */
  sopDate: string;
  location: GeoPoint;
}

export interface CategoryRef {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

export interface SpecRow {
  key: string;
  value: string;
}

export interface SupplierRows {
  organization: { id: string; legalName: string; nameEn: string | null; designations: string[]; verified: boolean };
  capabilities: { categoryCode: string; description: string; products: string[]; specs: SpecRow[] }[];
  /** Certificates valid on the build day, with their type's level scheme. */
  certifications: { typeCode: string; level: string | null; levelScheme: LevelScheme }[];
  sites: { id: string; name: string; regionCode: string | null; lat: number; lon: number }[];
}

export interface RequirementRow {
  id: string;
  organizationId: string;
  title: string;
  description: string;
  specs: SpecRow[];
  categoryCode: string;
  status: string;
  sopDate: string;
  site: { regionCode: string | null; lat: number; lon: number };
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** A category code and all its ancestors, root first; unknown codes stand alone. */
export function categoryPath(code: string, categories: ReadonlyMap<string, CategoryRef>): string[] {
  const path: string[] = [];
  const seen = new Set<string>();
  for (let current: string | null = code; current !== null && !seen.has(current); current = categories.get(current)?.parentCode ?? null) {
    seen.add(current);
    path.unshift(current);
  }
  return path;
}

/** County, city and province codes of the given (county-level) region codes. */
export function regionLevels(codes: Iterable<string | null>): { regionCodes: string[]; cityCodes: string[]; provinceCodes: string[] } {
  const counties = new Set<string>();
  const cities = new Set<string>();
  const provinces = new Set<string>();
  for (const code of codes) {
    if (!code) continue;
    counties.add(code);
    const city = cityOf(code);
    if (city) cities.add(city);
    provinces.add(provinceOf(code));
  }
  return { regionCodes: sorted([...counties, ...cities, ...provinces]), cityCodes: sorted(cities), provinceCodes: sorted(provinces) };
}

function specLines(specs: readonly SpecRow[]): string[] {
  return specs.map((s) => `${s.key}: ${s.value}`);
}

function categoryNames(codes: Iterable<string>, categories: ReadonlyMap<string, CategoryRef>): string[] {
  const names: string[] = [];
  for (const code of codes) {
    const category = categories.get(code);
    if (category) names.push(category.nameZh, category.nameEn);
  }
  return [...new Set(names)];
}

/** Names of the ancestors of `codes` that are not among `codes`, nearest first. */
function parentNames(codes: readonly string[], categories: ReadonlyMap<string, CategoryRef>): string[] {
  const held = new Set(codes);
  const names = categoryNames(codes.flatMap((code) => categoryPath(code, categories).reverse().filter((c) => !held.has(c))), categories);
  const own = new Set(categoryNames(codes, categories));
  return names.filter((n) => !own.has(n));
}

/** The best rank held per certification type, as `TYPE:0` … `TYPE:best` keys. */
export function certificationKeys(certifications: SupplierRows['certifications']): { types: string[]; keys: string[] } {
  const best = new Map<string, number>();
  for (const cert of certifications) {
    let rank = 0;
    if (cert.levelScheme !== 'HELD' && cert.level !== null && LEVEL_SCHEMES[cert.levelScheme].includes(cert.level)) {
      rank = levelRank(cert.levelScheme, cert.level);
    }
    best.set(cert.typeCode, Math.max(rank, best.get(cert.typeCode) ?? 0));
  }
  const keys: string[] = [];
  for (const [type, rank] of best) for (let r = 0; r <= rank; r++) keys.push(`${type}:${r}`);
  return { types: sorted(best.keys()), keys: sorted(keys) };
}

const CERTIFICATION_NAMES = new Map(CERTIFICATION_TYPES.map((t) => [t.code, [t.name, t.nameZh ?? ''].join(' ').trim()]));

/** A level as written on a certificate: ASIL D (QM alone), Grade 1, Level 2. */
export function levelLabel(scheme: LevelScheme, level: string): string {
  if (scheme === 'ASIL') return level === 'QM' ? 'QM' : `ASIL ${level}`;
  if (scheme === 'AEC_GRADE') return `Grade ${level}`;
  return `Level ${level}`;
}

/** Each valid certification type once, with the best level held, as searchable text. */
export function certificationNames(certifications: SupplierRows['certifications']): string[] {
  const best = new Map<string, { scheme: LevelScheme; level: string | null; rank: number }>();
  for (const cert of certifications) {
    const valid = cert.levelScheme !== 'HELD' && cert.level !== null && LEVEL_SCHEMES[cert.levelScheme].includes(cert.level);
    const rank = valid ? levelRank(cert.levelScheme, cert.level) : -1;
    const known = best.get(cert.typeCode);
    if (!known || rank > known.rank) best.set(cert.typeCode, { scheme: cert.levelScheme, level: valid ? cert.level : null, rank });
  }
  return [...best.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, { scheme, level }]) => {
      const name = CERTIFICATION_NAMES.get(type) ?? type.replace(/_/g, ' ');
      return level === null ? name : `${name} ${levelLabel(scheme, level)}`;
    });
}

export function buildSupplierDocument(rows: SupplierRows, categories: ReadonlyMap<string, CategoryRef>): SupplierDocument {
  const { organization, capabilities, sites } = rows;
  const categoryCodes = sorted(capabilities.map((c) => c.categoryCode));
  const plants = [...sites]
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((s) => ({ siteId: s.id, name: s.name, regionCode: s.regionCode, location: { lat: s.lat, lng: s.lon } }));
  const certs = certificationKeys(rows.certifications);
  return {
    id: organization.id,
    name: organization.legalName,
    nameEn: organization.nameEn,
    designations: sorted(organization.designations),
    verified: organization.verified,
    categoryCodes,
    categoryPaths: sorted(categoryCodes.flatMap((code) => categoryPath(code, categories))),
    categoryNames: categoryNames(categoryCodes, categories),
    parentCategoryNames: parentNames(categoryCodes, categories),
    descriptions: capabilities.map((c) => c.description).filter((d) => d.trim() !== ''),
    products: [...new Set(capabilities.flatMap((c) => c.products))],
    specs: capabilities.flatMap((c) => specLines(c.specs)),
    certificationTypes: certs.types,
    certificationNames: certificationNames(rows.certifications),
    certificationKeys: certs.keys,
    ...regionLevels(sites.map((s) => s.regionCode)),
    plants,
    location: plants[0]?.location ?? null,
  };
}

export function buildRequirementDocument(row: RequirementRow, categories: ReadonlyMap<string, CategoryRef>): RequirementDocument {
  return {
    id: row.id,
    organizationId: row.organizationId,
    title: row.title,
    description: row.description,
    specs: specLines(row.specs),
    categoryCode: row.categoryCode,
    categoryPaths: categoryPath(row.categoryCode, categories),
    categoryNames: categoryNames([row.categoryCode], categories),
    parentCategoryNames: parentNames([row.categoryCode], categories),
    status: row.status,
    deliveryRegionCode: row.site.regionCode,
    ...regionLevels([row.site.regionCode]),
    sopDate: row.sopDate,
    location: { lat: row.site.lat, lng: row.site.lon },
  };
}
