/**
 * CSV import throughput: a generated file of valid rows (new suppliers, plants,
 * capabilities and certificates) imported through SupplierImportService, as the
 * importSuppliers mutation and `npm run import:suppliers` do; then the same file again
 * (every row found present: the idempotent path).
 */
import type { DataSource } from 'typeorm';
import { SupplierImportService } from '../src/suppliers/import/supplier-import.service.js';
import { IMPORT_COLUMNS } from '../src/suppliers/import/import-row.js';
import { makeCreditCode } from '../src/organizations/credit-code.factory.js';

const COUNTIES = ['330106', '330109', '330206', '330212', '330282', '330402', '330483', '330521', '330522', '331023', '331082', '320505', '310115', '340104'];
const CATEGORIES = ['CHASSIS.BRAKE_BY_WIRE', 'CHASSIS.SUSPENSION', 'COCKPIT.DISPLAY', 'COCKPIT.SEATS', 'CHIP.MCU', 'CHIP.POWER', 'THERMAL', 'EDRIVE'];

export function importCsv(rows: number, serialBase: number): string {
  const lines = [IMPORT_COLUMNS.join(',')];
  for (let i = 0; i < rows; i++) {
    const region = COUNTIES[i % COUNTIES.length];
    const values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {
      credit_code: makeCreditCode(region, serialBase + Math.floor(i / 2)),
      legal_name: `导入示例零部件${serialBase + Math.floor(i / 2)}有限公司`,
      plant_name: `工厂${i % 2}`,
      region_code: region,
      category_code: CATEGORIES[i % CATEGORIES.length],
      capability_description: '示例产品 example product',
      products: '产品A;产品B',
      annual_capacity: String(10_000 + i),
      lead_time_days: '30',
      cert_type: 'IATF_16949',
      cert_number: `IATF-${serialBase + Math.floor(i / 2)}`,
      cert_valid_from: '2025-01-01',
      cert_valid_until: '2028-12-31',
    };
    lines.push(IMPORT_COLUMNS.map((c) => values[c] ?? '').join(','));
  }
  return lines.join('\n');
}

export async function benchImport(dataSource: DataSource, rows: number): Promise<{ rows: number; firstRowsPerS: number; againRowsPerS: number; rejected: number }> {
  const service = new SupplierImportService(dataSource);
  const csv = importCsv(rows, 900_000_000 + Math.floor(Date.now() / 1000) % 50_000_000);
  const t0 = performance.now();
  const first = await service.importCsv(null, csv);
  const t1 = performance.now();
  await service.importCsv(null, csv);
  const t2 = performance.now();
  return { rows, firstRowsPerS: rows / ((t1 - t0) / 1000), againRowsPerS: rows / ((t2 - t1) / 1000), rejected: first.rejected.length };
}
