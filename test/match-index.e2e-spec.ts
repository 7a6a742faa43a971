import fc from 'fast-check';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { drainSearchIndex } from './support/search.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { MatchingService, type Match } from '../src/matching/matching.service.js';
import { MatchIndexService } from '../src/matching/match-index.service.js';
import { FIRST_BATCH_MARGIN } from '../src/matching/match-top-k.js';
import type { LoadedRequirement } from '../src/matching/match-facts.repository.js';
import type { WeightOverrides } from '../src/requirements/requirement.entity.js';
import { SearchIndex, relevanceOfUnits } from '../src/search/search-index.port.js';
import { scoreMatch } from '../src/matching/match-scoring.js';
import { resolveWeights } from '../src/requirements/match-weights.js';
import { decodeCursor } from '../src/common/pagination.js';

/**
 * The match index's fast path (`MatchingService.rankPage`: early-stopping top-k over the
 * in-process index) against the reference ranking (`MatchingService.rank`: SQL candidates and
 * facts, every candidate scored by `rankMatches`), on random worlds built through the API and
 * ranked on real PostgreSQL with the search port's text relevance: for every requirement, page
 * size, weights and cursor, the same matches — ids, scores, every factor with its reason, plant,
 * tier, distance, impact — and the same total.
 */

const WORDS = ['线控制动', 'EHB', 'one-box', 'brake', '电机', 'motor', 'sensor', '传感器', '转向', 'steering', '悬架', 'damper'];
const CATEGORIES = ['CHASSIS', 'CHASSIS.BRAKE_BY_WIRE', 'CHASSIS.STEER_BY_WIRE', 'CHASSIS.SUSPENSION', 'CHASSIS.DOMAIN_CONTROLLER'];
const PLACES: { regionCode: string | null; countryCode?: string; lat: number; lon: number }[] = [
  { regionCode: '330206', lat: 29.89, lon: 121.85 },
  { regionCode: '330212', lat: 29.82, lon: 121.55 },
  { regionCode: '330109', lat: 30.16, lon: 120.26 },
  { regionCode: '330203', lat: 29.87, lon: 121.54 },
  { regionCode: '330381', lat: 27.78, lon: 120.63 },
  { regionCode: '320505', lat: 31.3, lon: 120.57 },
  { regionCode: '310115', lat: 31.22, lon: 121.54 },
  { regionCode: '500112', lat: 29.72, lon: 106.63 },
  { regionCode: null, countryCode: 'DE', lat: 48.78, lon: 9.18 },
];
const SPEC_KEYS = ['响应时间', 'Voltage', '重量'];
const SPEC_VALUES = ['150 ms', '12V', '12 V', '5 kg'];
const WEIGHTS: (WeightOverrides | null)[] = [
  null,
  { fit: 0.38, locality: 0.2, certification: 0.15, capacity: 0.12, designation: 0.15 },
  { fit: 0.5, locality: 0.2, certification: 0.1, capacity: 0.1, designation: 0.1 },
  { fit: 0, locality: 0.7, certification: 0.1, capacity: 0.1, designation: 0.1 },
  { fit: 0.1, locality: 0.3, certification: 0.5, capacity: 0, designation: 0.1 },
];

