/**
 * One row of a buyer's contract import file, checked on its own (pure). The row becomes the
 * same input as `recordContract`; what needs the database (the buyer's plant by name, the
 * supplier, the region, the category) is checked when it is recorded.
 */
import { Decimal } from 'decimal.js';
import { creditCodeProblem, describeCreditCodeProblem } from '../../organizations/credit-code.js';
import { isAcceptedLocalDate } from '../../common/local-date.scalar.js';
import { EARLIEST_DATE, LATEST_DATE } from '../../common/text-policy.js';
import { ContractStatus } from '../contract.entity.js';
import { CATEGORY_CODE_PATTERN } from '../../taxonomy/category-code.js';
import { isRegionCode } from '../../locality/region-codes.js';

export const CONTRACT_IMPORT_COLUMNS = [
  'reference', 'buyer_plant', 'supplier_credit_code', 'supplier_name',
  'supplier_plant', 'supplier_region_code', 'supplier_country_code', 'supplier_lat', 'supplier_lon', 'supplier_address',
  'category_code', 'total_value', 'volume', 'unit_price', 'signed_date', 'start_date', 'end_date',
  'status', 'delivered_value', 'termination_reason',
] as const;
export type ContractImportColumn = (typeof CONTRACT_IMPORT_COLUMNS)[number];
/** Columns where the text policy allows tabs and line breaks. */
export const CONTRACT_FREE_TEXT_COLUMNS: readonly ContractImportColumn[] = ['supplier_address', 'termination_reason'];

export const CONTRACT_REQUIRED_COLUMNS: readonly ContractImportColumn[] = [
  'reference', 'buyer_plant', 'supplier_credit_code', 'supplier_plant', 'category_code', 'total_value', 'volume', 'signed_date',
];

/** Where a field of `recordContract`'s input comes from in the file: to name the column of a row's error. */
export const COLUMN_OF_FIELD: Readonly<Record<string, ContractImportColumn>> = {
  'input.buyerReference': 'reference',
  'input.buyerSiteId': 'buyer_plant',
  'input.supplier.creditCode': 'supplier_credit_code',
  'input.supplier.legalName': 'supplier_name',
  'input.supplier.plant.name': 'supplier_plant',
  'input.supplier.plant.regionCode': 'supplier_region_code',
  'input.supplier.plant.countryCode': 'supplier_country_code',
  'input.supplier.plant.lat': 'supplier_lat',
  'input.supplier.plant.lon': 'supplier_lon',
  'input.categoryCode': 'category_code',
  'input.totalValue': 'total_value',
  'input.volume': 'volume',
  'input.unitPrice': 'unit_price',
  'input.signedDate': 'signed_date',
  'input.startDate': 'start_date',
  'input.endDate': 'end_date',
  'input.status': 'status',
  'input.deliveredValue': 'delivered_value',
  'input.terminationReason': 'termination_reason',
};

export interface ContractImportRow {
  line: number;
  reference: string;
  /** The buyer's plant, by name or id. */
  buyerPlant: string;
  supplier: {
    creditCode: string;
    legalName: string | null;
    plant: { name: string; countryCode: string; regionCode: string | null; lat: number | null; lon: number | null; address: string };
  };
  categoryCode: string;
  totalValue: Decimal;
  volume: number;
  unitPrice: Decimal | null;
  signedDate: string;
  startDate: string | null;
  endDate: string | null;
  status: ContractStatus;
  deliveredValue: Decimal | null;
  terminationReason: string | null;
}

export interface ContractRowProblem {
  line: number;
  column: string;
  message: string;
}

const DECIMAL = /^\d{1,18}(\.\d{1,6})?$/;

