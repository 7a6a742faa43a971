/**
 * The path to the target (issue 19) on a hand-built world: every lever, item and scenario
 * figure is checked against a hand calculation written here, from contracts inserted with SQL
 * (reaching the rollup through the triggers only) and requirements made through the API.
 *
 * Plants: OEM 甲 in Beilun (330206, Ningbo), OEM 乙 in Cixi (330282, Ningbo).
 * Suppliers: L1 Yinzhou (330212, Ningbo) — brake-by-wire, IATF 16949 and ISO 26262 ASIL D;
 * X1 with plants in Huqiu (320505, Suzhou) and Xinwu (320214, Wuxi) — SoC, AEC-Q100 grade 0 (the highest);
 * X2 in Shushan (340104, Hefei) — SoC, AEC-Q100 grade 1. No one makes MCUs.
 *
 * Ningbo contracts signed in 2026 (the levers' period), value basis, local = same province:
 *   k1 甲←L1 BRAKE_BY_WIRE 2026-02-01  6,000,000 local
 *   k2 甲←X1 CHIP.SOC      2026-03-01  4,000,000
 *   k3 乙←X1 BRAKE_BY_WIRE 2026-05-01  2,000,000  ACTIVE, ends in 100 days  → renewal (L1 makes brakes)
 *   k4 乙←X1 CHIP.SOC      2026-06-01  1,000,000  ACTIVE, ends in 200 days  → no renewal: no SoC plant in Zhejiang
 *   k5 甲←X1 BRAKE_BY_WIRE 2026-01-15  3,000,000  ACTIVE, ends in 400 days  → no renewal: beyond 12 months
 *   k6 甲←X1 BRAKE_BY_WIRE 2026-04-01    900,000  TERMINATED (delivered unknown: counts 0), ends in 50 days → no renewal
 *   k7 甲←L1 BRAKE_BY_WIRE 2026-07-01    500,000  local, ends in 30 days → no renewal: already local
 * L = 6,500,000; T = 6 + 4 + 2 + 1 + 3 + 0 + 0.5 = 16,500,000; rate 13/33 ≈ 39.39 %.
 *
 * Open requirements delivered in Ningbo (annual volume × target unit price):
 *   r1 甲 BRAKE_BY_WIRE 10,000 × 100 = 1,000,000  IATF, ASIL ≥ C → L1 qualifies  → lever 1
 *   r2 乙 BRAKE_BY_WIRE  2,000 × 1,000 = 2,000,000 ASIL D     → L1 qualifies     → lever 1
 *   r3 甲 CHIP.SOC      10,000 × 300 = 3,000,000  AEC-Q100 ≥ 1 → gap
 *   r4 乙 CHIP.SOC       4,000 × 250 = 1,000,000  AEC-Q100 ≥ 0 → gap
 *   r5 甲 CHIP.MCU       1,000 × 500 =   500,000               → gap, no qualified plant anywhere
 *   (a draft brake requirement is not counted)
 * Lever 1: 3,000,000; lever 2: SoC 4,000,000 + MCU 500,000 = 4,500,000; lever 3: k3 2,000,000.
 *
 * Pace, Cixi (330282): one quarter each, 1,000,000 in all of which local 300k, 320k, … 400k in
 * 2024Q3 … 2025Q4 (rates 30 % to 40 %, +2 pp a quarter exactly).
 */
import { Decimal } from 'decimal.js';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const M = (millions: number) => millions * 1_000_000;
const L = M(6.5);
const T = M(16.5);
/** pp of adding `added` local value, as the API computes it (Decimal, same operations). */
const pp = (added: number) => new Decimal(L + added).dividedBy(T + added).minus(new Decimal(L).dividedBy(T)).times(100).toFixed();
const projected = (added: number) => new Decimal(L + added).dividedBy(T + added).toFixed();
const fixed = (value: string | null, places = 4) => (value === null ? null : new Decimal(value).toFixed(places));
const Y2026 = { startYear: 2026 };

const LEVERS = `query($region: String!, $period: PeriodInput!, $items: Int, $nearest: Int) {
  sourcingLevers(region: $region, period: $period, itemsPerLever: $items, nearest: $nearest) {
    regionCode valueDefinition asOf renewalsUntil numerator denominator rate targetRate allPp allProjectedRate
    levers { kind itemCount value pp projectedRate
      items { kind id categoryCode title buyerName regionCode sopDate supplierName endDate requirements oems value pp
        nearestOutside { supplierName siteName regionCode qualifiedRequirements distanceKm } } } } }`;
