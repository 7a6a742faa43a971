/**
 * The seed generator at demo scale on a fresh database: `npm start`'s path (seedDemoIfEmpty,
 * which also rebuilds the search index), then the counts, referential integrity, credit codes,
 * the 2024 local share as the bureau counts it, the logins, and determinism (--reset and the
 * same seed give the same rows).
 */
import { startTestApp, type TestApp } from './support/app.js';
import { seedDemoIfEmpty } from '../seeds/demo.js';
import { seedMarket, SeedError, localSharesByYear } from '../seeds/seed-market.js';
import { SCALES } from '../seeds/market-rows.js';
import { DEMO_ORGANIZATIONS, DEMO_PASSWORD } from '../seeds/demo-world.js';
import { creditCodeProblem } from '../src/organizations/credit-code.js';
import { countedValueSql } from '../src/locality/counted-value.js';

async function count(t: TestApp, sql: string): Promise<number> {
  const rows: { n: string }[] = await t.dataSource.query(sql);
  return Number(rows[0].n);
}

async function fingerprint(t: TestApp): Promise<Record<string, string>> {
  const tables = ['organizations', 'sites', 'capabilities', 'capability_sites', 'supplier_certifications', 'requirements', 'requirement_certifications', 'contracts'];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows: { h: string }[] = await t.dataSource.query(`SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM ${table} t`);
    out[table] = rows[0].h;
  }
  return out;
}

async function login(t: TestApp, email: string): Promise<string> {
  const data = await t.ok<{ login: { token: string } }>(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password: DEMO_PASSWORD } });
  return data.login.token;
}

