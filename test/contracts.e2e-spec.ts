import { startTestApp, type TestApp } from './support/app.js';
import { statementsOf, tokenChecks } from './support/query-count.js';
import { daysFromNow, makeOrganization, makePlatformAdmin, makeSite, nextCreditCode, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const RECORD = `mutation($input: RecordContractInput!) { recordContract(input: $input) { created contract {
  id source status buyerReference unitPrice volume totalValue signedDate startDate endDate deliveredValue terminationReason
  supplierOrganization { id creditCode legalName verified kind } supplierSite { name regionCode countryCode lat lon locationApprox } supplierPlant { name regionCode countryCode lat lon }
  localitySnapshot { buyerRegionCode supplierRegionCode supplierCountryCode sameCounty sameCity sameProvince distanceKm } } } }`;
const IMPORT = `mutation($csv: String!) { importContracts(csv: $csv) { rows created unchanged rejected { line column message } } }`;
const CONTRACTS = `query($filter: ContractFilter, $after: String) { contracts(first: 2, filter: $filter, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id buyerReference source signedDate } } } }`;
const CONTRACT = `query($id: ID!) { contract(id: $id) { id buyerReference } }`;
const AMEND = `mutation($input: AmendContractInput!) { amendContract(input: $input) { id } }`;

const VALID_CODE = nextCreditCode('330100');
const BAD_CODE = VALID_CODE.slice(0, 17) + (VALID_CODE[17] === '0' ? '1' : '0');

/** Existing contracts a buyer reports, one by one and from CSV; who may read them. */
describe('recorded contracts', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let otherOem: MadeOrganization;
  let knownSupplier: MadeOrganization;
  let knownPlant: string;
  let beilun: string;
  let hangzhouPlant: string;
  let ningboBureau: MadeOrganization;
  let hangzhouBureau: MadeOrganization;
  let provinceBureau: MadeOrganization;

  const record = (overrides: Record<string, unknown> = {}, supplier: Record<string, unknown> = {}) => ({
    buyerReference: `HT-${Math.random().toString(36).slice(2, 10)}`,
    buyerSiteId: beilun,
    categoryCode: 'CHASSIS.BRAKE_BY_WIRE',
    totalValue: '1200000.00',
    volume: 10000,
    signedDate: '2024-03-01',
    supplier: { creditCode: knownSupplier.creditCode, plant: { name: '鄞州工厂', regionCode: '330212' }, ...supplier },
    ...overrides,
  });

  async function tables() {
    const [row] = await t.dataSource.query(`SELECT (SELECT count(*)::int FROM contracts) AS contracts, (SELECT count(*)::int FROM organizations) AS organizations,
      (SELECT count(*)::int FROM sites) AS sites, (SELECT count(*)::int FROM audit_events) AS audit, (SELECT count(*)::int FROM outbox) AS outbox`);
    return row;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    otherOem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    knownSupplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '宁波已注册供应商' });
    knownPlant = await makeSite(t, knownSupplier.token, '330212', '鄞州工厂', { lat: 29.82, lon: 121.55 });
    beilun = await makeSite(t, oem.token, '330206', '北仑总装厂', { lat: 29.89, lon: 121.85 });
    hangzhouPlant = await makeSite(t, oem.token, '330110', '余杭工厂');
    ningboBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
    hangzhouBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330100' });
    provinceBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330000' });
  });
  afterAll(() => t.close());

  it('records a contract with a registered supplier\'s existing plant, idempotently on the reference', async () => {
    const input = record({ buyerReference: 'HT-2024-001' });
    const first = (await t.ok<{ recordContract: any }>(RECORD, { input }, oem.token)).recordContract;
    expect(first.created).toBe(true);
    expect(first.contract).toMatchObject({
      source: 'RECORDED', status: 'ACTIVE', buyerReference: 'HT-2024-001', unitPrice: '120', volume: 10000, totalValue: '1200000', signedDate: '2024-03-01', startDate: '2024-03-01', endDate: null,
      supplierOrganization: { id: knownSupplier.id }, supplierSite: { name: '鄞州工厂', regionCode: '330212' },
      localitySnapshot: { buyerRegionCode: '330206', supplierRegionCode: '330212', sameCounty: false, sameCity: true, sameProvince: true },
    });
    const before = await tables();
    const again = (await t.ok<{ recordContract: any }>(RECORD, { input }, oem.token)).recordContract;
    expect(again).toMatchObject({ created: false, contract: { id: first.contract.id } });
    const different = await t.gql(RECORD, { input: { ...input, totalValue: '1300000.00' } }, oem.token);
    expect(different.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(different.errors?.[0].message).toMatch(/totalValue/);
    expect(await tables()).toEqual(before);
    // Another buyer may use the same reference for its own contract.
    const otherPlant = await makeSite(t, otherOem.token, '330212');
    expect((await t.ok<{ recordContract: any }>(RECORD, { input: { ...input, buyerSiteId: otherPlant } }, otherOem.token)).recordContract.created).toBe(true);
  });

  // The buyer's plant is kept on the contract only: the supplier's plants are never created
  // (the supplier's profile is its own; test/integrity.e2e-spec.ts).
  it('registers an unknown supplier as unverified without plants, keeping the plant given on the contract (in China and abroad)', async () => {
    const creditCode = nextCreditCode('320500');
    const local = (await t.ok<{ recordContract: any }>(RECORD, { input: record({}, { creditCode, legalName: '苏州未注册制动有限公司', plant: { name: '苏州工厂', regionCode: '320505' } }) }, oem.token)).recordContract.contract;
    expect(local.supplierOrganization).toEqual({ id: expect.any(String), creditCode, legalName: '苏州未注册制动有限公司', verified: false, kind: 'SUPPLIER' });
    expect(local.supplierSite).toBeNull();
    expect(local.supplierPlant).toMatchObject({ name: '苏州工厂', regionCode: '320505', countryCode: 'CN' });
    expect(await t.dataSource.query(`SELECT id FROM sites WHERE organization_id = $1`, [local.supplierOrganization.id])).toEqual([]);
    expect(local.localitySnapshot).toMatchObject({ supplierRegionCode: '320505', sameProvince: false });
    const audit = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = ANY($1) ORDER BY id`, [[local.supplierOrganization.id, local.id]]);
    expect(audit.map((a: any) => a.action)).toEqual(['organization.create', 'contract.record']);

    const german = nextCreditCode('330200');
    const abroad = (await t.ok<{ recordContract: any }>(RECORD, { input: record({}, { creditCode: german, legalName: '某德资制动(宁波)有限公司', plant: { name: 'Stuttgart', countryCode: 'DE', lat: 48.78, lon: 9.18 } }) }, oem.token)).recordContract.contract;
    expect(abroad.supplierSite).toBeNull();
    expect(abroad.supplierPlant).toMatchObject({ countryCode: 'DE', regionCode: null, lat: 48.78, lon: 9.18 });
    expect(abroad.localitySnapshot).toMatchObject({ supplierRegionCode: null, supplierCountryCode: 'DE', sameProvince: false });
    expect(abroad.localitySnapshot.distanceKm).toBeGreaterThan(8000);
  });

  it('records a terminated contract with what was delivered', async () => {
    const terminated = (await t.ok<{ recordContract: any }>(RECORD, { input: record({ status: 'TERMINATED', deliveredValue: '300000.00', terminationReason: '供应商停产', endDate: '2024-12-31' }) }, oem.token)).recordContract.contract;
    expect(terminated).toMatchObject({ status: 'TERMINATED', deliveredValue: '300000', terminationReason: '供应商停产', endDate: '2024-12-31' });
  });

  it.each([
    ['a bad credit code', {}, { creditCode: BAD_CODE }, 'input.supplier.creditCode'],
    ['an unknown supplier without a name', {}, { creditCode: nextCreditCode('330100'), plant: { name: 'x', regionCode: '330110' } }, 'input.supplier.legalName'],
    ['a plant in China without region', {}, { creditCode: nextCreditCode('330100'), legalName: '某公司', plant: { name: 'x' } }, 'input.supplier.plant.regionCode'],
    ['a province as the plant region', {}, { creditCode: nextCreditCode('330100'), legalName: '某公司', plant: { name: 'x', regionCode: '330000' } }, 'input.supplier.plant.regionCode'],
    ['a plant abroad without coordinates', {}, { creditCode: nextCreditCode('330100'), legalName: '某公司', plant: { name: 'x', countryCode: 'DE' } }, 'input.supplier.plant.lat'],
    ['a signing date in the future', { signedDate: daysFromNow(2) }, {}, 'input.signedDate'],
    ['a zero value', { totalValue: '0' }, {}, 'input.totalValue'],
    ['an end before the start', { endDate: '2024-01-01' }, {}, 'input.endDate'],
    ['an unknown category', { categoryCode: 'CHASSIS.WARP_DRIVE' }, {}, 'input.categoryCode'],
    ['a terminated contract without reason', { status: 'TERMINATED' }, {}, 'input.terminationReason'],
    ['a delivered value on a live contract', { deliveredValue: '1.00' }, {}, 'input.deliveredValue'],
    ['an OEM as supplier', {}, { creditCode: 'OTHER_OEM' }, 'input.supplier.creditCode'],
  ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_name, overrides, supplier, field) => {
    const before = await tables();
    const s = (supplier as { creditCode?: string }).creditCode === 'OTHER_OEM' ? { ...supplier, creditCode: otherOem.creditCode } : supplier;
    const result = await t.gql(RECORD, { input: record(overrides, s) }, oem.token);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields?.map((f) => f.field)).toContain(field);
    expect(await tables()).toEqual(before);
  });

  it('refuses another organisation\'s plant as the buyer plant, and non-buyers', async () => {
    expect((await t.gql(RECORD, { input: record({ buyerSiteId: knownPlant }) }, oem.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(RECORD, { input: record() }, knownSupplier.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(RECORD, { input: record() }, admin.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('imports from CSV with row-level errors, and re-importing changes nothing', async () => {
    const newCode = nextCreditCode('330300');
    const csv = [
      'reference,buyer_plant,supplier_credit_code,supplier_name,supplier_plant,supplier_region_code,supplier_country_code,supplier_lat,supplier_lon,category_code,total_value,volume,unit_price,signed_date,end_date,status,delivered_value,termination_reason',
      `CSV-001,北仑总装厂,${knownSupplier.creditCode},,鄞州工厂,330212,,,,CHASSIS.BRAKE_BY_WIRE,"2,400,000.00",20000,,2023-05-01,2024-04-30,COMPLETED,,`,
      `CSV-002,余杭工厂,${newCode},温州新供应商有限公司,瓯海工厂,330304,,,,COCKPIT.DOMAIN_CONTROLLER,880000,400,2200,2023-09-15,,,,`,
      `CSV-003,北仑总装厂,${knownSupplier.creditCode},,鄞州工厂,330212,,,,CHASSIS.BRAKE_BY_WIRE,-1,20000,,2023-05-01,,,,`,
      `CSV-004,不存在的工厂,${knownSupplier.creditCode},,鄞州工厂,330212,,,,CHASSIS.BRAKE_BY_WIRE,100,1,,2023-05-01,,,,`,
      `CSV-005,北仑总装厂,${nextCreditCode('330300')},,某工厂,330304,,,,CHASSIS.BRAKE_BY_WIRE,100,1,,2023-05-01,,,,`,
      `CSV-001,北仑总装厂,${knownSupplier.creditCode},,鄞州工厂,330212,,,,CHASSIS.BRAKE_BY_WIRE,999,20000,,2023-05-01,,,,`,
      `CSV-006,北仑总装厂,${knownSupplier.creditCode},,鄞州工厂,330212,,,,CHASSIS.BRAKE_BY_WIRE,100,1,,2023-05-01,,TERMINATED,,`,
    ].join('\n');
    const report = (await t.ok<{ importContracts: any }>(IMPORT, { csv }, oem.token)).importContracts;
    expect(report).toMatchObject({ rows: 7, created: 2, unchanged: 0 });
    expect(report.rejected).toEqual([
      { line: 4, column: 'total_value', message: expect.any(String) },
      { line: 5, column: 'buyer_plant', message: 'you have no plant named 不存在的工厂' },
      { line: 6, column: 'supplier_name', message: expect.stringMatching(/legal name/) },
      { line: 7, column: 'reference', message: expect.stringMatching(/already recorded/) },
      { line: 8, column: 'termination_reason', message: expect.any(String) },
    ]);
    const [row] = await t.dataSource.query(`SELECT k.unit_price, k.status, k.same_city, k.same_province, o.verified FROM contracts k JOIN organizations o ON o.id = k.supplier_organization_id WHERE k.buyer_reference = 'CSV-002'`);
    expect(row).toEqual({ unit_price: '2200.0000', status: 'ACTIVE', same_city: false, same_province: true, verified: false });

    const before = await tables();
    const again = (await t.ok<{ importContracts: any }>(IMPORT, { csv }, oem.token)).importContracts;
    expect(again).toMatchObject({ rows: 7, created: 0, unchanged: 2 });
    expect(again.rejected).toHaveLength(5);
    expect(await tables()).toEqual(before);

    const badHeader = await t.gql(IMPORT, { csv: 'reference,price\nx,1' }, oem.token);
    expect(badHeader.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'csv' }] });
  });

  it('shows contracts to their parties and to bureaus over the buyer plant only, read-only', async () => {
    const ningbo = (await t.ok<{ recordContract: any }>(RECORD, { input: record({ buyerReference: 'VIS-NB' }) }, oem.token)).recordContract.contract;
    const hangzhou = (await t.ok<{ recordContract: any }>(RECORD, { input: record({ buyerReference: 'VIS-HZ', buyerSiteId: hangzhouPlant }) }, oem.token)).recordContract.contract;
    const sees = async (token: string, id: string) => !(await t.gql(CONTRACT, { id }, token)).errors;
    expect(await sees(oem.token, ningbo.id)).toBe(true);
    expect(await sees(knownSupplier.token, ningbo.id)).toBe(true);
    expect(await sees(ningboBureau.token, ningbo.id)).toBe(true);
    expect(await sees(provinceBureau.token, hangzhou.id)).toBe(true);
    expect(await sees(hangzhouBureau.token, hangzhou.id)).toBe(true);
    for (const [token, id] of [[hangzhouBureau.token, ningbo.id], [ningboBureau.token, hangzhou.id], [otherOem.token, ningbo.id]]) {
      expect((await t.gql(CONTRACT, { id }, token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
    expect((await t.gql(CONTRACT, { id: ningbo.id }, admin.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect((await t.gql(AMEND, { input: { id: ningbo.id, version: 1, volume: 5, reason: 'x' } }, ningboBureau.token)).errors?.[0].extensions.code).toBe('FORBIDDEN');

    // Lists: a bureau sees its jurisdiction's contracts, filtered by source, paged.
    const list = async (token: string, filter: Record<string, unknown> = {}) => {
      const refs: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = (await t.ok<{ contracts: any }>(CONTRACTS, { filter, after }, token)).contracts;
        refs.push(...page.edges.map((e: any) => e.node.buyerReference));
        if (!page.pageInfo.hasNextPage) return { refs, total: page.totalCount };
        after = page.pageInfo.endCursor;
      }
    };
    const hz = await list(hangzhouBureau.token);
    expect(hz.refs).toEqual(['VIS-HZ', 'CSV-002']);
    const nb = await list(ningboBureau.token, { source: ['RECORDED'] });
    expect(nb.refs).toContain('VIS-NB');
    expect(nb.refs).not.toContain('VIS-HZ');
    expect(nb.refs).toHaveLength(nb.total);
    expect((await list(ningboBureau.token, { source: ['AWARDED'] })).refs).toEqual([]);
    const province = await list(provinceBureau.token);
    expect(province.total).toBe(nb.total + hz.total);
    const supplierView = await list(knownSupplier.token, { signedFrom: '2024-01-01' });
    expect(supplierView.refs.every((r) => r !== 'CSV-002')).toBe(true);
  });
  it('lists contracts with parties, plants, regions, category and amendments in a bounded number of queries', async () => {
    const { result: data, own, rateLimit } = await statementsOf(t, () =>
      t.ok<{ contracts: { totalCount: number; edges: { node: any }[] } }>(
        `{ contracts(first: 50) { totalCount edges { node { buyerReference buyerOrganization { legalName } supplierOrganization { legalName } buyerSite { name region { name } }
        supplierSite { name region { name } } category { nameZh } amendments { sequence } requirement { title } quote { id } localitySnapshot { sameCity } } } } }`,
        {},
        oem.token,
      ),
    );
    expect(data.contracts.edges.length).toBeGreaterThanOrEqual(8);
    expect(data.contracts.edges.every((e) => e.node.supplierOrganization.legalName && e.node.category.nameZh)).toBe(true);
    // count + page + organisations + sites + regions + categories + amendments + the token's user (read once per request, src/access/tokens.ts, shared by the rate limiter and the guard) = 8, whatever the page size.
    expect(own.length).toBeLessThanOrEqual(8);
    expect(tokenChecks(own)).toBe(1);
    expect(rateLimit.filter((sql) => sql.includes('INSERT'))).toHaveLength(1);
  });
});
