import { startTestApp, type TestApp } from './support/app.js';
import { CREATE_REQUIREMENT, daysFromNow, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, requirementInput, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const PUBLISH = `mutation($input: StatusChangeInput!) { publishRequirement(input: $input) { status version publishedAt } }`;
const CLOSE = `mutation($input: StatusChangeInput!) { closeRequirement(input: $input) { status version } }`;
const CANCEL = `mutation($input: StatusChangeInput!) { cancelRequirement(input: $input) { status version } }`;
const UPDATE = `mutation($input: UpdateRequirementInput!) { updateRequirement(input: $input) { title version targetUnitPrice annualVolume } }`;
const GET = `query($id: ID!) { requirement(id: $id) { id title status targetUnitPrice sopDate specs { key value } requiredCertifications { typeCode minLevel } deliverySite { regionCode } category { nameZh } organization { id } } }`;

describe('requirements', () => {
  let t: TestApp;
  let admin: { token: string };
  let oemA: MadeOrganization;
  let oemB: MadeOrganization;
  let supplier: MadeOrganization;
  let siteA: string;
  let siteB: string;

  const count = async (table: string) => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oemA = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    oemB = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    siteA = await makeSite(t, oemA.token, '330282');
    siteB = await makeSite(t, oemB.token, '330114');
  });
  afterAll(() => t.close());

  it('drafts a requirement with money as a decimal string, and audits it', async () => {
    const created = (await t.ok<{ createRequirement: { id: string; status: string; version: number } }>(CREATE_REQUIREMENT, { input: requirementInput(siteA, { targetUnitPrice: '1850.1234' }) }, oemA.token)).createRequirement;
    expect(created).toMatchObject({ status: 'DRAFT', version: 1 });
    const read = (await t.ok<{ requirement: Record<string, unknown> }>(GET, { id: created.id }, oemA.token)).requirement;
    expect(read).toMatchObject({
      status: 'DRAFT', targetUnitPrice: '1850.1234', specs: [{ key: '制动响应时间', value: '150 ms' }],
      requiredCertifications: [{ typeCode: 'IATF_16949', minLevel: null }, { typeCode: 'ISO_26262', minLevel: 'D' }],
      deliverySite: { regionCode: '330282' }, category: { nameZh: '线控制动' }, organization: { id: oemA.id },
    });
    const audit = await t.dataSource.query(`SELECT action, after->>'targetUnitPrice' AS price FROM audit_events WHERE entity_id = $1`, [created.id]);
    expect(audit).toEqual([{ action: 'requirement.create', price: '1850.1234' }]);
    const outbox = await t.dataSource.query(`SELECT entity_type FROM outbox WHERE entity_id = $1`, [created.id]);
    expect(outbox).toEqual([{ entity_type: 'Requirement' }]);
  });

  it.each([
    ['a negative price', { targetUnitPrice: '-1.00' }, 'input.targetUnitPrice'],
    ['zero volume', { annualVolume: 0 }, 'input.annualVolume'],
    ['an SOP before today', { sopDate: daysFromNow(-1) }, 'input.sopDate'],
    ['an unknown category', { categoryCode: 'CHASSIS.WARP_DRIVE' }, 'input.categoryCode'],
    ['an unknown certification', { requiredCertifications: [{ typeCode: 'ISO_9999' }] }, 'input.requiredCertifications.0.typeCode'],
    ['a level outside the scheme', { requiredCertifications: [{ typeCode: 'AEC_Q100', minLevel: 'E' }] }, 'input.requiredCertifications.0.minLevel'],
    ['weights not summing to 1', { matchWeights: { locality: 0.9 } }, 'input.matchWeights'],
    ['a malformed date', { sopDate: '2027-02-30' }, 'input'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_name, overrides, field) => {
    const before = await Promise.all(['requirements', 'audit_events', 'outbox'].map(count));
    const result = await t.gql(CREATE_REQUIREMENT, { input: requirementInput(siteA, overrides) }, oemA.token);
    expect(result.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].extensions.fields?.some((f) => f.field.startsWith(field))).toBe(true);
    expect(await Promise.all(['requirements', 'audit_events', 'outbox'].map(count))).toEqual(before);
  });

  it('refuses another OEM\'s plant as delivery site', async () => {
    const result = await t.gql(CREATE_REQUIREMENT, { input: requirementInput(siteB) }, oemA.token);
    expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('walks DRAFT → OPEN → CLOSED and refuses illegal moves with CONFLICT', async () => {
    const { id, version } = await makeRequirement(t, oemA.token, siteA, {}, false);
    const illegal = await t.gql(CLOSE, { input: { id, version } }, oemA.token);
    expect(illegal.errors?.[0].extensions.code).toBe('CONFLICT');
    const open = (await t.ok<{ publishRequirement: { status: string; version: number; publishedAt: string } }>(PUBLISH, { input: { id, version } }, oemA.token)).publishRequirement;
    expect(open).toMatchObject({ status: 'OPEN', version: 2 });
    expect(open.publishedAt).toBeTruthy();
    const closed = (await t.ok<{ closeRequirement: { status: string } }>(CLOSE, { input: { id, version: 2 } }, oemA.token)).closeRequirement;
    expect(closed.status).toBe('CLOSED');
    const reopen = await t.gql(CANCEL, { input: { id, version: 3 } }, oemA.token);
    expect(reopen.errors?.[0].extensions.code).toBe('CONFLICT');
    const rows = await t.dataSource.query('SELECT status, version FROM requirements WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ status: 'CLOSED', version: 3 });
  });

  it('edits with optimistic locking: a stale version is CONFLICT and overwrites nothing', async () => {
    const { id, version } = await makeRequirement(t, oemA.token, siteA);
    const edited = (await t.ok<{ updateRequirement: Record<string, unknown> }>(UPDATE, { input: { id, version, title: '线控制动 EHB (修订)', targetUnitPrice: '1790.50' } }, oemA.token)).updateRequirement;
    expect(edited).toEqual({ title: '线控制动 EHB (修订)', version: version + 1, targetUnitPrice: '1790.5', annualVolume: 120000 });
    const stale = await t.gql(UPDATE, { input: { id, version, title: '旧标题' } }, oemA.token);
    expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
    const rows = await t.dataSource.query('SELECT title, version FROM requirements WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ title: '线控制动 EHB (修订)', version: version + 1 });
  });

  it('keeps drafts private: another OEM and suppliers get NOT_FOUND; OPEN ones are visible', async () => {
    const draft = await makeRequirement(t, oemA.token, siteA, {}, false);
    for (const token of [oemB.token, supplier.token]) {
      const result = await t.gql(GET, { id: draft.id }, token);
      expect(result.errors?.[0].extensions.code).toBe('NOT_FOUND');
    }
    const edit = await t.gql(UPDATE, { input: { id: draft.id, version: 1, title: 'x' } }, oemB.token);
    expect(edit.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const open = await makeRequirement(t, oemA.token, siteA);
    const seen = await t.ok<{ requirement: { id: string } }>(GET, { id: open.id }, supplier.token);
    expect(seen.requirement.id).toBe(open.id);
    const foreignClose = await t.gql(CLOSE, { input: open }, oemB.token);
    expect(foreignClose.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('lists and filters with Relay connections', async () => {
    const org = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const ningbo = await makeSite(t, org.token, '330206');
    const jinhua = await makeSite(t, org.token, '330703');
    await makeRequirement(t, org.token, ningbo, { categoryCode: 'CHIP.MCU', title: 'MCU', sopDate: daysFromNow(200) });
    await makeRequirement(t, org.token, ningbo, { categoryCode: 'COCKPIT.SEATS', title: '座椅', sopDate: daysFromNow(500) }, false);
    await makeRequirement(t, org.token, jinhua, { categoryCode: 'CHIP.POWER', title: 'IGBT', sopDate: daysFromNow(300) });
    const LIST = `query($first: Int!, $after: String, $filter: RequirementFilter) { myRequirements(first: $first, after: $after, filter: $filter) { totalCount edges { cursor node { title } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = (await t.ok<{ myRequirements: any }>(LIST, { first: 2 }, org.token)).myRequirements;
    expect(page1.totalCount).toBe(3);
    expect(page1.edges.map((e: any) => e.node.title)).toEqual(['IGBT', '座椅']);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const page2 = (await t.ok<{ myRequirements: any }>(LIST, { first: 2, after: page1.pageInfo.endCursor }, org.token)).myRequirements;
    expect(page2.edges.map((e: any) => e.node.title)).toEqual(['MCU']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const chips = (await t.ok<{ myRequirements: any }>(LIST, { first: 10, filter: { categoryCode: 'CHIP' } }, org.token)).myRequirements;
    expect(chips.edges.map((e: any) => e.node.title).sort()).toEqual(['IGBT', 'MCU']);
    const drafts = (await t.ok<{ myRequirements: any }>(LIST, { first: 10, filter: { status: ['DRAFT'] } }, org.token)).myRequirements;
    expect(drafts.edges.map((e: any) => e.node.title)).toEqual(['座椅']);
    const bySite = (await t.ok<{ myRequirements: any }>(LIST, { first: 10, filter: { deliverySiteId: jinhua } }, org.token)).myRequirements;
    expect(bySite.edges.map((e: any) => e.node.title)).toEqual(['IGBT']);
    const bySop = (await t.ok<{ myRequirements: any }>(LIST, { first: 10, filter: { sopFrom: daysFromNow(250), sopTo: daysFromNow(600) } }, org.token)).myRequirements;
    expect(bySop.edges.map((e: any) => e.node.title).sort()).toEqual(['IGBT', '座椅']);

    const OPEN = `query($filter: RequirementFilter) { openRequirements(first: 100, filter: $filter) { edges { node { title organizationId } } } }`;
    const inJinhua = (await t.ok<{ openRequirements: any }>(OPEN, { filter: { regionCode: '330700' } }, supplier.token)).openRequirements;
    expect(inJinhua.edges.map((e: any) => e.node.title)).toEqual(['IGBT']);
    const theirs = (await t.ok<{ openRequirements: any }>(OPEN, { filter: { categoryCode: 'COCKPIT' } }, supplier.token)).openRequirements;
    expect(theirs.edges.filter((e: any) => e.node.organizationId === org.id)).toEqual([]);
  });

  it('refuses a page larger than 100 and a forged cursor', async () => {
    const big = await t.gql(`{ myRequirements(first: 101) { totalCount } }`, {}, oemA.token);
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    const forged = await t.gql(`{ myRequirements(first: 5, after: "bm90LWEtY3Vyc29y") { totalCount } }`, {}, oemA.token);
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
  });
});
