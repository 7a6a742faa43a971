import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeSite } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { verifyAuditChain } from '../src/audit/audit-chain.js';

describe('audit log integrity', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    await Promise.all([makeSite(t, oem.token, '330206'), makeSite(t, oem.token, '330282'), makeSite(t, oem.token, '330114')]);
  });
  afterAll(() => t.close());

  it('chains every event to the one before, also under concurrent writes', async () => {
    const report = await verifyAuditChain(t.dataSource);
    expect(report.problems).toEqual([]);
    expect(report.rows).toBeGreaterThanOrEqual(5);
    const [chain] = await t.dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT prev_id)::int AS linked FROM audit_events`);
    expect(chain.linked).toBe(chain.n - 1);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`);
    for (const sql of [`UPDATE audit_events SET action = 'changed'`, 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
      await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
    }
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events`)).toEqual(before);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'changed'`)).toEqual([{ n: 0 }]);
  });

  it('detects an edit made by a superuser past the triggers', async () => {
    const [target] = await t.dataSource.query(`SELECT id FROM audit_events WHERE action = 'site.create' ORDER BY id LIMIT 1`);
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.query(`SET session_replication_role = replica`);
      await runner.query(`UPDATE audit_events SET after = jsonb_set(after, '{name}', '"forged"') WHERE id = $1`, [target.id]);
      await runner.query(`SET session_replication_role = DEFAULT`);
    } finally {
      await runner.release();
    }
    const report = await verifyAuditChain(t.dataSource);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([`audit event ${target.id}: its hash does not match its content`]);
  });

  it('detects a deleted last event', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.query(`SET session_replication_role = replica`);
      // The chain's last event (its recorded end), which under concurrent writes need not be the highest id.
      await runner.query(`DELETE FROM audit_events WHERE id = (SELECT last_id FROM audit_chain_head)`);
      await runner.query(`SET session_replication_role = DEFAULT`);
    } finally {
      await runner.release();
    }
    const report = await verifyAuditChain(t.dataSource);
    expect(report.problems.some((p) => p.includes('recorded end'))).toBe(true);
  });
});
