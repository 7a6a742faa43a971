import { buildRegionRows } from '../src/regions/region-data.js';
import { CERTIFICATION_TYPES, flattenTaxonomy } from '../src/taxonomy/taxonomy.data.js';
import { isLevelOf } from '../src/taxonomy/certification-levels.js';
import { creditCodeProblem } from '../src/organizations/credit-code.js';
import { countedValue } from '../src/locality/counted-value.js';
import { buildMarket, centsToDecimal, localShareOn, SCALES, type ContractRow, type Market, type MarketInput, type ScaleSpec } from './market-rows.js';
import { DEFAULT_REFERENCE_DATE } from './market-model.js';
import { DEMO_ORGANIZATIONS } from './demo-world.js';

const regions = buildRegionRows();
const categories = flattenTaxonomy();

function input(seed: number, scale: ScaleSpec = SCALES.demo): MarketInput {
  return { seed, scale, referenceDate: DEFAULT_REFERENCE_DATE, regions, categories };
}

function take<T>(iterable: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const item of iterable) {
    if (out.length >= n) break;
    out.push(item);
  }
  return out;
}

/** Provincial local share of counted value by year, as src/locality/counted-value.ts counts it. */
function localShares(contracts: Iterable<ContractRow>): Map<number, { value: number; local: number; count: number; localCount: number }> {
  const byYear = new Map<number, { value: number; local: number; count: number; localCount: number }>();
  for (const c of contracts) {
    if (!c.buyerRegionCode.startsWith('33')) continue;
    const year = Number(c.signedDate.slice(0, 4));
    const counted = countedValue(c).toNumber();
    const acc = byYear.get(year) ?? { value: 0, local: 0, count: 0, localCount: 0 };
    acc.value += counted;
    acc.count += 1;
    if (c.sameProvince) {
      acc.local += counted;
      acc.localCount += 1;
    }
    byYear.set(year, acc);
  }
  return byYear;
}

