import { capacityValue, localityValue, rankMatches, scoreMatch, specOverlap, type MatchScore } from './match-scoring.js';
import { hardFilterFailures, isCategoryWithin } from './qualification.js';
import type { RequirementFacts, SupplierFacts, SupplierSite } from './match-facts.js';
import { TIER_ORDER, type Place } from '../locality/locality-tier.js';
import { DEFAULT_WEIGHTS, resolveWeights, type FactorName, type MatchWeights } from '../requirements/match-weights.js';

// One degree of latitude on the R = 6371.0088 km sphere: 6371.0088 × π / 180 = 111.195080 km.
// Test places share a meridian where a hand-computed distance is needed.

function makePlace(overrides: Partial<Place> = {}): Place {
  return { countryCode: 'CN', regionCode: '330282', regionName: '慈溪市', cityName: '宁波市', lat: 30.17, lon: 121.27, locationApprox: false, ...overrides };
}

function makeSite(overrides: Partial<SupplierSite> = {}): SupplierSite {
  // Beilun, 0.27° due south of the delivery plant: 0.27 × 111.195080 = 30.022672 km.
  return { id: 's1', name: '北仑工厂', countryCode: 'CN', regionCode: '330206', regionName: '北仑区', cityName: '宁波市', lat: 29.9, lon: 121.27, locationApprox: false, ...overrides };
}

function makeRequirement(overrides: Partial<RequirementFacts> = {}): RequirementFacts {
  return {
    id: 'req-1',
    categoryCode: 'CHASSIS.BRAKE_BY_WIRE',
    delivery: makePlace(),
    sopDate: '2026-09-01',
    annualVolume: 100_000,
    requiredCertifications: [
      { typeCode: 'IATF_16949', typeName: 'IATF 16949', scheme: 'HELD', minLevel: null },
      { typeCode: 'ISO_26262', typeName: 'ISO 26262', scheme: 'ASIL', minLevel: 'B' },
    ],
    specs: [
      { key: 'type', value: 'EHB two-box' },
      { key: 'voltage', value: '12V' },
      { key: 'response time', value: '150 ms' },
    ],
    ...overrides,
  };
}

function makeSupplier(overrides: Partial<SupplierFacts> = {}): SupplierFacts {
  return {
    supplierId: 'sup-1',
    name: '示例制动系统有限公司',
    designations: ['LITTLE_GIANT', 'SPECIALIZED_SME'],
    capabilities: [
      {
        id: 'cap-1',
        categoryCode: 'CHASSIS.BRAKE_BY_WIRE',
        annualCapacity: 150_000,
        leadTimeDays: 90,
        siteIds: ['s1'],
        specs: [
          { key: 'Type', value: 'ehb  Two-Box' },
          { key: 'Voltage', value: '24V' },
        ],
      },
    ],
    sites: [makeSite()],
    certifications: [
      { typeCode: 'IATF_16949', scheme: 'HELD', level: null, validFrom: '2024-01-01', validUntil: '2027-12-31' },
      { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'D', validFrom: '2024-01-01', validUntil: '2028-12-31' },
    ],
    textRelevance: 0.8,
    ...overrides,
  };
}

function factor(match: MatchScore, name: FactorName) {
  const found = match.factors.find((f) => f.name === name);
  if (found == null) throw new Error(`no factor ${name}`);
  return found;
}

function weights(overrides: Partial<MatchWeights>): MatchWeights {
  return { ...DEFAULT_WEIGHTS, ...overrides };
}

