/**
 * One row of a supplier import file, checked on its own (pure: reference data is passed in).
 * A row names a supplier (by credit code), one of its plants, and optionally a capability
 * made there and a certificate the supplier holds.
 */
import { creditCodeProblem, describeCreditCodeProblem } from '../../organizations/credit-code.js';
import { isLevelOf, LEVEL_SCHEMES, type LevelScheme } from '../../taxonomy/certification-levels.js';
import { isAcceptedLocalDate } from '../../common/local-date.scalar.js';
import { EARLIEST_DATE, LATEST_DATE } from '../../common/text-policy.js';

export const IMPORT_COLUMNS = [
  'credit_code', 'legal_name', 'name_en', 'plant_name', 'region_code', 'country_code', 'lat', 'lon', 'address',
  'category_code', 'capability_description', 'products', 'annual_capacity', 'lead_time_days',
  'cert_type', 'cert_level', 'cert_number', 'cert_issuer', 'cert_valid_from', 'cert_valid_until',
] as const;
export const REQUIRED_COLUMNS = ['credit_code', 'legal_name', 'plant_name'] as const;
/** Columns where the text policy allows tabs and line breaks. */
export const IMPORT_FREE_TEXT_COLUMNS = ['address', 'capability_description'] as const;

export interface ImportReference {
  /** Region codes a plant may have (leaves: counties, and cities without counties). */
  leafRegions: Set<string>;
  categories: Set<string>;
  certificationSchemes: Map<string, LevelScheme>;
}

export interface ImportRow {
  line: number;
  creditCode: string;
  legalName: string;
  nameEn: string | null;
  plantName: string;
  regionCode: string | null;
  countryCode: string;
  lat: number | null;
  lon: number | null;
  address: string;
  capability: { categoryCode: string; description: string; products: string[]; annualCapacity: number | null; leadTimeDays: number | null } | null;
  certification: { typeCode: string; level: string | null; number: string; issuer: string; validFrom: string; validUntil: string } | null;
}

export interface RowProblem {
  line: number;
  column: string;
  message: string;
}

const DATE_MESSAGE = `must be a date YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`;

type Raw = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;

export function parseImportRow(raw: Raw, line: number, ref: ImportReference): { row: ImportRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const get = (column: (typeof IMPORT_COLUMNS)[number]) => (raw[column] ?? '').trim();
  const fail = (column: string, message: string) => problems.push({ line, column, message });
  const optionalNumber = (column: (typeof IMPORT_COLUMNS)[number], integer: boolean, min: number, max: number): number | null => {
    const text = get(column);
    if (text === '') return null;
    const value = Number(text);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      fail(column, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
      return null;
    }
    return value;
  };

  const creditCode = get('credit_code').toUpperCase();
  const codeProblem = creditCodeProblem(creditCode);
  if (codeProblem) fail('credit_code', describeCreditCodeProblem(codeProblem));
  const legalName = get('legal_name');
  if (legalName.length < 2 || legalName.length > 200) fail('legal_name', 'must have 2 to 200 characters');
  const plantName = get('plant_name');
  if (plantName.length < 1 || plantName.length > 200) fail('plant_name', 'must have 1 to 200 characters');

  const countryCode = (get('country_code') || 'CN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) fail('country_code', 'must be an ISO 3166-1 alpha-2 code');
  const regionCode = get('region_code') || null;
  const lat = optionalNumber('lat', false, -90, 90);
  const lon = optionalNumber('lon', false, -180, 180);
  if (countryCode === 'CN') {
    if (!regionCode) fail('region_code', 'a plant in China needs a county-level region code');
    else if (!ref.leafRegions.has(regionCode)) fail('region_code', `${regionCode} is not a county-level GB/T 2260 code`);
  } else {
    if (regionCode) fail('region_code', 'a plant abroad has no GB/T 2260 code');
    if (lat === null || lon === null) fail('lat', 'a plant abroad needs lat and lon');
  }
  if ((lat === null) !== (lon === null)) fail(lat === null ? 'lat' : 'lon', 'give both lat and lon, or neither');

  let capability: ImportRow['capability'] = null;
  const categoryCode = get('category_code');
  if (categoryCode) {
    if (!ref.categories.has(categoryCode)) fail('category_code', `unknown part category ${categoryCode}`);
    const products = get('products') ? get('products').split(/[;；]/).map((p) => p.trim()).filter(Boolean) : [];
    capability = {
      categoryCode,
      description: get('capability_description'),
      products,
      annualCapacity: optionalNumber('annual_capacity', true, 1, 1_000_000_000),
      leadTimeDays: optionalNumber('lead_time_days', true, 0, 3650),
    };
  } else if (get('capability_description') || get('products') || get('annual_capacity')) {
    fail('category_code', 'a capability needs a category');
  }

  let certification: ImportRow['certification'] = null;
  const typeCode = get('cert_type');
  if (typeCode) {
    const scheme = ref.certificationSchemes.get(typeCode);
    const level = get('cert_level') || null;
    if (!scheme) fail('cert_type', `unknown certification type ${typeCode}`);
    else if (!isLevelOf(scheme, level)) fail('cert_level', scheme === 'HELD' ? `${typeCode} has no levels` : `${typeCode} needs a level: ${LEVEL_SCHEMES[scheme].join(', ')}`);
    const number = get('cert_number');
    if (!number) fail('cert_number', 'a certificate needs its number');
    const validFrom = get('cert_valid_from');
    const validUntil = get('cert_valid_until');
    if (!isAcceptedLocalDate(validFrom)) fail('cert_valid_from', DATE_MESSAGE);
    if (!isAcceptedLocalDate(validUntil)) fail('cert_valid_until', DATE_MESSAGE);
    else if (isAcceptedLocalDate(validFrom) && validFrom > validUntil) fail('cert_valid_until', 'must not be before cert_valid_from');
    certification = { typeCode, level, number, issuer: get('cert_issuer'), validFrom, validUntil };
  }

  if (problems.length > 0) return { problems };
  return {
    row: { line, creditCode, legalName, nameEn: get('name_en') || null, plantName, regionCode: countryCode === 'CN' ? regionCode : null, countryCode, lat, lon, address: get('address'), capability, certification },
  };
}
