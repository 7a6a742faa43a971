import { Decimal } from 'decimal.js';
import { makeCreditCode } from '../../organizations/credit-code.factory.js';
import { ocdsContractStatus, releasePackage, toRelease, type OcdsContractFacts, type OcdsProcessFacts } from './ocds-mapper.js';
import { releasePackageProblems } from './ocds-validator.js';

const buyer = { legalName: '测试整车有限公司', nameEn: null, creditCode: makeCreditCode('330200', 1) };
const supplierA = { legalName: '宁波测试供应商', nameEn: null, creditCode: makeCreditCode('330200', 2) };
const supplierB = { legalName: 'Test Bremsen GmbH', nameEn: null, creditCode: makeCreditCode('330200', 3) };
const plant = (name: string, countryCode = 'CN') => ({ name, address: '', countryCode, localityName: countryCode === 'CN' ? '北仑区' : null, provinceName: countryCode === 'CN' ? '浙江省' : null });

function contract(id: string, overrides: Partial<OcdsContractFacts> = {}): OcdsContractFacts {
  return {
    id, source: 'AWARDED', buyerReference: null, status: 'SIGNED', categoryCode: 'CHASSIS.BRAKE_BY_WIRE', categoryNameZh: '线控制动', categoryNameEn: 'Brake-by-wire',
    unitPrice: new Decimal('98.5'), volume: 60000, totalValue: new Decimal('5910000.00'), deliveredValue: null, terminationReason: null,
    signedDate: '2026-05-01', startDate: '2027-01-01', endDate: null, updatedAt: new Date('2026-05-01T02:00:00Z'), supplier: supplierA, supplierPlant: plant('鄞州工厂'), amendments: [], ...overrides,
  };
}

const awarded: OcdsProcessFacts = {
  key: '11111111-1111-4111-8111-111111111111', buyer, buyerPlant: plant('北仑总装厂'),
  requirement: { id: '11111111-1111-4111-8111-111111111111', title: '线控制动 EHB', description: '', annualVolume: 100000, publishedAt: new Date('2026-04-01T00:00:00Z'), quoteDeadline: new Date('2026-04-30T00:00:00Z') },
  award: { id: '22222222-2222-4222-8222-222222222222', createdAt: new Date('2026-05-01T01:00:00Z') },
  contracts: [
    contract('33333333-3333-4333-8333-333333333333', {
      status: 'COMPLETED',
      amendments: [{ sequence: 1, before: { volume: 60000, totalValue: '5910000' }, after: { volume: 70000, totalValue: '6895000' }, reason: '增产', effectiveDate: '2026-06-01', createdAt: new Date('2026-06-01T03:00:00Z') }],
    }),
    contract('44444444-4444-4444-8444-444444444444', { supplier: supplierB, supplierPlant: plant('Stuttgart', 'DE'), volume: 40000, totalValue: new Decimal('3680000'), status: 'TERMINATED', terminationReason: 'quality', deliveredValue: new Decimal('500000') }),
  ],
};

const recorded: OcdsProcessFacts = {
  key: '55555555-5555-4555-8555-555555555555', buyer, buyerPlant: plant('北仑总装厂'), requirement: null, award: null,
  contracts: [contract('55555555-5555-4555-8555-555555555555', { source: 'RECORDED', buyerReference: 'HT-2024-001', status: 'ACTIVE', signedDate: '2024-03-01', startDate: '2024-03-01', endDate: '2025-02-28' })],
};