describe('scoreMatch, one supplier worked by hand', () => {
  const match = scoreMatch(makeRequirement(), makeSupplier(), DEFAULT_WEIGHTS);

  it('is eligible and scored on the Beilun plant', () => {
    expect(match.eligible).toBe(true);
    expect(match.failures).toEqual([]);
    expect(match.site?.id).toBe('s1');
    expect(match.tier).toBe('SAME_CITY');
    expect(match.distanceKm).toBeCloseTo(30.023, 3);
  });

  it('computes every factor', () => {
    // fit: spec keys type (equal after case/space folding: "ehbtwo-box") = 1, voltage (24V ≠ 12V) = 0.5,
    //      response time (absent) = 0 → share 1.5 / 3 = 0.5; fit = 0.6 × 0.8 + 0.4 × 0.5 = 0.68
    expect(factor(match, 'fit').value).toBe(0.68);
    // locality: SAME_CITY (3302), 30.022672 km; floor (0.85 + 0.70) / 2 = 0.775;
    //           0.775 + 0.075 × exp(−0.30022672) = 0.775 + 0.075 × 0.740650 = 0.830549
    expect(factor(match, 'locality').value).toBe(0.8305);
    // certification: IATF is held-only (skipped); ASIL B required (rank 2), D held (rank 4), top 4 → (4−2)/(4−2) = 1
    expect(factor(match, 'certification').value).toBe(1);
    // capacity: r = 150 000 / 100 000 = 1.5 → 0.5 + 0.5 × min(1, 0.5) = 0.75
    expect(factor(match, 'capacity').value).toBe(0.75);
    // designation: best of little giant 0.8 and specialised SME 0.5
    expect(factor(match, 'designation').value).toBe(0.8);
  });

  it('weights the factors and sums the contributions', () => {
    // 0.68 × 25 = 17.00; 0.830549 × 40 = 33.22; 1 × 15 = 15.00; 0.75 × 12 = 9.00; 0.8 × 8 = 6.40
    expect(match.factors.map((f) => [f.name, f.weight, f.contribution])).toEqual([
      ['fit', 0.25, 17],
      ['locality', 0.4, 33.22],
      ['certification', 0.15, 15],
      ['capacity', 0.12, 9],
      ['designation', 0.08, 6.4],
    ]);
    // 17 + 33.22 + 15 + 9 + 6.4 = 80.62
    expect(match.score).toBe(80.62);
  });

  it('explains each factor in one line', () => {
    expect(factor(match, 'locality').reason).toBe('locality 0.83: plant in 北仑区, 宁波市, same city as delivery plant, 30 km');
    expect(factor(match, 'fit').reason).toBe(
      'fit 0.68: 0.6 × text relevance 0.80 + 0.4 × spec overlap 0.50 (1 of 3 spec keys matched, 1 more stated with another value, at half credit)',
    );
    expect(factor(match, 'certification').reason).toBe('certification 1.00: ISO 26262 ASIL D held, ASIL B required (1.00)');
    expect(factor(match, 'capacity').reason).toBe('capacity 0.75: 150,000/yr against 100,000/yr needed (1.50×)');
    expect(factor(match, 'designation').reason).toBe('designation 0.80: 专精特新小巨人 little giant');
  });

  it('uses the requirement’s own weights when none are passed', () => {
    const req = makeRequirement({ weights: { locality: 0.5, fit: 0.15 } });
    const own = scoreMatch(req, makeSupplier());
    // 0.68 × 15 = 10.20; 0.830549 × 50 = 41.53; 15; 9; 6.4 → 82.13
    expect(own.score).toBe(82.13);
    expect(() => scoreMatch(makeRequirement({ weights: { locality: 0.9 } }), makeSupplier())).toThrow(/weights\.locality/);
  });
});

