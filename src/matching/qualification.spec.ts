import { hardFilterFailures, isQualified, plantQualificationFailures, qualificationFailures, qualifiedPlants } from './qualification.js';
import type { RequirementFacts, SupplierFacts } from './match-facts.js';

const place = { countryCode: 'CN', regionCode: '330206', lat: 29.9, lon: 121.8, locationApprox: false };

function makeRequirement(overrides: Partial<RequirementFacts> = {}): RequirementFacts {
  return {
    id: 'req-1', categoryCode: 'CHIP', delivery: place, sopDate: '2027-07-01', annualVolume: 1000, specs: [],
    requiredCertifications: [{ typeCode: 'AEC_Q100', typeName: 'AEC-Q100', scheme: 'AEC_GRADE', minLevel: '1' }],
    ...overrides,
  };
}

function makeSupplier(overrides: Partial<SupplierFacts> = {}): SupplierFacts {
  return {
    supplierId: 'sup-1', name: '示例芯片', designations: [], textRelevance: 0,
    capabilities: [{ id: 'cap-1', categoryCode: 'CHIP.MCU', annualCapacity: null, leadTimeDays: null, siteIds: ['p1', 'p2'], specs: [] }],
    sites: [{ id: 'p1', name: 'plant 1', ...place }, { id: 'p2', name: 'plant 2', ...place }, { id: 'p3', name: 'plant 3', ...place }],
    certifications: [{ typeCode: 'AEC_Q100', scheme: 'AEC_GRADE', level: '0', validFrom: '2026-01-01', validUntil: '2027-06-30' }],
    ...overrides,
  };
}

describe('isQualified', () => {
  it('judges on the SOP date unless another day is given', () => {
    const req = makeRequirement();
    const supplier = makeSupplier();
    // the certificate runs out the day before SOP
    expect(isQualified(req, supplier)).toBe(false);
    expect(isQualified(req, supplier, '2027-06-30')).toBe(true);
    expect(isQualified(req, supplier, '2025-12-31')).toBe(false);
  });

  it('says which day failed: SOP by name, any other day as a date', () => {
    const req = makeRequirement();
    expect(hardFilterFailures(req, makeSupplier())).toEqual([{ filter: 'CERTIFICATION', reason: 'AEC-Q100 grade 0 expired 2027-06-30, before SOP 2027-07-01' }]);
    expect(qualificationFailures(req, makeSupplier(), '2025-12-31')).toEqual([{ filter: 'CERTIFICATION', reason: 'AEC-Q100 grade 0 valid only from 2026-01-01, after 2025-12-31' }]);
  });

  it('names the plants that qualify, none when the supplier does not', () => {
    const req = makeRequirement();
    expect(qualifiedPlants(req, makeSupplier(), '2027-01-01').map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(qualifiedPlants(req, makeSupplier())).toEqual([]);
    expect(qualifiedPlants(makeRequirement({ categoryCode: 'COCKPIT' }), makeSupplier(), '2027-01-01')).toEqual([]);
  });

  it('rejects a malformed day instead of comparing garbage', () => {
    expect(() => isQualified(makeRequirement(), makeSupplier(), '01/07/2027')).toThrow(RangeError);
  });
});

describe('plantQualificationFailures', () => {
  const req = makeRequirement();
  const on = '2027-01-01';

  it('is empty for a qualified supplier quoting from a producing plant', () => {
    expect(plantQualificationFailures(req, makeSupplier(), 'p1', on)).toEqual([]);
    expect(plantQualificationFailures(req, makeSupplier(), 'p2', on)).toEqual([]);
  });

  it('fails a qualified supplier quoting from a plant that makes nothing in the category', () => {
    expect(plantQualificationFailures(req, makeSupplier(), 'p3', on)).toEqual([{ filter: 'CATEGORY', reason: 'the quoting plant makes nothing in CHIP' }]);
    expect(plantQualificationFailures(req, makeSupplier(), 'elsewhere', on)).toHaveLength(1);
  });

  it('adds the supplier failures, judged on the SOP date by default, without a second CATEGORY failure', () => {
    expect(plantQualificationFailures(req, makeSupplier(), 'p1')).toEqual(hardFilterFailures(req, makeSupplier()));
    expect(plantQualificationFailures(req, makeSupplier(), 'p3').map((f) => f.filter)).toEqual(['CATEGORY', 'CERTIFICATION']);
    const wrongCategory = makeRequirement({ categoryCode: 'COCKPIT' });
    expect(plantQualificationFailures(wrongCategory, makeSupplier(), 'p1', on)).toEqual([{ filter: 'CATEGORY', reason: 'no capability in COCKPIT' }]);
  });

  it('agrees with isQualified whenever the plant is a qualified plant', () => {
    for (const date of ['2025-12-31', '2026-06-01', '2027-06-30', '2027-07-01']) {
      for (const plant of qualifiedPlants(req, makeSupplier(), date)) expect(plantQualificationFailures(req, makeSupplier(), plant.id, date)).toEqual([]);
      expect(plantQualificationFailures(req, makeSupplier(), 'p1', date).length === 0).toBe(isQualified(req, makeSupplier(), date));
    }
  });
});