describe('buildMarket (demo scale)', () => {
  let market: Market;
  let contracts: ContractRow[];
  beforeAll(() => {
    market = buildMarket(input(42));
    contracts = [...market.contracts()];
  });

  it('is deterministic: the same seed gives identical rows, ids included', () => {
    const again = buildMarket(input(42));
    expect(again.organizations.slice(0, 30)).toEqual(market.organizations.slice(0, 30));
    expect(again.sites.slice(0, 30)).toEqual(market.sites.slice(0, 30));
    expect(again.capabilities.slice(0, 20)).toEqual(market.capabilities.slice(0, 20));
    expect(again.certifications.slice(0, 20)).toEqual(market.certifications.slice(0, 20));
    expect(again.requirements).toEqual(market.requirements);
    expect(take(again.contracts(), 50)).toEqual(contracts.slice(0, 50));
    // The stream starts afresh on each call.
    expect(take(market.contracts(), 5)).toEqual(contracts.slice(0, 5));
  });

  it('differs for another seed', () => {
    const other = buildMarket(input(43));
    expect(other.organizations.at(-1)?.id).not.toBe(market.organizations.at(-1)?.id);
    expect(take(other.contracts(), 1)[0].id).not.toBe(contracts[0].id);
  });

  it('has the demo scale counts and the hand-picked organisations with their logins', () => {
    const kinds = (kind: string) => market.organizations.filter((o) => o.kind === kind);
    expect(kinds('SUPPLIER')).toHaveLength(SCALES.demo.suppliers);
    const oemIds = new Set(kinds('OEM').map((o) => o.id));
    expect(market.sites.filter((s) => oemIds.has(s.organizationId))).toHaveLength(SCALES.demo.oemPlants);
    expect(market.requirements).toHaveLength(SCALES.demo.requirements);
    expect(contracts).toHaveLength(SCALES.demo.contracts);
    for (const demo of DEMO_ORGANIZATIONS) {
      expect(market.organizations.some((o) => o.legalName === demo.legalName)).toBe(true);
      expect(market.users.some((u) => u.email === demo.email)).toBe(true);
    }
    expect(market.logins.map((l) => l.email)).toContain('admin@zhenglingtong.example');
    expect(new Set(market.users.map((u) => u.email)).size).toBe(market.users.length);
  });

  it('gives valid, unique credit codes and marks every name as illustrative', () => {
    for (const org of market.organizations) {
      expect(creditCodeProblem(org.creditCode)).toBeNull();
      expect(org.legalName).toMatch(/示例|example/);
    }
    expect(new Set(market.organizations.map((o) => o.creditCode)).size).toBe(market.organizations.length);
  });

  it('places plants by the schema rules: in China with a county-level code, abroad with none; names unique per organisation', () => {
    const leafCodes = new Set(regions.filter((r) => !regions.some((c) => c.parentCode === r.code) && r.level !== 'PROVINCE').map((r) => r.code));
    for (const site of market.sites) {
      if (site.countryCode === 'CN') expect(leafCodes.has(site.regionCode as string)).toBe(true);
      else expect(site.regionCode).toBeNull();
      expect(Number.isFinite(site.lat) && Number.isFinite(site.lon)).toBe(true);
    }
    expect(new Set(market.sites.map((s) => `${s.organizationId}/${s.name}`)).size).toBe(market.sites.length);
  });

  it('links every capability to at least one plant of its own supplier', () => {
    const siteOwner = new Map(market.sites.map((s) => [s.id, s.organizationId]));
    const linked = new Map<string, number>();
    const capabilityOwner = new Map(market.capabilities.map((c) => [c.id, c.organizationId]));
    for (const link of market.capabilitySites) {
      expect(siteOwner.get(link.siteId)).toBe(capabilityOwner.get(link.capabilityId));
      linked.set(link.capabilityId, (linked.get(link.capabilityId) ?? 0) + 1);
    }
    for (const capability of market.capabilities) expect(linked.get(capability.id)).toBeGreaterThanOrEqual(1);
  });

  it('gives the demo suppliers their specialties', () => {
    const brake = market.organizations.find((o) => o.legalName.startsWith('萧山线控制动'));
    expect(market.capabilities.filter((c) => c.organizationId === brake?.id).map((c) => c.categoryCode)).toEqual(['CHASSIS.BRAKE_BY_WIRE']);
  });

  it('holds certificates with levels of their own scheme, some expired', () => {
    const schemes = new Map(CERTIFICATION_TYPES.map((t) => [t.code, t.levelScheme]));
    for (const cert of market.certifications) {
      expect(isLevelOf(schemes.get(cert.typeCode) as never, cert.level)).toBe(true);
      expect(cert.validFrom <= cert.validUntil).toBe(true);
    }
    const expired = market.certifications.filter((c) => c.validUntil < DEFAULT_REFERENCE_DATE).length / market.certifications.length;
    expect(expired).toBeGreaterThan(0.03);
    expect(expired).toBeLessThan(0.2);
    const types = new Set(market.certifications.map((c) => c.typeCode));
    for (const type of ['IATF_16949', 'ISO_26262', 'AEC_Q100', 'AEC_Q101', 'ASPICE']) expect(types.has(type)).toBe(true);
  });

  it('posts requirements across the three focus areas, mostly OPEN, with future deadlines and valid minimum levels', () => {
    const areas = new Set(market.requirements.map((r) => r.categoryCode.split('.')[0]));
    for (const area of ['COCKPIT', 'CHASSIS', 'CHIP']) expect(areas.has(area)).toBe(true);
    const open = market.requirements.filter((r) => r.status === 'OPEN').length;
    expect(open / market.requirements.length).toBeGreaterThan(0.6);
    for (const r of market.requirements) {
      expect(r.quoteDeadline > `${DEFAULT_REFERENCE_DATE}T00:00:00`).toBe(true);
      expect(r.sopDate > DEFAULT_REFERENCE_DATE).toBe(true);
      expect(Number(r.targetUnitPrice)).toBeGreaterThan(0);
    }
    const schemes = new Map(CERTIFICATION_TYPES.map((t) => [t.code, t.levelScheme]));
    for (const rc of market.requirementCertifications) {
      if (rc.minLevel !== null) expect(isLevelOf(schemes.get(rc.typeCode) as never, rc.minLevel)).toBe(true);
    }
    // Each demo OEM has requirements in every focus area.
    const demoBuyer = market.organizations.find((o) => o.legalName === DEMO_ORGANIZATIONS[0].legalName);
    const theirs = new Set(market.requirements.filter((r) => r.organizationId === demoBuyer?.id).map((r) => r.categoryCode.split('.')[0]));
    for (const area of ['COCKPIT', 'CHASSIS', 'CHIP']) expect(theirs.has(area)).toBe(true);
  });

  it('writes contracts whose snapshot agrees with the plants, values that multiply out, and dates in order', () => {
    const sites = new Map(market.sites.map((s) => [s.id, s]));
    for (const c of contracts) {
      const buyer = sites.get(c.buyerSiteId);
      const supplier = sites.get(c.supplierSiteId);
      expect(buyer?.organizationId).toBe(c.buyerOrganizationId);
      expect(supplier?.organizationId).toBe(c.supplierOrganizationId);
      expect(c.buyerRegionCode).toBe(buyer?.regionCode);
      expect(c.sameProvince).toBe(supplier?.regionCode?.slice(0, 2) === buyer?.regionCode?.slice(0, 2));
      expect(c.sameCounty ? c.sameCity && c.sameProvince : true).toBe(true);
      expect(c.sameCity ? c.sameProvince : true).toBe(true);
      expect(Math.round(Number(c.unitPrice) * 100) * c.volume).toBe(Math.round(Number(c.totalValue) * 100));
      expect(c.signedDate >= '2024-01-01' && c.signedDate < DEFAULT_REFERENCE_DATE).toBe(true);
      expect(c.startDate >= c.signedDate).toBe(true);
      if (c.endDate !== null) expect(c.endDate >= c.startDate).toBe(true);
      if (c.status !== 'TERMINATED') expect(c.deliveredValue).toBeNull();
      else if (c.deliveredValue !== null) expect(Number(c.deliveredValue)).toBeLessThanOrEqual(Number(c.totalValue));
    }
    expect(new Set(contracts.map((c) => c.buyerReference)).size).toBe(contracts.length);
    expect(contracts.some((c) => c.status === 'TERMINATED')).toBe(true);
  });

  it('makes the 2024 provincial local share (value basis) 50–60 %, rising a few points by 2026', () => {
    const shares = localShares(contracts);
    const share = (year: number) => (shares.get(year) as { value: number; local: number }).local / (shares.get(year) as { value: number }).value;
    expect(share(2024)).toBeGreaterThanOrEqual(0.5);
    expect(share(2024)).toBeLessThanOrEqual(0.6);
    expect(share(2026) - share(2024)).toBeGreaterThan(0.02);
    expect(share(2026) - share(2024)).toBeLessThan(0.1);
  });
});