describe('seed generator (demo scale)', () => {
  let t: TestApp;
  let logins: Awaited<ReturnType<typeof seedDemoIfEmpty>>;

  beforeAll(async () => {
    t = await startTestApp();
    logins = await seedDemoIfEmpty(t.app);
  });

  afterAll(async () => {
    await t.close();
  });

  it('loads the demo market once, through npm start\'s path, and then leaves the database alone', async () => {
    expect(logins?.map((l) => l.email)).toEqual(['admin@zhenglingtong.example', ...DEMO_ORGANIZATIONS.map((d) => d.email)]);
    await expect(seedDemoIfEmpty(t.app)).resolves.toBeNull();
    await expect(seedMarket(t.dataSource, { scale: SCALES.demo, seed: 42 })).rejects.toThrow(SeedError);
  });

  it('has the demo scale counts', async () => {
    expect(await count(t, `SELECT count(*) AS n FROM organizations WHERE kind = 'SUPPLIER'`)).toBe(SCALES.demo.suppliers);
    expect(await count(t, `SELECT count(*) AS n FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.kind = 'OEM'`)).toBe(SCALES.demo.oemPlants);
    expect(await count(t, 'SELECT count(*) AS n FROM requirements')).toBe(SCALES.demo.requirements);
    expect(await count(t, 'SELECT count(*) AS n FROM contracts')).toBe(SCALES.demo.contracts);
    expect(await count(t, 'SELECT count(*) AS n FROM capabilities')).toBeGreaterThan(SCALES.demo.suppliers);
    expect(await count(t, `SELECT count(*) AS n FROM supplier_certifications WHERE valid_until < '2026-11-01'`)).toBeGreaterThan(0);
    // Requirements and suppliers in the three focus areas, in several Zhejiang cities and outside the province.
    expect(await count(t, `SELECT count(DISTINCT split_part(category_code, '.', 1)) AS n FROM requirements WHERE split_part(category_code, '.', 1) IN ('COCKPIT', 'CHASSIS', 'CHIP')`)).toBe(3);
    expect(await count(t, `SELECT count(DISTINCT left(s.region_code, 4)) AS n FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.kind = 'SUPPLIER' AND s.region_code LIKE '33%'`)).toBeGreaterThanOrEqual(8);
    expect(await count(t, `SELECT count(*) AS n FROM sites s JOIN organizations o ON o.id = s.organization_id WHERE o.kind = 'SUPPLIER' AND (s.region_code IS NULL OR s.region_code NOT LIKE '33%')`)).toBeGreaterThan(10);
  });

  it('keeps referential integrity: every capability has a plant of its own supplier; contracts join their plants', async () => {
    expect(await count(t, `SELECT count(*) AS n FROM capabilities c WHERE NOT EXISTS (SELECT 1 FROM capability_sites cs WHERE cs.capability_id = c.id)`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM capability_sites cs JOIN capabilities c ON c.id = cs.capability_id JOIN sites s ON s.id = cs.site_id WHERE s.organization_id <> c.organization_id`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM contracts c JOIN sites b ON b.id = c.buyer_site_id JOIN sites s ON s.id = c.supplier_site_id
      WHERE b.organization_id <> c.buyer_organization_id OR s.organization_id <> c.supplier_organization_id OR b.region_code <> c.buyer_region_code
         OR c.same_province <> (left(b.region_code, 2) = left(coalesce(s.region_code, ''), 2))`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM requirements r JOIN sites s ON s.id = r.delivery_site_id WHERE s.organization_id <> r.organization_id`)).toBe(0);
    expect(await count(t, `SELECT count(*) AS n FROM requirements r LEFT JOIN users u ON u.id = r.created_by WHERE u.organization_id IS DISTINCT FROM r.organization_id`)).toBe(0);
  });

  it('gives every organisation a valid GB 32100 credit code', async () => {
    const rows: { code: string }[] = await t.dataSource.query('SELECT credit_code AS code FROM organizations');
    expect(rows.length).toBeGreaterThan(SCALES.demo.suppliers);
    expect(rows.filter((r) => creditCodeProblem(r.code) !== null)).toEqual([]);
  });

  it('makes Zhejiang\'s 2024 provincial local share (value basis, counted value) 50–60 %, rising by 2026', async () => {
    const counted = countedValueSql('c');
    const [row]: { local: string; total: string }[] = await t.dataSource.query(
      `SELECT sum(${counted}) FILTER (WHERE c.same_province) AS local, sum(${counted}) AS total
         FROM contracts c WHERE c.buyer_region_code LIKE '33%' AND c.signed_date >= '2024-01-01' AND c.signed_date < '2025-01-01'`,
    );
    const share = Number(row.local) / Number(row.total);
    expect(share).toBeGreaterThanOrEqual(0.5);
    expect(share).toBeLessThanOrEqual(0.6);
    const runner = t.dataSource.createQueryRunner();
    try {
      const shares = await localSharesByYear(await runner.connect());
      expect(shares.map((s) => s.year)).toEqual([2024, 2025, 2026]);
      expect(shares[0].valueShare).toBeCloseTo(share, 10);
      expect(shares[2].valueShare).toBeGreaterThan(shares[0].valueShare);
    } finally {
      await runner.release();
    }
  });

  it('lets the demo users sign in and find the data: a buyer\'s requirements, search by Chinese text', async () => {
    const buyer = await login(t, DEMO_ORGANIZATIONS[0].email);
    const mine = await t.ok<{ myRequirements: { totalCount: number } }>(`query { myRequirements(first: 5) { totalCount } }`, {}, buyer);
    expect(mine.myRequirements.totalCount).toBeGreaterThanOrEqual(4);
    const supplier = await login(t, 'sales@xsbrake.example');
    const hits = await t.ok<{ searchSuppliers: { totalCount: number; edges: { node: { name: string } }[] } }>(
      `query { searchSuppliers(query: "线控制动", first: 20) { totalCount edges { node { name } } } }`, {}, supplier,
    );
    expect(hits.searchSuppliers.totalCount).toBeGreaterThan(0);
    expect(hits.searchSuppliers.edges.map((e) => e.node.name)).toContain('萧山线控制动系统(示例)有限公司');
    // Matching finds local suppliers for the buyer's open requirements.
    const open: { id: string }[] = await t.dataSource.query(
      `SELECT r.id FROM requirements r JOIN users u ON u.id = r.created_by WHERE u.email = $1 AND r.status = 'OPEN' ORDER BY r.id`, [DEMO_ORGANIZATIONS[0].email],
    );
    const tiers: string[] = [];
    for (const { id } of open) {
      const matches = await t.ok<{ matchesForRequirement: { edges: { node: { tier: string } }[] } }>(
        `query($id: ID!) { matchesForRequirement(requirementId: $id, first: 5) { edges { node { tier } } } }`, { id }, buyer,
      );
      tiers.push(...matches.matchesForRequirement.edges.map((e) => e.node.tier));
    }
    expect(tiers.some((tier) => ['SAME_COUNTY', 'SAME_CITY', 'SAME_PROVINCE'].includes(tier))).toBe(true);
    for (const email of ['admin@zhenglingtong.example', 'analyst@zj-bureau.example', 'buyer@oem-01.example']) await expect(login(t, email)).resolves.toEqual(expect.any(String));
  });

  it('is deterministic: --reset and the same seed load the same rows', async () => {
    const before = await fingerprint(t);
    const report = await seedMarket(t.dataSource, { scale: SCALES.demo, seed: 42, reset: true });
    expect(report.timings.find((x) => x.table === 'contracts')?.rows).toBe(SCALES.demo.contracts);
    expect(await fingerprint(t)).toEqual(before);
    // The outbox asks the indexer for every supplier and requirement.
    expect(await count(t, `SELECT count(*) AS n FROM outbox`)).toBeGreaterThanOrEqual(SCALES.demo.suppliers + SCALES.demo.requirements);
  });
});
