/**
 * Bureau statistics on a hand-built set of contracts, every figure checked against a hand
 * calculation written here. The contracts are inserted with SQL, as a bulk import would, and
 * reach the rollup through the triggers on `contracts` only.
 *
 * Plants: OEM 甲 in Beilun (330206, Ningbo); OEM 乙 in Cixi (330282, Ningbo); OEM 丙 in Qiantang
 * (330114, Hangzhou). Suppliers: S1 Yinzhou (330212, Ningbo), S2 Xiaoshan (330109, Hangzhou),
 * S3 Suzhou (320505, Jiangsu), S4 Stuttgart (DE), S5 Nanhu (330402, Jiaxing — moves to Suzhou
 * after signing).
 *
 * 2025 contracts (counted value, CNY; P = same province at signing, C = same city):
 *   c1  甲←S1  CHASSIS.BRAKE_BY_WIRE      AWARDED   2025-02-10 Q1  1,000,000        P C
 *   c2  甲←S2  COCKPIT.DISPLAY            RECORDED  2025-05-20 Q2  2,000,000        P
 *   c3  甲←S3  CHIP.MCU                   RECORDED  2025-08-01 Q3  3,000,000
 *   c4  乙←S5  CHIP.POWER                 AWARDED   2025-11-11 Q4  1,500,000        P      (plant moved later: still P)
 *   c5  乙←S1  CHASSIS.SUSPENSION         RECORDED  2025-03-03 Q1    400,000        P C    (900,000, TERMINATED, 400,000 delivered)
 *   c6  乙←S4  CHASSIS.BRAKE_BY_WIRE      RECORDED  2025-06-30 Q2          0               (700,000, TERMINATED, delivered unknown)
 *   c7  甲←S1  COCKPIT.DOMAIN_CONTROLLER  AWARDED   2025-09-15 Q3    800,000        P C    (signed at 500,000, amended to 800,000)
 *   c8  丙←S2  CHASSIS.BRAKE_BY_WIRE      RECORDED  2025-04-01 Q2  5,000,000        P C    (Hangzhou)
 *   c9  丙←S3  CHIP.SOC                   RECORDED  2025-07-07 Q3  2,500,000               (Hangzhou)
 *   c10 乙←S3  CHASSIS.BRAKE_BY_WIRE      AWARDED   2025-01-20 Q1    600,000
 * Baseline year 2024 (Ningbo): b1 甲←S1 2,000,000 P C (03-01); b2 甲←S3 3,000,000 (06-01); b3 乙←S2 1,000,000 P (12-31).
 * Outside the period: d1 甲←S1 900,000 P C signed 2026-01-05.
 */
import { Decimal } from 'decimal.js';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const M = (millions: number) => millions * 1_000_000;
/** The exact rate the API computes (Decimal, 20 significant digits) from hand-summed values. */
const rate = (local: number, total: number) => new Decimal(local).dividedBy(total).toFixed();
const round4 = (value: string | null) => (value === null ? null : new Decimal(value).toFixed(4));

const RATE = `query($region: String!, $period: PeriodInput!, $basis: RateBasis, $scope: LocalScope, $source: ContractSourceFilter) {
  localSourcingRate(region: $region, period: $period, basis: $basis, scope: $scope, source: $source) {
    regionCode regionName basis scope source definition numerator denominator rate contracts
    period { startYear startQuarter endYear endQuarter from until label }
    byCity { key nameZh numerator denominator rate contracts }
    byCounty { key nameZh numerator denominator rate contracts }
    byOem { key nameZh numerator denominator rate contracts }
    byFocusArea { key nameZh nameEn numerator denominator rate contracts }
    byCategory { key focusArea numerator denominator rate contracts }
    byQuarter { key numerator denominator rate contracts }
  } }`;
const TARGET = `query($region: String!, $period: PeriodInput!, $basis: RateBasis, $scope: LocalScope) {
  localSourcingRate(region: $region, period: $period, basis: $basis, scope: $scope) { rate target {
    baselineYear baselineMethod baselineRate baselineNumerator baselineDenominator sourceNote targetIncreasePp targetRate currentRate changePp progress additionalLocalNeeded localShiftNeeded } } }`;
const CONTRACTS = `query($region: String!, $period: PeriodInput!, $scope: LocalScope, $source: ContractSourceFilter, $filter: SourcingContractFilter, $first: Int, $after: String) {
  sourcingContracts(region: $region, period: $period, scope: $scope, source: $source, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id signedDate status source buyerName supplierName buyerRegionCode supplierRegionCode categoryCode totalValue deliveredValue countedValue counts local sameProvince sameCity } } } }`;
const SET_BASELINE = `mutation($input: SetSourcingBaselineInput!) { setSourcingBaseline(input: $input) { regionCode baselineYear targetIncreasePp method enteredRate enteredBasis enteredScope sourceNote } }`;
const GAPS = `query($region: String!, $categoryCode: String, $nearest: Int) { demandGaps(region: $region, categoryCode: $categoryCode, nearest: $nearest) {
  categoryCode nameZh nameEn focusArea requirements oems demandedAnnualValue
  nearestOutside { supplierName siteName regionCode countryCode distanceKm qualifiedRequirements } } }`;

const Y2025 = { startYear: 2025 };

/** Great-circle distance on earthdistance's sphere (radius 6378.168 km). */
function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6378.168;
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

