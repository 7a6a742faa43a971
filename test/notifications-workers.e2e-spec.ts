/**
 * The notifications worker as separate processes (`dist/src/notifications/worker-cli.js --once`)
 * on the test's database, sending to a real SMTP server started here: a worker killed with
 * SIGKILL between sending an e-mail and marking it loses no mail (the next worker sends it again
 * with the same Message-ID), and two workers side by side make each notice and e-mail once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions.js';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin, makeRequirement, makeSite, nextCreditCode, PASSWORD, uniqueEmail, type MadeOrganization } from './support/factories.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { user { organizationId } } }`;
const VERIFY = `mutation($input: VerificationDecisionInput!) { verifyOrganization(input: $input) { id } }`;

interface Run {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
}

describe('notification workers in separate processes', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: { token: string };
  let databaseUrl: string;

  function startWorker(): Run {
    const child = spawn(process.execPath, [join(process.cwd(), 'dist/src/notifications/worker-cli.js'), '--once'], {
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, MAIL_FROM: 'noreply@zlt.test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, output })));
    return { child, done };
  }

  /** Registers `count` suppliers (one user each) and verifies them: one OrganizationVerified event, one notice and one e-mail each. */
  async function verifiedSuppliers(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const registered = await t.ok<{ register: { user: { organizationId: string } } }>(REGISTER, {
        input: { organizationKind: 'SUPPLIER', legalName: `进程测试供应商 ${nextCreditCode()}`, creditCode: nextCreditCode(), email: uniqueEmail('wrk'), password: PASSWORD, displayName: '测试' },
      });
      ids.push(registered.register.user.organizationId);
    }
    for (const id of ids) await t.ok(VERIFY, { input: { id, reason: '已核对' } }, admin.token);
    return ids;
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { NOTIFICATIONS_INTERVAL_MS: '0' } });
    databaseUrl = String((t.dataSource.options as PostgresDataSourceOptions).url);
    admin = await makePlatformAdmin(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('loses no mail when a worker is killed between sending and marking; the resend carries the same Message-ID', async () => {
    await verifiedSuppliers(4);
    const first = startWorker();
    let killed: string | null = null;
    smtp.beforeAccept = async (mail) => {
      if (killed) return;
      killed = mail.messageId;
      // The whole message has arrived; the worker waits for the server's answer and has not marked it sent.
      first.child.kill('SIGKILL');
      await first.done;
    };
    const crashed = await first.done;
    smtp.beforeAccept = null;
    expect(crashed.signal).toBe('SIGKILL');
    expect(killed).not.toBeNull();
    const [unsent] = await t.dataSource.query(`SELECT count(*)::int AS n, bool_or(message_id = $1) AS "killedOneUnsent" FROM notification_emails WHERE sent_at IS NULL`, [killed]);
    expect(unsent.killedOneUnsent).toBe(true);

    const second = await startWorker().done;
    expect(second.code).toBe(0);
    const rows: { messageId: string }[] = await t.dataSource.query(`SELECT message_id AS "messageId" FROM notification_emails WHERE sent_at IS NOT NULL ORDER BY id`);
    const [{ pending }] = await t.dataSource.query(`SELECT count(*)::int AS pending FROM notification_emails WHERE sent_at IS NULL`);
    expect(pending).toBe(0);
    expect(rows).toHaveLength(4);
    const received = smtp.mails.map((m) => m.messageId);
    // Every e-mail arrived; the only one received twice is the one in flight at the crash, under one Message-ID.
    expect(new Set(received)).toEqual(new Set(rows.map((r) => r.messageId)));
    expect(received.filter((id) => id === killed)).toHaveLength(2);
    expect(received).toHaveLength(5);
    const copies = smtp.mails.filter((m) => m.messageId === killed);
    expect(copies[0].subject).toBe(copies[1].subject);
  });

  it('two workers side by side handle each event, notice, time-based event and e-mail once', async () => {
    smtp.mails.length = 0;
    const suppliers = await verifiedSuppliers(12);
    // Deadlines within 48 hours, for the schedulers of both processes to find at the same time.
    const oem: MadeOrganization = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const site = await makeSite(t, oem.token, '330206');
    const requirements: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await makeRequirement(t, oem.token, site, { title: `并发截止 ${i}`, quoteDeadline: new Date(Date.now() + 20 * 3_600_000).toISOString() });
      requirements.push(id);
      await t.ok(`mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`, { input: { requirementId: id, supplierIds: [suppliers[i]] } }, oem.token);
    }

    const runs = [startWorker(), startWorker()];
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => r.code)).toEqual([0, 0]);

    const [events] = await t.dataSource.query(`SELECT count(*) FILTER (WHERE processed_at IS NULL)::int AS pending, count(*) FILTER (WHERE kind = 'QuoteDeadlineSoon')::int AS soon FROM domain_events`);
    expect(events).toEqual({ pending: 0, soon: 3 });
    const perSupplier: { n: number }[] = await t.dataSource.query(
      `SELECT count(n.id)::int AS n FROM users u LEFT JOIN notifications n ON n.user_id = u.id AND n.kind = 'ORGANIZATION_VERIFIED' WHERE u.organization_id = ANY($1::uuid[]) GROUP BY u.id`,
      [suppliers],
    );
    expect(perSupplier).toHaveLength(12);
    expect(perSupplier.every((r) => r.n === 1)).toBe(true);
    const soon: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'DEADLINE_SOON' GROUP BY subject_id`);
    expect(soon).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);

    const rows: { messageId: string }[] = await t.dataSource.query(`SELECT message_id AS "messageId" FROM notification_emails WHERE created_at > now() - interval '1 hour' AND sent_at IS NOT NULL`);
    const received = smtp.mails.map((m) => m.messageId);
    expect(new Set(received).size).toBe(received.length);
    expect(received.length).toBeGreaterThanOrEqual(12 + 3 + 3);
    for (const id of received) expect(rows.map((r) => r.messageId)).toContain(id);
    const [{ unsent }] = await t.dataSource.query(`SELECT count(*)::int AS unsent FROM notification_emails WHERE sent_at IS NULL`);
    expect(unsent).toBe(0);
  });
});