describe('OCDS mapping', () => {
  it('maps an awarded requirement to one release with an award, its contracts and amendments', () => {
    const release = toRelease(awarded);
    expect(release).toMatchObject({
      ocid: 'ocds-zlt000-11111111-1111-4111-8111-111111111111',
      date: '2026-06-01T03:00:00Z',
      tag: ['award', 'contract', 'contractAmendment', 'contractTermination'],
      initiationType: 'tender',
      buyer: { id: `CN-USCI-${buyer.creditCode}`, name: buyer.legalName },
      tender: { id: awarded.key, status: 'complete', tenderPeriod: { startDate: '2026-04-01T00:00:00Z', endDate: '2026-04-30T00:00:00Z' } },
      awards: [{ id: '22222222-2222-4222-8222-222222222222', status: 'active', value: { amount: 9590000, currency: 'CNY' }, suppliers: [{ name: supplierA.legalName }, { name: supplierB.legalName }] }],
    });
    expect(release.id).toBe(`${release.ocid}-20260601T030000Z`);
    expect(release.parties.map((p) => [p.identifier.scheme, p.identifier.id, p.roles])).toEqual([['CN-USCI', buyer.creditCode, ['buyer']], ['CN-USCI', supplierA.creditCode, ['supplier']], ['CN-USCI', supplierB.creditCode, ['supplier']]]);
    expect(release.contracts.map((c) => [c.awardID, c.status, c.value.amount, c.dateSigned, c.period])).toEqual([
      ['22222222-2222-4222-8222-222222222222', 'terminated', 5910000, '2026-05-01T00:00:00+08:00', { startDate: '2027-01-01T00:00:00+08:00' }],
      ['22222222-2222-4222-8222-222222222222', 'terminated', 3680000, '2026-05-01T00:00:00+08:00', { startDate: '2027-01-01T00:00:00+08:00' }],
    ]);
    expect(release.contracts[0].amendments).toEqual([{ id: '1', date: '2026-06-01T00:00:00+08:00', rationale: '增产', description: 'volume: 60000 → 70000; totalValue: 5910000 → 6895000' }]);
    expect(release.contracts[1].description).toBe('Terminated early: quality. Value delivered before termination: 500000.00 CNY.');
  });

  it('gives a recorded contract an award of its own, as every OCDS contract needs one', () => {
    const release = toRelease(recorded);
    expect(release.tender).toBeUndefined();
    expect(release.awards[0].id).toBe(`recorded-${recorded.key}`);
    expect(release.contracts[0]).toMatchObject({ awardID: `recorded-${recorded.key}`, status: 'active', period: { startDate: '2024-03-01T00:00:00+08:00', endDate: '2025-02-28T00:00:00+08:00' } });
    expect(release.contracts[0].description).toMatch(/HT-2024-001/);
  });

  it('maps statuses onto the closed 1.1 contractStatus codelist', () => {
    expect((['SIGNED', 'ACTIVE', 'COMPLETED', 'TERMINATED'] as const).map(ocdsContractStatus)).toEqual(['active', 'active', 'terminated', 'terminated']);
  });

  it('emits packages that validate against release-package.schema.json', () => {
    const pkg = releasePackage([toRelease(awarded), toRelease(recorded)], { uri: 'urn:zhenglingtong:ocds:release-package:test', publisherName: '整零通' });
    expect(pkg.publishedDate).toBe('2026-06-01T03:00:00Z');
    expect(releasePackageProblems(pkg)).toEqual([]);
  });

  it('has a schema that catches what OCDS refuses', () => {
    const pkg = releasePackage([toRelease(recorded)], { uri: 'urn:x:y', publisherName: '整零通' });
    const broken = structuredClone(pkg) as unknown as { version: string; releases: { contracts: { status: string }[]; parties: { identifier: { id: string } }[] }[] };
    broken.version = '1.1.5';
    broken.releases[0].contracts[0].status = 'completed';
    broken.releases[0].parties[0].identifier.id = 'not-a-code';
    expect(releasePackageProblems(broken)).toEqual(expect.arrayContaining([expect.stringMatching(/^\/version/), expect.stringMatching(/^\/releases\/0\/contracts\/0\/status/), expect.stringMatching(/^\/releases\/0\/parties\/0\/identifier\/id/)]));
    expect(releasePackageProblems({ ...pkg, releases: [] })).toEqual([expect.stringMatching(/^\/releases/)]);
  });
});