describe('hard filter: category', () => {
  it('accepts the category itself and its sub-categories, not a parent or a look-alike prefix', () => {
    expect(isCategoryWithin('CHASSIS.BRAKE_BY_WIRE', 'CHASSIS.BRAKE_BY_WIRE')).toBe(true);
    expect(isCategoryWithin('CHASSIS.BRAKE_BY_WIRE', 'CHASSIS')).toBe(true);
    expect(isCategoryWithin('CHASSIS', 'CHASSIS.BRAKE_BY_WIRE')).toBe(false);
    expect(isCategoryWithin('CHIPSET.MCU', 'CHIP')).toBe(false);
  });

  it('passes a sub-category capability for a parent-category requirement', () => {
    expect(hardFilterFailures(makeRequirement({ categoryCode: 'CHASSIS' }), makeSupplier())).toEqual([]);
  });

  it('rejects a parent-category capability for a sub-category requirement', () => {
    const supplier = makeSupplier({ capabilities: [{ ...makeSupplier().capabilities[0], categoryCode: 'CHASSIS' }] });
    expect(hardFilterFailures(makeRequirement(), supplier)).toEqual([{ filter: 'CATEGORY', reason: 'no capability in CHASSIS.BRAKE_BY_WIRE' }]);
  });

  it('rejects a capability with no producing site, and then has nothing to score', () => {
    const supplier = makeSupplier({ capabilities: [{ ...makeSupplier().capabilities[0], siteIds: [] }] });
    expect(hardFilterFailures(makeRequirement(), supplier)).toEqual([
      { filter: 'CATEGORY', reason: 'capability in CHASSIS.BRAKE_BY_WIRE has no producing site' },
    ]);
    const match = scoreMatch(makeRequirement(), supplier, DEFAULT_WEIGHTS);
    expect(match).toMatchObject({ eligible: false, score: 0, site: null, factors: [] });
  });
});

