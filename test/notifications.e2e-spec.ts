/**
 * Notifications end to end: market events → the worker → inbox (GraphQL), live subscription
 * (graphql-ws over a real WebSocket) and e-mail (a real SMTP server started here), with
 * preferences, the daily digest, languages, time-based events and exactly-once fan-out.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from './support/app.js';
import { addCertification, daysFromNow, login, makeOrganization, makePlatformAdmin, makeRequirement, makeSite, nextCreditCode, PASSWORD, qualifySupplier, uniqueEmail, type MadeOrganization } from './support/factories.js';
import { startSmtpServer, type TestSmtpServer } from './support/smtp.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { NotificationWorker } from '../src/notifications/notification-worker.js';
import { OutboxService } from '../src/outbox/outbox.service.js';

const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean) { notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind title body subjectType subjectId readAt createdAt } } } unreadNotificationCount }`;
const MARK = `mutation($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount } }`;
const MARK_ALL = `mutation { markAllNotificationsRead { marked unreadCount } }`;
const SETTINGS = `mutation($input: UpdateNotificationSettingsInput!) { updateNotificationSettings(input: $input) { language emailDigest preferences { kind inbox email } } }`;
const INVITE = `mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`;
const SUBMIT = `mutation($input: SubmitQuoteInput!) { submitQuote(input: $input) { id version } }`;
const REVISE = `mutation($input: ReviseQuoteInput!) { reviseQuote(input: $input) { id version } }`;
const WITHDRAW = `mutation($input: WithdrawQuoteInput!) { withdrawQuote(input: $input) { id version } }`;
const AWARD = `mutation($input: AwardRequirementInput!) { awardRequirement(input: $input) { contracts { id version supplierOrganizationId } } }`;
const AMEND = `mutation($input: AmendContractInput!) { amendContract(input: $input) { id version } }`;
const TERMINATE = `mutation($input: TerminateContractInput!) { terminateContract(input: $input) { id version } }`;
const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { id organizationId } } }`;

interface Node { id: string; kind: string; title: string; body: string; subjectType: string | null; subjectId: string | null; readAt: string | null }

describe('notifications', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let worker: NotificationWorker;
  let admin: { token: string };
  let oem: MadeOrganization;
  let supplierA: MadeOrganization;
  let supplierB: MadeOrganization;
  let delivery: string;
  let plantA: string;
  let plantB: string;

  const drain = () => worker.drain();
  const quoteInput = (requirementId: string, siteId: string, unitPrice = '1799.50') => ({ requirementId, siteId, unitPrice, volume: 120000, leadTimeDays: 45, validUntil: daysFromNow(90) });

  async function inbox(token: string, variables: Record<string, unknown> = {}): Promise<{ nodes: Node[]; unread: number; total: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } }> {
    const data = await t.ok<{ notifications: any; unreadNotificationCount: number }>(INBOX, { first: 100, ...variables }, token);
    return { nodes: data.notifications.edges.map((e: any) => e.node), unread: data.unreadNotificationCount, total: data.notifications.totalCount, pageInfo: data.notifications.pageInfo };
  }

  async function newest(token: string, kind: string): Promise<Node[]> {
    return (await inbox(token)).nodes.filter((n) => n.kind === kind);
  }

  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, NOTIFICATIONS_INTERVAL_MS: '0', NOTIFICATIONS_TOP_N: '1', MAIL_FROM: 'noreply@zlt.test' } });
    worker = t.app.get(NotificationWorker);
    admin = await makePlatformAdmin(t);
    oem = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '测试整车(通知)有限公司' });
    supplierA = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '宁波通知测试制动有限公司' });
    supplierB = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '苏州通知测试制动有限公司' });
    delivery = await makeSite(t, oem.token, '330206');
    plantA = await makeSite(t, supplierA.token, '330212');
    plantB = await makeSite(t, supplierB.token, '320505');
    await qualifySupplier(t, supplierA.token, plantA);
    await qualifySupplier(t, supplierB.token, plantB);
    // Supplier B reads English.
    await t.ok(SETTINGS, { input: { language: 'en' } }, supplierB.token);
    await drain();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('tells only the top-N eligible suppliers of a published requirement (N = 1 here: the local one), in the inbox and by e-mail', async () => {
    const mailsBefore = smtp.mails.length;
    const { id } = await makeRequirement(t, oem.token, delivery, { title: '线控制动 匹配通知' });
    const report = await drain();
    expect(report.failedEvents).toBe(0);
    const a = (await newest(supplierA.token, 'REQUIREMENT_MATCHED')).filter((n) => n.subjectId === id);
    const b = (await newest(supplierB.token, 'REQUIREMENT_MATCHED')).filter((n) => n.subjectId === id);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(0);
    expect(a[0]).toMatchObject({ subjectType: 'Requirement', readAt: null });
    expect(a[0].title).toContain('线控制动 匹配通知');
    expect(a[0].body).toContain('测试整车(通知)有限公司');
    await smtp.waitFor(mailsBefore + 1);
    const mail = mailsTo(supplierA.adminEmail).find((m) => m.subject.includes('线控制动 匹配通知'));
    expect(mail?.subject).toContain('新需求与您匹配');
    expect(mail?.messageId).toMatch(/^<notification-\d+@zlt\.test>$/);
    // The buyer who published is not told of its own action.
    expect((await newest(oem.token, 'REQUIREMENT_MATCHED')).length).toBe(0);
  });

  it('walks a requirement through invitation, quotes, award and contract changes, telling each party its part, in its language, never the price', async () => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery, { title: 'EHB 全流程' });
    await t.ok(INVITE, { input: { requirementId, supplierIds: [supplierB.id] } }, oem.token);
    const qa = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(requirementId, plantA, '1799.50') }, supplierA.token)).submitQuote;
    const qb = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(requirementId, plantB, '1688.88') }, supplierB.token)).submitQuote;
    const revised = (await t.ok<{ reviseQuote: any }>(REVISE, { input: { id: qb.id, version: qb.version, unitPrice: '1677.77' } }, supplierB.token)).reviseQuote;
    await drain();

    const invited = await newest(supplierB.token, 'INVITED');
    expect(invited.filter((n) => n.subjectId === requirementId)).toHaveLength(1);
    expect(invited[0].title).toBe('Invitation to quote: "EHB 全流程"');
    const buyer = (await inbox(oem.token)).nodes.filter((n) => n.title.includes('EHB 全流程'));
    expect(buyer.map((n) => n.kind).sort()).toEqual(['QUOTE_REVISED', 'QUOTE_SUBMITTED', 'QUOTE_SUBMITTED']);
    expect(buyer.find((n) => n.kind === 'QUOTE_REVISED')?.body).toContain('苏州通知测试制动有限公司');
    // Suppliers hear nothing of each other's quotes.
    expect((await inbox(supplierA.token)).nodes.some((n) => n.kind.startsWith('QUOTE_'))).toBe(false);

    const award = (await t.ok<{ awardRequirement: any }>(AWARD, { input: { requirementId, idempotencyKey: randomUUID(), lines: [{ quoteId: revised.id }] } }, oem.token)).awardRequirement;
    await drain();
    const won = (await newest(supplierB.token, 'AWARDED')).filter((n) => n.subjectId === requirementId);
    const lost = (await newest(supplierA.token, 'NOT_AWARDED')).filter((n) => n.subjectId === requirementId);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((await newest(supplierA.token, 'AWARDED')).filter((n) => n.subjectId === requirementId)).toHaveLength(0);
    const lostMail = mailsTo(supplierA.adminEmail).find((m) => m.subject.includes('未中标') && m.subject.includes('EHB 全流程'));
    expect(lostMail).toBeDefined();
    for (const text of [lost[0].title, lost[0].body, lostMail!.subject, lostMail!.text, won[0].body]) {
      expect(text).not.toMatch(/1677|1688|1799/);
    }

    const contract = award.contracts[0];
    const amended = (await t.ok<{ amendContract: any }>(AMEND, { input: { id: contract.id, version: contract.version, volume: 100000, reason: '年产量调整' } }, oem.token)).amendContract;
    await t.ok(TERMINATE, { input: { id: contract.id, version: amended.version, reason: '车型停产' } }, oem.token);
    await drain();
    expect((await newest(supplierB.token, 'CONTRACT_AMENDED')).filter((n) => n.subjectId === contract.id)).toHaveLength(1);
    const terminated = (await newest(supplierB.token, 'CONTRACT_TERMINATED')).filter((n) => n.subjectId === contract.id);
    expect(terminated).toHaveLength(1);
    expect(terminated[0].body).toContain('车型停产');
    // The buyer did both: it is not told.
    expect((await newest(oem.token, 'CONTRACT_TERMINATED')).length).toBe(0);

    // A withdrawn quote on another requirement reaches the buyer.
    const { id: other } = await makeRequirement(t, oem.token, delivery, { title: '撤回测试' });
    const q = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(other, plantA) }, supplierA.token)).submitQuote;
    await t.ok(WITHDRAW, { input: { id: q.id, version: q.version } }, supplierA.token);
    await drain();
    expect((await newest(oem.token, 'QUOTE_WITHDRAWN')).filter((n) => n.subjectId === q.id)).toHaveLength(1);
    expect(qa.id).toBeDefined();
  });

  it('tells an organisation of its verification or refusal, with the reason', async () => {
    const email = uniqueEmail('reg');
    const registered = (await t.ok<{ register: any }>(REGISTER, {
      input: { organizationKind: 'SUPPLIER', legalName: '待核验通知测试有限公司', creditCode: nextCreditCode(), email, password: PASSWORD, displayName: '李工' },
    })).register;
    await t.ok(`mutation($input: VerificationDecisionInput!) { refuseVerification(input: $input) { id } }`, { input: { id: registered.user.organizationId, reason: '营业执照模糊' } }, admin.token);
    await t.ok(`mutation($input: VerificationDecisionInput!) { verifyOrganization(input: $input) { id } }`, { input: { id: registered.user.organizationId, reason: '已核对执照' } }, admin.token);
    await drain();
    const token = await login(t, email);
    const kinds = (await inbox(token)).nodes.map((n) => n.kind);
    expect(kinds).toEqual(['ORGANIZATION_VERIFIED', 'ORGANIZATION_REFUSED']);
    expect((await newest(token, 'ORGANIZATION_REFUSED'))[0].body).toContain('营业执照模糊');
  });

  it('records deadlines and certificate expiries once, however often the scheduler runs', async () => {
    const { id: soon } = await makeRequirement(t, oem.token, delivery, { title: '明天截止', quoteDeadline: new Date(Date.now() + 24 * 3_600_000).toISOString() });
    await t.ok(INVITE, { input: { requirementId: soon, supplierIds: [supplierA.id] } }, oem.token);
    const certificate = await addCertification(t, supplierA.token, { typeCode: 'AEC_Q100', level: '1', validFrom: '2024-01-01', validUntil: daysFromNow(20) });
    expect(await worker.recordDueEvents(true)).toBeGreaterThanOrEqual(2);
    expect(await worker.recordDueEvents(true)).toBe(0);
    // A deadline that has passed (set in the database: the API refuses a past deadline).
    await t.dataSource.query(`UPDATE requirements SET quote_deadline = now() - interval '1 hour' WHERE id = $1`, [soon]);
    expect(await worker.recordDueEvents(true)).toBe(1);
    await drain();
    expect((await newest(supplierA.token, 'DEADLINE_SOON')).filter((n) => n.subjectId === soon)).toHaveLength(1);
    expect((await newest(oem.token, 'DEADLINE_PASSED')).filter((n) => n.subjectId === soon)).toHaveLength(1);
    const expiring = (await newest(supplierA.token, 'CERTIFICATE_EXPIRING')).filter((n) => n.subjectId === certificate);
    expect(expiring).toHaveLength(1);
    expect(expiring[0].title).toContain('30');
    await t.dataSource.query(`UPDATE supplier_certifications SET valid_from = current_date - 400, valid_until = current_date - 2 WHERE id = $1`, [certificate]);
    expect(await worker.recordDueEvents(true)).toBe(1);
    await drain();
    expect((await newest(supplierA.token, 'CERTIFICATE_EXPIRED')).filter((n) => n.subjectId === certificate)).toHaveLength(1);
  });

  it('makes each notice once per user and event, even when an event is handled again', async () => {
    await makeRequirement(t, oem.token, delivery, { title: '重复处理' });
    await drain();
    const [before] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications`);
    const [mailsBefore] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_emails`);
    await t.dataSource.query(`UPDATE domain_events SET processed_at = NULL`);
    const report = await drain();
    expect(report.events).toBeGreaterThan(0);
    expect(report.notifications).toBe(0);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications`))[0]).toEqual(before);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_emails`))[0]).toEqual(mailsBefore);
    const [dupes] = await t.dataSource.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM notifications GROUP BY event_id, user_id, kind HAVING count(*) > 1) d`);
    expect(dupes.n).toBe(0);
  });

  it('pages the inbox newest first, counts and marks only the caller\'s own unread notices', async () => {
    // Its own notices: three quotes for the buyer, one invitation for supplier A.
    const { id } = await makeRequirement(t, oem.token, delivery, { title: '分页' });
    await t.ok(INVITE, { input: { requirementId: id, supplierIds: [supplierA.id] } }, oem.token);
    const q = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(id, plantA) }, supplierA.token)).submitQuote;
    const r = (await t.ok<{ reviseQuote: any }>(REVISE, { input: { id: q.id, version: q.version, unitPrice: '1700.00' } }, supplierA.token)).reviseQuote;
    await t.ok(WITHDRAW, { input: { id: r.id, version: r.version } }, supplierA.token);
    await drain();
    const all = await inbox(oem.token);
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.unread).toBe(all.nodes.filter((n) => n.readAt === null).length);
    const ids = all.nodes.map((n) => Number(n.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    const first = await inbox(oem.token, { first: 2 });
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await inbox(oem.token, { first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((n) => n.id)).toEqual(all.nodes.slice(2, 4).map((n) => n.id));

    // Someone else's id is ignored, not marked.
    const theirs = (await inbox(supplierA.token)).nodes[0];
    const marked = (await t.ok<{ markNotificationsRead: any }>(MARK, { input: { ids: [all.nodes[0].id, theirs.id] } }, oem.token)).markNotificationsRead;
    expect(marked).toEqual({ marked: 1, unreadCount: all.unread - 1 });
    expect((await inbox(supplierA.token)).nodes[0].readAt).toBeNull();
    expect((await inbox(oem.token, { unreadOnly: true })).nodes.map((n) => n.id)).not.toContain(all.nodes[0].id);
    const everything = (await t.ok<{ markAllNotificationsRead: any }>(MARK_ALL, {}, oem.token)).markAllNotificationsRead;
    expect(everything).toEqual({ marked: all.unread - 1, unreadCount: 0 });

    const bad = await t.gql(MARK, { input: { ids: ['not-an-id'] } }, oem.token);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.ids' }] });
    const badCursor = await t.gql(INBOX, { first: 2, after: 'bm9wZQ' }, oem.token);
    expect(badCursor.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    expect((await t.gql(INBOX, {})).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('follows preferences per kind and channel, and gathers e-mail into a daily digest when asked', async () => {
    const settings = (await t.ok<{ updateNotificationSettings: any }>(SETTINGS, {
      input: { preferences: [{ kind: 'QUOTE_SUBMITTED', inbox: true, email: false }, { kind: 'QUOTE_WITHDRAWN', inbox: false, email: true }] },
    }, oem.token)).updateNotificationSettings;
    expect(settings.preferences).toContainEqual({ kind: 'QUOTE_SUBMITTED', inbox: true, email: false });
    expect(settings.preferences).toContainEqual({ kind: 'INVITED', inbox: true, email: true });
    const twice = await t.gql(SETTINGS, { input: { preferences: [{ kind: 'INVITED', inbox: true, email: true }, { kind: 'INVITED', inbox: false, email: true }] } }, oem.token);
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.preferences.1.kind' }] });

    const { id } = await makeRequirement(t, oem.token, delivery, { title: '偏好测试' });
    const q = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(id, plantA) }, supplierA.token)).submitQuote;
    await t.ok(WITHDRAW, { input: { id: q.id, version: q.version } }, supplierA.token);
    await drain();
    const nodes = (await inbox(oem.token)).nodes.filter((n) => n.title.includes('偏好测试'));
    expect(nodes.map((n) => n.kind)).toEqual(['QUOTE_SUBMITTED']);
    const mails = mailsTo(oem.adminEmail).filter((m) => m.subject.includes('偏好测试'));
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('报价已撤回')]);

    // Daily digest: no e-mail per notice, one e-mail with both when the digest goes out.
    await t.ok(SETTINGS, { input: { emailDigest: true, preferences: [{ kind: 'QUOTE_SUBMITTED', inbox: true, email: true }] } }, oem.token);
    const { id: d1 } = await makeRequirement(t, oem.token, delivery, { title: '摘要一' });
    const { id: d2 } = await makeRequirement(t, oem.token, delivery, { title: '摘要二' });
    await t.ok(SUBMIT, { input: quoteInput(d1, plantA) }, supplierA.token);
    await t.ok(SUBMIT, { input: quoteInput(d2, plantA) }, supplierA.token);
    await drain();
    expect(mailsTo(oem.adminEmail).filter((m) => m.subject.includes('摘要'))).toHaveLength(0);
    const count = smtp.mails.length;
    expect(await worker.queueDigests(true)).toBe(1);
    await drain();
    await smtp.waitFor(count + 1);
    const digest = mailsTo(oem.adminEmail).filter((m) => m.subject.includes('每日通知摘要'));
    expect(digest).toHaveLength(1);
    expect(digest[0].text).toContain('摘要一');
    expect(digest[0].text).toContain('摘要二');
    // The same day's digest is not sent twice.
    expect(await worker.queueDigests(true)).toBe(0);
    await t.ok(SETTINGS, { input: { emailDigest: false } }, oem.token);
  });

  describe('live delivery over graphql-ws', () => {
    const wsUrl = () => t.url.replace(/^http/, 'ws');
    const clients: Client[] = [];
    const client = (authorization: string | null) => {
      const c = createClient({ url: wsUrl(), webSocketImpl: WebSocket, lazy: true, retryAttempts: 0, connectionParams: authorization ? { authorization } : {} });
      clients.push(c);
      return c;
    };
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.dispose()));
    });

    function firstEvent(c: Client): Promise<{ data?: any; errors?: any[] } | { closed: number }> {
      return new Promise((resolve) => {
        const dispose = c.subscribe({ query: 'subscription { notificationAdded { id kind title subjectId } }' }, {
          next: (value) => {
            resolve(value as any);
            dispose();
          },
          error: (error: unknown) => resolve({ closed: (error as { code?: number }).code ?? -1 }),
          complete: () => undefined,
        });
      });
    }

    it('refuses a connection without a valid token (4403)', async () => {
      expect(await firstEvent(client(null))).toEqual({ closed: 4403 });
      expect(await firstEvent(client('Bearer not-a-token'))).toEqual({ closed: 4403 });
    });

    it('pushes the subscriber\'s own new notices, and nobody else\'s', async () => {
      const buyerClient = client(`Bearer ${oem.token}`);
      const supplierClient = client(`Bearer ${supplierB.token}`);
      const received: string[] = [];
      const supplierSeen: string[] = [];
      const connected = new Promise<void>((resolve) => buyerClient.on('connected', () => resolve()));
      const got = new Promise<any>((resolve) => {
        buyerClient.subscribe({ query: 'subscription { notificationAdded { id kind title subjectId } }' }, {
          next: (value) => {
            received.push((value.data as any).notificationAdded.kind);
            resolve(value.data);
          },
          error: () => undefined,
          complete: () => undefined,
        });
      });
      supplierClient.subscribe({ query: 'subscription { notificationAdded { id kind } }' }, { next: (v) => supplierSeen.push((v.data as any).notificationAdded.kind), error: () => undefined, complete: () => undefined });
      await connected;
      // The subscription is registered once the server has answered an operation on the socket: wait until the feed listens.
      await waitUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`))[0].n > 0);
      await new Promise((r) => setTimeout(r, 200));
      const { id } = await makeRequirement(t, oem.token, delivery, { title: '实时推送' });
      const q = (await t.ok<{ submitQuote: any }>(SUBMIT, { input: quoteInput(id, plantA) }, supplierA.token)).submitQuote;
      await drain();
      const data = await got;
      expect(data.notificationAdded).toMatchObject({ kind: 'QUOTE_SUBMITTED', subjectId: q.id });
      expect(data.notificationAdded.title).toContain('实时推送');
      expect(supplierSeen).not.toContain('QUOTE_SUBMITTED');
      expect(received).toEqual(['QUOTE_SUBMITTED']);
    });

    it('ends the stream of a token revoked after subscribing (a password change), sending nothing more', async () => {
      const email = uniqueEmail('member');
      const member = (await t.ok<{ createUser: { id: string } }>(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, password: PASSWORD, displayName: '采购成员', orgAdmin: false } }, oem.token)).createUser;
      const memberToken = await login(t, email);
      const memberClient = client(`Bearer ${memberToken}`);
      const seen: string[] = [];
      const ended = new Promise<string>((resolve) => {
        memberClient.subscribe({ query: 'subscription { notificationAdded { id kind } }' }, {
          next: (v) => seen.push((v.data as any).notificationAdded.kind),
          error: () => resolve('error'),
          complete: () => resolve('complete'),
        });
      });
      await waitUntil(async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`))[0].n > 0);
      await new Promise((r) => setTimeout(r, 200));
      await t.ok(`mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token } }`, { input: { currentPassword: PASSWORD, newPassword: 'a-new-password-for-2027' } }, memberToken);
      const { id } = await makeRequirement(t, oem.token, delivery, { title: '停用后' });
      await t.ok(SUBMIT, { input: quoteInput(id, plantA) }, supplierA.token);
      await drain();
      // The notice was made for the member, but not sent over the connection of its revoked token.
      expect(await ended).toBe('complete');
      expect(seen).toEqual([]);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND kind = 'QUOTE_SUBMITTED'`, [member.id]);
      expect(n).toBe(1);
    });
  });

  it('tells the buyer of a question and the right suppliers of an answer, never naming the asker to others (events as the Q&A feature publishes them)', async () => {
    const { id: requirementId } = await makeRequirement(t, oem.token, delivery, { title: '澄清问题' });
    await t.ok(INVITE, { input: { requirementId, supplierIds: [supplierA.id, supplierB.id] } }, oem.token);
    const outbox = t.app.get(OutboxService);
    const questionId = randomUUID();
    const askerUser = (await t.dataSource.query(`SELECT id FROM users WHERE organization_id = $1 LIMIT 1`, [supplierA.id]))[0].id;
    await t.dataSource.transaction((manager) => outbox.publish(manager, { kind: 'QuestionAsked', payload: { questionId, requirementId, askerOrganizationId: supplierA.id } }, { actorUserId: askerUser }));
    await drain();
    const asked = (await newest(oem.token, 'QUESTION_ASKED')).filter((n) => n.subjectId === requirementId);
    expect(asked).toHaveLength(1);
    expect(asked[0].body).not.toContain('宁波通知测试制动有限公司');

    const buyerUser = (await t.dataSource.query(`SELECT id FROM users WHERE organization_id = $1 LIMIT 1`, [oem.id]))[0].id;
    await t.dataSource.transaction((manager) => outbox.publish(manager, { kind: 'AnswerGiven', payload: { questionId, requirementId, askerOrganizationId: supplierA.id, published: false } }, { actorUserId: buyerUser }));
    await drain();
    expect((await newest(supplierA.token, 'ANSWER_GIVEN')).filter((n) => n.subjectId === requirementId)).toHaveLength(1);
    expect((await newest(supplierB.token, 'ANSWER_GIVEN')).filter((n) => n.subjectId === requirementId)).toHaveLength(0);

    // A supplier that was not invited but asked a question of its own takes part too: it reads a
    // published answer (questions/question-rules.ts), so it is told of one; a bystander is not.
    const supplierC = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '温州通知测试制动有限公司' });
    const bystander = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '台州通知测试制动有限公司' });
    const askerC = (await t.dataSource.query(`SELECT id FROM users WHERE organization_id = $1 LIMIT 1`, [supplierC.id]))[0].id;
    await t.dataSource.query(`INSERT INTO clarification_questions (requirement_id, supplier_id, asked_by, question) VALUES ($1, $2, $3, '交付周期？')`, [requirementId, supplierC.id, askerC]);

    await t.dataSource.transaction((manager) => outbox.publish(manager, { kind: 'AnswerGiven', payload: { questionId, requirementId, askerOrganizationId: supplierA.id, published: true } }, { actorUserId: buyerUser }));
    await drain();
    expect((await newest(supplierC.token, 'ANSWER_GIVEN')).filter((n) => n.subjectId === requirementId)).toHaveLength(1);
    expect((await newest(bystander.token, 'ANSWER_GIVEN')).filter((n) => n.subjectId === requirementId)).toHaveLength(0);
    const toB = (await newest(supplierB.token, 'ANSWER_GIVEN')).filter((n) => n.subjectId === requirementId);
    expect(toB).toHaveLength(1);
    expect(toB[0].title).toBe('Clarification published: "澄清问题"');
    expect(toB[0].body).not.toContain('宁波通知测试制动有限公司');
    expect((await newest(supplierA.token, 'ANSWER_GIVEN')).filter((n) => n.subjectId === requirementId)).toHaveLength(2);

    // A rolled-back transaction publishes nothing; a key publishes once.
    const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM domain_events`);
    await expect(t.dataSource.transaction(async (manager) => {
      await outbox.publish(manager, { kind: 'OrganizationVerified', payload: { organizationId: supplierA.id } });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await t.dataSource.transaction((manager) => outbox.publish(manager, { kind: 'OrganizationVerified', payload: { organizationId: supplierA.id } }, { key: 'once' }))).toBe(true);
    expect(await t.dataSource.transaction((manager) => outbox.publish(manager, { kind: 'OrganizationVerified', payload: { organizationId: supplierA.id } }, { key: 'once' }))).toBe(false);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM domain_events`))[0].n).toBe(before + 1);
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition not reached');
}

describe('the development mailbox (no SMTP_URL)', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('keeps the mails and shows them at /dev/mailbox, escaped (the worker\'s own loop delivering)', async () => {
    t = await startTestApp({ env: { NOTIFICATIONS_INTERVAL_MS: '50' } });
    const admin = await makePlatformAdmin(t);
    const email = uniqueEmail('box');
    const registered = (await t.ok<{ register: any }>(REGISTER, {
      input: { organizationKind: 'OEM', legalName: '邮箱测试整车有限公司', creditCode: nextCreditCode(), email, password: PASSWORD, displayName: '赵工' },
    })).register;
    await t.ok(`mutation($input: VerificationDecisionInput!) { refuseVerification(input: $input) { id } }`, { input: { id: registered.user.organizationId, reason: '<b>执照</b> 不清晰' } }, admin.token);
    await waitUntil(async () => (await t.dataSource.query(`SELECT 1 FROM notification_emails WHERE to_address = $1 AND sent_at IS NOT NULL`, [email])).length > 0);
    const [row] = await t.dataSource.query(`SELECT transport, sent_at IS NOT NULL AS sent FROM notification_emails WHERE to_address = $1`, [email]);
    expect(row).toEqual({ transport: 'mailbox', sent: true });
    const page = await fetch(t.url.replace('/graphql', '/dev/mailbox'));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('贵单位未通过平台核验');
    expect(html).toContain(email);
    expect(html).toContain('&lt;b&gt;执照&lt;/b&gt;');
    expect(html).not.toContain('<b>执照</b>');
  });

  it('is not served in production', async () => {
    const production = await startTestApp({ env: { NODE_ENV: 'production', NOTIFICATIONS_INTERVAL_MS: '0' } });
    try {
      expect((await fetch(production.url.replace('/graphql', '/dev/mailbox'))).status).toBe(404);
    } finally {
      await production.close();
    }
  });
});