const SCENARIO = `query($region: String!, $period: PeriodInput!, $pick: SourcingScenarioPickInput!) {
  sourcingScenario(region: $region, period: $period, pick: $pick) {
    levers itemCount value numerator denominator rate projectedRate pp targetRate meetsTarget ppShortOfTarget droppedIds items { kind id value pp } } }`;
const PACE = `query($region: String!, $throughYear: Int, $throughQuarter: Int) {
  sourcingPace(region: $region, throughYear: $throughYear, throughQuarter: $throughQuarter) {
    regionCode method through fittedQuarters slopePpPerQuarter residualSdPp targetRate verdict reachedQuarter reachedBy note
    series { quarter rate numerator denominator fitted } projection { quarter rate low high } } }`;
const SAVE = `mutation($input: SaveSourcingScenarioInput!) { saveSourcingScenario(input: $input) { id regionCode name levers requirementIds categoryCodes contractIds } }`;
const SCENARIOS = `query { sourcingScenarios { id name regionCode levers requirementIds } }`;
const EVALUATE = `query($id: ID!, $period: PeriodInput!) { evaluateSourcingScenario(id: $id, period: $period) { itemCount value pp projectedRate droppedIds } }`;
const SET_BASELINE = `mutation($input: SetSourcingBaselineInput!) { setSourcingBaseline(input: $input) { regionCode } }`;