describe('hard filter: certifications on the SOP date', () => {
  const iatfUntil = (validUntil: string) =>
    makeSupplier({
      certifications: [
        { typeCode: 'IATF_16949', scheme: 'HELD', level: null, validFrom: '2023-01-01', validUntil },
        { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'D', validFrom: '2024-01-01', validUntil: '2028-12-31' },
      ],
    });

  it('fails a certificate that expires the day before SOP', () => {
    expect(hardFilterFailures(makeRequirement(), iatfUntil('2026-08-31'))).toEqual([
      { filter: 'CERTIFICATION', reason: 'IATF 16949 expired 2026-08-31, before SOP 2026-09-01' },
    ]);
  });

  it('passes a certificate that expires on SOP day (both ends inclusive)', () => {
    expect(hardFilterFailures(makeRequirement(), iatfUntil('2026-09-01'))).toEqual([]);
  });

  it('passes a certificate valid from SOP day, fails one valid from the day after', () => {
    const from = (validFrom: string) =>
      makeSupplier({
        certifications: [
          { typeCode: 'IATF_16949', scheme: 'HELD', level: null, validFrom: '2024-01-01', validUntil: '2027-12-31' },
          { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'C', validFrom, validUntil: '2029-12-31' },
        ],
      });
    expect(hardFilterFailures(makeRequirement(), from('2026-09-01'))).toEqual([]);
    expect(hardFilterFailures(makeRequirement(), from('2026-09-02'))).toEqual([
      { filter: 'CERTIFICATION', reason: 'ISO 26262 ASIL C valid only from 2026-09-02, after SOP 2026-09-01' },
    ]);
  });

  it('fails a certificate not held at all', () => {
    const supplier = makeSupplier({ certifications: [{ typeCode: 'ISO_26262', scheme: 'ASIL', level: 'D', validFrom: '2024-01-01', validUntil: '2028-12-31' }] });
    expect(hardFilterFailures(makeRequirement(), supplier)).toEqual([{ filter: 'CERTIFICATION', reason: 'IATF 16949 not held' }]);
  });

  it('passes a certificate exactly at the minimum, with no strength beyond it', () => {
    const supplier = makeSupplier({
      certifications: [
        { typeCode: 'IATF_16949', scheme: 'HELD', level: null, validFrom: '2024-01-01', validUntil: '2027-12-31' },
        { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'B', validFrom: '2024-01-01', validUntil: '2028-12-31' },
      ],
    });
    expect(hardFilterFailures(makeRequirement(), supplier)).toEqual([]);
    // B held, B required: (2 − 2) / (4 − 2) = 0
    expect(factor(scoreMatch(makeRequirement(), supplier, DEFAULT_WEIGHTS), 'certification').value).toBe(0);
  });

  describe('ASIL ordering QM < A < B < C < D', () => {
    const req = makeRequirement({ requiredCertifications: [{ typeCode: 'ISO_26262', typeName: 'ISO 26262', scheme: 'ASIL', minLevel: 'C' }] });
    const holding = (level: string) =>
      makeSupplier({ certifications: [{ typeCode: 'ISO_26262', scheme: 'ASIL', level, validFrom: '2024-01-01', validUntil: '2028-12-31' }] });

    it('fails below the minimum', () => {
      expect(hardFilterFailures(req, holding('B'))).toEqual([{ filter: 'CERTIFICATION', reason: 'ISO 26262 ASIL B held, ASIL C required' }]);
      expect(hardFilterFailures(req, holding('QM'))).toEqual([{ filter: 'CERTIFICATION', reason: 'ISO 26262 QM held, ASIL C required' }]);
    });

    it('passes at and above it', () => {
      expect(hardFilterFailures(req, holding('C'))).toEqual([]);
      expect(hardFilterFailures(req, holding('D'))).toEqual([]);
    });
  });

  describe('AEC-Q100 grade ordering 3 < 2 < 1 < 0', () => {
    const req = makeRequirement({
      categoryCode: 'CHIP.MCU',
      requiredCertifications: [{ typeCode: 'AEC_Q100', typeName: 'AEC-Q100', scheme: 'AEC_GRADE', minLevel: '1' }],
    });
    const holding = (level: string) =>
      makeSupplier({
        capabilities: [{ id: 'cap-mcu', categoryCode: 'CHIP.MCU', annualCapacity: null, leadTimeDays: null, siteIds: ['s1'], specs: [] }],
        certifications: [{ typeCode: 'AEC_Q100', scheme: 'AEC_GRADE', level, validFrom: '2024-01-01', validUntil: '2028-12-31' }],
      });

    it('fails grade 2 when grade 1 is required', () => {
      expect(hardFilterFailures(req, holding('2'))).toEqual([{ filter: 'CERTIFICATION', reason: 'AEC-Q100 grade 2 held, grade 1 required' }]);
    });

    it('passes grade 1 and grade 0, grade 0 at full strength', () => {
      expect(hardFilterFailures(req, holding('1'))).toEqual([]);
      expect(hardFilterFailures(req, holding('0'))).toEqual([]);
      // grade 1 required = rank 2, grade 0 held = rank 3, top rank 3 → (3 − 2) / (3 − 2) = 1
      expect(factor(scoreMatch(req, holding('0'), DEFAULT_WEIGHTS), 'certification').value).toBe(1);
    });
  });

  it('uses the best certificate valid on SOP day when several are held', () => {
    // ASIL D expired before SOP, ASIL C valid: passes on C; strength (3 − 2) / (4 − 2) = 0.5, not 1
    const supplier = makeSupplier({
      certifications: [
        { typeCode: 'IATF_16949', scheme: 'HELD', level: null, validFrom: '2024-01-01', validUntil: '2027-12-31' },
        { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'D', validFrom: '2020-01-01', validUntil: '2025-12-31' },
        { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'C', validFrom: '2024-01-01', validUntil: '2028-12-31' },
        { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'A', validFrom: '2024-01-01', validUntil: '2028-12-31' },
      ],
    });
    expect(hardFilterFailures(makeRequirement(), supplier)).toEqual([]);
    expect(factor(scoreMatch(makeRequirement(), supplier, DEFAULT_WEIGHTS), 'certification').value).toBe(0.5);
  });

  it('reports the latest expiry when every adequate certificate has lapsed', () => {
    const supplier = makeSupplier({
      certifications: [
        { typeCode: 'IATF_16949', scheme: 'HELD', level: null, validFrom: '2020-01-01', validUntil: '2023-01-01' },
        { typeCode: 'IATF_16949', scheme: 'HELD', level: null, validFrom: '2023-01-02', validUntil: '2026-03-01' },
        { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'D', validFrom: '2024-01-01', validUntil: '2028-12-31' },
      ],
    });
    expect(hardFilterFailures(makeRequirement(), supplier)).toEqual([
      { filter: 'CERTIFICATION', reason: 'IATF 16949 expired 2026-03-01, before SOP 2026-09-01' },
    ]);
  });

  it('still computes factors for an ineligible supplier that has a site', () => {
    const match = scoreMatch(makeRequirement(), iatfUntil('2026-08-31'), DEFAULT_WEIGHTS);
    expect(match.eligible).toBe(false);
    expect(match.failures).toHaveLength(1);
    expect(match.factors.map((f) => f.name)).toEqual(['fit', 'locality', 'certification', 'capacity', 'designation']);
    expect(match.score).toBe(80.62);
  });

  it('rejects a malformed SOP date instead of comparing garbage', () => {
    expect(() => hardFilterFailures(makeRequirement({ sopDate: '01/09/2026' }), makeSupplier())).toThrow(RangeError);
  });
});