describe('buildMarket distributions (a mid-sized market, several seeds)', () => {
  const scale: ScaleSpec = { name: 'test', oemPlants: 25, suppliers: 4000, requirements: 400, contracts: 20_000 };

  it.each([1, 42, 2026])('seed %i: most suppliers in Zhejiang, some in the Delta, elsewhere and abroad; 2024 local share 50–60 %%', (seed) => {
    const market = buildMarket(input(seed, scale));
    const firstSite = new Map<string, { countryCode: string; regionCode: string | null }>();
    for (const s of market.sites) if (!firstSite.has(s.organizationId)) firstSite.set(s.organizationId, s);
    const suppliers = market.organizations.filter((o) => o.kind === 'SUPPLIER');
    const share = (test: (s: { countryCode: string; regionCode: string | null }) => boolean) =>
      suppliers.filter((o) => test(firstSite.get(o.id) as { countryCode: string; regionCode: string | null })).length / suppliers.length;
    expect(share((s) => s.regionCode?.startsWith('33') ?? false)).toBeGreaterThan(0.55);
    expect(share((s) => s.regionCode?.startsWith('33') ?? false)).toBeLessThan(0.7);
    expect(share((s) => ['31', '32', '34'].includes(s.regionCode?.slice(0, 2) ?? ''))).toBeGreaterThan(0.15);
    expect(share((s) => s.countryCode !== 'CN')).toBeGreaterThan(0.005);
    expect(share((s) => s.countryCode !== 'CN')).toBeLessThan(0.05);
    // Ningbo and Hangzhou lead the Zhejiang cities.
    const zjCities = new Map<string, number>();
    for (const o of suppliers) {
      const code = firstSite.get(o.id)?.regionCode;
      if (code?.startsWith('33')) zjCities.set(code.slice(0, 4), (zjCities.get(code.slice(0, 4)) ?? 0) + 1);
    }
    const ranked = [...zjCities.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    expect(ranked.slice(0, 2).sort()).toEqual(['3301', '3302']);
    // 1–5 plants a supplier, about three on average.
    const plantsPerSupplier = market.sites.length / (suppliers.length + 10);
    expect(plantsPerSupplier).toBeGreaterThan(2.7);
    expect(plantsPerSupplier).toBeLessThan(3.3);
    // Designations on a few percent.
    const designated = suppliers.filter((o) => o.designations.length > 0).length / suppliers.length;
    expect(designated).toBeGreaterThan(0.03);
    expect(designated).toBeLessThan(0.12);

    const shares = localShares(market.contracts());
    const byValue = (year: number) => (shares.get(year) as { value: number; local: number }).local / (shares.get(year) as { value: number }).value;
    const byCount = (year: number) => (shares.get(year) as { count: number; localCount: number }).localCount / (shares.get(year) as { count: number }).count;
    expect(byValue(2024)).toBeGreaterThan(0.5);
    expect(byValue(2024)).toBeLessThan(0.6);
    expect(byCount(2024)).toBeGreaterThan(0.5);
    expect(byCount(2024)).toBeLessThan(0.6);
    expect(byValue(2025)).toBeGreaterThan(byValue(2024));
    expect(byValue(2026)).toBeGreaterThan(byValue(2025));
  });
});

describe('localShareOn', () => {
  it('interpolates between mid-years and holds flat at the ends', () => {
    expect(localShareOn('2024-01-15')).toBeCloseTo(0.55, 5);
    expect(localShareOn('2025-07-02')).toBeCloseTo(0.575, 2);
    expect(localShareOn('2026-12-31')).toBeCloseTo(0.6, 5);
    expect(localShareOn('2025-01-01')).toBeGreaterThan(0.55);
    expect(localShareOn('2025-01-01')).toBeLessThan(0.575);
  });
});

describe('centsToDecimal', () => {
  it('writes cents as a two-place decimal', () => {
    expect(centsToDecimal(0)).toBe('0.00');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(centsToDecimal(123456)).toBe('1234.56');
    expect(() => centsToDecimal(-1)).toThrow(RangeError);
    expect(() => centsToDecimal(1.5)).toThrow(RangeError);
  });
});
