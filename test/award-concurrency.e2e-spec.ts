import { randomUUID } from 'node:crypto';
import { startTestApp, type GraphQLResponse, type TestApp } from './support/app.js';
import { daysFromNow, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, qualifySupplier, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const SUBMIT = `mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id } }`;
const AWARD = `mutation($input: AwardRequirementInput!) { awardRequirement(input: $input) { awardId replayed contracts { id quoteId volume } } }`;

interface AwardData {
  awardRequirement: { awardId: string; replayed: boolean; contracts: { id: string; quoteId: string; volume: number }[] };
}

/**
 * Twenty identical awards at once, and twenty with different keys at once: either way one
 * award and one set of contracts, and every answer is the contracts or CONFLICT — never a
 * server error.
 */
describe('award under concurrency', () => {
  let t: TestApp;
  let oem: MadeOrganization;
  let delivery: string;
  const suppliers: { org: MadeOrganization; site: string }[] = [];

  async function requirementWithQuotes(): Promise<{ requirementId: string; quoteIds: string[] }> {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery, { annualVolume: 100000, requiredCertifications: [] });
    const quoteIds: string[] = [];
    for (const s of suppliers) {
      const input = { requirementId, siteId: s.site, unitPrice: '1800.00', volume: 100000, leadTimeDays: 30, validUntil: daysFromNow(60) };
      quoteIds.push((await t.ok<{ submitQuote: { id: string } }>(SUBMIT, { input }, s.org.token)).submitQuote.id);
    }
    return { requirementId, quoteIds };
  }

  async function counts(requirementId: string) {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM awards WHERE requirement_id = $1) AS awards,
              (SELECT count(*)::int FROM contracts WHERE requirement_id = $1) AS contracts,
              (SELECT count(*)::int FROM quotes WHERE requirement_id = $1 AND status = 'ACCEPTED') AS accepted,
              (SELECT count(*)::int FROM audit_events WHERE action = 'award.create' AND after->>'requirementId' = $1::text) AS audited,
              (SELECT status FROM requirements WHERE id = $1) AS status`,
      [requirementId],
    );
    return row;
  }

  function expectNoServerError(results: GraphQLResponse<AwardData>[]) {
    for (const r of results) {
      expect(r.status).toBeLessThan(500);
      if (r.errors) expect(r.errors.map((e) => e.extensions.code)).toEqual(['CONFLICT']);
      else expect(r.data?.awardRequirement.contracts.length).toBeGreaterThan(0);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    delivery = await makeSite(t, oem.token, '330206');
    for (const region of ['330212', '330109']) {
      const org = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      const site = await makeSite(t, org.token, region);
      await qualifySupplier(t, org.token, site); // quoting uninvited needs the hard filters passed
      suppliers.push({ org, site });
    }
  });
  afterAll(() => t.close());

  it('the same award 20 times in parallel with one key: one award, the same contracts for all', async () => {
    const { requirementId, quoteIds } = await requirementWithQuotes();
    const input = { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: quoteIds[0], volume: 70000 }, { quoteId: quoteIds[1], volume: 30000 }] };
    const results = await Promise.all(Array.from({ length: 20 }, () => t.gql<AwardData>(AWARD, { input }, oem.token)));
    expectNoServerError(results);
    const successes = results.filter((r) => !r.errors);
    expect(successes).toHaveLength(20);
    const ids = new Set(successes.map((r) => JSON.stringify(r.data?.awardRequirement.contracts.map((c) => c.id))));
    expect(ids.size).toBe(1);
    expect(successes.filter((r) => r.data?.awardRequirement.replayed === false)).toHaveLength(1);
    expect(await counts(requirementId)).toEqual({ awards: 1, contracts: 2, accepted: 2, audited: 1, status: 'AWARDED' });
  });

  it('20 awards in parallel with different keys: one wins, the others get CONFLICT', async () => {
    const { requirementId, quoteIds } = await requirementWithQuotes();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.gql<AwardData>(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: quoteIds[i % 2] }] } }, oem.token)),
    );
    expectNoServerError(results);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors)).toHaveLength(19);
    expect(await counts(requirementId)).toEqual({ awards: 1, contracts: 1, accepted: 1, audited: 1, status: 'AWARDED' });
  });

  it('retries and fresh keys mixed: one award, retries get its contracts, the rest CONFLICT', async () => {
    const { requirementId, quoteIds } = await requirementWithQuotes();
    const key = randomUUID();
    const same = { requirementId, idempotencyKey: key, lines: [{ quoteId: quoteIds[0] }] };
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.gql<AwardData>(AWARD, { input: i % 2 === 0 ? same : { ...same, idempotencyKey: randomUUID(), lines: [{ quoteId: quoteIds[1] }] } }, oem.token)),
    );
    expectNoServerError(results);
    const contractSets = new Set(results.filter((r) => !r.errors).map((r) => JSON.stringify(r.data?.awardRequirement.contracts.map((c) => c.id))));
    expect(contractSets.size).toBe(1);
    expect(await counts(requirementId)).toMatchObject({ awards: 1, contracts: 1, accepted: 1, audited: 1, status: 'AWARDED' });
    // Whoever won, a retry of the fixed key now answers consistently: the same contracts, or CONFLICT if another key won.
    const retry = await t.gql<AwardData>(AWARD, { input: same }, oem.token);
    const [winner] = await t.dataSource.query(`SELECT idempotency_key FROM awards WHERE requirement_id = $1`, [requirementId]);
    if (winner.idempotency_key === key) expect(retry.data?.awardRequirement.replayed).toBe(true);
    else expect(retry.errors?.[0].extensions.code).toBe('CONFLICT');
  });
});