describe('locality', () => {
  it('blends tier and distance inside the tier’s band', () => {
    expect(localityValue('SAME_COUNTY', 0)).toBe(1);
    expect(localityValue('SAME_CITY', 0)).toBe(0.85);
    // 0.775 + 0.075 × exp(−1) = 0.775 + 0.075 × 0.367879 = 0.802591
    expect(localityValue('SAME_CITY', 100)).toBeCloseTo(0.802591, 6);
    // 0.55 + 0.15 × exp(−0.5) = 0.55 + 0.15 × 0.606531 = 0.640980
    expect(localityValue('SAME_PROVINCE', 50)).toBeCloseTo(0.64098, 6);
    // far away the value tends to the midpoint to the next tier
    expect(localityValue('CHINA', 20_000)).toBeCloseTo(0.1, 9);
    expect(localityValue('ABROAD', 0)).toBe(0);
    expect(localityValue('ABROAD', 9000)).toBe(0);
  });

  it('never lets distance invert the tier order', () => {
    const distances = [0, 0.5, 1, 5, 10, 30, 50, 100, 150, 300, 500, 1000, 3000, 20_015];
    for (let i = 0; i + 1 < TIER_ORDER.length; i++) {
      const upper = TIER_ORDER[i];
      const lower = TIER_ORDER[i + 1];
      const worstUpper = Math.min(...distances.map((km) => localityValue(upper, km)));
      const bestLower = Math.max(...distances.map((km) => localityValue(lower, km)));
      expect(worstUpper).toBeGreaterThan(bestLower);
    }
  });

  it('scores a far same-city plant above a same-province plant next door', () => {
    const req = makeRequirement();
    // same city (宁波), 1.5° south = 166.8 km; same province (杭州 钱塘), 0.01° = 1.1 km
    const farSameCity = makeSupplier({ supplierId: 'far', sites: [makeSite({ lat: 30.17 - 1.5 })] });
    const nearSameProvince = makeSupplier({
      supplierId: 'near',
      sites: [makeSite({ regionCode: '330114', regionName: '钱塘区', cityName: '杭州市', lat: 30.16 })],
    });
    const far = factor(scoreMatch(req, farSameCity, DEFAULT_WEIGHTS), 'locality').value;
    const near = factor(scoreMatch(req, nearSameProvince, DEFAULT_WEIGHTS), 'locality').value;
    // far: 0.775 + 0.075 × exp(−1.667926) = 0.775 + 0.075 × 0.188623 = 0.789147
    expect(far).toBeCloseTo(0.789147, 4);
    // near: 0.55 + 0.15 × exp(−0.0111195) = 0.55 + 0.15 × 0.988942 = 0.698341
    expect(near).toBeCloseTo(0.698341, 4);
    expect(far).toBeGreaterThan(near);
  });

  it('chooses the best qualified site, tier first, then distance', () => {
    const req = makeRequirement();
    const supplier = makeSupplier({
      capabilities: [
        { ...makeSupplier().capabilities[0], siteIds: ['jinshan', 'yuyao', 'beilun'] },
        // the plant in the delivery county makes something else: it does not count
        { id: 'cap-seat', categoryCode: 'COCKPIT.SEATS', annualCapacity: 1, leadTimeDays: null, siteIds: ['cixi'], specs: [] },
      ],
      sites: [
        makeSite({ id: 'cixi', regionCode: '330282', lat: 30.17 }),
        // Shanghai Jinshan, 0.3° north ≈ 33 km, but across the provincial border
        makeSite({ id: 'jinshan', regionCode: '310116', regionName: '金山区', cityName: '上海市', lat: 30.47 }),
        makeSite({ id: 'beilun', regionCode: '330206', lat: 29.9 }),
        makeSite({ id: 'yuyao', regionCode: '330281', regionName: '余姚市', lat: 30.0 }),
      ],
    });
    const match = scoreMatch(req, supplier, DEFAULT_WEIGHTS);
    // beilun (30.0 km) and yuyao (0.17° = 18.9 km) are both SAME_CITY; yuyao is nearer
    expect(match.site?.id).toBe('yuyao');
    expect(match.tier).toBe('SAME_CITY');
  });

  it('says approx. when a plant has only its region centroid', () => {
    const req = makeRequirement();
    const supplier = makeSupplier({ sites: [makeSite({ locationApprox: true })] });
    expect(factor(scoreMatch(req, supplier, DEFAULT_WEIGHTS), 'locality').reason).toBe(
      'locality 0.83: plant in 北仑区, 宁波市, same city as delivery plant, approx. 30 km (plant located at region centre)',
    );
    const approxDelivery = makeRequirement({ delivery: makePlace({ locationApprox: true }) });
    expect(factor(scoreMatch(approxDelivery, makeSupplier(), DEFAULT_WEIGHTS), 'locality').reason).toContain(
      'approx. 30 km (delivery plant located at region centre)',
    );
  });

  it('scores a plant abroad at 0 but keeps it eligible', () => {
    const stuttgart = makeSite({ id: 'de', countryCode: 'DE', regionCode: null, regionName: 'Stuttgart', cityName: undefined, lat: 48.78, lon: 9.18 });
    const match = scoreMatch(makeRequirement(), makeSupplier({ sites: [stuttgart], capabilities: [{ ...makeSupplier().capabilities[0], siteIds: ['de'] }] }), DEFAULT_WEIGHTS);
    expect(match.eligible).toBe(true);
    expect(match.tier).toBe('ABROAD');
    expect(factor(match, 'locality').value).toBe(0);
    expect(factor(match, 'locality').contribution).toBe(0);
    expect(factor(match, 'locality').reason).toMatch(/^locality 0\.00: plant in Stuttgart, abroad \(DE\), \d+ km$/);
  });
});

