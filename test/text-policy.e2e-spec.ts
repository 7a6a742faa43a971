/**
 * The text policy (src/common/text-policy.ts) over HTTP: control and bidirectional characters
 * refused with BAD_USER_INPUT naming the field path, names and titles trimmed and not blank,
 * line breaks only in free text, dates within 2000–2100; the CSV imports reject the row.
 * A refusal writes nothing.
 */
import { startTestApp, type TestApp } from './support/app.js';
import { CREATE_REQUIREMENT, PASSWORD, login, makeOrganization, makePlatformAdmin, makeSite, requirementInput, uniqueEmail, nextCreditCode } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name address } }`;

describe('the text policy', () => {
  let t: TestApp;
  let admin: { token: string };
  let oem: { token: string; id: string };
  let siteId: string;

  const rows = async (table: string): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  /** The request is refused with BAD_USER_INPUT naming exactly `field`, and `table` keeps its rows. */
  async function refused(query: string, variables: Record<string, unknown>, token: string, field: string, table: string, message?: RegExp): Promise<void> {
    const before = await rows(table);
    const result = await t.gql(query, variables, token);
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const fields = result.errors?.[0]?.extensions.fields ?? [];
    expect(fields.map((f) => f.field)).toContain(field);
    if (message) expect(fields.find((f) => f.field === field)?.message).toMatch(message);
    expect(await rows(table)).toBe(before);
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    siteId = await makeSite(t, oem.token, '330206');
  });
  afterAll(() => t.close());

  it('refuses a NUL in a requirement title or a plant name as BAD_USER_INPUT, not INTERNAL', async () => {
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { title: 'EHB\u0000' }) }, oem.token, 'input.title', 'requirements', /U\+0000/);
    await refused(CREATE_SITE, { input: { name: '北仑\u0000工厂', regionCode: '330206' } }, oem.token, 'input.name', 'sites', /U\+0000/);
  });

  it('refuses ANSI escapes, right-to-left overrides, C1 controls, lone surrogates and noncharacters in names', async () => {
    for (const name of ['\u001b[31mred plant', 'plant\u202eexe.txt', 'iso\u2066late\u2069', 'c1\u0085', 'half \ud83d', 'non\uffff', 'del\u007f']) {
      await refused(CREATE_SITE, { input: { name, regionCode: '330206' } }, oem.token, 'input.name', 'sites');
    }
  });

  it('names the nested path of a refused spec value and of a product', async () => {
    const specs = [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'c', value: 'bad\u001b[0m' }];
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { specs }) }, oem.token, 'input.specs.2.value', 'requirements');
    const supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
    const plant = await makeSite(t, supplier.token, '330206');
    await refused(`mutation($input: CreateCapabilityInput!) { createCapability(input: $input) { id } }`,
      { input: { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', products: ['EHB', '\u202eEMB'], siteIds: [plant] } }, supplier.token, 'input.products.1', 'capabilities');
  });

  it('refuses a title of spaces and trims names and titles', async () => {
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { title: '   \u3000 ' }) }, oem.token, 'input.title', 'requirements', /blank/);
    const made = await t.ok<{ createRequirement: { id: string } }>(CREATE_REQUIREMENT, { input: requirementInput(siteId, { title: '  线控制动 EHB  ' }) }, oem.token);
    const [row] = await t.dataSource.query('SELECT title FROM requirements WHERE id = $1', [made.createRequirement.id]);
    expect(row.title).toBe('线控制动 EHB');
    const site = await t.ok<{ createSite: { name: string } }>(CREATE_SITE, { input: { name: ' 镇海工厂 ', regionCode: '330211' } }, oem.token);
    expect(site.createSite.name).toBe('镇海工厂');
  });

  it('refuses line breaks and tabs in single-line fields and keeps them in free text', async () => {
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { title: 'two\nlines' }) }, oem.token, 'input.title', 'requirements', /line break/);
    await refused(CREATE_SITE, { input: { name: 'tab\there', regionCode: '330206' } }, oem.token, 'input.name', 'sites', /tab/);
    const site = await t.ok<{ createSite: { address: string } }>(CREATE_SITE, { input: { name: '多行地址工厂', regionCode: '330206', address: '宁波市北仑区\r\n新碶街道\t1号' } }, oem.token);
    expect(site.createSite.address).toBe('宁波市北仑区\r\n新碶街道\t1号');
    await refused(CREATE_SITE, { input: { name: 'ok', regionCode: '330206', address: 'bell\u0007' } }, oem.token, 'input.address', 'sites');
  });

  it('refuses dates and instants outside 2000–2100', async () => {
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { quoteDeadline: '+275760-09-13T00:00:00.000Z' }) }, oem.token, 'input.quoteDeadline', 'requirements');
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { quoteDeadline: '2101-01-02T00:00:00Z' }) }, oem.token, 'input.quoteDeadline', 'requirements');
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { sopDate: '2101-01-01' }) }, oem.token, 'input.sopDate', 'requirements');
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { sopDate: '9999-12-31' }) }, oem.token, 'input.sopDate', 'requirements');
  });

  it('refuses dates of one input out of order', async () => {
    await refused(CREATE_REQUIREMENT, { input: requirementInput(siteId, { sopDate: '2030-01-01', quoteDeadline: '2030-01-02T00:00:00Z' }) }, oem.token, 'input.quoteDeadline', 'requirements');
    const list = await t.gql(`query($filter: RequirementFilter) { myRequirements(first: 5, filter: $filter) { totalCount } }`, { filter: { sopFrom: '2030-01-02', sopTo: '2030-01-01' } }, oem.token);
    expect(list.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(list.errors?.[0]?.extensions.fields?.map((f) => f.field)).toEqual(['filter.sopTo']);
    const contracts = await t.gql(`query($filter: ContractFilter) { contracts(first: 5, filter: $filter) { totalCount } }`, { filter: { signedFrom: '2026-02-01', signedTo: '2026-01-31' } }, oem.token);
    expect(contracts.errors?.[0]?.extensions.fields?.map((f) => f.field)).toEqual(['filter.signedTo']);
  });

  it('refuses null for a field a change cannot clear (it used to answer INTERNAL)', async () => {
    const id = await makeSite(t, oem.token, '330206');
    const [{ version }] = await t.dataSource.query('SELECT version FROM sites WHERE id = $1', [id]);
    await refused(`mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }`, { input: { id, version, address: null } }, oem.token, 'input.address', 'sites', /must not be null/);
    const [row] = await t.dataSource.query('SELECT version, address FROM sites WHERE id = $1', [id]);
    expect(row).toEqual({ version, address: '' });
  });

  it('refuses a control character in a scalar argument', async () => {
    const result = await t.gql(`query($code: String!) { region(code: $code) { code } }`, { code: '330200\u0000' }, oem.token);
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions.fields?.map((f) => f.field)).toEqual(['code']);
  });

  it('never trims a password', async () => {
    const email = uniqueEmail('spaces');
    const password = `  ${PASSWORD}  `;
    await t.ok(`mutation($input: RegisterInput!) { register(input: $input) { token } }`, {
      input: { email, password, displayName: ' 空格 ', organizationKind: 'SUPPLIER', legalName: '空格测试有限公司', creditCode: nextCreditCode() },
    });
    await expect(login(t, email, password)).resolves.toEqual(expect.any(String));
    const trimmed = await t.gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: PASSWORD } });
    expect(trimmed.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('rejects the CSV row whose cell the policy refuses, naming line and column, and imports the others', async () => {
    const header = 'credit_code,legal_name,plant_name,region_code,address';
    const good = nextCreditCode();
    const bad = nextCreditCode();
    const csv = `${header}\n${good},好行有限公司,好工厂,330206,"多行\n地址"\n${bad},坏行有限公司,"坏\u202e工厂",330206,\n`;
    const before = await rows('organizations');
    const report = (await t.ok<{ importSuppliers: { accepted: number; rejected: { line: number; column: string; message: string }[] } }>(
      `mutation($csv: String!) { importSuppliers(csv: $csv) { accepted rejected { line column message } } }`, { csv }, admin.token)).importSuppliers;
    expect(report.accepted).toBe(1);
    expect(report.rejected).toEqual([{ line: 4, column: 'plant_name', message: 'contains a bidirectional control (U+202E) at position 2' }]);
    expect(await rows('organizations')).toBe(before + 1);
  });
});
