import { makeCreditCode } from '../../organizations/credit-code.factory.js';
import { parseContractRow } from './contract-import-row.js';

const code = makeCreditCode('330200', 4242);
const good = {
  reference: 'HT-2024-001', buyer_plant: '北仑总装厂', supplier_credit_code: code, supplier_name: '宁波某制动系统有限公司', supplier_plant: '鄞州工厂',
  supplier_region_code: '330212', category_code: 'CHASSIS.BRAKE_BY_WIRE', total_value: '1,200,000.50', volume: '10000', signed_date: '2024-03-01',
};

describe('parseContractRow', () => {
  it('reads a good row, with defaults for what is left out', () => {
    const parsed = parseContractRow(good, 2);
    expect('row' in parsed && parsed.row).toMatchObject({
      line: 2, reference: 'HT-2024-001', buyerPlant: '北仑总装厂', categoryCode: 'CHASSIS.BRAKE_BY_WIRE', volume: 10000, unitPrice: null,
      signedDate: '2024-03-01', startDate: null, endDate: null, status: 'ACTIVE', deliveredValue: null,
      supplier: { creditCode: code, legalName: '宁波某制动系统有限公司', plant: { name: '鄞州工厂', countryCode: 'CN', regionCode: '330212', lat: null, lon: null, address: '' } },
    });
    expect('row' in parsed && parsed.row.totalValue.toFixed(2)).toBe('1200000.50');
  });

  it('reads a plant abroad and a terminated contract', () => {
    const parsed = parseContractRow({ ...good, supplier_region_code: '', supplier_country_code: 'de', supplier_lat: '48.78', supplier_lon: '9.18', status: 'terminated', delivered_value: '100', termination_reason: 'insolvency' }, 3);
    expect('row' in parsed && [parsed.row.supplier.plant, parsed.row.status, parsed.row.deliveredValue?.toFixed()]).toEqual([{ name: '鄞州工厂', countryCode: 'DE', regionCode: null, lat: 48.78, lon: 9.18, address: '' }, 'TERMINATED', '100']);
  });

  it('names every bad column of a row, with its line', () => {
    const parsed = parseContractRow({ ...good, supplier_credit_code: code.slice(0, 17) + (code[17] === '0' ? '1' : '0'), total_value: '-5', volume: '1.5', signed_date: '2024-02-30', status: 'DONE', supplier_region_code: '3302', category_code: 'brakes' }, 7);
    expect('problems' in parsed && parsed.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['7:supplier_credit_code', '7:supplier_region_code', '7:category_code', '7:total_value', '7:volume', '7:signed_date', '7:status']);
  });

  it('requires the reference, the plants and the money', () => {
    const parsed = parseContractRow({}, 4);
    expect('problems' in parsed && parsed.problems.map((p) => p.column)).toEqual(expect.arrayContaining(['reference', 'buyer_plant', 'supplier_credit_code', 'supplier_plant', 'category_code', 'total_value', 'volume', 'signed_date']));
  });

  it('takes region codes by the one GB/T 2260 pattern (six digits, the first not 0)', () => {
    const parsed = parseContractRow({ ...good, supplier_region_code: '012345' }, 4);
    expect('problems' in parsed && parsed.problems.map((p) => `${p.line}:${p.column}`)).toEqual(['4:supplier_region_code']);
  });
});
