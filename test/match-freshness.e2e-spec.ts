import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, makeCapability, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, type MadeOrganization } from './support/factories.js';
import { drainSearchIndex } from './support/search.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { MatchIndexService } from '../src/matching/match-index.service.js';

const MATCHES = `query($id: ID!) { matchesForRequirement(requirementId: $id, first: 20) { totalCount edges { node { supplierId tier } } } }`;

/** Polls `check` until it returns true (or the generous timeout fails the test): freshness, not a timed assertion. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Two API processes on one database, each with its own match index: a change made through one
 * reaches the other's index by the change feed (match_changes, written by triggers in the
 * writing transaction), without a restart and without a query on the second asking for it.
 */
describe('match index freshness across two API processes', () => {
  let first: TestApp;
  let second: TestApp;
  let admin: { token: string };
  let oem: MadeOrganization;
  let supplier: MadeOrganization;
  let requirementId: string;

  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({ databaseUrl: (first.dataSource.options as { url: string }).url });
    admin = await makePlatformAdmin(first);
    oem = await makeOrganization(first, admin.token, OrganizationKind.OEM);
    const delivery = await makeSite(first, oem.token, '330206', '北仑总装厂', { lat: 29.89, lon: 121.85 });
    requirementId = (await makeRequirement(first, oem.token, delivery, { specs: [], requiredCertifications: [{ typeCode: 'IATF_16949' }] })).id;
    supplier = await makeOrganization(first, admin.token, OrganizationKind.SUPPLIER, { legalName: '测试供应商甲' });
    const site = await makeSite(first, supplier.token, '330212', '鄞州工厂', { lat: 29.82, lon: 121.55 });
    await makeCapability(first, supplier.token, { categoryCode: 'CHASSIS.BRAKE_BY_WIRE', description: 'EHB one-box 线控制动', annualCapacity: 150000, siteIds: [site] });
    await drainSearchIndex(first);
  }, 60_000);
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('ranks on the second process a supplier that became eligible through the first', async () => {
    // Without the certificate the supplier fails a hard filter on both processes.
    const before = await second.ok<{ matchesForRequirement: { totalCount: number } }>(MATCHES, { id: requirementId }, oem.token);
    expect(before.matchesForRequirement.totalCount).toBe(0);

    await addCertification(first, supplier.token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: daysFromNow(2000) });
    // The second process's index takes the change from the feed on its own (no query, no refresh asked).
    const index = await second.app.get(MatchIndexService).index();
    await eventually(async () => (index.facts(supplier.id, null)?.certifications.length ?? 0) === 1);

    const after = await second.ok<{ matchesForRequirement: { totalCount: number; edges: { node: { supplierId: string; tier: string } }[] } }>(MATCHES, { id: requirementId }, oem.token);
    expect(after.matchesForRequirement.totalCount).toBe(1);
    expect(after.matchesForRequirement.edges[0].node).toEqual({ supplierId: supplier.id, tier: 'SAME_CITY' });
  });

  it('feeds one numbered change per organisation per statement, in the writing transaction', async () => {
    const [{ max }] = await first.dataSource.query(`SELECT max(seq)::int AS max FROM match_changes`);
    // A rolled-back write leaves nothing in the feed.
    await first.dataSource.transaction(async (m) => {
      await m.query(`UPDATE organizations SET legal_name = legal_name || ' x' WHERE id = $1`, [supplier.id]);
      await m.query('ROLLBACK');
    }).catch(() => undefined);
    const [{ count: afterRollback }] = await first.dataSource.query(`SELECT count(*)::int AS count FROM match_changes WHERE seq > $1`, [max]);
    expect(afterRollback).toBe(0);
    await first.dataSource.query(`UPDATE sites SET name = name || ' 2' WHERE organization_id = $1`, [supplier.id]);
    const rows = await first.dataSource.query(`SELECT organization_id FROM match_changes WHERE seq > $1`, [max]);
    expect(rows).toEqual([{ organization_id: supplier.id }]);
    const index = await second.app.get(MatchIndexService).index();
    await eventually(async () => index.facts(supplier.id, null)?.sites[0].name === '鄞州工厂 2');
  });

  it('feeds a change of a supplier\'s search text, and the second process scores the new text in process', async () => {
    // The search indexer has nothing left to rewrite (the certificate added above): only this test writes the row.
    await drainSearchIndex(first);
    const index = await second.app.get(MatchIndexService).index();
    const concept = { alternatives: [[{ value: 'zqxfresh', prefix: false }]], worths: [10_000, 9_000, 8_000, 6_000] as const };
    expect(index.unitsOf(index.compile([concept])!, supplier.id)).toBe(0);
    const [{ max }] = await first.dataSource.query(`SELECT max(seq)::int AS max FROM match_changes`);
    // The search indexer rewriting a row with the same text names nobody.
    await first.dataSource.query(`UPDATE search_suppliers SET indexed_at = now() WHERE id = $1`, [supplier.id]);
    const [{ count: same }] = await first.dataSource.query(`SELECT count(*)::int AS count FROM match_changes WHERE seq > $1`, [max]);
    expect(same).toBe(0);
    // New text: a name lexeme.
    await first.dataSource.query(`UPDATE search_suppliers SET lexemes = lexemes || 'zqxfresh:1A'::tsvector, strong = strong || 'zqxfresh:1A'::tsvector WHERE id = $1`, [supplier.id]);
    const rows = await first.dataSource.query(`SELECT organization_id FROM match_changes WHERE seq > $1`, [max]);
    expect(rows).toEqual([{ organization_id: supplier.id }]);
    await eventually(async () => index.unitsOf(index.compile([concept])!, supplier.id) === 10_000);
    // Its search row removed: no text, worth 0.
    await first.dataSource.query(`DELETE FROM search_suppliers WHERE id = $1`, [supplier.id]);
    await eventually(async () => index.unitsOf(index.compile([concept])!, supplier.id) === 0);
  });
});