describe('the path to the target: levers, scenarios, pace', () => {
  let t: TestApp;
  let admin: { token: string };
  let ningboBureau: MadeOrganization;
  let hangzhouBureau: MadeOrganization;
  let provinceBureau: MadeOrganization;
  let oemA: MadeOrganization;
  let oemB: MadeOrganization;
  const org: Record<string, string> = {};
  const plant: Record<string, string> = {};
  const contract: Record<string, string> = {};
  const req: Record<string, string> = {};
  const PLACES = {
    A: { regionCode: '330206', lat: 29.89, lon: 121.85 },
    B: { regionCode: '330282', lat: 30.17, lon: 121.27 },
    L1: { regionCode: '330212', lat: 29.82, lon: 121.55 },
    X1: { regionCode: '320505', lat: 31.3, lon: 120.57 },
    X1b: { regionCode: '320214', lat: 31.55, lon: 120.35 },
    X2: { regionCode: '340104', lat: 31.85, lon: 117.26 },
  } as const;

  async function insertContract(key: string, c: {
    buyer: 'A' | 'B'; supplier: 'L1' | 'X1'; category: string; signed: string; value: number; local: boolean; status?: string; endDate?: string | null; delivered?: number | null;
  }): Promise<void> {
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO contracts (source, buyer_reference, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume,
         total_value, delivered_value, signed_date, start_date, end_date, status, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km)
       VALUES ('RECORDED', $1, $2, $3, $4, $5, $6, 100, 1, $7, $8, $9, $9, $10, $11, $12, $13, 'CN', false, $14, $14, 42) RETURNING id`,
      [key, org[c.buyer], plant[c.buyer], org[c.supplier], plant[c.supplier], c.category, c.value.toFixed(2), c.delivered == null ? null : c.delivered.toFixed(2),
        c.signed, c.endDate ?? null, c.status ?? 'ACTIVE', PLACES[c.buyer].regionCode, PLACES[c.supplier].regionCode, c.local],
    );
    contract[key] = id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    ningboBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { legalName: '宁波市经信局(测试)', jurisdictionCode: '330200' });
    hangzhouBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { legalName: '杭州市经信局(测试)', jurisdictionCode: '330100' });
    provinceBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { legalName: '浙江省经信厅(测试)', jurisdictionCode: '330000' });
    oemA = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '整车甲(测试)' });
    oemB = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '整车乙(测试)' });
    for (const [key, made] of [['A', oemA], ['B', oemB]] as const) {
      org[key] = made.id;
      plant[key] = await makeSite(t, made.token, PLACES[key].regionCode, `${key} 总装厂`, { lat: PLACES[key].lat, lon: PLACES[key].lon });
    }
    const cert = (token: string, typeCode: string, level: string | null) => addCertification(t, token, { typeCode, ...(level ? { level } : {}), validFrom: '2024-01-01', validUntil: daysFromNow(3000) });
    const l1 = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '宁波线控(测试)' });
    org.L1 = l1.id;
    plant.L1 = await makeSite(t, l1.token, PLACES.L1.regionCode, '鄞州工厂', { lat: PLACES.L1.lat, lon: PLACES.L1.lon });
    await makeCapability(t, l1.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', siteIds: [plant.L1] });
    await cert(l1.token, 'IATF_16949', null);
    await cert(l1.token, 'ISO_26262', 'D');
    const x1 = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '苏锡芯片(测试)' });
    org.X1 = x1.id;
    plant.X1 = await makeSite(t, x1.token, PLACES.X1.regionCode, '苏州工厂', { lat: PLACES.X1.lat, lon: PLACES.X1.lon });
    const x1b = await makeSite(t, x1.token, PLACES.X1b.regionCode, '无锡工厂', { lat: PLACES.X1b.lat, lon: PLACES.X1b.lon });
    await makeCapability(t, x1.token, { categoryCode: 'CHIP.SOC', siteIds: [plant.X1, x1b] });
    await cert(x1.token, 'AEC_Q100', '0');
    const x2 = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '合肥芯片(测试)' });
    const x2site = await makeSite(t, x2.token, PLACES.X2.regionCode, '合肥工厂', { lat: PLACES.X2.lat, lon: PLACES.X2.lon });
    await makeCapability(t, x2.token, { categoryCode: 'CHIP.SOC', siteIds: [x2site] });
    await cert(x2.token, 'AEC_Q100', '1');

    await insertContract('k1', { buyer: 'A', supplier: 'L1', category: 'CHASSIS.BRAKE_BY_WIRE', signed: '2026-02-01', value: M(6), local: true });
    await insertContract('k2', { buyer: 'A', supplier: 'X1', category: 'CHIP.SOC', signed: '2026-03-01', value: M(4), local: false });
    await insertContract('k3', { buyer: 'B', supplier: 'X1', category: 'CHASSIS.BRAKE_BY_WIRE', signed: '2026-05-01', value: M(2), local: false, endDate: daysFromNow(100) });
    await insertContract('k4', { buyer: 'B', supplier: 'X1', category: 'CHIP.SOC', signed: '2026-06-01', value: M(1), local: false, endDate: daysFromNow(200) });
    await insertContract('k5', { buyer: 'A', supplier: 'X1', category: 'CHASSIS.BRAKE_BY_WIRE', signed: '2026-01-15', value: M(3), local: false, endDate: daysFromNow(400) });
    await insertContract('k6', { buyer: 'A', supplier: 'X1', category: 'CHASSIS.BRAKE_BY_WIRE', signed: '2026-04-01', value: M(0.9), local: false, status: 'TERMINATED', endDate: daysFromNow(50) });
    await insertContract('k7', { buyer: 'A', supplier: 'L1', category: 'CHASSIS.BRAKE_BY_WIRE', signed: '2026-07-01', value: M(0.5), local: true, endDate: daysFromNow(30) });
    // Cixi's quarters for the pace: 1,000,000 a quarter, local 300k … 400k.
    const quarters = ['2024-08-01', '2024-11-01', '2025-02-01', '2025-05-01', '2025-08-01', '2025-11-01'];
    for (const [i, signed] of quarters.entries()) {
      const local = 300_000 + 20_000 * i;
      await insertContract(`p${i}l`, { buyer: 'B', supplier: 'L1', category: 'CHASSIS.BRAKE_BY_WIRE', signed, value: local, local: true });
      await insertContract(`p${i}n`, { buyer: 'B', supplier: 'X1', category: 'CHIP.SOC', signed, value: 1_000_000 - local, local: false });
    }

    const sop = daysFromNow(400);
    const requirement = async (key: string, token: string, site: string, categoryCode: string, annualVolume: number, targetUnitPrice: string, requiredCertifications: unknown[], publish = true) => {
      req[key] = (await makeRequirement(t, token, site, { categoryCode, annualVolume, targetUnitPrice, requiredCertifications, sopDate: sop, title: `${key} ${categoryCode}` }, publish)).id;
    };
    await requirement('r1', oemA.token, plant.A, 'CHASSIS.BRAKE_BY_WIRE', 10_000, '100.00', [{ typeCode: 'IATF_16949' }, { typeCode: 'ISO_26262', minLevel: 'C' }]);
    await requirement('r2', oemB.token, plant.B, 'CHASSIS.BRAKE_BY_WIRE', 2_000, '1000.00', [{ typeCode: 'ISO_26262', minLevel: 'D' }]);
    await requirement('r3', oemA.token, plant.A, 'CHIP.SOC', 10_000, '300.00', [{ typeCode: 'AEC_Q100', minLevel: '1' }]);
    await requirement('r4', oemB.token, plant.B, 'CHIP.SOC', 4_000, '250.00', [{ typeCode: 'AEC_Q100', minLevel: '0' }]);
    await requirement('r5', oemA.token, plant.A, 'CHIP.MCU', 1_000, '500.00', []);
    await requirement('draft', oemA.token, plant.A, 'CHASSIS.BRAKE_BY_WIRE', 99_999, '999.00', [], false);
  });
  afterAll(() => t.close());

  describe('levers', () => {
    let r: any;
    beforeAll(async () => {
      r = (await t.ok<{ sourcingLevers: any }>(LEVERS, { region: '330200', period: Y2026 }, ningboBureau.token)).sourcingLevers;
    });

    it('states the official figure it moves and how an item is valued', () => {
      expect(r).toMatchObject({ regionCode: '330200', numerator: String(L), denominator: String(T), rate: new Decimal(L).dividedBy(T).toFixed(), targetRate: null });
      expect(fixed(r.rate)).toBe('0.3939');
      expect(r.valueDefinition).toMatch(/annual volume × target unit price/);
      expect(r.valueDefinition).toMatch(/not additive/);
      expect(r.asOf).toBe(daysFromNow(0));
    });

    it('lever 1: open requirements with a qualified local plant, each and together', () => {
      const open = r.levers[0];
      expect(open).toMatchObject({ kind: 'OPEN_REQUIREMENTS', itemCount: 2, value: '3000000', pp: pp(M(3)), projectedRate: projected(M(3)) });
      // (9.5 / 19.5 − 6.5 / 16.5) × 100 ≈ 9.3240 pp
      expect(fixed(open.pp)).toBe('9.3240');
      expect(open.items.map((i: any) => [i.id, i.categoryCode, i.buyerName, i.regionCode, i.value, i.pp])).toEqual([
        [req.r2, 'CHASSIS.BRAKE_BY_WIRE', '整车乙(测试)', '330282', '2000000', pp(M(2))],
        [req.r1, 'CHASSIS.BRAKE_BY_WIRE', '整车甲(测试)', '330206', '1000000', pp(M(1))],
      ]);
      // r1 alone: (7.5 / 17.5 − 6.5 / 16.5) × 100 ≈ 3.4632 pp; the two items' pp add up to more than the lever's
      expect(fixed(open.items[1].pp)).toBe('3.4632');
      expect(new Decimal(open.items[0].pp).plus(open.items[1].pp).greaterThan(open.pp)).toBe(true);
    });

    it('lever 2: demand gaps ranked by pp, with the nearest qualified suppliers, one line each', () => {
      const gaps = r.levers[1];
      expect(gaps).toMatchObject({ kind: 'DEMAND_GAPS', itemCount: 2, value: '4500000', pp: pp(M(4.5)) });
      expect(gaps.items.map((i: any) => [i.id, i.requirements, i.oems, i.value, i.pp])).toEqual([
        ['CHIP.SOC', 2, 2, '4000000', pp(M(4))],
        ['CHIP.MCU', 1, 1, '500000', pp(M(0.5))],
      ]);
      // (10.5 / 20.5 − 6.5 / 16.5) × 100 ≈ 11.8256 pp
      expect(fixed(gaps.items[0].pp)).toBe('11.8256');
      // X1 has two SoC plants: one line, its Suzhou plant (nearer to Cixi than Wuxi), grade 0 serving r3 and r4; then Hefei, grade 1 serving r3 only.
      expect(gaps.items[0].nearestOutside.map((c: any) => [c.supplierName, c.siteName, c.regionCode, c.qualifiedRequirements])).toEqual([
        ['苏锡芯片(测试)', '苏州工厂', '320505', 2],
        ['合肥芯片(测试)', '合肥工厂', '340104', 1],
      ]);
      expect(gaps.items[1].nearestOutside).toEqual([]);
    });

    it('lever 3: non-local running contracts ending within 12 months in a category made in the province', () => {
      const renewals = r.levers[2];
      expect(renewals).toMatchObject({ kind: 'RENEWALS', itemCount: 1, value: '2000000', pp: pp(M(2)) });
      expect(renewals.items.map((i: any) => [i.id, i.categoryCode, i.supplierName, i.endDate, i.value])).toEqual([[contract.k3, 'CHASSIS.BRAKE_BY_WIRE', '苏锡芯片(测试)', daysFromNow(100), '2000000']]);
      // (8.5 / 18.5 − 6.5 / 16.5) × 100 ≈ 6.5520 pp
      expect(fixed(renewals.pp)).toBe('6.5520');
    });

    it('all levers together, from the summed value', () => {
      expect(r.allPp).toBe(pp(M(9.5)));
      expect(r.allProjectedRate).toBe(projected(M(9.5)));
      // 16 / 26 ≈ 61.54 %
      expect(fixed(r.allProjectedRate)).toBe('0.6154');
    });

    it('lists the largest items only, totals over all', async () => {
      const one = (await t.ok<{ sourcingLevers: any }>(LEVERS, { region: '330200', period: Y2026, items: 1, nearest: 0 }, ningboBureau.token)).sourcingLevers;
      expect(one.levers.map((l: any) => [l.itemCount, l.value, l.items.map((i: any) => i.id)])).toEqual([
        [2, '3000000', [req.r2]], [2, '4500000', ['CHIP.SOC']], [1, '2000000', [contract.k3]],
      ]);
      expect(one.levers[1].items[0].nearestOutside).toEqual([]);
    });

    it('a county sees its own part: Cixi has r2, r4 and k3', async () => {
      const cixi = (await t.ok<{ sourcingLevers: any }>(LEVERS, { region: '330282', period: Y2026 }, ningboBureau.token)).sourcingLevers;
      // Cixi 2026: k3 2.0 + k4 1.0, none local: rate 0
      expect([cixi.numerator, cixi.denominator, cixi.rate]).toEqual(['0', '3000000', '0']);
      expect(cixi.levers.map((l: any) => [l.kind, l.itemCount, l.value])).toEqual([['OPEN_REQUIREMENTS', 1, '2000000'], ['DEMAND_GAPS', 1, '1000000'], ['RENEWALS', 1, '2000000']]);
      // r2 alone: 2 / 5 = 40 pp
      expect(cixi.levers[0].pp).toBe('40');
    });

    it('has no pp where nothing was bought in the period', async () => {
      const empty = (await t.ok<{ sourcingLevers: any }>(LEVERS, { region: '330200', period: { startYear: 2023 } }, ningboBureau.token)).sourcingLevers;
      expect(empty.rate).toBeNull();
      expect(empty.levers[0]).toMatchObject({ value: '3000000', pp: null });
      expect(empty.levers[0].items[0].pp).toBeNull();
    });
  });

  describe('scenarios', () => {
    beforeAll(async () => {
      // Ningbo baseline 2025 (computed): Cixi's 2025 quarters, local 340 + 360 + 380 + 400 k of 4 M = 0.37; target 0.47.
      await t.ok(SET_BASELINE, { input: { regionCode: '330200', baselineYear: 2025 } }, ningboBureau.token);
    });

    it('sums whole levers and single items, each once, against the target', async () => {
      const pick = { levers: ['OPEN_REQUIREMENTS'], requirementIds: [req.r1], categoryCodes: ['CHIP.MCU'], contractIds: [contract.k3] };
      const s = (await t.ok<{ sourcingScenario: any }>(SCENARIO, { region: '330200', period: Y2026, pick }, ningboBureau.token)).sourcingScenario;
      // 3.0 M (lever 1, r1 inside it) + 0.5 M (MCU) + 2.0 M (k3) = 5.5 M → 12 / 22 ≈ 54.55 %
      expect(s).toMatchObject({ levers: ['OPEN_REQUIREMENTS'], itemCount: 4, value: '5500000', projectedRate: projected(M(5.5)), pp: pp(M(5.5)), targetRate: '0.47', meetsTarget: true, ppShortOfTarget: '0', droppedIds: [] });
      expect(fixed(s.projectedRate)).toBe('0.5455');
      expect(s.items.map((i: any) => [i.kind, i.id, i.value])).toEqual([
        ['OPEN_REQUIREMENTS', req.r1, '1000000'], ['DEMAND_GAPS', 'CHIP.MCU', '500000'], ['RENEWALS', contract.k3, '2000000'],
      ]);
    });

    it('says how far short of the target a pick stays', async () => {
      const s = (await t.ok<{ sourcingScenario: any }>(SCENARIO, { region: '330200', period: Y2026, pick: { categoryCodes: ['CHIP.MCU'] } }, ningboBureau.token)).sourcingScenario;
      // 7 / 17 ≈ 41.18 %: short of 47 % by ≈ 5.82 pp
      expect(s).toMatchObject({ itemCount: 1, value: '500000', meetsTarget: false, ppShortOfTarget: new Decimal('0.47').minus(new Decimal(L + M(0.5)).dividedBy(T + M(0.5))).times(100).toFixed() });
      expect(fixed(s.ppShortOfTarget, 2)).toBe('5.82');
      const all = (await t.ok<{ sourcingScenario: any }>(SCENARIO, { region: '330200', period: Y2026, pick: { levers: ['OPEN_REQUIREMENTS', 'DEMAND_GAPS', 'RENEWALS'] } }, ningboBureau.token)).sourcingScenario;
      expect([all.itemCount, all.value, all.pp]).toEqual([5, '9500000', pp(M(9.5))]);
    });

    it('refuses an id that is not an item of the region\'s levers, naming it', async () => {
      const pick = { requirementIds: [req.r1, req.r3], contractIds: [contract.k4] };
      const res = await t.gql(SCENARIO, { region: '330200', period: Y2026, pick }, ningboBureau.token);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'pick.requirementIds.1' }, { field: 'pick.contractIds.0' }] });
      const bad = await t.gql(SCENARIO, { region: '330200', period: Y2026, pick: { requirementIds: ['not-a-uuid'] } }, ningboBureau.token);
      expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('saves scenarios per bureau; only that bureau reads, evaluates, changes or deletes them', async () => {
      const saved = (await t.ok<{ saveSourcingScenario: any }>(SAVE, { input: { regionCode: '330200', name: '制动本地化', requirementIds: [req.r1], contractIds: [contract.k3] } }, ningboBureau.token)).saveSourcingScenario;
      expect(saved).toMatchObject({ regionCode: '330200', name: '制动本地化', levers: [], requirementIds: [req.r1], contractIds: [contract.k3] });
      const mine = (await t.ok<{ sourcingScenarios: any[] }>(SCENARIOS, {}, ningboBureau.token)).sourcingScenarios;
      expect(mine.map((s) => s.id)).toEqual([saved.id]);
      expect((await t.ok<{ sourcingScenarios: any[] }>(SCENARIOS, {}, hangzhouBureau.token)).sourcingScenarios).toEqual([]);
      for (const token of [hangzhouBureau.token, provinceBureau.token]) {
        expect((await t.gql(EVALUATE, { id: saved.id, period: Y2026 }, token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
        expect((await t.gql(`mutation($id: ID!) { deleteSourcingScenario(id: $id) }`, { id: saved.id }, token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
        expect((await t.gql(SAVE, { input: { id: saved.id, regionCode: '330100', name: 'x' } }, token)).errors?.[0].extensions.code).toMatch(/NOT_FOUND|FORBIDDEN/);
      }
      for (const token of [admin.token, oemA.token]) expect((await t.gql(SCENARIOS, {}, token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      // A region outside the jurisdiction, and a name taken.
      expect((await t.gql(SAVE, { input: { regionCode: '330100', name: '杭州' } }, ningboBureau.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      const dup = await t.gql(SAVE, { input: { regionCode: '330200', name: '制动本地化' } }, ningboBureau.token);
      expect(dup.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.name' }] });

      // Evaluated against today's figures: 1.0 + 2.0 M.
      const now = (await t.ok<{ evaluateSourcingScenario: any }>(EVALUATE, { id: saved.id, period: Y2026 }, ningboBureau.token)).evaluateSourcingScenario;
      expect(now).toMatchObject({ itemCount: 2, value: '3000000', pp: pp(M(3)), droppedIds: [] });
      // r1 is cancelled: it drops out, and is named.
      await t.ok(`mutation($input: StatusChangeInput!) { cancelRequirement(input: $input) { id } }`, { input: { id: req.r1, version: 2 } }, oemA.token);
      const later = (await t.ok<{ evaluateSourcingScenario: any }>(EVALUATE, { id: saved.id, period: Y2026 }, ningboBureau.token)).evaluateSourcingScenario;
      expect(later).toMatchObject({ itemCount: 1, value: '2000000', pp: pp(M(2)), droppedIds: [req.r1] });

      const renamed = (await t.ok<{ saveSourcingScenario: any }>(SAVE, { input: { id: saved.id, regionCode: '330282', name: '慈溪', levers: ['RENEWALS'] } }, ningboBureau.token)).saveSourcingScenario;
      expect(renamed).toMatchObject({ id: saved.id, regionCode: '330282', name: '慈溪', levers: ['RENEWALS'], requirementIds: [] });
      expect(await t.ok(`mutation($id: ID!) { deleteSourcingScenario(id: $id) }`, { id: saved.id }, ningboBureau.token)).toEqual({ deleteSourcingScenario: true });
      expect((await t.ok<{ sourcingScenarios: any[] }>(SCENARIOS, {}, ningboBureau.token)).sourcingScenarios).toEqual([]);
      const audit = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [saved.id]);
      expect(audit.map((a) => a.action)).toEqual(['sourcing.scenario.create', 'sourcing.scenario.update', 'sourcing.scenario.delete']);
    });
  });

  describe('pace', () => {
    const pace = (variables: Record<string, unknown>) => t.ok<{ sourcingPace: any }>(PACE, { region: '330282', ...variables }, ningboBureau.token).then((d) => d.sourcingPace);

    it('projects a linear trend to 2027Q4 and finds the quarter the target is reached', async () => {
      // Baseline 2024 computed: (300 + 320) k of 2 M = 0.31; target 0.41. Trend +2 pp a quarter from 40 % in 2025Q4 → 42 % in 2026Q1.
      await t.ok(SET_BASELINE, { input: { regionCode: '330282', baselineYear: 2024 } }, ningboBureau.token);
      const p = await pace({ throughYear: 2025, throughQuarter: 4 });
      expect(p.method).toMatch(/Linear trend .* last 8 quarters/);
      expect(p.through).toBe('2025Q4');
      expect(p.series).toHaveLength(12);
      expect(p.series[0]).toEqual({ quarter: '2023Q1', rate: null, numerator: '0', denominator: '0', fitted: false });
      expect(p.series.slice(6).map((q: any) => [q.quarter, q.rate, q.fitted])).toEqual([
        ['2024Q3', '0.3', true], ['2024Q4', '0.32', true], ['2025Q1', '0.34', true], ['2025Q2', '0.36', true], ['2025Q3', '0.38', true], ['2025Q4', '0.4', true],
      ]);
      expect([p.fittedQuarters, p.slopePpPerQuarter, p.residualSdPp, p.targetRate]).toEqual([6, 2, 0, '0.41']);
      expect(p.projection.map((q: any) => q.quarter)).toEqual(['2026Q1', '2026Q2', '2026Q3', '2026Q4', '2027Q1', '2027Q2', '2027Q3', '2027Q4']);
      expect(p.projection[0]).toEqual({ quarter: '2026Q1', rate: 0.42, low: 0.42, high: 0.42 });
      expect(p.projection[7].rate).toBeCloseTo(0.56, 6);
      expect([p.verdict, p.reachedQuarter, p.reachedBy]).toEqual(['REACHED', '2026Q1', '2026-03-31']);
    });

    it('says "not by 2027" when the trend stays short, and when the target is already met', async () => {
      // Target 0.31 + 30 pp = 0.61: the trend gets to 56 % by 2027Q4.
      await t.ok(SET_BASELINE, { input: { regionCode: '330282', baselineYear: 2024, targetIncreasePp: '30' } }, ningboBureau.token);
      const short = await pace({ throughYear: 2025, throughQuarter: 4 });
      expect([short.verdict, short.reachedQuarter, short.targetRate]).toEqual(['NOT_BY_2027', null, '0.61']);
      expect(short.note).toMatch(/^Not by 2027 at this pace: trend \+2\.00 pp per quarter over 6 quarters/);
      // An entered baseline of 20 %: target 30 %, already met by 2025Q4's 40 %.
      await t.ok(SET_BASELINE, { input: { regionCode: '330282', baselineYear: 2024, enteredRate: '0.2', sourceNote: '统计公报 2024' } }, ningboBureau.token);
      expect((await pace({ throughYear: 2025, throughQuarter: 4 })).verdict).toBe('ALREADY_MET');
    });

    it('makes no projection from fewer than 4 quarters, and says why', async () => {
      const p = await pace({ throughYear: 2025, throughQuarter: 1 });
      // 2024Q3, 2024Q4 and 2025Q1 only
      expect([p.verdict, p.fittedQuarters, p.projection, p.slopePpPerQuarter]).toEqual(['TOO_FEW_QUARTERS', 0, [], null]);
      expect(p.note).toBe('Only 3 of the 12 quarters up to 2025Q1 have purchases; a trend needs at least 4 (with fewer, its spread cannot be estimated), so there is no projection.');
    });

    it('refuses a quarter without its year', async () => {
      const res = await t.gql(PACE, { region: '330282', throughQuarter: 2 }, ningboBureau.token);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'throughQuarter' }] });
    });
  });

  describe('map', () => {
    const MAP = `query($region: String!, $period: PeriodInput!) { sourcingMap(region: $region, period: $period) {
      regionCode level note areas { code nameZh lat lon supplierPlants oemPlants localValue nonLocalValue rate } } }`;

    it('gives a city bureau its counties at their centroids, with plants and local / non-local value', async () => {
      const { sourcingMap } = await t.ok<{ sourcingMap: any }>(MAP, { region: '330200', period: Y2026 }, ningboBureau.token);
      expect([sourcingMap.regionCode, sourcingMap.level]).toEqual(['330200', 'COUNTY']);
      expect(sourcingMap.note).toMatch(/schematic/);
      const area = (code: string) => sourcingMap.areas.find((a: any) => a.code === code);
      // Beilun: 甲's plant; k1 6.0 + k7 0.5 local, k2 4.0 + k5 3.0 + k6 0 non-local
      expect(area('330206')).toMatchObject({ nameZh: '北仑区', supplierPlants: 0, oemPlants: 1, localValue: '6500000', nonLocalValue: '7000000', rate: new Decimal(6.5).dividedBy(13.5).toFixed() });
      // Cixi: 乙's plant; k3 2.0 + k4 1.0 non-local
      expect(area('330282')).toMatchObject({ oemPlants: 1, localValue: '0', nonLocalValue: '3000000', rate: '0' });
      // Yinzhou: L1's plant, nothing bought
      expect(area('330212')).toMatchObject({ supplierPlants: 1, oemPlants: 0, localValue: '0', nonLocalValue: '0', rate: null });
      expect(area('330212').lat).toBeCloseTo(29.8165, 3);
    });

    it('gives a province its cities', async () => {
      const { sourcingMap } = await t.ok<{ sourcingMap: any }>(MAP, { region: '330000', period: Y2026 }, provinceBureau.token);
      expect(sourcingMap.level).toBe('CITY');
      expect(sourcingMap.areas.find((a: any) => a.code === '330200')).toMatchObject({ supplierPlants: 1, oemPlants: 2, localValue: String(L), nonLocalValue: String(T - L) });
      expect(sourcingMap.areas.length).toBe(11); // Zhejiang's eleven cities
      expect((await t.gql(MAP, { region: '330000', period: Y2026 }, ningboBureau.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('access', () => {
    it('a bureau reads only its jurisdiction; a province bureau and an admin read Ningbo; an OEM nothing', async () => {
      for (const query of [LEVERS, SCENARIO, PACE]) {
        const vars = { region: '330200', period: Y2026, pick: {} };
        const other = await t.gql(query, vars, hangzhouBureau.token);
        expect(other.errors?.[0].extensions.code).toBe('FORBIDDEN');
        expect((await t.gql(query, vars, oemA.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
        expect((await t.gql(query, vars, provinceBureau.token)).errors).toBeUndefined();
        expect((await t.gql(query, vars, admin.token)).errors).toBeUndefined();
      }
    });
  });
});
