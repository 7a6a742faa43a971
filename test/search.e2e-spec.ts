/**
 * Search through the API on the default (PostgreSQL) backend: writes reach the index through
 * the outbox and the indexer, exactly once, also across an indexer stop and an index outage;
 * GraphQL search with filters, facets, pagination, validation and visibility; synonym
 * administration; the certificate-validity sweep; reindexing.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/app.js';
import {
  addCertification,
  daysFromNow,
  makeCapability,
  makeOrganization,
  makePlatformAdmin,
  makeRequirement,
  makeSite,
  type MadeOrganization,
} from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { SearchIndexer } from '../src/search/search-indexer.js';
import { SearchIndex } from '../src/search/search-index.port.js';
import { SearchSettings } from '../src/search/search-settings.js';
import { reindexAll } from '../src/search/reindex.js';

const SEARCH_SUPPLIERS = `query($query: String!, $filter: SupplierSearchFilter, $first: Int, $after: String, $facets: [SupplierSearchFacet!]) {
  searchSuppliers(query: $query, filter: $filter, first: $first, after: $after, facets: $facets) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id score name categoryCodes certificationTypes plants { regionCode } organization { legalName } } }
    facets { facet values { value count } }
  }
}`;

const SEARCH_REQUIREMENTS = `query($query: String!, $filter: RequirementSearchFilter, $facets: [RequirementSearchFacet!]) {
  searchRequirements(query: $query, filter: $filter, first: 50, facets: $facets) {
    totalCount
    edges { node { id title status organizationId deliveryRegionCode sopDate score } }
    facets { facet values { value count } }
  }
}`;

interface SupplierHits {
  searchSuppliers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; score: number; name: string; categoryCodes: string[]; certificationTypes: string[]; plants: { regionCode: string }[]; organization: { legalName: string } | null } }[];
    facets: { facet: string; values: { value: string; count: number }[] }[];
  };
}

interface RequirementHits {
  searchRequirements: { totalCount: number; edges: { node: { id: string; title: string; status: string; organizationId: string; deliveryRegionCode: string; sopDate: string; score: number } }[]; facets: { facet: string; values: { value: string; count: number }[] }[] };
}

describe('search through the API', () => {
  let t: TestApp;
  let indexer: SearchIndexer;
  let admin: { token: string };
  let buyer: MadeOrganization;
  let otherBuyer: MadeOrganization;
  let bureau: MadeOrganization;
  let brakes: MadeOrganization;
  let seats: MadeOrganization;
  let buyerPlant: string;
  let otherBuyerPlant: string;

  const supplierIds = async (query: string, token: string, extra: Record<string, unknown> = {}) =>
    (await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query, ...extra }, token)).searchSuppliers.edges.map((e) => e.node.id);
  const requirementIds = async (query: string, token: string, filter: Record<string, unknown> | null = null) =>
    (await t.ok<RequirementHits>(SEARCH_REQUIREMENTS, { query, filter }, token)).searchRequirements.edges.map((e) => e.node.id).sort();
  const pending = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    indexer = t.app.get(SearchIndexer);
    admin = await makePlatformAdmin(t);
    buyer = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '示例整车(宁波)有限公司' });
    otherBuyer = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '示例新能源汽车有限公司' });
    bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330000' });
    brakes = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '示例线控底盘有限公司' });
    seats = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '示例座椅系统有限公司' });
    buyerPlant = await makeSite(t, buyer.token, '330282', '慈溪总装厂');
    otherBuyerPlant = await makeSite(t, otherBuyer.token, '330114', '钱塘基地');
    const brakePlant = await makeSite(t, brakes.token, '330206', '北仑工厂');
    const seatPlant = await makeSite(t, seats.token, '330114', '钱塘工厂');
    await makeCapability(t, brakes.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'Brake-by-wire: two-box EHB for passenger cars', products: ['EHB'], siteIds: [brakePlant] });
    await addCertification(t, brakes.token, { typeCode: 'ISO_26262', level: 'D', validFrom: daysFromNow(-30), validUntil: daysFromNow(700) });
    await addCertification(t, brakes.token, { typeCode: 'IATF_16949', validFrom: '2020-01-01', validUntil: daysFromNow(-1) });
    await makeCapability(t, seats.token, { categoryCode: 'COCKPIT.SEATS', description: '智能座椅骨架与电动调节机构', siteIds: [seatPlant] });
    await indexer.drain();
  });

  afterAll(() => t.close());

  describe('searchSuppliers', () => {
    it('finds an English-described capability by a Chinese query and returns the live profile', async () => {
      const data = await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query: '线控制动' }, buyer.token);
      expect(data.searchSuppliers.totalCount).toBe(1);
      const [hit] = data.searchSuppliers.edges.map((e) => e.node);
      expect(hit).toMatchObject({ id: brakes.id, name: '示例线控底盘有限公司', categoryCodes: ['CHASSIS.BRAKE_BY_WIRE'], plants: [{ regionCode: '330206' }], organization: { legalName: '示例线控底盘有限公司' } });
      expect(hit.score).toBeGreaterThan(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      // The expired IATF certificate is not counted.
      expect(hit.certificationTypes).toEqual(['ISO_26262']);
    });

    it('finds a typo and a two-character Chinese term', async () => {
      expect(await supplierIds('brak-by-wire', seats.token)).toEqual([brakes.id]);
      expect(await supplierIds('座椅', bureau.token)).toEqual([seats.id]);
    });

    it('filters by region prefix, category subtree and certification level', async () => {
      expect(await supplierIds('', buyer.token, { filter: { regionCode: '330200' } })).toEqual([brakes.id]);
      expect(await supplierIds('', buyer.token, { filter: { regionCode: '330100' } })).toEqual([seats.id]);
      expect((await supplierIds('', buyer.token, { filter: { regionCode: '330000' } })).sort()).toEqual([brakes.id, seats.id].sort());
      expect(await supplierIds('', buyer.token, { filter: { categoryCode: 'COCKPIT' } })).toEqual([seats.id]);
      expect(await supplierIds('', buyer.token, { filter: { certifications: [{ typeCode: 'ISO_26262', minLevel: 'C' }] } })).toEqual([brakes.id]);
      expect(await supplierIds('', buyer.token, { filter: { certifications: [{ typeCode: 'IATF_16949' }] } })).toEqual([]);
    });

    it('counts facets over all hits', async () => {
      const data = await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query: '', facets: ['VERIFIED', 'CITY', 'CATEGORY'] }, buyer.token);
      const facets = Object.fromEntries(data.searchSuppliers.facets.map((f) => [f.facet, f.values]));
      expect(facets.VERIFIED.reduce((sum, v) => sum + v.count, 0)).toBe(data.searchSuppliers.totalCount);
      expect(facets.CITY).toEqual([
        { value: '330100', count: 1 },
        { value: '330200', count: 1 },
      ]);
      expect(facets.CATEGORY).toEqual(expect.arrayContaining([{ value: 'CHASSIS', count: 1 }, { value: 'COCKPIT.SEATS', count: 1 }]));
    });

    it('pages with cursors', async () => {
      const first = (await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query: '示例', first: 1 }, buyer.token)).searchSuppliers;
      expect(first.totalCount).toBe(2);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const second = (await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query: '示例', first: 1, after: first.pageInfo.endCursor }, buyer.token)).searchSuppliers;
      expect(second.pageInfo.hasNextPage).toBe(false);
      expect([...first.edges, ...second.edges].map((e) => e.node.id).sort()).toEqual([brakes.id, seats.id].sort());
    });

    it.each([
      ['a page over 100', { first: 101 }, 'first'],
      ['an unknown category', { filter: { categoryCode: 'NOPE' } }, 'filter.categoryCode'],
      ['a malformed category', { filter: { categoryCode: 'chassis' } }, 'filter.categoryCode'],
      ['a malformed region', { filter: { regionCode: '3302' } }, 'filter.regionCode'],
      ['an unknown region', { filter: { regionCode: '999999' } }, 'filter.regionCode'],
      ['a level outside the scheme', { filter: { certifications: [{ typeCode: 'ISO_26262', minLevel: 'E' }] } }, 'filter.certifications.0.minLevel'],
      ['a level for a held-only type', { filter: { certifications: [{ typeCode: 'IATF_16949', minLevel: 'A' }] } }, 'filter.certifications.0.minLevel'],
      ['an unknown certification type', { filter: { certifications: [{ typeCode: 'ISO_9999' }] } }, 'filter.certifications.0.typeCode'],
      ['a foreign cursor', { after: 'bm90LWEtY3Vyc29y' }, 'after'],
      ['a query over 200 characters', { query: 'x'.repeat(201) }, 'query'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_name, variables, field) => {
      const result = await t.gql(SEARCH_SUPPLIERS, { query: '', ...variables }, buyer.token);
      expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].extensions.fields?.map((f) => f.field)).toContain(field);
    });

    it('needs a signed-in caller', async () => {
      const result = await t.gql(SEARCH_SUPPLIERS, { query: '座椅' });
      expect(result.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('searchRequirements', () => {
    let ownDraft: string;
    let ownOpen: string;
    let otherDraft: string;
    let otherOpen: string;

    beforeAll(async () => {
      ownDraft = (await makeRequirement(t, buyer.token, buyerPlant, { title: '线控制动 one-box 预研' }, false)).id;
      ownOpen = (await makeRequirement(t, buyer.token, buyerPlant, { title: '线控制动系统 EHB 量产' })).id;
      otherDraft = (await makeRequirement(t, otherBuyer.token, otherBuyerPlant, { title: '线控制动 保密项目' }, false)).id;
      otherOpen = (await makeRequirement(t, otherBuyer.token, otherBuyerPlant, { title: '智能座椅骨架', description: 'Seat frames for a compact SUV', categoryCode: 'COCKPIT.SEATS', requiredCertifications: [] })).id;
      await indexer.drain();
    });

    it('shows suppliers and bureaus OPEN requirements only', async () => {
      expect(await requirementIds('', seats.token)).toEqual([ownOpen, otherOpen].sort());
      expect(await requirementIds('线控制动', brakes.token)).toEqual([ownOpen]);
      expect(await requirementIds('', bureau.token)).toEqual([ownOpen, otherOpen].sort());
    });

    it('shows a buyer its own requirements in any status, never another OEM\'s drafts', async () => {
      expect(await requirementIds('线控制动', buyer.token)).toEqual([ownDraft, ownOpen].sort());
      expect(await requirementIds('线控制动', otherBuyer.token)).toEqual([ownOpen, otherDraft].sort());
      expect(await requirementIds('保密项目', buyer.token)).toEqual([]);
      expect(await requirementIds('', buyer.token, { statuses: ['DRAFT'] })).toEqual([ownDraft]);
      expect(await requirementIds('', buyer.token, { mine: true })).toEqual([ownDraft, ownOpen].sort());
    });

    it('shows a platform admin everything', async () => {
      expect(await requirementIds('线控制动', admin.token)).toEqual([ownDraft, ownOpen, otherDraft].sort());
    });

    it('filters by delivery region and returns status facets that add up', async () => {
      expect(await requirementIds('', admin.token, { regionCode: '330200' })).toEqual([ownDraft, ownOpen].sort());
      const data = await t.ok<RequirementHits>(SEARCH_REQUIREMENTS, { query: '', facets: ['STATUS'] }, admin.token);
      const statuses = data.searchRequirements.facets[0].values;
      expect(statuses).toEqual([
        { value: 'DRAFT', count: 2 },
        { value: 'OPEN', count: 2 },
      ]);
      expect(statuses.reduce((sum, v) => sum + v.count, 0)).toBe(data.searchRequirements.totalCount);
      const hit = data.searchRequirements.edges.find((e) => e.node.id === ownOpen)?.node;
      expect(hit).toMatchObject({ status: 'OPEN', organizationId: buyer.id, deliveryRegionCode: '330282', score: 0 });
    });
  });

  describe('the indexer', () => {
    it('catches up after a stop with every write indexed exactly once', async () => {
      await indexer.stop();
      const plant = await makeSite(t, brakes.token, '330282', '慈溪二厂');
      const capability = await makeCapability(t, brakes.token, { categoryCode: 'CHASSIS.SUSPENSION', description: '空气悬架 CDC 减振器', siteIds: [plant] });
      const requirement = (await makeRequirement(t, buyer.token, buyerPlant, { title: '空气悬架总成 第二轮', categoryCode: 'CHASSIS.SUSPENSION', requiredCertifications: [] })).id;
      expect(await supplierIds('空气悬架', buyer.token)).toEqual([]);
      expect(await requirementIds('空气悬架', seats.token)).toEqual([]);
      expect(await pending()).toBeGreaterThanOrEqual(3);

      const report = await indexer.drain();
      expect(report.failed).toBe(0);
      expect(report.processed).toBeGreaterThanOrEqual(3);
      expect(await pending()).toBe(0);
      const suppliers = (await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query: '空气悬架' }, buyer.token)).searchSuppliers;
      expect(suppliers.totalCount).toBe(1);
      expect(suppliers.edges.map((e) => e.node.id)).toEqual([brakes.id]);
      expect(await requirementIds('空气悬架', seats.token)).toEqual([requirement]);
      const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM search_suppliers WHERE id = $1`, [brakes.id]);
      expect(rows[0].n).toBe(1);
      // The loop picks up new writes by itself once started again.
      indexer.start();
      await t.ok(`mutation($input: UpdateCapabilityInput!) { updateCapability(input: $input) { id } }`, { input: { id: capability, version: 1, description: '空气悬架 与 电控减振器 (CDC)' } }, brakes.token);
      await waitFor(async () => (await supplierIds('电控减振器', buyer.token)).length === 1);
      await indexer.stop();
    });

    it('survives an index outage: rows back off, keep their error, and are indexed once it is back', async () => {
      const index = t.app.get(SearchIndex);
      const upsert = index.upsert.bind(index);
      let outage = true;
      index.upsert = async (name, documents) => {
        if (outage) throw new Error('search backend unavailable (simulated)');
        return upsert(name, documents);
      };
      try {
        const plant = await makeSite(t, seats.token, '330483', '桐乡工厂');
        await makeCapability(t, seats.token, { categoryCode: 'INTERIOR', description: '门板与顶棚总成', siteIds: [plant] });
        const failing = await indexer.drain();
        expect(failing.failed).toBeGreaterThan(0);
        expect(failing.processed).toBe(0);
        const [row] = await t.dataSource.query(`SELECT attempts, last_error, available_at > now() AS later FROM outbox WHERE processed_at IS NULL`);
        expect(row).toEqual({ attempts: 1, last_error: expect.stringContaining('simulated'), later: true });
        expect(await supplierIds('门板', buyer.token)).toEqual([]);
        // Backed off: a drain now leaves the row alone.
        expect((await indexer.drain()).processed).toBe(0);

        outage = false;
        await t.dataSource.query(`UPDATE outbox SET available_at = now() WHERE processed_at IS NULL`);
        const recovered = await indexer.drain();
        expect(recovered).toMatchObject({ failed: 0 });
        expect(recovered.processed).toBeGreaterThan(0);
        expect(await pending()).toBe(0);
        const data = (await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query: '门板' }, buyer.token)).searchSuppliers;
        expect([data.totalCount, data.edges[0]?.node.id]).toEqual([1, seats.id]);
      } finally {
        index.upsert = upsert;
      }
    });

    it('drops what was deleted from the profile', async () => {
      const capability = await makeCapability(t, seats.token, { categoryCode: 'COCKPIT.AMBIENT', description: '氛围灯模组', siteIds: [await makeSite(t, seats.token, '330521')] });
      await indexer.drain();
      expect(await supplierIds('氛围灯', buyer.token)).toEqual([seats.id]);
      await t.ok(`mutation($input: DeleteInput!) { deleteCapability(input: $input) }`, { input: { id: capability, version: 1 } }, seats.token);
      await indexer.drain();
      expect(await supplierIds('氛围灯', buyer.token)).toEqual([]);
      expect(await supplierIds('座椅', buyer.token)).toEqual([seats.id]);
    });

    it('re-indexes suppliers whose certificates started or stopped being valid since the last sweep', async () => {
      await t.dataSource.query(`UPDATE search_state SET value = $1 WHERE name = 'certificates-swept-through'`, [daysFromNow(-5)]);
      await t.dataSource.query(
        `INSERT INTO supplier_certifications (organization_id, type_code, certificate_number, valid_from, valid_until) VALUES ($1, 'CCC', 'CCC-SWEEP', $2, $3)`,
        [seats.id, daysFromNow(-400), daysFromNow(-2)],
      );
      // The seat maker's new certificate expired two days ago, the brake maker's IATF one yesterday.
      expect(await indexer.sweepCertificates()).toBe(2);
      const rows = await t.dataSource.query(`SELECT entity_type, entity_id FROM outbox WHERE processed_at IS NULL ORDER BY entity_id`);
      expect(rows).toEqual([brakes.id, seats.id].sort().map((id) => ({ entity_type: 'Organization', entity_id: id })));
      // Swept through today: a second sweep finds nothing.
      expect(await indexer.sweepCertificates()).toBe(0);
      await indexer.drain();
    });
  });

  describe('synonyms', () => {
    const ADD = `mutation($input: AddSearchSynonymsInput!) { addSearchSynonyms(input: $input) { id terms oneWay } }`;

    const seatFrameScore = async () => {
      const data = await t.ok<SupplierHits>(SEARCH_SUPPLIERS, { query: 'seat frame' }, buyer.token);
      expect(data.searchSuppliers.edges.map((e) => e.node.id)).toEqual([seats.id]);
      return data.searchSuppliers.edges[0].node.score;
    };

    it('lets a platform admin add a group that searches use at once', async () => {
      // Before: no document holds "frame", so the query falls back to "seat" alone, at a lower score.
      const before = await seatFrameScore();
      const added = await t.ok<{ addSearchSynonyms: { id: string; terms: string[] } }>(ADD, { input: { terms: ['座椅骨架', 'seat frame'] } }, admin.token);
      expect(added.addSearchSynonyms.terms).toEqual(['座椅骨架', 'seat frame']);
      // 座椅骨架 is a new dictionary term: every document was queued for re-indexing with it.
      expect(await pending()).toBe(7);
      await indexer.drain();
      expect(await supplierIds('seat frame', buyer.token)).toEqual([seats.id]);
      expect(await seatFrameScore()).toBeGreaterThan(before);
      const listed = await t.ok<{ searchSynonyms: { terms: string[] }[] }>(`{ searchSynonyms { terms } }`, {}, admin.token);
      expect(listed.searchSynonyms.map((g) => g.terms)).toContainEqual(['线控制动', 'brake-by-wire', 'brake by wire']);
      await t.ok(`mutation($id: ID!) { removeSearchSynonyms(id: $id) }`, { id: added.addSearchSynonyms.id }, admin.token);
      await indexer.drain();
      expect(await seatFrameScore()).toBe(before);
      await indexer.drain();
    });

    it('refuses others and bad groups', async () => {
      const forbidden = await t.gql(ADD, { input: { terms: ['a1', 'b2'] } }, buyer.token);
      expect(forbidden.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const single = await t.gql(ADD, { input: { terms: ['座椅'] } }, admin.token);
      expect(single.errors?.[0].extensions.fields?.[0].field).toBe('input.terms');
      const repeated = await t.gql(ADD, { input: { terms: ['Seat', 'seat'] } }, admin.token);
      expect(repeated.errors?.[0].extensions.fields?.[0].field).toBe('input.terms.1');
      const mixed = await t.gql(ADD, { input: { terms: ['座舱 SoC', 'cockpit SoC'] } }, admin.token);
      expect(mixed.errors?.[0].extensions.fields?.[0].field).toBe('input.terms.0');
      const missing = await t.gql(`mutation($id: ID!) { removeSearchSynonyms(id: $id) }`, { id: randomUUID() }, admin.token);
      expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('operations', () => {
    it('reports the index status to platform admins', async () => {
      await indexer.drain();
      const status = await t.ok<{ searchIndexStatus: { backend: string; pendingEvents: number; failingEvents: number; settingsDrift: string[] } }>(
        `{ searchIndexStatus { backend pendingEvents failingEvents settingsDrift } }`,
        {},
        admin.token,
      );
      expect(status.searchIndexStatus).toEqual({ backend: 'postgres', pendingEvents: 0, failingEvents: 0, settingsDrift: [] });
      const denied = await t.gql(`{ searchIndexStatus { backend } }`, {}, buyer.token);
      expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('rebuilds a lost or stale index from the database', async () => {
      const stale = randomUUID();
      await t.dataSource.query(`DELETE FROM search_suppliers`);
      await t.dataSource.query(`DELETE FROM search_requirements WHERE document->>'title' LIKE '智能座椅%'`);
      await t.dataSource.query(
        `INSERT INTO search_requirements (id, document, lexemes, strong, filter_keys, facet_keys, sort_key) SELECT $1, document, lexemes, strong, filter_keys, facet_keys, sort_key FROM search_requirements LIMIT 1`,
        [stale],
      );
      expect(await supplierIds('线控制动', buyer.token)).toEqual([]);
      const report = await reindexAll(t.dataSource, t.app.get(SearchIndex), t.app.get(SearchSettings));
      expect(report).toEqual({ suppliers: 2, requirements: 5, removed: 1 });
      expect(await supplierIds('线控制动', buyer.token)).toEqual([brakes.id]);
      expect((await requirementIds('智能座椅', seats.token)).length).toBe(1);
      const rows = await t.dataSource.query(`SELECT count(*)::int AS n FROM search_requirements WHERE id = $1`, [stale]);
      expect(rows[0].n).toBe(0);
    });
  });
});

/** Polls until `check` holds (the indexer loop runs every second), failing after 10 s. */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
