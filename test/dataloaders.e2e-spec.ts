import { startTestApp, type TestApp } from './support/app.js';
import { statementsOf, tokenChecks } from './support/query-count.js';
import { makeOrganization, makePlatformAdmin, makeSite, requirementInput, CREATE_REQUIREMENT } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

describe('lists fan out through DataLoaders', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    token = oem.token;
    const sites = [await makeSite(t, token, '330282'), await makeSite(t, token, '330114'), await makeSite(t, token, '330703')];
    const categories = ['CHASSIS.BRAKE_BY_WIRE', 'COCKPIT.DOMAIN_CONTROLLER', 'CHIP.MCU', 'CHIP.POWER'];
    for (let i = 0; i < 100; i++) {
      await t.ok(CREATE_REQUIREMENT, { input: requirementInput(sites[i % 3], { categoryCode: categories[i % 4], title: `需求 ${i}` }) }, token);
    }
  });
  afterAll(() => t.close());

  it('lists 100 requirements with plant, region, category, organisation and certifications in a bounded number of queries', async () => {
    const { result: data, own, rateLimit } = await statementsOf(t, () =>
      t.ok<{ myRequirements: { edges: { node: any }[] } }>(
        `{ myRequirements(first: 100) { totalCount edges { node { title organization { legalName } deliverySite { name region { name } } category { nameZh } requiredCertifications { typeCode } } } } }`,
        {},
        token,
      ),
    );
    expect(data.myRequirements.edges).toHaveLength(100);
    expect(data.myRequirements.edges.every((e) => e.node.deliverySite.region.name && e.node.category.nameZh)).toBe(true);
    // count + page + organisation + sites + regions + categories + certifications + the token's user (read once per request, src/access/tokens.ts, shared by the rate limiter and the guard) = 8, whatever the page size.
    expect(own.length).toBeLessThanOrEqual(8);
    expect(tokenChecks(own)).toBe(1);
    expect(rateLimit.filter((sql) => sql.includes('INSERT'))).toHaveLength(1);
  });

  it('adds a fixed number of queries for every requirement\'s questions and documents', async () => {
    const count = async (selection: string) => {
      const { result: data, own } = await statementsOf(t, () => t.ok<{ myRequirements: { edges: unknown[] } }>(`{ myRequirements(first: 100) { edges { node { id ${selection} } } } }`, {}, token));
      expect(data.myRequirements.edges).toHaveLength(100);
      return own.length;
    };
    const plain = await count('');
    // questions: the batch's questions + their requirements' owners; documents: the batch's documents.
    expect((await count('questions { id answer } documents { id fileName }')) - plain).toBeLessThanOrEqual(3);
  });
});
