import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { startTestApp, type TestApp } from './support/app.js';
import { daysFromNow, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, qualifySupplier, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const run = promisify(execFile);

/** The export's own JSON Schema, compiled here with ajv: every package in this file is checked against it. */
const schema = JSON.parse(readFileSync(join(process.cwd(), 'src/contracts/ocds/release-package.schema.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
formats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(pkg: unknown) {
  const ok = validate(pkg);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  // Cross-references the schema cannot express: every reference resolves within its release.
  for (const release of (pkg as any).releases) {
    const parties = new Map(release.parties.map((p: any) => [p.id, p]));
    expect(parties.get(release.buyer.id)).toMatchObject({ name: release.buyer.name, roles: ['buyer'] });
    const awardIds = new Set(release.awards.map((a: any) => a.id));
    for (const award of release.awards) for (const s of award.suppliers) expect(parties.get(s.id)).toMatchObject({ name: s.name, roles: ['supplier'] });
    for (const contract of release.contracts) expect(awardIds.has(contract.awardID)).toBe(true);
  }
}

const SUBMIT = `mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id } }`;
const AWARD = `mutation($input: AwardRequirementInput!) { awardRequirement(input: $input) { contracts { id quoteId version } } }`;
const RECORD = `mutation($input: RecordContractInput!) { recordContract(input: $input) { contract { id } } }`;
const OCDS = `query($first: Int, $after: String, $filter: ContractFilter) { contractsAsOcds(first: $first, after: $after, filter: $filter) { releasePackage totalCount pageInfo { hasNextPage endCursor } } }`;

describe('contracts as OCDS 1.1 release packages', () => {
  let t: TestApp;
  let oem: MadeOrganization;
  let otherOem: MadeOrganization;
  let hangzhouBureau: MadeOrganization;
  const suppliers: { org: MadeOrganization; site: string }[] = [];
  let requirementId: string;
  let awarded: { id: string; quoteId: string; version: number }[];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '测试整车(宁波)有限公司' });
    otherOem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    hangzhouBureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330100' });
    const beilun = await makeSite(t, oem.token, '330206', '北仑总装厂');
    const yuhang = await makeSite(t, oem.token, '330110', '余杭工厂');
    for (const [region, name] of [['330212', '宁波制动'], ['320505', '苏州制动']]) {
      const org = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: name });
      const site = await makeSite(t, org.token, region);
      await qualifySupplier(t, org.token, site); // quoting uninvited needs the hard filters passed
      suppliers.push({ org, site });
    }
    requirementId = (await makeRequirement(t, oem.token, beilun, { title: '线控制动 EHB', annualVolume: 100000, requiredCertifications: [] })).id;
    const quoteIds: string[] = [];
    for (const s of suppliers) {
      quoteIds.push((await t.ok<{ submitQuote: { id: string } }>(SUBMIT, { input: { requirementId, siteId: s.site, unitPrice: '1800.00', volume: 100000, leadTimeDays: 30, validUntil: daysFromNow(30) } }, s.org.token)).submitQuote.id);
    }
    awarded = (await t.ok<{ awardRequirement: { contracts: { id: string; quoteId: string; version: number }[] } }>(AWARD, {
      input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: quoteIds[0], volume: 60000 }, { quoteId: quoteIds[1], volume: 40000 }], startDate: daysFromNow(400), endDate: daysFromNow(764) },
    }, oem.token)).awardRequirement.contracts;
    const local = awarded.find((c) => c.quoteId === quoteIds[0]) as { id: string; version: number };
    await t.ok(`mutation($input: ContractStatusChangeInput!) { activateContract(input: $input) { id } }`, { input: { id: local.id, version: 1 } }, oem.token);
    await t.ok(`mutation($input: AmendContractInput!) { amendContract(input: $input) { id } }`, { input: { id: local.id, version: 2, volume: 65000, reason: '增产' } }, oem.token);
    await t.ok(`mutation($input: TerminateContractInput!) { terminateContract(input: $input) { id } }`, { input: { id: local.id, version: 3, reason: '车型停产', deliveredValue: '1000000.00' } }, oem.token);
    for (const [ref, site, signed] of [['HT-NB-2024', beilun, '2024-06-01'], ['HT-YH-2023', yuhang, '2023-02-01']] as const) {
      await t.ok(RECORD, { input: { buyerReference: ref, buyerSiteId: site, categoryCode: 'CHASSIS.BRAKE_BY_WIRE', totalValue: '500000.00', volume: 1000, signedDate: signed, supplier: { creditCode: suppliers[0].org.creditCode, plant: { name: '老工厂', regionCode: '330212' } } } }, oem.token);
    }
  });
  afterAll(() => t.close());

  it('gives the buyer one release per contracting process, valid against the schema', async () => {
    const page = (await t.ok<{ contractsAsOcds: any }>(OCDS, { first: 10 }, oem.token)).contractsAsOcds;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(false);
    const pkg = page.releasePackage;
    expectValid(pkg);
    expect(pkg).toMatchObject({ version: '1.1', publisher: { name: expect.stringContaining('整零通') }, uri: expect.stringMatching(/^urn:zhenglingtong:ocds:release-package:/) });
    expect(pkg.releases).toHaveLength(3);
    const award = pkg.releases.find((r: any) => r.ocid.endsWith(requirementId));
    expect(award.tender).toMatchObject({ id: requirementId, title: '线控制动 EHB', status: 'complete' });
    expect(award.tag).toEqual(['award', 'contract', 'contractAmendment', 'contractTermination']);
    expect(award.parties.map((p: any) => [p.name, p.roles, p.identifier.scheme]).sort()).toEqual([
      ['宁波制动', ['supplier'], 'CN-USCI'], ['测试整车(宁波)有限公司', ['buyer'], 'CN-USCI'], ['苏州制动', ['supplier'], 'CN-USCI'],
    ].sort());
    expect(award.parties[0]).toMatchObject({ id: `CN-USCI-${oem.creditCode}`, identifier: { id: oem.creditCode }, address: { locality: '北仑区', region: '浙江省', countryName: '中国' } });
    expect(award.awards).toHaveLength(1);
    expect(award.awards[0].value).toEqual({ amount: 1800 * 65000 + 1800 * 40000, currency: 'CNY' });
    const terminated = award.contracts.find((c: any) => c.status === 'terminated');
    expect(terminated).toMatchObject({ value: { amount: 117000000, currency: 'CNY' }, items: [{ quantity: 65000, unit: { value: { amount: 1800, currency: 'CNY' } } }] });
    expect(terminated.amendments).toEqual([{ id: '1', date: expect.any(String), rationale: '增产', description: 'volume: 60000 → 65000; totalValue: 108000000 → 117000000' }]);
    expect(terminated.description).toMatch(/车型停产.*1000000\.00 CNY/);
    const recorded = pkg.releases.filter((r: any) => !r.tender);
    expect(recorded.map((r: any) => r.contracts[0].dateSigned)).toEqual(['2024-06-01T00:00:00+08:00', '2023-02-01T00:00:00+08:00']);
  });

  it('pages by process with a cursor', async () => {
    const ocids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page: any = (await t.ok<{ contractsAsOcds: any }>(OCDS, { first: 1, after }, oem.token)).contractsAsOcds;
      expectValid(page.releasePackage);
      ocids.push(...page.releasePackage.releases.map((r: any) => r.ocid));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ocids).toHaveLength(3);
    expect(new Set(ocids).size).toBe(3);
  });

  it('shows each caller only what it may read', async () => {
    const supplierView = (await t.ok<{ contractsAsOcds: any }>(OCDS, { filter: { source: ['AWARDED'] } }, suppliers[1].org.token)).contractsAsOcds;
    expectValid(supplierView.releasePackage);
    expect(supplierView.releasePackage.releases).toHaveLength(1);
    expect(supplierView.releasePackage.releases[0].contracts).toHaveLength(1);
    expect(supplierView.releasePackage.releases[0].parties.map((p: any) => p.name)).toEqual(['测试整车(宁波)有限公司', '苏州制动']);

    const bureau = (await t.ok<{ contractsAsOcds: any }>(OCDS, {}, hangzhouBureau.token)).contractsAsOcds;
    expectValid(bureau.releasePackage);
    expect(bureau.releasePackage.releases.map((r: any) => r.contracts[0].description)).toEqual([expect.stringContaining('HT-YH-2023')]);

    const stranger = (await t.ok<{ contractsAsOcds: any }>(OCDS, {}, otherOem.token)).contractsAsOcds;
    expect(stranger).toEqual({ releasePackage: null, totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('exports from the command line, valid against the schema, with filters', async () => {
    const url = (t.dataSource.options as { url: string }).url;
    const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' };
    const cli = join(process.cwd(), 'dist/src/contracts/ocds/export-cli.js');
    const all = JSON.parse((await run('node', [cli], { env })).stdout);
    expectValid(all);
    expect(all.releases).toHaveLength(3);
    // Oldest first in the full export.
    expect(all.releases[0].contracts[0].dateSigned).toBe('2023-02-01T00:00:00+08:00');
    const hangzhou = JSON.parse((await run('node', [cli, '--buyer-region', '330100', '--ocid-prefix', 'ocds-test01'], { env })).stdout);
    expectValid(hangzhou);
    expect(hangzhou.releases.map((r: any) => r.ocid)).toEqual([expect.stringMatching(/^ocds-test01-/)]);
    await expect(run('node', [cli, '--from', '2024-13-01'], { env })).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--from must be a date') });
    const none = await run('node', [cli, '--buyer-region', '110000'], { env });
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/No contract matches/);
  });
});