describe('fit', () => {
  it('folds case, white space and full-width characters', () => {
    const overlap = specOverlap(
      [
        { key: 'Voltage', value: '12 V' },
        { key: 'ASIL', value: 'D' },
      ],
      [{ id: 'c', categoryCode: 'X', annualCapacity: null, leadTimeDays: null, siteIds: [], specs: [{ key: ' voltage ', value: '１２Ｖ' }, { key: 'asil', value: 'd' }] }],
    );
    expect(overlap).toEqual({ keys: 2, matched: 2, keyOnly: 0, share: 1 });
  });

  it('uses text relevance alone when the requirement states no specs', () => {
    const match = scoreMatch(makeRequirement({ specs: [] }), makeSupplier({ textRelevance: 0.42 }), DEFAULT_WEIGHTS);
    expect(factor(match, 'fit').value).toBe(0.42);
    expect(factor(match, 'fit').reason).toBe('fit 0.42: text relevance 0.42 only (requirement states no specs)');
  });

  it('counts specs from every qualifying capability, not from other categories', () => {
    const base = makeSupplier().capabilities[0];
    const supplier = makeSupplier({
      textRelevance: 0,
      capabilities: [
        { ...base, specs: [{ key: 'type', value: 'EHB two-box' }] },
        { ...base, id: 'cap-2', categoryCode: 'CHASSIS.BRAKE_BY_WIRE', specs: [{ key: 'voltage', value: '12V' }] },
        { ...base, id: 'cap-3', categoryCode: 'COCKPIT.SEATS', specs: [{ key: 'response time', value: '150 ms' }] },
      ],
    });
    // type 1 + voltage 1 + response time 0 (only on a seats capability) = 2/3; fit = 0.6 × 0 + 0.4 × 2/3 = 0.266667
    expect(factor(scoreMatch(makeRequirement(), supplier, DEFAULT_WEIGHTS), 'fit').value).toBe(0.2667);
  });
});

