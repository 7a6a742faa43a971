/**
 * The locality snapshot a contract keeps from the day it is signed: where the buyer plant and
 * the supplying plant were, whether they share a county, city or province, and how far apart
 * they are. The local-sourcing rate is judged from it, never from today's plant data. Pure:
 * the same tiers as matching (`localityTier`, `greatCircleKm`), so "same city" means the same
 * thing in a match and in a contract.
 */
import { greatCircleKm } from './distance.js';
import { localityTier, type LocalityTier } from './locality-tier.js';

export interface PlantPlace {
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  /** County-level GB/T 2260 code; null abroad. */
  regionCode: string | null;
  lat: number;
  lon: number;
}

export interface LocalitySnapshot {
  buyerRegionCode: string;
  supplierRegionCode: string | null;
  supplierCountryCode: string;
  sameCounty: boolean;
  sameCity: boolean;
  sameProvince: boolean;
  /** Great-circle distance between the two plants, km, to the metre. */
  distanceKm: number;
}

const FLAGS: Readonly<Record<LocalityTier, Pick<LocalitySnapshot, 'sameCounty' | 'sameCity' | 'sameProvince'>>> = {
  SAME_COUNTY: { sameCounty: true, sameCity: true, sameProvince: true },
  SAME_CITY: { sameCounty: false, sameCity: true, sameProvince: true },
  SAME_PROVINCE: { sameCounty: false, sameCity: false, sameProvince: true },
  YRD_NEIGHBOUR: { sameCounty: false, sameCity: false, sameProvince: false },
  CHINA: { sameCounty: false, sameCity: false, sameProvince: false },
  ABROAD: { sameCounty: false, sameCity: false, sameProvince: false },
};

/** Contracts are counted for buyer plants in China, by their region code. */
export function hasChineseRegion(place: PlantPlace): place is PlantPlace & { regionCode: string } {
  return place.countryCode.toUpperCase() === 'CN' && place.regionCode !== null;
}

/**
 * The snapshot for a buyer plant (which must be in China: the rate is counted by its region)
 * and a supplying plant anywhere. Throws RangeError for a buyer plant abroad.
 */
export function localitySnapshot(buyer: PlantPlace, supplier: PlantPlace): LocalitySnapshot {
  if (!hasChineseRegion(buyer)) throw new RangeError('the buyer plant of a contract must be in China, with a region code');
  const { tier } = localityTier(buyer, supplier);
  const supplierInChina = supplier.countryCode.toUpperCase() === 'CN';
  return {
    buyerRegionCode: buyer.regionCode,
    supplierRegionCode: supplierInChina ? supplier.regionCode : null,
    supplierCountryCode: supplier.countryCode.toUpperCase(),
    ...FLAGS[tier],
    distanceKm: Math.round(greatCircleKm(buyer, supplier) * 1000) / 1000,
  };
}

