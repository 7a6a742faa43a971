/**
 * What "local" means, defined once: the tier of a supplier plant relative to a buyer (delivery)
 * plant, from country and GB/T 2260 region codes alone. Matching scores by it, a contract's
 * locality snapshot records it at signing, the local-sourcing rate counts by it, and the seed
 * generator draws by it. Pure: no Nest, no TypeORM.
 *
 *   SAME_COUNTY    the same county-level unit
 *   SAME_CITY      the same city unit (see `cityUnitOf`), another or an unknown county
 *   SAME_PROVINCE  the same province, another city unit (or the city unknown)
 *   YRD_NEIGHBOUR  both in the Yangtze River Delta (Shanghai, Jiangsu, Zhejiang, Anhui), different provinces
 *   CHINA          elsewhere in China, or a region code unknown or malformed
 *   ABROAD         either plant outside China
 *
 * The provincial local-sourcing rate counts SAME_COUNTY, SAME_CITY and SAME_PROVINCE as local.
 */
import { cityOf, codeLevel, isRegionCode, provinceOf } from './region-codes.js';

export interface Place {
  /** ISO 3166-1 alpha-2, e.g. `CN`. */
  countryCode: string;
  /** GB/T 2260 code at the finest level known (county, else city, else province); null outside China or unknown. */
  regionCode: string | null;
  /** Name of the region of `regionCode`, e.g. 北仑区. */
  regionName?: string;
  /** Name of the city containing it, e.g. 宁波市. */
  cityName?: string;
  lat: number;
  lon: number;
  /** True when lat/lon is the region's centroid, not the plant's own location. */
  locationApprox: boolean;
}

export type LocalityTier = 'SAME_COUNTY' | 'SAME_CITY' | 'SAME_PROVINCE' | 'YRD_NEIGHBOUR' | 'CHINA' | 'ABROAD';

/** Each tier's headline value in matching's locality factor (README.md, "Matching: how suppliers are ranked"). */
export const TIER_VALUES: Readonly<Record<LocalityTier, number>> = Object.freeze({
  SAME_COUNTY: 1.0,
  SAME_CITY: 0.85,
  SAME_PROVINCE: 0.7,
  YRD_NEIGHBOUR: 0.4,
  CHINA: 0.2,
  ABROAD: 0,
});

/** Best first. */
export const TIER_ORDER: readonly LocalityTier[] = ['SAME_COUNTY', 'SAME_CITY', 'SAME_PROVINCE', 'YRD_NEIGHBOUR', 'CHINA', 'ABROAD'];

/** Tiers that count as local for the provincial local-sourcing rate (supplier plant in the buyer plant's province). */
export const PROVINCIALLY_LOCAL_TIERS: readonly LocalityTier[] = ['SAME_COUNTY', 'SAME_CITY', 'SAME_PROVINCE'];

/** Does a plant of this tier count as local for the provincial rate? An unknown tier (null) does not. */
export function isProvinciallyLocal(tier: LocalityTier | null): boolean {
  return tier !== null && PROVINCIALLY_LOCAL_TIERS.includes(tier);
}

/** Yangtze River Delta: Shanghai, Jiangsu, Zhejiang, Anhui. */
const YRD_PROVINCES = new Set(['310000', '320000', '330000', '340000']);
/** Province-level municipalities: the whole municipality is one city. */
const MUNICIPALITIES = new Set(['110000', '120000', '310000', '500000']);
/** Prefecture-level cities with no county-level division (东莞, 中山, 儋州, 嘉峪关): the city is its own county. */
const CITIES_WITHOUT_COUNTIES = new Set(['441900', '442000', '460400', '620200']);

/**
 * The city-level unit a code lies in, or null when only the province is known.
 * Municipalities (11, 12, 31, 50) are one city whatever their second pair of digits (3101xx,
 * 3102xx); a county-level unit administered directly by its province (`xx90xx`, e.g. 429004
 * 仙桃, 429005 潜江) is its own city, so two of them are not "the same city".
 */
export function cityUnitOf(code: string): string | null {
  const province = provinceOf(code);
  if (MUNICIPALITIES.has(province)) return province;
  if (code.slice(2, 4) === '90') return code;
  return cityOf(code);
}

/** Is the code a county-level unit, so that two equal codes mean "same county"? */
export function isCountyUnit(code: string): boolean {
  return codeLevel(code) === 'COUNTY' || CITIES_WITHOUT_COUNTIES.has(code);
}

export interface TierValue {
  tier: LocalityTier;
  /** The tier's headline value (TIER_VALUES), before distance. */
  value: number;
}

/** A place as far as the tier is concerned. */
export type TierPlace = Pick<Place, 'countryCode' | 'regionCode'>;

/**
 * Tier of a supplier site relative to the delivery plant, from region codes alone.
 * ABROAD when either place is outside China (or the countries differ). Within China, an
 * unknown or malformed region code can only be CHINA. Equal city-level codes are SAME_CITY
 * (the county is unknown), except for cities that have no counties.
 */
export function localityTier(delivery: TierPlace, site: TierPlace): TierValue {
  const tier = tierOf(delivery, site);
  return { tier, value: TIER_VALUES[tier] };
}

function tierOf(delivery: TierPlace, site: TierPlace): LocalityTier {
  if (delivery.countryCode.toUpperCase() !== 'CN' || site.countryCode.toUpperCase() !== 'CN') return 'ABROAD';
  const d = delivery.regionCode;
  const s = site.regionCode;
  if (d == null || s == null || !isRegionCode(d) || !isRegionCode(s)) return 'CHINA';
  const dProvince = provinceOf(d);
  const sProvince = provinceOf(s);
  if (dProvince !== sProvince) return YRD_PROVINCES.has(dProvince) && YRD_PROVINCES.has(sProvince) ? 'YRD_NEIGHBOUR' : 'CHINA';
  const dCity = cityUnitOf(d);
  const sCity = cityUnitOf(s);
  if (dCity == null || sCity == null || dCity !== sCity) return 'SAME_PROVINCE';
  if (d === s && isCountyUnit(d)) return 'SAME_COUNTY';
  return 'SAME_CITY';
}