describe('certification strength', () => {
  it('is a neutral 0.5 when no required certificate can be exceeded', () => {
    const heldOnly = makeRequirement({ requiredCertifications: [{ typeCode: 'IATF_16949', typeName: 'IATF 16949', scheme: 'HELD', minLevel: null }] });
    expect(factor(scoreMatch(heldOnly, makeSupplier(), DEFAULT_WEIGHTS), 'certification').value).toBe(0.5);
    // ASIL D is the top of its scheme: nobody can exceed it
    const asilD = makeRequirement({ requiredCertifications: [{ typeCode: 'ISO_26262', typeName: 'ISO 26262', scheme: 'ASIL', minLevel: 'D' }] });
    const f = factor(scoreMatch(asilD, makeSupplier(), DEFAULT_WEIGHTS), 'certification');
    expect(f.value).toBe(0.5);
    expect(f.reason).toBe('certification 0.50: neutral, no required certificate has a level above its minimum');
  });

  it('averages over the levelled requirements', () => {
    const req = makeRequirement({
      requiredCertifications: [
        { typeCode: 'ISO_26262', typeName: 'ISO 26262', scheme: 'ASIL', minLevel: 'B' },
        { typeCode: 'ASPICE', typeName: 'Automotive SPICE', scheme: 'ASPICE_LEVEL', minLevel: '2' },
      ],
    });
    const supplier = makeSupplier({
      certifications: [
        { typeCode: 'ISO_26262', scheme: 'ASIL', level: 'D', validFrom: '2024-01-01', validUntil: '2028-12-31' },
        { typeCode: 'ASPICE', scheme: 'ASPICE_LEVEL', level: '3', validFrom: '2024-01-01', validUntil: '2028-12-31' },
      ],
    });
    // ASIL: (4 − 2)/(4 − 2) = 1; ASPICE: CL 3 over CL 2 with top 5 → (3 − 2)/(5 − 2) = 0.333333; mean 0.666667
    expect(factor(scoreMatch(req, supplier, DEFAULT_WEIGHTS), 'certification').value).toBe(0.6667);
  });
});

describe('capacity', () => {
  it('follows the headroom curve', () => {
    expect(capacityValue(null, 100_000)).toBe(0.3);
    expect(capacityValue(0, 100_000)).toBe(0);
    expect(capacityValue(50_000, 100_000)).toBe(0.25); // 0.5 × 0.5
    expect(capacityValue(100_000, 100_000)).toBe(0.5); // r = 1
    expect(capacityValue(150_000, 100_000)).toBe(0.75); // 0.5 + 0.5 × 0.5
    expect(capacityValue(200_000, 100_000)).toBe(1); // full marks at 2×
    expect(capacityValue(900_000, 100_000)).toBe(1);
  });

  it('says when capacity is not stated or falls short', () => {
    const unstated = makeSupplier({ capabilities: [{ ...makeSupplier().capabilities[0], annualCapacity: null }] });
    expect(factor(scoreMatch(makeRequirement(), unstated, DEFAULT_WEIGHTS), 'capacity').reason).toBe('capacity 0.30: capacity not stated');
    const short = makeSupplier({ capabilities: [{ ...makeSupplier().capabilities[0], annualCapacity: 40_000 }] });
    // 0.5 × 40 000 / 100 000 = 0.2
    expect(factor(scoreMatch(makeRequirement(), short, DEFAULT_WEIGHTS), 'capacity').reason).toBe('capacity 0.20: 40,000/yr covers 40% of 100,000/yr');
  });

  it('uses the largest capability producing at the chosen site', () => {
    const base = makeSupplier().capabilities[0];
    const supplier = makeSupplier({
      capabilities: [
        { ...base, id: 'small', annualCapacity: 20_000 },
        { ...base, id: 'big', annualCapacity: 120_000 },
        { ...base, id: 'elsewhere', annualCapacity: 900_000, siteIds: ['far'] },
      ],
      sites: [makeSite(), makeSite({ id: 'far', regionCode: '330302', lat: 28 })],
    });
    // chosen site s1 (same city); 120 000 / 100 000 = 1.2 → 0.5 + 0.5 × 0.2 = 0.6
    expect(factor(scoreMatch(makeRequirement(), supplier, DEFAULT_WEIGHTS), 'capacity').value).toBe(0.6);
  });
});

