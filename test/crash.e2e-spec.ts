/**
 * Crash test: writers record contracts through the API, each with its own idempotency key
 * (the buyer's contract reference), retrying on any error; mid-load PostgreSQL is stopped
 * the hard way (`pg_ctl -m immediate` sends the postmaster SIGQUIT: no checkpoint, crash
 * recovery at the next start) and started again. Afterwards every acknowledged contract
 * exists, none twice, and the service answers without having been restarted itself.
 *
 * It runs on a PostgreSQL server of its own (embedded), whatever DATABASE_URL says, since
 * it kills it.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/database/embedded-postgres.js';
import { createDatabaseIfMissing } from '../src/database/database-server.js';
import { freePort } from './support/database.js';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeSite, type MadeOrganization } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const WRITERS = 4;
const CONTRACTS_PER_WRITER = 25;
const RECORD = `mutation($i: RecordContractInput!) { recordContract(input: $i) { created contract { id } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('crash recovery', () => {
  const dataDir = join(process.cwd(), '.data', `crash-${process.pid}`);
  let port: number;
  let server: EmbeddedDatabase;
  let t: TestApp;
  let buyer: MadeOrganization;
  let supplier: MadeOrganization;
  let buyerSite: string;

  beforeAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    port = await freePort();
    server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
    await createDatabaseIfMissing(server.url('postgres'), 'crash');
    t = await startTestApp({ databaseUrl: server.url('crash') });
    const admin = await makePlatformAdmin(t);
    buyer = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { region: '330212' });
    buyerSite = await makeSite(t, buyer.token, '330206');
    await makeSite(t, supplier.token, '330212', '鄞州工厂');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged contract, once, through an immediate shutdown', async () => {
    const acknowledged = new Set<string>();
    let failures = 0;
    const record = async (reference: string) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        try {
          const result = await t.gql<{ recordContract: { contract: { id: string } } }>(RECORD, {
            i: {
              buyerReference: reference, buyerSiteId: buyerSite, categoryCode: 'CHASSIS.BRAKE_BY_WIRE', totalValue: '100000.00', volume: 100,
              signedDate: '2026-01-15', supplier: { creditCode: supplier.creditCode, plant: { name: '鄞州工厂', regionCode: '330212' } },
            },
          }, buyer.token);
          if (result.data?.recordContract?.contract.id && !result.errors) {
            acknowledged.add(reference);
            return;
          }
        } catch {
          // connection refused or reset: retry
        }
        failures += 1;
        if (Date.now() > deadline) throw new Error(`${reference} never succeeded`);
        await sleep(100);
      }
    };
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let k = 0; k < CONTRACTS_PER_WRITER; k++) await record(`crash-${w}-${k}`);
    });
    const crash = (async () => {
      while (acknowledged.size < 15) await sleep(20);
      const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(postmaster, 'SIGQUIT');
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(postmaster, 0);
          await sleep(50);
        } catch {
          break;
        }
      }
      const acknowledgedAtCrash = acknowledged.size;
      await sleep(1000);
      server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
      return acknowledgedAtCrash;
    })();
    const [, acknowledgedAtCrash] = await Promise.all([Promise.all(writers), crash]);

    expect(acknowledgedAtCrash).toBeLessThan(WRITERS * CONTRACTS_PER_WRITER);
    expect(failures).toBeGreaterThan(0);
    expect(acknowledged.size).toBe(WRITERS * CONTRACTS_PER_WRITER);
    const rows = await t.dataSource.query(`SELECT buyer_reference, count(*)::int AS n FROM contracts GROUP BY buyer_reference`);
    expect(rows.filter((r: { n: number }) => r.n !== 1)).toEqual([]);
    expect(new Set(rows.map((r: { buyer_reference: string }) => r.buyer_reference))).toEqual(acknowledged);
    const me = await t.gql(`{ me { id } }`, {}, buyer.token);
    expect(me.errors).toBeUndefined();
  }, 150_000);
});