describe('bureau statistics (local sourcing rate)', () => {
  let t: TestApp;
  let admin: { token: string };
  let ningboBureau: MadeOrganization;
  let hangzhouBureau: MadeOrganization;
  let provinceBureau: MadeOrganization;
  let oemA: MadeOrganization;
  let oemB: MadeOrganization;
  let oemC: MadeOrganization;
  const plant: Record<string, string> = {};
  const org: Record<string, string> = {};
  const contract: Record<string, string> = {};
  const PLACES = {
    A: { regionCode: '330206', lat: 29.89, lon: 121.85 },
    B: { regionCode: '330282', lat: 30.17, lon: 121.27 },
    C: { regionCode: '330114', lat: 30.3, lon: 120.49 },
    S1: { regionCode: '330212', lat: 29.82, lon: 121.55 },
    S2: { regionCode: '330109', lat: 30.16, lon: 120.26 },
    S3: { regionCode: '320505', lat: 31.3, lon: 120.57 },
    S4: { regionCode: null, countryCode: 'DE', lat: 48.78, lon: 9.18 },
    S5: { regionCode: '330402', lat: 30.75, lon: 120.76 },
  } as const;

  async function insertContract(key: string, c: {
    buyer: 'A' | 'B' | 'C'; supplier: 'S1' | 'S2' | 'S3' | 'S4' | 'S5'; category: string; source: 'AWARDED' | 'RECORDED'; signed: string; value: number;
    status?: string; delivered?: number | null; province: boolean; city: boolean;
  }): Promise<string> {
    const supplierPlace = PLACES[c.supplier];
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `INSERT INTO contracts (source, buyer_reference, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume,
         total_value, delivered_value, signed_date, start_date, status, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 100, 1, $8, $9, $10, $10, $11, $12, $13, $14, false, $15, $16, 42) RETURNING id`,
      [c.source, key, org[c.buyer], plant[c.buyer], org[c.supplier], plant[c.supplier], c.category, c.value.toFixed(2), c.delivered == null ? null : c.delivered.toFixed(2),
        c.signed, c.status ?? 'ACTIVE', PLACES[c.buyer].regionCode, supplierPlace.regionCode, 'countryCode' in supplierPlace ? supplierPlace.countryCode : 'CN', c.city, c.province],
    );
    contract[key] = id;
    return id;
  }

  const ningbo = (variables: Record<string, unknown> = {}, token = ningboBureau.token) => t.ok<{ localSourcingRate: any }>(RATE, { region: '330200', period: Y2025, ...variables }, token).then((d) => d.localSourcingRate);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    ningboBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { legalName: '宁波市经信局(测试)', jurisdictionCode: '330200' });
    hangzhouBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { legalName: '杭州市经信局(测试)', jurisdictionCode: '330100' });
    provinceBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { legalName: '浙江省经信厅(测试)', jurisdictionCode: '330000' });
    oemA = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '整车甲(测试)' });
    oemB = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '整车乙(测试)' });
    oemC = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '整车丙(测试)' });
    for (const [key, made] of [['A', oemA], ['B', oemB], ['C', oemC]] as const) {
      org[key] = made.id;
      plant[key] = await makeSite(t, made.token, PLACES[key].regionCode, `${key} 总装厂`, { lat: PLACES[key].lat, lon: PLACES[key].lon });
    }
    for (const key of ['S1', 'S2', 'S3', 'S4', 'S5'] as const) {
      const made = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: `供应商${key}(测试)` });
      org[key] = made.id;
      const place = PLACES[key];
      plant[key] = await makeSite(t, made.token, place.regionCode as string, `${key} 工厂`, { ...place });
    }

    await insertContract('c1', { buyer: 'A', supplier: 'S1', category: 'CHASSIS.BRAKE_BY_WIRE', source: 'AWARDED', signed: '2025-02-10', value: M(1), province: true, city: true });
    await insertContract('c2', { buyer: 'A', supplier: 'S2', category: 'COCKPIT.DISPLAY', source: 'RECORDED', signed: '2025-05-20', value: M(2), status: 'COMPLETED', province: true, city: false });
    await insertContract('c3', { buyer: 'A', supplier: 'S3', category: 'CHIP.MCU', source: 'RECORDED', signed: '2025-08-01', value: M(3), province: false, city: false });
    await insertContract('c4', { buyer: 'B', supplier: 'S5', category: 'CHIP.POWER', source: 'AWARDED', signed: '2025-11-11', value: M(1.5), province: true, city: false });
    await insertContract('c5', { buyer: 'B', supplier: 'S1', category: 'CHASSIS.SUSPENSION', source: 'RECORDED', signed: '2025-03-03', value: M(0.9), province: true, city: true });
    await insertContract('c6', { buyer: 'B', supplier: 'S4', category: 'CHASSIS.BRAKE_BY_WIRE', source: 'RECORDED', signed: '2025-06-30', value: M(0.7), status: 'TERMINATED', delivered: null, province: false, city: false });
    await insertContract('c7', { buyer: 'A', supplier: 'S1', category: 'COCKPIT.DOMAIN_CONTROLLER', source: 'AWARDED', signed: '2025-09-15', value: M(0.5), province: true, city: true });
    await insertContract('c8', { buyer: 'C', supplier: 'S2', category: 'CHASSIS.BRAKE_BY_WIRE', source: 'RECORDED', signed: '2025-04-01', value: M(5), province: true, city: true });
    await insertContract('c9', { buyer: 'C', supplier: 'S3', category: 'CHIP.SOC', source: 'RECORDED', signed: '2025-07-07', value: M(2.5), province: false, city: false });
    await insertContract('c10', { buyer: 'B', supplier: 'S3', category: 'CHASSIS.BRAKE_BY_WIRE', source: 'AWARDED', signed: '2025-01-20', value: M(0.6), province: false, city: false });
    await insertContract('b1', { buyer: 'A', supplier: 'S1', category: 'CHASSIS.BRAKE_BY_WIRE', source: 'RECORDED', signed: '2024-03-01', value: M(2), province: true, city: true });
    await insertContract('b2', { buyer: 'A', supplier: 'S3', category: 'CHIP.MCU', source: 'RECORDED', signed: '2024-06-01', value: M(3), province: false, city: false });
    await insertContract('b3', { buyer: 'B', supplier: 'S2', category: 'COCKPIT.DISPLAY', source: 'RECORDED', signed: '2024-12-31', value: M(1), province: true, city: false });
    await insertContract('d1', { buyer: 'A', supplier: 'S1', category: 'CHASSIS.BRAKE_BY_WIRE', source: 'RECORDED', signed: '2026-01-05', value: M(0.9), province: true, city: true });

    // Later events, through UPDATEs as the contract services would make them:
    // c5 terminated with 400,000 delivered; c7 amended from 500,000 to 800,000 (history kept);
    // S5's plant moves from Jiaxing to Suzhou after c4 was signed.
    await t.dataSource.query(`UPDATE contracts SET status = 'TERMINATED', delivered_value = 400000, termination_reason = 'model cancelled', version = version + 1 WHERE id = $1`, [contract.c5]);
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO contract_amendments (contract_id, sequence, before, after, reason, effective_date, amended_by) VALUES ($1, 1, '{"totalValue":"500000.00"}', '{"totalValue":"800000.00"}', 'volume up', '2025-10-01', $2)`, [contract.c7, org.A]);
      await manager.query(`UPDATE contracts SET total_value = 800000, volume = 2, version = version + 1 WHERE id = $1`, [contract.c7]);
    });
    await t.dataSource.query(`UPDATE sites SET region_code = '320505', lat = 31.31, lon = 120.6 WHERE id = $1`, [plant.S5]);
  });
  afterAll(() => t.close());

  describe('value basis, province scope (Ningbo 2025)', () => {
    let r: any;
    beforeAll(async () => {
      r = await ningbo();
    });

    it('states its definition and period', () => {
      expect(r).toMatchObject({ regionCode: '330200', regionName: '宁波市', basis: 'VALUE', scope: 'PROVINCE', source: 'ALL' });
      expect(r.period).toEqual({ startYear: 2025, startQuarter: 1, endYear: 2025, endQuarter: 4, from: '2025-01-01', until: '2026-01-01', label: '2025' });
      expect(r.definition).toMatch(/same province/);
      expect(r.definition).toMatch(/TERMINATED contract counts only its delivered value/);
    });

    it('counts current values, delivered value of terminated contracts, and the snapshot', () => {
      // Total: c1 1.0 + c2 2.0 + c3 3.0 + c4 1.5 + c5 0.4 (delivered) + c6 0 (unknown) + c7 0.8 (amended) + c10 0.6 = 9.3 M
      // Local (same province at signing): c1 1.0 + c2 2.0 + c4 1.5 (plant since moved) + c5 0.4 + c7 0.8 = 5.7 M
      expect(r.numerator).toBe('5700000');
      expect(r.denominator).toBe('9300000');
      expect(r.rate).toBe(rate(M(5.7), M(9.3))); // 57/93
      expect(round4(r.rate)).toBe('0.6129');
      expect(r.contracts).toBe(8); // c1–c7, c10; not c8, c9 (Hangzhou), b* (2024), d1 (2026)
    });

    it('breaks down by city and county', () => {
      expect(r.byCity).toEqual([{ key: '330200', nameZh: '宁波市', numerator: '5700000', denominator: '9300000', rate: rate(M(5.7), M(9.3)), contracts: 8 }]);
      // Beilun (甲): c1 1.0 L, c2 2.0 L, c3 3.0, c7 0.8 L → 3.8 / 6.8; Cixi (乙): c4 1.5 L, c5 0.4 L, c6 0, c10 0.6 → 1.9 / 2.5
      expect(r.byCounty).toEqual([
        { key: '330206', nameZh: '北仑区', numerator: '3800000', denominator: '6800000', rate: rate(M(3.8), M(6.8)), contracts: 4 },
        { key: '330282', nameZh: '慈溪市', numerator: '1900000', denominator: '2500000', rate: '0.76', contracts: 4 },
      ]);
    });

    it('breaks down by OEM, largest purchaser first', () => {
      expect(r.byOem).toEqual([
        { key: oemA.id, nameZh: '整车甲(测试)', numerator: '3800000', denominator: '6800000', rate: rate(M(3.8), M(6.8)), contracts: 4 },
        { key: oemB.id, nameZh: '整车乙(测试)', numerator: '1900000', denominator: '2500000', rate: '0.76', contracts: 4 },
      ]);
    });

    it('breaks down by focus area and category', () => {
      // CHASSIS: c1 1.0 L + c5 0.4 L + c6 0 + c10 0.6 → 1.4 / 2.0; COCKPIT: c2 2.0 L + c7 0.8 L → 2.8 / 2.8; CHIP: c3 3.0 + c4 1.5 L → 1.5 / 4.5
      expect(r.byFocusArea).toEqual([
        { key: 'COCKPIT', nameZh: '智能座舱', nameEn: 'Smart cockpit', numerator: '2800000', denominator: '2800000', rate: '1', contracts: 2 },
        { key: 'CHASSIS', nameZh: '线控底盘', nameEn: 'By-wire chassis', numerator: '1400000', denominator: '2000000', rate: '0.7', contracts: 4 },
        { key: 'CHIP', nameZh: '车规级芯片', nameEn: 'Automotive-grade chips', numerator: '1500000', denominator: '4500000', rate: rate(M(1.5), M(4.5)), contracts: 2 },
      ]);
      expect(r.byCategory).toEqual([
        // BRAKE_BY_WIRE: c1 1.0 L, c6 0, c10 0.6 → 1.0 / 1.6 = 0.625
        { key: 'CHASSIS.BRAKE_BY_WIRE', focusArea: 'CHASSIS', numerator: '1000000', denominator: '1600000', rate: '0.625', contracts: 3 },
        { key: 'CHASSIS.SUSPENSION', focusArea: 'CHASSIS', numerator: '400000', denominator: '400000', rate: '1', contracts: 1 },
        { key: 'CHIP.MCU', focusArea: 'CHIP', numerator: '0', denominator: '3000000', rate: '0', contracts: 1 },
        { key: 'CHIP.POWER', focusArea: 'CHIP', numerator: '1500000', denominator: '1500000', rate: '1', contracts: 1 },
        { key: 'COCKPIT.DISPLAY', focusArea: 'COCKPIT', numerator: '2000000', denominator: '2000000', rate: '1', contracts: 1 },
        { key: 'COCKPIT.DOMAIN_CONTROLLER', focusArea: 'COCKPIT', numerator: '800000', denominator: '800000', rate: '1', contracts: 1 },
      ]);
    });

    it('breaks down by quarter, every quarter listed', () => {
      // Q1: c1 1.0 L, c5 0.4 L, c10 0.6 → 1.4 / 2.0; Q2: c2 2.0 L, c6 0 → 2.0 / 2.0; Q3: c3 3.0, c7 0.8 L → 0.8 / 3.8; Q4: c4 1.5 L
      expect(r.byQuarter).toEqual([
        { key: '2025Q1', numerator: '1400000', denominator: '2000000', rate: '0.7', contracts: 3 },
        { key: '2025Q2', numerator: '2000000', denominator: '2000000', rate: '1', contracts: 2 },
        { key: '2025Q3', numerator: '800000', denominator: '3800000', rate: rate(M(0.8), M(3.8)), contracts: 2 },
        { key: '2025Q4', numerator: '1500000', denominator: '1500000', rate: '1', contracts: 1 },
      ]);
    });
  });

  it('city scope counts only suppliers in the buyer plant\'s city', async () => {
    const r = await ningbo({ scope: 'CITY' });
    // Same city: c1 1.0 + c5 0.4 + c7 0.8 = 2.2 M of 9.3 M
    expect([r.numerator, r.denominator, r.rate]).toEqual(['2200000', '9300000', rate(M(2.2), M(9.3))]);
    expect(round4(r.rate)).toBe('0.2366');
    // Beilun: c1 1.0 + c7 0.8 = 1.8 / 6.8; Cixi: c5 0.4 / 2.5
    expect(r.byCounty.map((c: any) => [c.key, c.numerator, c.rate])).toEqual([['330206', '1800000', rate(M(1.8), M(6.8))], ['330282', '400000', '0.16']]);
  });

  it('count basis counts contracts, a terminated one only if something was delivered', async () => {
    const province = await ningbo({ basis: 'COUNT' });
    // Counted: c1 c2 c3 c4 c5 c7 c10 = 7 (c6 delivered nothing); local: c1 c2 c4 c5 c7 = 5
    expect([province.numerator, province.denominator, province.rate, province.contracts]).toEqual(['5', '7', rate(5, 7), 8]);
    const city = await ningbo({ basis: 'COUNT', scope: 'CITY' });
    // Same city: c1 c5 c7 = 3 of 7
    expect([city.numerator, city.denominator, city.rate]).toEqual(['3', '7', rate(3, 7)]);
    // By quarter: Q1 c1 L, c5 L, c10 → 2/3; Q2 c2 L (c6 not counted) → 1/1; Q3 c3, c7 L → 1/2; Q4 c4 L → 1/1
    expect(province.byQuarter.map((q: any) => `${q.key} ${q.numerator}/${q.denominator}`)).toEqual(['2025Q1 2/3', '2025Q2 1/1', '2025Q3 1/2', '2025Q4 1/1']);
  });

  it('filters by source', async () => {
    const awarded = await ningbo({ source: 'AWARDED' });
    // AWARDED: c1 1.0 L, c4 1.5 L, c7 0.8 L, c10 0.6 → 3.3 / 3.9
    expect([awarded.numerator, awarded.denominator, awarded.rate, awarded.contracts]).toEqual(['3300000', '3900000', rate(M(3.3), M(3.9)), 4]);
    const recorded = await ningbo({ source: 'RECORDED' });
    // RECORDED: c2 2.0 L, c3 3.0, c5 0.4 L, c6 0 → 2.4 / 5.4
    expect([recorded.numerator, recorded.denominator, recorded.rate, recorded.contracts]).toEqual(['2400000', '5400000', rate(M(2.4), M(5.4)), 4]);
  });

  it('sums a province over its cities, and a county on its own', async () => {
    const zhejiang = (await t.ok<{ localSourcingRate: any }>(RATE, { region: '330000', period: Y2025 }, provinceBureau.token)).localSourcingRate;
    // Ningbo 5.7 / 9.3 + Hangzhou (c8 5.0 L, c9 2.5) 5.0 / 7.5 → 10.7 / 16.8
    expect([zhejiang.numerator, zhejiang.denominator, zhejiang.rate, zhejiang.contracts]).toEqual(['10700000', '16800000', rate(M(10.7), M(16.8)), 10]);
    expect(zhejiang.byCity.map((c: any) => [c.key, c.nameZh, c.numerator, c.denominator])).toEqual([['330100', '杭州市', '5000000', '7500000'], ['330200', '宁波市', '5700000', '9300000']]);
    const beilun = (await t.ok<{ localSourcingRate: any }>(RATE, { region: '330206', period: Y2025 }, ningboBureau.token)).localSourcingRate;
    expect([beilun.numerator, beilun.denominator]).toEqual(['3800000', '6800000']);
    expect(beilun.byCity).toEqual([{ key: '330200', nameZh: '宁波市', numerator: '3800000', denominator: '6800000', rate: rate(M(3.8), M(6.8)), contracts: 4 }]);
    expect(beilun.byCounty.map((c: any) => c.key)).toEqual(['330206']);
  });

  it('takes whole quarters: one quarter, and a period across years', async () => {
    const q3 = await ningbo({ period: { startYear: 2025, startQuarter: 3, endQuarter: 3 } });
    expect([q3.numerator, q3.denominator, q3.period.label, q3.period.until]).toEqual(['800000', '3800000', '2025Q3', '2025-10-01']);
    // 2024Q4–2026Q1: all of 2025, plus b3 (2024-12-31) and d1 (2026-01-05)
    const span = await ningbo({ period: { startYear: 2024, startQuarter: 4, endYear: 2026, endQuarter: 1 } });
    // 2025 9.3 / 5.7 + b3 1.0 L + d1 0.9 L → 7.6 / 11.2
    expect([span.numerator, span.denominator, span.byQuarter.length, span.period.label]).toEqual(['7600000', '11200000', 6, '2024Q4–2026Q1']);
    expect(span.byQuarter.map((q: any) => q.key)).toEqual(['2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4', '2026Q1']);
    const empty = await ningbo({ period: { startYear: 2023 } });
    expect([empty.numerator, empty.denominator, empty.rate, empty.contracts]).toEqual(['0', '0', null, 0]);
    expect(empty.byFocusArea.map((f: any) => [f.key, f.rate])).toEqual([['COCKPIT', null], ['CHASSIS', null], ['CHIP', null]]);
  });

  it('rejects a bad period or region with the offending fields', async () => {
    const backwards = await t.gql(RATE, { region: '330200', period: { startYear: 2025, endYear: 2024 } }, ningboBureau.token);
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'period.endYear' }] });
    const quarter = await t.gql(RATE, { region: '330200', period: { startYear: 2025, startQuarter: 5 } }, ningboBureau.token);
    expect(quarter.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const region = await t.gql(RATE, { region: 'Ningbo', period: Y2025 }, ningboBureau.token);
    expect(region.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'region' }] });
    const missing = await t.gql(RATE, { region: '330299', period: Y2025 }, ningboBureau.token);
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  describe('baseline and target', () => {
    it('computes the baseline from the baseline year, with a configured increase', async () => {
      const set = await t.ok<{ setSourcingBaseline: any }>(SET_BASELINE, { input: { regionCode: '330200', baselineYear: 2024, targetIncreasePp: '15' } }, ningboBureau.token);
      expect(set.setSourcingBaseline).toEqual({ regionCode: '330200', baselineYear: 2024, targetIncreasePp: '15', method: 'COMPUTED', enteredRate: null, enteredBasis: null, enteredScope: null, sourceNote: '' });
      const { target } = (await t.ok<{ localSourcingRate: any }>(TARGET, { region: '330200', period: Y2025 }, ningboBureau.token)).localSourcingRate;
      // 2024: b1 2.0 L + b3 1.0 L of b1 + b2 3.0 + b3 = 6.0 → baseline 0.5; target 0.5 + 15 pp = 0.65
      // current 57/93 = 0.612903…: change = (57/93 − 1/2) × 100 = 11.2903… pp; progress = (57/93 − 1/2) ÷ 0.15 = 70/93 = 0.752688…
      // additional new local value: (0.65 × 9.3 M − 5.7 M) ÷ (1 − 0.65) = 345,000 ÷ 0.35 = 985,714.2857… → 985,714.29 (rounded up to the fen)
      // or at the current total: 0.65 × 9.3 M − 5.7 M = 345,000
      expect(target).toMatchObject({
        baselineYear: 2024, baselineMethod: 'COMPUTED', baselineRate: '0.5', baselineNumerator: '3000000', baselineDenominator: '6000000',
        targetIncreasePp: '15', targetRate: '0.65', currentRate: rate(M(5.7), M(9.3)),
        additionalLocalNeeded: '985714.29', localShiftNeeded: '345000',
      });
      expect(new Decimal(target.changePp).toFixed(4)).toBe('11.2903');
      expect(new Decimal(target.progress).toFixed(12)).toBe(new Decimal(70).dividedBy(93).toFixed(12)); // 0.752688172043
      // Check: (5.7 M + 985,714.29) / (9.3 M + 985,714.29) reaches 0.65
      expect(new Decimal(M(5.7)).plus('985714.29').dividedBy(new Decimal(M(9.3)).plus('985714.29')).greaterThanOrEqualTo('0.65')).toBe(true);
    });

    it('computes the baseline on the basis and scope asked', async () => {
      const { target } = (await t.ok<{ localSourcingRate: any }>(TARGET, { region: '330200', period: Y2025, basis: 'COUNT', scope: 'CITY' }, ningboBureau.token)).localSourcingRate;
      // 2024 by count, same city: b1 of b1 b2 b3 → 1/3; target 1/3 + 0.15; current 3/7
      // additional contracts: (t·7 − 3) ÷ (1 − t) with t = 0.48333… → 0.383333… ÷ 0.516666… = 0.7419… → 1 (whole contracts, rounded up)
      expect(target).toMatchObject({ baselineRate: rate(1, 3), baselineNumerator: '1', baselineDenominator: '3', currentRate: rate(3, 7), additionalLocalNeeded: '1', localShiftNeeded: '1' });
      expect(round4(target.targetRate)).toBe('0.4833');
    });

    it('uses an entered rate, with its source, for its basis and scope', async () => {
      const input = { regionCode: '330200', baselineYear: 2024, enteredRate: '0.45', sourceNote: '宁波市统计公报 2024(示例)' };
      const set = (await t.ok<{ setSourcingBaseline: any }>(SET_BASELINE, { input }, ningboBureau.token)).setSourcingBaseline;
      expect(set).toMatchObject({ method: 'ENTERED', enteredRate: '0.45', enteredBasis: 'VALUE', enteredScope: 'PROVINCE', targetIncreasePp: '10' });
      const { target } = (await t.ok<{ localSourcingRate: any }>(TARGET, { region: '330200', period: Y2025 }, ningboBureau.token)).localSourcingRate;
      // baseline 0.45 (entered); target 0.55 — met: current 0.6129 → progress (0.612903… − 0.45) ÷ 0.10 = 1.629…; nothing more needed
      expect(target).toMatchObject({ baselineMethod: 'ENTERED', baselineRate: '0.45', baselineNumerator: null, sourceNote: '宁波市统计公报 2024(示例)', targetRate: '0.55', additionalLocalNeeded: '0', localShiftNeeded: '0' });
      expect(new Decimal(target.progress).toFixed(4)).toBe('1.6290');
      // For another basis the entered figure does not apply: computed from 2024 (count, province: b1 b3 of 3 → 2/3)
      const count = (await t.ok<{ localSourcingRate: any }>(TARGET, { region: '330200', period: Y2025, basis: 'COUNT' }, ningboBureau.token)).localSourcingRate.target;
      expect(count).toMatchObject({ baselineMethod: 'COMPUTED', baselineRate: rate(2, 3) });
      const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'sourcing.baseline.set' AND entity_id = '330200'`);
      expect(audit[0].n).toBe(2);
    });

    it('refuses an entered rate without a source, and rates outside 0–1', async () => {
      const noSource = await t.gql(SET_BASELINE, { input: { regionCode: '330200', baselineYear: 2024, enteredRate: '0.45' } }, ningboBureau.token);
      expect(noSource.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.sourceNote' }] });
      const percent = await t.gql(SET_BASELINE, { input: { regionCode: '330200', baselineYear: 2024, enteredRate: '45', sourceNote: 'x' } }, ningboBureau.token);
      expect(percent.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.enteredRate' }] });
      const zero = await t.gql(SET_BASELINE, { input: { regionCode: '330200', baselineYear: 2024, targetIncreasePp: '0' } }, ningboBureau.token);
      expect(zero.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.targetIncreasePp' }] });
    });

    it('is null without a baseline', async () => {
      const { target } = (await t.ok<{ localSourcingRate: any }>(TARGET, { region: '330206', period: Y2025 }, ningboBureau.token)).localSourcingRate;
      expect(target).toBeNull();
    });
  });

  describe('drill-down to the contracts behind a figure', () => {
    const list = (variables: Record<string, unknown>, token = ningboBureau.token) =>
      t.ok<{ sourcingContracts: any }>(CONTRACTS, { region: '330200', period: Y2025, first: 100, ...variables }, token).then((d) => d.sourcingContracts);
    const keysOf = (page: any) => page.edges.map((e: any) => Object.entries(contract).find(([, id]) => id === e.node.id)?.[0]);

    it('lists the numerator\'s and the denominator\'s contracts, which sum to the figures', async () => {
      const all = await list({});
      expect(all.totalCount).toBe(8);
      expect(keysOf(all)).toEqual(['c4', 'c7', 'c3', 'c6', 'c2', 'c5', 'c1', 'c10']); // newest signature first
      const sum = (page: any) => page.edges.reduce((s: Decimal, e: any) => s.plus(e.node.countedValue), new Decimal(0)).toFixed();
      expect(sum(all)).toBe('9300000');
      const local = await list({ filter: { local: true } });
      expect(keysOf(local).sort()).toEqual(['c1', 'c2', 'c4', 'c5', 'c7']);
      expect(sum(local)).toBe('5700000');
      expect(local.edges.every((e: any) => e.node.local && e.node.sameProvince)).toBe(true);
      const cityLocal = await list({ scope: 'CITY', filter: { local: true } });
      expect(keysOf(cityLocal).sort()).toEqual(['c1', 'c5', 'c7']);
      expect(sum(cityLocal)).toBe('2200000');
    });

    it('shows how each contract counts', async () => {
      const all = await list({});
      const node = (key: string) => all.edges.find((e: any) => e.node.id === contract[key]).node;
      expect(node('c5')).toMatchObject({ status: 'TERMINATED', totalValue: '900000', deliveredValue: '400000', countedValue: '400000', counts: true, local: true });
      expect(node('c6')).toMatchObject({ status: 'TERMINATED', totalValue: '700000', deliveredValue: null, countedValue: '0', counts: false, local: false, supplierRegionCode: null });
      expect(node('c7')).toMatchObject({ totalValue: '800000', countedValue: '800000' });
      // c4's supplier plant is in Suzhou today; the contract keeps the snapshot (Jiaxing, same province)
      expect(node('c4')).toMatchObject({ supplierRegionCode: '330402', sameProvince: true, local: true, buyerName: '整车乙(测试)', supplierName: '供应商S5(测试)' });
    });

    it('counts every selection exactly, from the rollup or by counting', async () => {
      const selections: Record<string, unknown>[] = [
        {}, { scope: 'CITY', filter: { local: true } }, { filter: { local: false } }, { scope: 'CITY', filter: { local: false } },
        { source: 'RECORDED', filter: { local: true } }, { filter: { area: '330206', local: true } }, { filter: { area: '330282', buyerOrganizationId: oemB.id } },
        { filter: { buyerOrganizationId: oemA.id, local: false } }, { filter: { categoryCode: 'CHIP' } }, { filter: { focusArea: 'COCKPIT', area: '330206' } },
        { filter: { focusArea: 'OTHER' } }, { filter: { categoryCode: 'CHASSIS', buyerOrganizationId: oemB.id } }, { period: { startYear: 2024, endYear: 2026 }, filter: { local: true } },
      ];
      for (const selection of selections) {
        const page = await list(selection);
        expect([JSON.stringify(selection), page.totalCount]).toEqual([JSON.stringify(selection), page.edges.length]);
      }
      // 2024–2026, province-local: c1 c2 c4 c5 c7 + b1 b3 + d1 = 8
      expect((await list({ period: { startYear: 2024, endYear: 2026 }, filter: { local: true } })).totalCount).toBe(8);
      // OEM 乙 and CHASSIS (two dimensions: counted, not from the rollup): c5 c6 c10
      expect(keysOf(await list({ filter: { categoryCode: 'CHASSIS', buyerOrganizationId: oemB.id } })).sort()).toEqual(['c10', 'c5', 'c6']);
    });

    it('filters by a breakdown row\'s key', async () => {
      expect(keysOf(await list({ filter: { area: '330282' } })).sort()).toEqual(['c10', 'c4', 'c5', 'c6']);
      expect(keysOf(await list({ filter: { buyerOrganizationId: oemA.id } })).sort()).toEqual(['c1', 'c2', 'c3', 'c7']);
      expect(keysOf(await list({ filter: { categoryCode: 'CHASSIS' } })).sort()).toEqual(['c1', 'c10', 'c5', 'c6']);
      expect(keysOf(await list({ filter: { categoryCode: 'CHASSIS.BRAKE_BY_WIRE' } })).sort()).toEqual(['c1', 'c10', 'c6']);
      expect(keysOf(await list({ filter: { focusArea: 'CHIP' } })).sort()).toEqual(['c3', 'c4']);
      expect(keysOf(await list({ source: 'AWARDED', filter: { local: false } }))).toEqual(['c10']);
      expect(keysOf(await list({ period: { startYear: 2025, startQuarter: 3, endQuarter: 3 } }))).toEqual(['c7', 'c3']);
    });

    it('pages with a cursor', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const result: any = await list({ first: 3, after });
        expect(result.totalCount).toBe(8);
        seen.push(...keysOf(result));
        if (!result.pageInfo.hasNextPage) break;
        after = result.pageInfo.endCursor;
      }
      expect(seen).toEqual(['c4', 'c7', 'c3', 'c6', 'c2', 'c5', 'c1', 'c10']);
      const bad = await t.gql(CONTRACTS, { region: '330200', period: Y2025, after: 'bm90LWEtY3Vyc29y' }, ningboBureau.token);
      expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    });

    it('keeps the filter inside the region', async () => {
      const outside = await t.gql(CONTRACTS, { region: '330200', period: Y2025, filter: { area: '330114' } }, ningboBureau.token);
      expect(outside.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'filter.area' }] });
    });
  });

  describe('access', () => {
    it('a Ningbo bureau cannot read Hangzhou\'s or Zhejiang\'s figures or contracts', async () => {
      for (const region of ['330100', '330114', '330000', '320000']) {
        const figures = await t.gql(RATE, { region, period: Y2025 }, ningboBureau.token);
        expect(figures.errors?.[0].extensions.code).toBe('FORBIDDEN');
        expect(figures.data).toBeNull();
        const contracts = await t.gql(CONTRACTS, { region, period: Y2025 }, ningboBureau.token);
        expect(contracts.errors?.[0].extensions.code).toBe('FORBIDDEN');
        const gaps = await t.gql(GAPS, { region }, ningboBureau.token);
        expect(gaps.errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
      const baseline = await t.gql(SET_BASELINE, { input: { regionCode: '330100', baselineYear: 2024 } }, ningboBureau.token);
      expect(baseline.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const read = await t.gql(`query { sourcingBaseline(regionCode: "330000") { baselineYear } }`, {}, ningboBureau.token);
      expect(read.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('each bureau reads its own jurisdiction and what lies within it; a platform admin everything', async () => {
      const hangzhou = (await t.ok<{ localSourcingRate: any }>(RATE, { region: '330100', period: Y2025 }, hangzhouBureau.token)).localSourcingRate;
      expect([hangzhou.numerator, hangzhou.denominator]).toEqual(['5000000', '7500000']);
      expect((await t.gql(RATE, { region: '330200', period: Y2025 }, hangzhouBureau.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
      expect((await ningbo({}, provinceBureau.token)).numerator).toBe('5700000');
      expect((await ningbo({}, admin.token)).numerator).toBe('5700000');
    });

    it('buyers and suppliers cannot read bureau statistics', async () => {
      const result = await t.gql(RATE, { region: '330200', period: Y2025 }, oemA.token);
      expect(result.errors?.[0]).toMatchObject({ message: 'Not allowed for role OEM_BUYER', extensions: { code: 'FORBIDDEN' } });
      expect((await t.gql(RATE, { region: '330200', period: Y2025 })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('rollup', () => {
    it('matches a full recomputation from the contracts table', async () => {
      const snapshot = () => t.dataSource.query(`SELECT region_code, dimension, year, quarter, dim_key, source, contracts, counted, counted_province_local, counted_city_local,
        value::text, value_province_local::text, value_city_local::text FROM sourcing_rollups WHERE contracts <> 0
        ORDER BY region_code, dimension, year, quarter, dim_key, source`);
      const incremental = await snapshot();
      expect(incremental.length).toBeGreaterThan(0);
      await t.dataSource.query('SELECT sourcing_rollups_rebuild()');
      expect(await snapshot()).toEqual(incremental);
    });

    it('is fresh within a second of a signature, an amendment and a deletion', async () => {
      const period = { startYear: 2026 };
      const before = await ningbo({ period });
      // 2026: d1 0.9 M local only
      expect([before.numerator, before.denominator, before.rate]).toEqual(['900000', '900000', '1']);
      const waitFor = async (expected: [string, string]) => {
        const started = performance.now();
        for (;;) {
          const r = await ningbo({ period });
          if (r.numerator === expected[0] && r.denominator === expected[1]) return performance.now() - started;
          if (performance.now() - started > 1000) throw new Error(`stale after 1 s: ${r.numerator}/${r.denominator}, expected ${expected.join('/')}`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      };
      const signedAt = performance.now();
      const id = await insertContract('f1', { buyer: 'A', supplier: 'S3', category: 'CHIP.SOC', source: 'AWARDED', signed: '2026-05-05', value: M(0.9), province: false, city: false });
      await waitFor(['900000', '1800000']);
      expect(performance.now() - signedAt).toBeLessThan(1000);
      await t.dataSource.query(`UPDATE contracts SET total_value = 2700000, version = version + 1 WHERE id = $1`, [id]);
      await waitFor(['900000', '3600000']);
      await t.dataSource.query(`DELETE FROM contracts WHERE id = $1`, [id]);
      await waitFor(['900000', '900000']);
    });
  });

  describe('demand gaps', () => {
    const sop = daysFromNow(400);
    let sSocGermanyPlant: { lat: number; lon: number };

    beforeAll(async () => {
      const supplier = async (name: string, plants: { regionCode: string | null; countryCode?: string; lat: number; lon: number; name: string }[]) => {
        const made = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: name });
        const sites: string[] = [];
        for (const p of plants) sites.push(await makeSite(t, made.token, p.regionCode as string, p.name, { regionCode: p.regionCode, ...(p.countryCode ? { countryCode: p.countryCode } : {}), lat: p.lat, lon: p.lon }));
        return { made, sites };
      };
      const cert = (token: string, typeCode: string, level: string | null, validUntil = daysFromNow(2000)) =>
        addCertification(t, token, { typeCode, ...(level ? { level } : {}), validFrom: '2024-01-01', validUntil });
      // Brake-by-wire in Ningbo: qualified locally (IATF, ASIL D).
      const brake = await supplier('宁波制动(测试)', [{ regionCode: '330212', lat: 29.82, lon: 121.55, name: '鄞州工厂' }]);
      await makeCapability(t, brake.made.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', siteIds: brake.sites });
      await cert(brake.made.token, 'IATF_16949', null);
      await cert(brake.made.token, 'ISO_26262', 'D');
      // SoC in Hangzhou: grade 2 only; SoC in Jiaxing: grade 1 but expires before the SOP; SoC in Suzhou: grade 0; SoC in Germany: grade 1.
      const hz = await supplier('杭州计算芯片(测试)', [{ regionCode: '330106', lat: 30.27, lon: 120.12, name: '西湖工厂' }]);
      await makeCapability(t, hz.made.token, { categoryCode: 'CHIP.SOC', siteIds: hz.sites });
      await cert(hz.made.token, 'AEC_Q100', '2');
      const jx = await supplier('嘉兴计算芯片(测试)', [{ regionCode: '330402', lat: 30.75, lon: 120.76, name: '南湖工厂' }]);
      await makeCapability(t, jx.made.token, { categoryCode: 'CHIP.SOC', siteIds: jx.sites });
      await cert(jx.made.token, 'AEC_Q100', '1', daysFromNow(300));
      const sz = await supplier('苏州计算芯片(测试)', [{ regionCode: '320505', lat: 31.3, lon: 120.57, name: '苏州工厂' }]);
      await makeCapability(t, sz.made.token, { categoryCode: 'CHIP.SOC', siteIds: sz.sites });
      await cert(sz.made.token, 'AEC_Q100', '0');
      sSocGermanyPlant = { lat: 48.14, lon: 11.58 };
      const de = await supplier('München Rechenchips (test)', [{ regionCode: null, countryCode: 'DE', ...sSocGermanyPlant, name: 'Werk München' }]);
      await makeCapability(t, de.made.token, { categoryCode: 'CHIP.SOC', siteIds: de.sites });
      await cert(de.made.token, 'AEC_Q100', '1');
      // MCU: a Hangzhou firm whose MCU line is at its Suzhou plant only (its Hangzhou plant makes something else).
      const mcu = await supplier('杭州微控(测试)', [{ regionCode: '330108', lat: 30.2, lon: 120.2, name: '滨江总部工厂' }, { regionCode: '320505', lat: 31.32, lon: 120.62, name: '苏州MCU工厂' }]);
      await makeCapability(t, mcu.made.token, { categoryCode: 'CHIP.MCU', siteIds: [mcu.sites[1]] });
      await makeCapability(t, mcu.made.token, { categoryCode: 'CHIP.ANALOG', siteIds: [mcu.sites[0]] });
      await cert(mcu.made.token, 'AEC_Q100', '0');

      const requirement = (token: string, site: string, categoryCode: string, annualVolume: number, targetUnitPrice: string, requiredCertifications: unknown[], publish = true) =>
        makeRequirement(t, token, site, { categoryCode, annualVolume, targetUnitPrice, requiredCertifications, sopDate: sop, title: `${categoryCode} 需求` }, publish);
      // Not gaps: brake (local qualified); CHASSIS (a local sub-category capability will do).
      await requirement(oemA.token, plant.A, 'CHASSIS.BRAKE_BY_WIRE', 100_000, '100.00', [{ typeCode: 'IATF_16949' }, { typeCode: 'ISO_26262', minLevel: 'C' }]);
      await requirement(oemB.token, plant.B, 'CHASSIS', 1_000, '10.00', []);
      // Gaps: SoC grade ≥ 1 at Beilun (10 M), SoC grade 0 at Cixi (5 M); MCU at Beilun (30 k).
      await requirement(oemA.token, plant.A, 'CHIP.SOC', 50_000, '200.00', [{ typeCode: 'AEC_Q100', minLevel: '1' }]);
      await requirement(oemB.token, plant.B, 'CHIP.SOC', 20_000, '250.00', [{ typeCode: 'AEC_Q100', minLevel: '0' }]);
      await requirement(oemA.token, plant.A, 'CHIP.MCU', 1_000, '30.00', [{ typeCode: 'AEC_Q100', minLevel: '1' }]);
      // Neither: a draft, and a gap in Hangzhou (outside Ningbo's jurisdiction).
      await requirement(oemA.token, plant.A, 'CHIP.SOC', 9_999, '999.00', [{ typeCode: 'AEC_Q100', minLevel: '0' }], false);
      await requirement(oemC.token, plant.C, 'CHIP.MCU', 7_000, '20.00', [{ typeCode: 'AEC_Q100', minLevel: '1' }]);
    });

    it('lists open requirements no plant in the province qualifies for, by category, with the nearest plants outside', async () => {
      const { demandGaps } = await t.ok<{ demandGaps: any[] }>(GAPS, { region: '330200' }, ningboBureau.token);
      // SoC: 50,000 × 200 + 20,000 × 250 = 15,000,000; MCU: 1,000 × 30 = 30,000
      expect(demandGaps.map((g) => [g.categoryCode, g.nameZh, g.focusArea, g.requirements, g.oems, g.demandedAnnualValue])).toEqual([
        ['CHIP.SOC', '计算芯片', 'CHIP', 2, 2, '15000000'],
        ['CHIP.MCU', '控制芯片', 'CHIP', 1, 1, '30000'],
      ]);
      const soc = demandGaps[0].nearestOutside;
      // Suzhou (grade 0) serves both; Munich (grade 1) only the Beilun one; Hangzhou (grade 2) and Jiaxing (expires) none.
      expect(soc.map((c: any) => [c.supplierName, c.regionCode, c.countryCode, c.qualifiedRequirements])).toEqual([
        ['苏州计算芯片(测试)', '320505', 'CN', 2],
        ['München Rechenchips (test)', null, 'DE', 1],
      ]);
      // Distances from the nearer delivery plant: Cixi (30.17, 121.27) → Suzhou (31.30, 120.57); Beilun (29.89, 121.85) → Munich
      expect(soc[0].distanceKm).toBeCloseTo(greatCircleKm(PLACES.B, { lat: 31.3, lon: 120.57 }), 1);
      expect(soc[1].distanceKm).toBeCloseTo(greatCircleKm(PLACES.A, sSocGermanyPlant), 1);
      // MCU: the Hangzhou firm's Hangzhou plant does not make MCUs; its Suzhou plant does.
      expect(demandGaps[1].nearestOutside.map((c: any) => [c.supplierName, c.siteName, c.regionCode])).toEqual([['杭州微控(测试)', '苏州MCU工厂', '320505']]);
    });

    it('narrows to a category and a number of candidates, and covers a province', async () => {
      const only = await t.ok<{ demandGaps: any[] }>(GAPS, { region: '330200', categoryCode: 'CHIP.MCU', nearest: 0 }, ningboBureau.token);
      expect(only.demandGaps).toEqual([expect.objectContaining({ categoryCode: 'CHIP.MCU', nearestOutside: [] })]);
      const province = await t.ok<{ demandGaps: any[] }>(GAPS, { region: '330000', nearest: 1 }, provinceBureau.token);
      // Adds Qiantang's MCU requirement: 30,000 + 7,000 × 20 = 170,000
      expect(province.demandGaps.map((g) => [g.categoryCode, g.requirements, g.oems, g.demandedAnnualValue, g.nearestOutside.length])).toEqual([
        ['CHIP.SOC', 2, 2, '15000000', 1],
        ['CHIP.MCU', 2, 2, '170000', 1],
      ]);
    });

    it('lists the requirements behind a gap', async () => {
      const data = await t.ok<{ demandGapRequirements: any }>(
        `query { demandGapRequirements(region: "330200", categoryCode: "CHIP.SOC", first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { title oemName annualValue } } } }`, {}, ningboBureau.token,
      );
      expect(data.demandGapRequirements.totalCount).toBe(2);
      expect(data.demandGapRequirements.pageInfo.hasNextPage).toBe(true);
      const next = await t.ok<{ demandGapRequirements: any }>(
        `query($after: String) { demandGapRequirements(region: "330200", categoryCode: "CHIP.SOC", first: 5, after: $after) { totalCount edges { node { annualValue } } } }`,
        { after: data.demandGapRequirements.pageInfo.endCursor }, ningboBureau.token,
      );
      expect([data.demandGapRequirements.edges[0].node.annualValue, next.demandGapRequirements.edges[0].node.annualValue].sort()).toEqual(['10000000', '5000000']);
    });
  });

  describe('CSV export', () => {
    const get = (path: string, token?: string) =>
      fetch(`${t.url.replace('/graphql', '')}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('exports each table as UTF-8 CSV with a byte-order mark', async () => {
      const response = await get('/exports/sourcing/summary.csv?region=330200&startYear=2025', ningboBureau.token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="sourcing-summary-330200-2025.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n');
      expect(lines[0].split(',').slice(0, 4)).toEqual(['地区代码 Region code', '地区 Region', '期间 Period', '口径 Basis']);
      expect(lines[1].split(',').slice(0, 11)).toEqual(['330200', '宁波市', '2025', 'VALUE', 'PROVINCE', 'ALL', '5700000', '9300000', '0.61290323', '61.29', '8']);
      expect(lines[2]).toBe('');
    });

    it('exports breakdowns, gaps and contracts with the same filters', async () => {
      const text = async (path: string) => {
        const response = await get(path, ningboBureau.token);
        expect(response.status).toBe(200);
        return (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      };
      expect((await text('/exports/sourcing/by-county.csv?region=330200&startYear=2025')).slice(1).map((l) => l.split(',').slice(1, 2).concat(l.split(',').slice(5, 7)))).toEqual([
        ['330206', '3800000', '6800000'], ['330282', '1900000', '2500000'],
      ]);
      expect(await text('/exports/sourcing/by-quarter.csv?region=330200&startYear=2025&basis=COUNT')).toHaveLength(5);
      expect(await text('/exports/sourcing/by-oem.csv?region=330200&startYear=2025')).toHaveLength(3);
      expect(await text('/exports/sourcing/by-focus-area.csv?region=330200&startYear=2025')).toHaveLength(4);
      expect(await text('/exports/sourcing/by-category.csv?region=330200&startYear=2025')).toHaveLength(7);
      const byCity = await text('/exports/sourcing/by-city.csv?region=330200&startYear=2025&scope=CITY');
      expect(byCity).toHaveLength(2);
      expect(byCity[1].split(',').filter((_, i) => i !== 3)).toEqual(['CITY', '330200', '宁波市', '', '2200000', '9300000', '0.23655914', '23.66', '8']);
      const contracts = await text('/exports/sourcing/contracts.csv?region=330200&startYear=2025&local=true');
      expect(contracts).toHaveLength(6);
      const counted = contracts.slice(1).reduce((s, l) => s.plus(l.split(',')[13]), new Decimal(0));
      expect(counted.toFixed()).toBe('5700000');
      const gaps = await text('/exports/sourcing/demand-gaps.csv?region=330200');
      expect(gaps.slice(1).map((l) => l.split(',')[0])).toEqual(['CHIP.SOC', 'CHIP.MCU']);
      expect(await text('/exports/sourcing/demand-gap-requirements.csv?region=330200&categoryCode=CHIP.SOC')).toHaveLength(3);
    });

    it('applies the same access rules and input checks', async () => {
      expect((await get('/exports/sourcing/summary.csv?region=330200&startYear=2025')).status).toBe(401);
      expect((await get('/exports/sourcing/summary.csv?region=330200&startYear=2025', oemA.token)).status).toBe(403);
      const hangzhou = await get('/exports/sourcing/contracts.csv?region=330100&startYear=2025', ningboBureau.token);
      expect(hangzhou.status).toBe(403);
      expect(await hangzhou.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'Region 330100 is outside your jurisdiction 330200' } });
      const bad = await get('/exports/sourcing/summary.csv?region=330200&startYear=20x5', ningboBureau.token);
      expect(bad.status).toBe(400);
      const badBody = (await bad.json()) as { error: { code: string; fields: { field: string }[] } };
      expect(badBody.error.code).toBe('BAD_USER_INPUT');
      expect(new Set(badBody.error.fields.map((f) => f.field))).toEqual(new Set(['startYear']));
      const unknown = await get('/exports/sourcing/summary.csv?region=330200&startYear=2025&drop=1', ningboBureau.token);
      expect(unknown.status).toBe(400);
      expect((await get('/exports/sourcing/summary.csv?region=330200', ningboBureau.token)).status).toBe(400);
      expect((await get('/exports/sourcing/passwords.csv?region=330200', ningboBureau.token)).status).toBe(404);
      expect((await get('/exports/sourcing/summary.csv?region=330200&startYear=2025', 'not-a-token')).status).toBe(401);
    });
  });
});
