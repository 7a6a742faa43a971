import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { drainSearchIndex } from './support/search.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

/**
 * A small hand-built world: an OEM plant in Beilun, Ningbo; brake-by-wire suppliers in
 * Ningbo (Yinzhou), Hangzhou (Xiaoshan), Suzhou, Chongqing and Germany, identical but for
 * where they produce (and one designation), so the order is the locality order.
 */
const DELIVERY = { lat: 29.89, lon: 121.85 };
const SOP = daysFromNow(400);

const MATCHES = `query($id: ID!, $first: Int, $after: String, $weights: MatchWeightsInput) {
  matchesForRequirement(requirementId: $id, first: $first, after: $after, weights: $weights) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { supplierName score tier distanceKm impactPp impactBasis site { name } factors { name value weight contribution reason } } } } }`;
const EXPLAIN = `query($r: ID!, $s: ID!) { explainMatch(requirementId: $r, supplierId: $s) { eligible failures { filter reason } score tier } }`;

describe('matching', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let requirementId: string;
  const suppliers: Record<string, MadeOrganization> = {};

  async function supplier(key: string, name: string, plant: Record<string, unknown>, certs: { iatfUntil?: string; asil?: string } = {}) {
    const org = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: name });
    const site = await makeSite(t, org.token, plant.regionCode as string, `${key} plant`, plant);
    await makeCapability(t, org.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB one-box 线控制动', annualCapacity: 150000, siteIds: [site] });
    await addCertification(t, org.token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: certs.iatfUntil ?? daysFromNow(2000) });
    await addCertification(t, org.token, { typeCode: 'ISO_26262', level: certs.asil ?? 'D', validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
    suppliers[key] = org;
    return { org, site };
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const delivery = await makeSite(t, oem.token, '330206', '北仑总装厂', DELIVERY);
    const ningbo = await supplier('ningbo', '测试供应商甲', { regionCode: '330212', lat: 29.82, lon: 121.55 });
    await supplier('hangzhou', '测试供应商乙', { regionCode: '330109', lat: 30.16, lon: 120.26 });
    const suzhou = await supplier('suzhou', '测试供应商丙', { regionCode: '320505', lat: 31.3, lon: 120.57 });
    await supplier('chongqing', '测试供应商丁', { regionCode: '500112', lat: 29.72, lon: 106.63 });
    await supplier('germany', '测试供应商戊', { regionCode: null, countryCode: 'DE', lat: 48.78, lon: 9.18 });
    await supplier('expired', '测试供应商己', { regionCode: '330206', lat: 29.9, lon: 121.84 }, { iatfUntil: daysFromNow(399) });
    await supplier('weakAsil', '测试供应商庚', { regionCode: '330206', lat: 29.9, lon: 121.84 }, { asil: 'B' });
    await t.ok(`mutation($input: SetDesignationsInput!) { setDesignations(input: $input) { id } }`, { input: { organizationId: suppliers.suzhou.id, designations: ['SINGLE_CHAMPION'] } }, admin.token);
    requirementId = (await makeRequirement(t, oem.token, delivery, {
      title: '线控制动 EHB', description: '', specs: [], annualVolume: 100000, targetUnitPrice: '100.00', sopDate: SOP,
      requiredCertifications: [{ typeCode: 'IATF_16949' }, { typeCode: 'ISO_26262', minLevel: 'C' }],
    })).id;
    // This year's contracts of the buyer in Zhejiang: 6,000,000 local, 4,000,000 from Suzhou.
    const year = new Date().toISOString().slice(0, 4);
    for (const [org, site, value, local] of [[suppliers.ningbo.id, ningbo.site, '6000000.00', true], [suppliers.suzhou.id, suzhou.site, '4000000.00', false]] as const) {
      await t.dataSource.query(
        `INSERT INTO contracts (source, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume, total_value,
           signed_date, start_date, status, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km)
         VALUES ('RECORDED', $1, $2, $3, $4, 'CHASSIS.BRAKE_BY_WIRE', 60, 100000, $5, $6, $6, 'ACTIVE', '330206', $7, 'CN', false, $8, $8, 30)`,
        [oem.id, delivery, org, site, value, `${year}-01-15`, local ? '330212' : '320505', local],
      );
    }
    await drainSearchIndex(t);
  });
  afterAll(() => t.close());

  it('ranks local first, with every factor explained and the impact on the buyer\'s rate', async () => {
    const data = await t.ok<{ matchesForRequirement: any }>(MATCHES, { id: requirementId, first: 10 }, oem.token);
    const nodes = data.matchesForRequirement.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.supplierName)).toEqual(['测试供应商甲', '测试供应商乙', '测试供应商丙', '测试供应商丁', '测试供应商戊']);
    expect(nodes.map((n: any) => n.tier)).toEqual(['SAME_CITY', 'SAME_PROVINCE', 'YRD_NEIGHBOUR', 'CHINA', 'ABROAD']);
    const factor = (n: any, name: string) => n.factors.find((f: any) => f.name === name);
    // locality = floor + (tier − floor)·e^(−km/100), floor halfway to the next tier down:
    // Ningbo 29.96 km: 0.775 + 0.075·e^−0.2996 = 0.8306; Hangzhou 155.99 km: 0.55 + 0.15·e^−1.5599 = 0.5815;
    // Suzhou 198.97 km: 0.3 + 0.1·e^−1.9897 = 0.3137; Chongqing 1467.6 km: 0.1 + 0.1·e^−14.68 = 0.1000; abroad 0.
    expect(nodes.map((n: any) => factor(n, 'locality').value)).toEqual([0.8306, 0.5815, 0.3137, 0.1, 0]);
    expect(nodes.map((n: any) => Math.round(n.distanceKm))).toEqual([30, 156, 199, 1468, 9018]);
    expect(factor(nodes[0], 'locality').reason).toMatch(/^locality 0\.83: plant in 鄞州区, 宁波市, same city as delivery plant, 30(\.\d)? km$/);
    // ISO 26262 D held where C is required: (4 − 3) / (4 − 3) = 1; capacity 150k against 100k: 0.5 + 0.5·0.5 = 0.75.
    for (const n of nodes) {
      expect(factor(n, 'certification').value).toBe(1);
      expect(factor(n, 'capacity').value).toBe(0.75);
    }
    expect(nodes.map((n: any) => factor(n, 'designation').value)).toEqual([0, 0, 1, 0, 0]);
    // Same text for all: same fit.
    expect(new Set(nodes.map((n: any) => factor(n, 'fit').value)).size).toBe(1);
    for (const n of nodes) {
      expect(n.factors.reduce((sum: number, f: any) => sum + f.contribution, 0)).toBeCloseTo(n.score, 2);
      expect(n.factors.map((f: any) => f.weight)).toEqual([0.25, 0.4, 0.15, 0.12, 0.08]);
    }
    // Impact: annual value 100,000 × 100 = 10,000,000 against 6,000,000 local of 10,000,000 (60 %).
    // Local: 16/20 = 80 % → +20 pp; not local: 6/20 = 30 % → −30 pp.
    expect(nodes.map((n: any) => Number(n.impactPp))).toEqual([20, 20, -30, -30, -30]);
    expect(nodes.map((n: any) => n.impactPp)).toContain('20');
    expect(new Set(nodes.map((n: any) => n.impactBasis))).toEqual(new Set(['BUYER_TRAILING_YEAR']));
  });

  it('measures the impact on the province\'s rate for a buyer with no purchases, not +100 pp', async () => {
    // Another buyer with a plant in Zhejiang and no contracts: the province's trailing year is
    // the first buyer's 10,000,000 (6,000,000 local), so a local award of 10,000,000 moves it
    // 16/20 − 60 % = +20 pp, a non-local one −30 pp — on the PROVINCE basis.
    const other = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const plant = await makeSite(t, other.token, '330206', '另一总装厂', DELIVERY);
    const req = await makeRequirement(t, other.token, plant, {
      title: '线控制动 EHB', description: '', specs: [], annualVolume: 100000, targetUnitPrice: '100.00', sopDate: SOP,
      requiredCertifications: [{ typeCode: 'IATF_16949' }, { typeCode: 'ISO_26262', minLevel: 'C' }],
    });
    const nodes = (await t.ok<{ matchesForRequirement: any }>(MATCHES, { id: req.id, first: 10 }, other.token)).matchesForRequirement.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.impactBasis, Number(n.impactPp)])).toEqual([
      ['PROVINCE_TRAILING_YEAR', 20], ['PROVINCE_TRAILING_YEAR', 20], ['PROVINCE_TRAILING_YEAR', -30], ['PROVINCE_TRAILING_YEAR', -30], ['PROVINCE_TRAILING_YEAR', -30],
    ]);
    // A contract signed more than a year ago is outside the trailing year: still the PROVINCE basis.
    await t.dataSource.query(
      `INSERT INTO contracts (source, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume, total_value,
         signed_date, start_date, status, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km)
       SELECT 'RECORDED', $1, $2, s.organization_id, s.id, 'CHASSIS.BRAKE_BY_WIRE', 60, 100000, 5000000, $3, $3, 'ACTIVE', '330206', '330212', 'CN', false, true, true, 30
       FROM sites s WHERE s.organization_id = $4`,
      [other.id, plant, daysFromNow(-500), suppliers.ningbo.id],
    );
    const again = (await t.ok<{ matchesForRequirement: any }>(MATCHES, { id: req.id, first: 1 }, other.token)).matchesForRequirement.edges[0].node;
    expect(again.impactBasis).toBe('PROVINCE_TRAILING_YEAR');
  });

  it('pages deterministically with a cursor', async () => {
    const page1 = (await t.ok<{ matchesForRequirement: any }>(MATCHES, { id: requirementId, first: 2 }, oem.token)).matchesForRequirement;
    const page2 = (await t.ok<{ matchesForRequirement: any }>(MATCHES, { id: requirementId, first: 10, after: page1.pageInfo.endCursor }, oem.token)).matchesForRequirement;
    expect(page1.totalCount).toBe(5);
    expect([...page1.edges, ...page2.edges].map((e: any) => e.node.supplierName)).toEqual(['测试供应商甲', '测试供应商乙', '测试供应商丙', '测试供应商丁', '测试供应商戊']);
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it('lets the buyer turn the weights within bounds', async () => {
    const data = await t.ok<{ matchesForRequirement: any }>(MATCHES, { id: requirementId, first: 10, weights: { locality: 0.2, designation: 0.15, fit: 0.38 } }, oem.token);
    expect(data.matchesForRequirement.edges[0].node.factors.map((f: any) => f.weight)).toEqual([0.38, 0.2, 0.15, 0.12, 0.15]);
    const bad = await t.gql(MATCHES, { id: requirementId, weights: { locality: 0.9, fit: 0 } }, oem.token);
    expect(bad.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].extensions.fields?.map((f) => f.field)).toContain('weights.locality');
  });

  it('explains why a supplier fails a hard filter', async () => {
    const expired = (await t.ok<{ explainMatch: any }>(EXPLAIN, { r: requirementId, s: suppliers.expired.id }, oem.token)).explainMatch;
    expect(expired.eligible).toBe(false);
    expect(expired.failures).toEqual([{ filter: 'CERTIFICATION', reason: `IATF 16949 expired ${daysFromNow(399)}, before SOP ${SOP}` }]);
    const weak = (await t.ok<{ explainMatch: any }>(EXPLAIN, { r: requirementId, s: suppliers.weakAsil.id }, oem.token)).explainMatch;
    expect(weak.failures).toEqual([{ filter: 'CERTIFICATION', reason: expect.stringContaining('ASIL B held, ASIL C required') }]);
    const ok = (await t.ok<{ explainMatch: any }>(EXPLAIN, { r: requirementId, s: suppliers.ningbo.id }, oem.token)).explainMatch;
    expect(ok).toMatchObject({ eligible: true, failures: [], tier: 'SAME_CITY' });
  });

  it('matches a requirement that asks for no certificate (every supplier in the category qualifies)', async () => {
    const delivery = (await t.dataSource.query(`SELECT delivery_site_id AS id FROM requirements WHERE id = $1`, [requirementId]))[0].id;
    const open = await makeRequirement(t, oem.token, delivery, { title: '线控制动 EHB', specs: [], sopDate: SOP, requiredCertifications: [] });
    const data = await t.ok<{ matchesForRequirement: any }>(MATCHES, { id: open.id, first: 20 }, oem.token);
    expect(data.matchesForRequirement.totalCount).toBe(7);
  });

  it('shows matches to the requirement\'s owner only', async () => {
    const other = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const result = await t.gql(MATCHES, { id: requirementId }, other.token);
    expect(result.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const asSupplier = await t.gql(MATCHES, { id: requirementId }, suppliers.ningbo.token);
    expect(asSupplier.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('ranks OPEN requirements for a supplier with the same scorer', async () => {
    const data = await t.ok<{ opportunitiesForSupplier: any }>(
      `{ opportunitiesForSupplier(first: 10) { totalCount edges { node { requirementId score tier requirement { title } factors { name value } } } } }`, {}, suppliers.ningbo.token,
    );
    const node = data.opportunitiesForSupplier.edges.find((e: any) => e.node.requirementId === requirementId)?.node;
    expect(node).toMatchObject({ tier: 'SAME_CITY', requirement: { title: '线控制动 EHB' } });
    expect(node.factors.find((f: any) => f.name === 'locality').value).toBe(0.8306);
    // The supplier whose IATF 16949 lapses before SOP does not see the requirement that asks for it.
    const expired = await t.ok<{ opportunitiesForSupplier: any }>(`{ opportunitiesForSupplier(first: 10) { edges { node { requirementId } } } }`, {}, suppliers.expired.token);
    expect(expired.opportunitiesForSupplier.edges.map((e: any) => e.node.requirementId)).not.toContain(requirementId);
  });
});