describe('designation', () => {
  it('takes the best designation', () => {
    const value = (designations: string[]) => factor(scoreMatch(makeRequirement(), makeSupplier({ designations }), DEFAULT_WEIGHTS), 'designation').value;
    expect(value([])).toBe(0);
    expect(value(['SPECIALIZED_SME'])).toBe(0.5);
    expect(value(['SPECIALIZED_SME', 'LITTLE_GIANT'])).toBe(0.8);
    expect(value(['LITTLE_GIANT', 'SINGLE_CHAMPION'])).toBe(1);
    expect(value(['SOMETHING_ELSE'])).toBe(0);
  });
});

describe('rankMatches', () => {
  it('drops the ineligible, sorts by score and breaks ties by supplier id', () => {
    const req = makeRequirement();
    const twinB = makeSupplier({ supplierId: 'sup-b' });
    const twinA = makeSupplier({ supplierId: 'sup-a' });
    const better = makeSupplier({ supplierId: 'sup-z', designations: ['SINGLE_CHAMPION'] });
    const ineligible = makeSupplier({ supplierId: 'sup-0', certifications: [] });
    const expected = ['sup-z', 'sup-a', 'sup-b'];
    expect(rankMatches(req, [twinB, ineligible, twinA, better], DEFAULT_WEIGHTS).map((m) => m.supplierId)).toEqual(expected);
    expect(rankMatches(req, [better, twinA, twinB, ineligible], DEFAULT_WEIGHTS).map((m) => m.supplierId)).toEqual(expected);
    const [first, second, third] = rankMatches(req, [twinB, twinA, better], DEFAULT_WEIGHTS);
    // single champion adds (1.0 − 0.8) × 8 = 1.60 points
    expect(first.score).toBe(82.22);
    expect(second.score).toBe(third.score);
  });

  it('ranks by the weights given', () => {
    const req = makeRequirement();
    const local = makeSupplier({ supplierId: 'local', textRelevance: 0.5 });
    const relevantFar = makeSupplier({
      supplierId: 'relevant',
      textRelevance: 1,
      sites: [makeSite({ regionCode: '440305', regionName: '南山区', cityName: '深圳市', lat: 22.53, lon: 113.93 })],
    });
    expect(rankMatches(req, [relevantFar, local], DEFAULT_WEIGHTS).map((m) => m.supplierId)).toEqual(['local', 'relevant']);
    // fit 0.8 vs 0.5 (0.6 × 1 + 0.4 × 0.5 against 0.6 × 0.5 + 0.4 × 0.5). With fit at its maximum 0.5 and
    // locality at its minimum 0.2 the far, more relevant supplier wins: fit gap 0.3 × 50 = 15 points
    // against a locality gap of about (0.8305 − 0.1) × 20 = 14.6 points
    const fitHeavy = weights({ fit: 0.5, locality: 0.2, certification: 0.15, capacity: 0.1, designation: 0.05 });
    expect(resolveWeights(fitHeavy).ok).toBe(true);
    expect(rankMatches(req, [relevantFar, local], fitHeavy).map((m) => m.supplierId)).toEqual(['relevant', 'local']);
  });
});