const supplierSpec = fc.record({
  name: fc.subarray(WORDS, { minLength: 1, maxLength: 3 }),
  places: fc.uniqueArray(fc.integer({ min: 0, max: PLACES.length - 1 }), { minLength: 1, maxLength: 3 }),
  exactLocation: fc.boolean(),
  capabilities: fc.array(
    fc.record({
      category: fc.constantFrom(...CATEGORIES),
      words: fc.subarray(WORDS, { minLength: 1, maxLength: 4 }),
      capacity: fc.option(fc.integer({ min: 1, max: 400 }).map((n) => n * 1000), { nil: null }),
      sites: fc.integer({ min: 0, max: 7 }),
      specs: fc.uniqueArray(fc.record({ key: fc.constantFrom(...SPEC_KEYS), value: fc.constantFrom(...SPEC_VALUES) }), { maxLength: 2, selector: (s) => s.key }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  iatf: fc.constantFrom('valid', 'valid', 'valid', 'valid', 'expired', 'none'),
  asil: fc.option(fc.constantFrom('QM', 'A', 'B', 'C', 'D', 'D'), { nil: null, freq: 5 }),
  asilAlso: fc.option(fc.constantFrom('B', 'D'), { nil: null }),
  designation: fc.option(fc.constantFrom('SPECIALIZED_SME', 'LITTLE_GIANT', 'SINGLE_CHAMPION'), { nil: null }),
});
type SupplierSpec = typeof supplierSpec extends fc.Arbitrary<infer T> ? T : never;

const requirementSpec = fc.record({
  category: fc.constantFrom('CHASSIS', 'CHASSIS', ...CATEGORIES),
  words: fc.subarray(WORDS, { minLength: 1, maxLength: 3 }),
  place: fc.integer({ min: 0, max: 7 }),
  specs: fc.uniqueArray(fc.record({ key: fc.constantFrom(...SPEC_KEYS), value: fc.constantFrom(...SPEC_VALUES) }), { maxLength: 3, selector: (s) => s.key }),
  iatf: fc.boolean(),
  asil: fc.option(fc.constantFrom('QM', 'A', 'C'), { nil: null }),
  volume: fc.integer({ min: 1, max: 300 }).map((n) => n * 1000),
});
type RequirementSpec = typeof requirementSpec extends fc.Arbitrary<infer T> ? T : never;

/** Everything a caller sees of a match, comparable with toEqual. */
function shape(m: Match) {
  return { ...m, site: m.site ? { ...m.site } : null, impactPp: m.impactPp.toFixed() };
}

describe('match index: fast path = reference ranking on random worlds', () => {
  let t: TestApp;
  let admin: { token: string };
  let matching: MatchingService;
  let matchIndex: MatchIndexService;
  const requirements: LoadedRequirement[] = [];
  const suppliers: MadeOrganization[] = [];
  let oem: MadeOrganization;
  const deliverySites: string[] = [];

  async function makeSupplier(spec: SupplierSpec, n: number): Promise<void> {
    const org = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: `${spec.name.join(' ')} 供应商 ${n}` });
    suppliers.push(org);
    const sites: string[] = [];
    for (const [i, p] of spec.places.entries()) {
      const place = PLACES[p];
      const extra: Record<string, unknown> = place.countryCode ? { countryCode: place.countryCode, regionCode: null, lat: place.lat, lon: place.lon } : spec.exactLocation ? { lat: place.lat + i * 0.01, lon: place.lon } : {};
      sites.push(await makeSite(t, org.token, place.regionCode as string, `plant ${i}`, extra));
    }
    for (const c of spec.capabilities) {
      // Bit k of `sites` picks plant k (the first plant when no bit names one: a capability has a plant).
      const picked = sites.filter((_, k) => (c.sites >> k) & 1);
      const siteIds = picked.length > 0 ? picked : [sites[0]];
      await makeCapability(t, org.token, { categoryCode: c.category, description: c.words.join(' '), annualCapacity: c.capacity, siteIds, specs: c.specs });
    }
    if (spec.iatf !== 'none') await addCertification(t, org.token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: spec.iatf === 'valid' ? daysFromNow(2000) : daysFromNow(10) });
    if (spec.asil) await addCertification(t, org.token, { typeCode: 'ISO_26262', level: spec.asil, validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
    if (spec.asilAlso) await addCertification(t, org.token, { typeCode: 'ISO_26262', level: spec.asilAlso, validFrom: daysFromNow(500), validUntil: daysFromNow(3000) });
    if (spec.designation) {
      await t.ok(`mutation($input: SetDesignationsInput!) { setDesignations(input: $input) { id } }`, { input: { organizationId: org.id, designations: [spec.designation] } }, admin.token);
    }
  }

  async function makeRequirementFrom(spec: RequirementSpec, oem: MadeOrganization, deliverySites: string[]): Promise<void> {
    const certs = [...(spec.iatf ? [{ typeCode: 'IATF_16949' }] : []), ...(spec.asil ? [{ typeCode: 'ISO_26262', minLevel: spec.asil }] : [])];
    const { id } = await makeRequirement(t, oem.token, deliverySites[spec.place], {
      categoryCode: spec.category, title: spec.words.join(' '), description: '', specs: spec.specs, annualVolume: spec.volume, targetUnitPrice: '100.00', sopDate: daysFromNow(400), requiredCertifications: certs,
    });
    requirements.push(await matching.loadRequirement(id));
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    matching = t.app.get(MatchingService);
    matchIndex = t.app.get(MatchIndexService);
    const world = fc.sample(fc.record({ suppliers: fc.array(supplierSpec, { minLength: 40, maxLength: 40 }), requirements: fc.array(requirementSpec, { minLength: 8, maxLength: 8 }) }), { numRuns: 1, seed: 20261204 })[0];
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    for (const [i, place] of PLACES.slice(0, 8).entries()) deliverySites.push(await makeSite(t, oem.token, place.regionCode as string, `总装厂 ${i}`, { lat: place.lat, lon: place.lon }));
    // Half of the suppliers before the index is rebuilt (in its base layout), half after (in its overlay).
    for (const [n, spec] of world.suppliers.slice(0, 20).entries()) await makeSupplier(spec, n);
    // Their search text too: the base holds it interned, the overlay as strings.
    await drainSearchIndex(t);
    await matchIndex.build();
    for (const [n, spec] of world.suppliers.slice(20).entries()) await makeSupplier(spec, n + 20);
    for (const spec of world.requirements) await makeRequirementFrom(spec, oem, deliverySites);
    // A contract of the buyer this year, so that some impacts are on the buyer's own basis.
    const [site] = await t.dataSource.query(`SELECT id, organization_id FROM sites WHERE organization_id = $1 LIMIT 1`, [suppliers[0].id]);
    await t.dataSource.query(
      `INSERT INTO contracts (source, buyer_organization_id, buyer_site_id, supplier_organization_id, supplier_site_id, category_code, unit_price, volume, total_value,
         signed_date, start_date, status, buyer_region_code, supplier_region_code, supplier_country_code, same_county, same_city, same_province, distance_km)
       VALUES ('RECORDED', $1, $2, $3, $4, 'CHASSIS.BRAKE_BY_WIRE', 60, 100000, 6000000, $5, $5, 'ACTIVE', '330206', '330212', 'CN', false, true, true, 30)`,
      [oem.id, deliverySites[0], site.organization_id, site.id, daysFromNow(0)],
    );
    await drainSearchIndex(t);
    await matchIndex.refresh();
  }, 240_000);
  afterAll(() => t.close());

  async function compare(r: number, first: number, w: number, cursorAt: number): Promise<void> {
    const requirement = requirements[r];
    const weights = WEIGHTS[w];
    const reference = (await matching.rank(requirement, weights)).matches;
    const at = Math.min(cursorAt, reference.length);
    const cursor = cursorAt === 0 || reference.length === 0 ? null : at === reference.length ? { score: -1, supplierId: 'z' } : { score: reference[at - 1].score, supplierId: reference[at - 1].supplierId };
    const expected = cursor === null ? reference.slice(0, first + 1) : at === reference.length ? [] : reference.slice(at, at + first + 1);
    const fast = await matching.rankPage(requirement, weights, first, cursor);
    expect(fast.total).toBe(reference.length);
    expect(fast.page.map(shape)).toEqual(expected.map(shape));
  }

  it('ranks something in most requirements (the world is not empty)', async () => {
    const ranked = await Promise.all(requirements.map(async (r) => (await matching.rank(r, null)).matches));
    expect(ranked.filter((m) => m.length > 0).length).toBeGreaterThanOrEqual(3);
    // Text relevance spreads from 0 to 1, so the bound on it (1) and the stop rule are put to work.
    const texts = ranked.flat().map((m) => Number(/text relevance (\d\.\d\d)/.exec(m.factors.find((f) => f.name === 'fit')!.reason)?.[1]));
    expect(Math.max(...texts)).toBeGreaterThanOrEqual(0.8);
    expect(Math.min(...texts)).toBeLessThanOrEqual(0.2);
  });

  it('returns the reference page for every requirement, page size, weights and cursor', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: requirements.length - 1 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: WEIGHTS.length - 1 }), fc.integer({ min: 0, max: 30 }), compare),
      { numRuns: 80, seed: 4 },
    );
  }, 240_000);

  it('computes in process the text relevance the search adapter computes in SQL, for every supplier (typos, prefixes, Han text)', async () => {
    const search = t.app.get(SearchIndex);
    const index = await matchIndex.fresh();
    const ids = suppliers.map((s) => s.id);
    const query = fc.array(fc.constantFrom(...WORDS, 'brak', 'sensr', 'motr', 'steerng', 'dampr', '线控', '传感', 'mot', 'EHB one-box 线控制动', '供应商', 'unknownword'), { minLength: 1, maxLength: 6 });
    let matched = 0;
    for (const words of fc.sample(query, { numRuns: 40, seed: 11 })) {
      const text = words.join(' ');
      const prepared = await search.prepareRelevance('suppliers', text);
      const compiled = index.compile(prepared.concepts!)!;
      const inSql = await search.relevance('suppliers', text, ids);
      for (const id of ids) {
        const units = index.unitsOf(compiled, id);
        expect({ text, id, relevance: relevanceOfUnits(units!, prepared.concepts!.length) }).toEqual({ text, id, relevance: inSql.get(id) });
        if ((inSql.get(id) ?? 0) > 0) matched += 1;
      }
    }
    expect(matched).toBeGreaterThan(100);
  }, 120_000);

  it.each([
    ['in process', true],
    ['by lookup, bounded in process', false],
  ])('returns the reference page when the walk stops early (text relevance %s, one small batch at a time)', async (_mode, inProcess) => {
    // With no margin the first batch is the page and one more, so with small pages most
    // suppliers are never visited: the stop rule and the bounds decide the answer.
    matching.batchMargin = -1_000;
    matching.textInProcess = inProcess;
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: requirements.length - 1 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: WEIGHTS.length - 1 }), fc.integer({ min: 0, max: 12 }), compare),
        { numRuns: 60, seed: 5 },
      );
      let skipped = 0;
      for (const requirement of requirements) {
        const fast = await matching.rankPage(requirement, null, 1, null);
        skipped += fast.total - fast.visited;
      }
      expect(skipped).toBeGreaterThan(0);
    } finally {
      matching.batchMargin = FIRST_BATCH_MARGIN;
      matching.textInProcess = true;
    }
  }, 240_000);

  it('stays equal after writes, read back by the same process at once', async () => {
    const spec = fc.sample(supplierSpec, { numRuns: 1, seed: 7 })[0];
    await makeSupplier({ ...spec, iatf: 'valid', asil: 'D', capabilities: spec.capabilities.map((c) => ({ ...c, sites: 1 })) }, 99);
    // And a supplier losing a plant's capability: its capabilities are deleted.
    await t.dataSource.query(`DELETE FROM capabilities WHERE organization_id = $1`, [suppliers[1].id]);
    await drainSearchIndex(t);
    for (let r = 0; r < requirements.length; r += 1) await compare(r, 50, 0, 0);
  }, 60_000);

  /** Opportunities of the first 24 suppliers, every page at three page sizes, equal to scoring each of `open` with `scoreMatch`. */
  async function expectOpportunities(open: readonly LoadedRequirement[]): Promise<number> {
    const search = t.app.get(SearchIndex);
    const index = await matchIndex.fresh();
    let compared = 0;
    for (const supplier of suppliers.slice(0, 24)) {
      const facts = index.facts(supplier.id, null)!;
      const text = [facts.name, ...facts.capabilities.map((c) => c.categoryCode)].join(' ');
      const relevance = await search.relevance('requirements', text, open.map((r) => r.facts.id));
      const reference = open
        .map((r) => {
          const weights = resolveWeights(r.overrides ?? {});
          if (!weights.ok) throw new Error('weights');
          return { ...scoreMatch(r.facts, { ...facts, textRelevance: relevance.get(r.facts.id) ?? 0 }, weights.weights), requirementId: r.facts.id };
        })
        .filter((m) => m.eligible)
        .sort((a, b) => b.score - a.score || (a.requirementId < b.requirementId ? -1 : 1));
      for (const first of [1, 2, 5]) {
        let after: string | null = null;
        const seen: string[] = [];
        for (;;) {
          const page = await matching.opportunitiesForSupplier({ role: 'SUPPLIER_ADMIN', organizationId: supplier.id } as never, first, after);
          expect(page.totalCount).toBe(reference.length);
          const nodes = page.edges.map((e) => e.node);
          expect(nodes.map((n) => ({ id: n.requirementId, score: n.score, factors: n.factors, siteId: n.siteId }))).toEqual(
            reference.slice(seen.length, seen.length + first).map((m) => ({ id: m.requirementId, score: m.score, factors: m.factors, siteId: m.site?.id ?? null })),
          );
          seen.push(...nodes.map((n) => n.requirementId));
          compared += nodes.length;
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
          expect(decodeCursor(after, 2)).not.toBeNull();
        }
        expect(seen).toEqual(reference.map((m) => m.requirementId));
      }
    }
    return compared;
  }

  it.each([
    ['in process', true],
    ['by lookup, bounded in process', false],
  ])('ranks opportunities for a supplier as scoring every OPEN requirement does, when the walk stops early too (text relevance %s)', async (_mode, inProcess) => {
    let compared = 0;
    matching.textInProcess = inProcess;
    try {
      for (const margin of [FIRST_BATCH_MARGIN, -1_000]) {
        matching.batchMargin = margin;
        compared += await expectOpportunities(requirements);
      }
    } finally {
      matching.batchMargin = FIRST_BATCH_MARGIN;
      matching.textInProcess = true;
    }
    expect(compared).toBeGreaterThan(10);
  }, 240_000);

  it('explains a supplier from the index as the reference reads it', async () => {
    const requirement = requirements[0];
    const reference = (await matching.rank(requirement, null)).matches;
    for (const m of reference.slice(0, 5)) {
      const explained = await matching.explainMatch({ role: 'PLATFORM_ADMIN', organizationId: requirement.organizationId } as never, requirement.facts.id, m.supplierId);
      expect(shape(explained)).toEqual(shape(m));
    }
  });

  // Last: it changes requirements the tests above read.
  it('keeps its OPEN requirements fresh: one published, one edited, one closed, a delivery plant moved, read back at once', async () => {
    // Rankings computed (and kept per supplier) before the writes.
    await expectOpportunities(requirements);
    const versionOf = async (id: string) => Number((await t.dataSource.query(`SELECT version FROM requirements WHERE id = $1`, [id]))[0].version);
    const [closed, edited] = requirements;
    await t.ok(`mutation($input: StatusChangeInput!) { closeRequirement(input: $input) { id } }`, { input: { id: closed.facts.id, version: await versionOf(closed.facts.id) } }, oem.token);
    await t.ok(
      `mutation($input: UpdateRequirementInput!) { updateRequirement(input: $input) { id } }`,
      { input: { id: edited.facts.id, version: await versionOf(edited.facts.id), categoryCode: 'CHASSIS', title: 'steering sensor 传感器', annualVolume: 5000, requiredCertifications: [] } },
      oem.token,
    );
    const spec = fc.sample(requirementSpec, { numRuns: 1, seed: 99 })[0];
    await makeRequirementFrom({ ...spec, category: 'CHASSIS', iatf: false, asil: null }, oem, deliverySites);
    // The plant the third requirement is delivered to moves to another province.
    const [site] = await t.dataSource.query(`SELECT s.id, s.version FROM sites s JOIN requirements q ON q.delivery_site_id = s.id WHERE q.id = $1`, [requirements[2].facts.id]);
    await t.ok(`mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }`, { input: { id: site.id, version: site.version, regionCode: '500112' } }, oem.token);
    await drainSearchIndex(t);
    const openIds: { id: string }[] = await t.dataSource.query(`SELECT id FROM requirements WHERE status = 'OPEN' ORDER BY id`);
    const open = await Promise.all(openIds.map(({ id }) => matching.loadRequirement(id)));
    expect(open.map((r) => r.facts.id)).not.toContain(closed.facts.id);
    expect(open.find((r) => r.facts.id === edited.facts.id)?.facts.categoryCode).toBe('CHASSIS');
    expect(open.some((r) => r.facts.delivery.regionCode === '500112')).toBe(true);
    expect(await expectOpportunities(open)).toBeGreaterThan(10);
  }, 240_000);
});