export function parseContractRow(raw: Partial<Record<ContractImportColumn, string>>, line: number): { row: ContractImportRow } | { problems: ContractRowProblem[] } {
  const problems: ContractRowProblem[] = [];
  const get = (column: ContractImportColumn) => (raw[column] ?? '').trim();
  const fail = (column: ContractImportColumn, message: string) => problems.push({ line, column, message });
  const text = (column: ContractImportColumn, min: number, max: number): string => {
    const value = get(column);
    if (value.length < min || value.length > max) fail(column, min > 0 ? `must have ${min} to ${max} characters` : `at most ${max} characters`);
    return value;
  };
  const decimal = (column: ContractImportColumn, required: boolean): Decimal | null => {
    const value = get(column).replace(/,/g, '');
    if (value === '') {
      if (required) fail(column, 'is required');
      return null;
    }
    if (!DECIMAL.test(value)) {
      fail(column, 'must be a number such as 1234.50 (no sign, up to 6 decimals)');
      return null;
    }
    return new Decimal(value);
  };
  const number = (column: ContractImportColumn, min: number, max: number): number | null => {
    const value = get(column);
    if (value === '') return null;
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || n > max) {
      fail(column, `must be a number from ${min} to ${max}`);
      return null;
    }
    return n;
  };
  const date = (column: ContractImportColumn, required: boolean): string | null => {
    const value = get(column);
    if (value === '') {
      if (required) fail(column, 'is required');
      return null;
    }
    if (!isAcceptedLocalDate(value)) {
      fail(column, `must be a date YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`);
      return null;
    }
    return value;
  };

  const reference = text('reference', 1, 100);
  const buyerPlant = text('buyer_plant', 1, 200);
  const creditCode = get('supplier_credit_code').toUpperCase();
  const codeProblem = creditCodeProblem(creditCode);
  if (codeProblem) fail('supplier_credit_code', describeCreditCodeProblem(codeProblem));
  const legalName = get('supplier_name');
  if (legalName !== '' && (legalName.length < 2 || legalName.length > 200)) fail('supplier_name', 'must have 2 to 200 characters');
  const plantName = text('supplier_plant', 1, 200);
  const countryCode = (get('supplier_country_code') || 'CN').toUpperCase();
  if (!/^[A-Z]{2}$/.test(countryCode)) fail('supplier_country_code', 'must be an ISO 3166-1 alpha-2 code');
  const regionCode = get('supplier_region_code') || null;
  if (regionCode !== null && !isRegionCode(regionCode)) fail('supplier_region_code', 'must be a six-digit GB/T 2260 code');
  const lat = number('supplier_lat', -90, 90);
  const lon = number('supplier_lon', -180, 180);
  const address = text('supplier_address', 0, 500);
  const categoryCode = get('category_code');
  if (!CATEGORY_CODE_PATTERN.test(categoryCode) || categoryCode.length > 64) fail('category_code', 'must be a taxonomy code such as CHASSIS.BRAKE_BY_WIRE');
  const totalValue = decimal('total_value', true);
  const volumeText = get('volume');
  const volume = Number(volumeText);
  if (!/^\d+$/.test(volumeText) || volume < 1 || volume > 1_000_000_000) fail('volume', 'must be a whole number from 1 to 1000000000');
  const unitPrice = decimal('unit_price', false);
  const signedDate = date('signed_date', true);
  const startDate = date('start_date', false);
  const endDate = date('end_date', false);
  const statusText = (get('status') || ContractStatus.ACTIVE).toUpperCase();
  const status = (Object.values(ContractStatus) as string[]).includes(statusText) ? (statusText as ContractStatus) : null;
  if (status === null) fail('status', `must be one of ${Object.values(ContractStatus).join(', ')}`);
  const deliveredValue = decimal('delivered_value', false);
  const terminationReason = get('termination_reason') || null;
  if (terminationReason !== null && terminationReason.length > 2000) fail('termination_reason', 'at most 2000 characters');

  if (problems.length > 0 || totalValue === null || signedDate === null || status === null) return { problems };
  return {
    row: {
      line,
      reference,
      buyerPlant,
      supplier: { creditCode, legalName: legalName || null, plant: { name: plantName, countryCode, regionCode, lat, lon, address } },
      categoryCode,
      totalValue,
      volume,
      unitPrice,
      signedDate,
      startDate,
      endDate,
      status,
      deliveredValue,
      terminationReason,
    },
  };
}
