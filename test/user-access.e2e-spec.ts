import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';
import { PASSWORD, login, makeOrganization, makePlatformAdmin, uniqueEmail } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

const ME = `{ me { id email active } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const DISABLE = `mutation($input: UserStatusInput!) { disableUser(input: $input) { id active } }`;
const ENABLE = `mutation($input: UserStatusInput!) { enableUser(input: $input) { id active } }`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { token expiresAt user { id } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

interface Member { id: string; email: string; token: string }

describe('user access: token claims, disabled users, password changes', () => {
  let t: TestApp;
  let admin: { token: string; organizationId: string; email: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makePlatformAdmin(t);
  });
  afterAll(() => t.close());

  async function addMember(orgAdminToken: string, orgAdmin = false): Promise<Member> {
    const email = uniqueEmail('member');
    const created = await t.ok<{ createUser: { id: string } }>(CREATE_USER, { input: { email, password: PASSWORD, displayName: '成员', orgAdmin } }, orgAdminToken);
    return { id: created.createUser.id, email, token: await login(t, email) };
  }

  async function userRow(id: string): Promise<{ active: boolean; token_version: number } | undefined> {
    const rows = await t.dataSource.query('SELECT active, token_version FROM users WHERE id = $1', [id]);
    return rows[0];
  }

  const code = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

  describe('token claims', () => {
    it('refuses a correctly signed token without exp, without iat, or without a token version', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const member = await addMember(oem.token);
      const claims = { sub: member.id, role: 'OEM_BUYER', org: oem.id, adm: false, jur: null, ver: 0 };
      const now = Math.floor(Date.now() / 1000);
      const noExp = jwt.sign({ ...claims, iat: now }, TEST_JWT_SECRET, { algorithm: 'HS256' });
      const noIat = jwt.sign({ ...claims, exp: now + 600 }, TEST_JWT_SECRET, { algorithm: 'HS256', noTimestamp: true });
      const noVersion = jwt.sign({ ...claims, ver: undefined }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
      const complete = jwt.sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
      const open = `{ openRequirements(first: 1) { totalCount } }`;
      const results = await Promise.all([noExp, noIat, noVersion].flatMap((token) => [t.gql(ME, {}, token), t.gql(open, {}, token)]));
      expect(results.map(code)).toEqual(Array(6).fill('UNAUTHENTICATED'));
      expect(results.map((r) => r.data ?? null)).toEqual(Array(6).fill(null));
      // The same claims with exp and iat pass: what was refused is the missing claim.
      expect((await t.ok<{ me: { id: string } }>(ME, {}, complete)).me.id).toBe(member.id);
    });

    it('refuses a token whose user does not exist, or no longer exists', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const ghost = jwt.sign({ sub: randomUUID(), role: 'PLATFORM_ADMIN', org: admin.organizationId, adm: true, jur: null, ver: 0 }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
      const member = await addMember(oem.token);
      expect((await t.ok<{ me: { id: string } }>(ME, {}, member.token)).me.id).toBe(member.id);
      await t.dataSource.query('DELETE FROM users WHERE id = $1', [member.id]);
      // Operations that never read the caller's user row themselves: the token check must.
      const OPEN = `{ openRequirements(first: 1) { totalCount } }`;
      const STATUS = `{ searchIndexStatus { backend } }`;
      const results = await Promise.all([t.gql(STATUS, {}, ghost), t.gql(OPEN, {}, ghost), t.gql(OPEN, {}, member.token), t.gql(ME, {}, member.token)]);
      expect(results.map(code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
      expect(results.map((r) => r.data ?? null)).toEqual([null, null, null, null]);
    });
  });

  describe('disabling a user', () => {
    it('refuses its sign-in and every token of it on the next request; re-enabling lets it sign in again, old tokens stay dead', async () => {
      const supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      const member = await addMember(supplier.token);
      const secondToken = await login(t, member.email);
      expect((await t.ok<{ me: { active: boolean } }>(ME, {}, member.token)).me.active).toBe(true);

      const disabled = await t.ok<{ disableUser: { id: string; active: boolean } }>(DISABLE, { input: { userId: member.id } }, supplier.token);
      expect(disabled.disableUser).toEqual({ id: member.id, active: false });
      for (const token of [member.token, secondToken]) {
        expect(code(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
        expect(code(await t.gql(`{ openRequirements(first: 1) { totalCount } }`, {}, token))).toBe('UNAUTHENTICATED');
      }
      const refused = await t.gql(LOGIN, { input: { email: member.email, password: PASSWORD } });
      expect(code(refused)).toBe('UNAUTHENTICATED');
      expect(refused.errors?.[0].message).toMatch(/disabled/);
      // A wrong password on a disabled account says only "wrong": being disabled is told to whom knows the password.
      const wrong = await t.gql(LOGIN, { input: { email: member.email, password: 'not the password at all' } });
      expect(wrong.errors?.[0].message).not.toMatch(/disabled/);

      const enabled = await t.ok<{ enableUser: { active: boolean } }>(ENABLE, { input: { userId: member.id } }, supplier.token);
      expect(enabled.enableUser.active).toBe(true);
      for (const token of [member.token, secondToken]) expect(code(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
      const fresh = await login(t, member.email);
      expect((await t.ok<{ me: { id: string } }>(ME, {}, fresh)).me.id).toBe(member.id);

      const audit = await t.dataSource.query<{ action: string; actor_user_id: string }[]>(
        `SELECT action FROM audit_events WHERE entity_id = $1 AND action IN ('user.disable', 'user.enable') ORDER BY id`, [member.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
    });

    it('refuses a disabled user\'s token on the CSV exports too', async () => {
      const bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
      const analyst = await addMember(bureau.token);
      const exportUrl = t.url.replace('/graphql', '/exports/sourcing/summary.csv?region=330200&startYear=2025');
      const get = (token: string) => fetch(exportUrl, { headers: { authorization: `Bearer ${token}` } });
      expect((await get(analyst.token)).status).toBe(200);
      await t.ok(DISABLE, { input: { userId: analyst.id } }, admin.token);
      expect((await get(analyst.token)).status).toBe(401);
    });

    it('refuses disabling yourself and a non-admin disabling a colleague', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const adminUser = await t.ok<{ me: { id: string } }>(ME, {}, oem.token);
      expect(code(await t.gql(DISABLE, { input: { userId: adminUser.me.id } }, oem.token))).toBe('BAD_USER_INPUT');
      const a = await addMember(oem.token);
      const b = await addMember(oem.token);
      expect(code(await t.gql(DISABLE, { input: { userId: b.id } }, a.token))).toBe('FORBIDDEN');
      expect(code(await t.gql(DISABLE, { input: { userId: randomUUID() } }, oem.token))).toBe('NOT_FOUND');
      expect((await userRow(b.id))?.active).toBe(true);
      expect((await userRow(adminUser.me.id))?.active).toBe(true);
    });

    it('lets no organisation admin of any kind disable or enable a user of another organisation, of any kind; a platform admin may', async () => {
      const kinds: [OrganizationKind, Record<string, string>][] = [
        [OrganizationKind.OEM, {}], [OrganizationKind.SUPPLIER, {}], [OrganizationKind.BUREAU, { jurisdictionCode: '330200' }],
      ];
      // Two organisations of each kind, each with its admin and a plain member; plus the platform's own admin as a target.
      const orgs = [];
      for (const [kind, extra] of kinds) {
        for (let i = 0; i < 2; i += 1) {
          const org = await makeOrganization(t, admin.token, kind, extra);
          const me = await t.ok<{ me: { id: string } }>(ME, {}, org.token);
          orgs.push({ kind, org, adminId: me.me.id, member: await addMember(org.token), secondAdmin: await addMember(org.token, true) });
        }
      }
      const platformAdminId = (await t.ok<{ me: { id: string } }>(ME, {}, admin.token)).me.id;
      let tried = 0;
      for (const actor of orgs) {
        const actorTokens = [actor.org.token, actor.secondAdmin.token, actor.member.token];
        for (const target of orgs) {
          if (target === actor) continue;
          for (const targetId of [target.adminId, target.member.id, target.secondAdmin.id]) {
            for (const token of actorTokens) {
              const [disable, enable] = await Promise.all([t.gql(DISABLE, { input: { userId: targetId } }, token), t.gql(ENABLE, { input: { userId: targetId } }, token)]);
              expect([code(disable), code(enable), `${actor.kind}->${target.kind}`]).toEqual(['FORBIDDEN', 'FORBIDDEN', `${actor.kind}->${target.kind}`]);
              tried += 1;
            }
          }
        }
        for (const token of actorTokens) expect(code(await t.gql(DISABLE, { input: { userId: platformAdminId } }, token))).toBe('FORBIDDEN');
      }
      expect(tried).toBe(6 * 5 * 3 * 3);
      const users = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM users WHERE NOT active`);
      const before = users[0].n;
      // Every target is still active and can still use its token.
      for (const o of orgs) {
        for (const id of [o.adminId, o.member.id, o.secondAdmin.id]) expect((await userRow(id))?.active).toBe(true);
        expect((await t.ok<{ me: { id: string } }>(ME, {}, o.member.token)).me.id).toBe(o.member.id);
      }
      // The platform admin may, in every organisation.
      for (const o of orgs) {
        expect((await t.ok<{ disableUser: { active: boolean } }>(DISABLE, { input: { userId: o.member.id } }, admin.token)).disableUser.active).toBe(false);
        expect(code(await t.gql(ME, {}, o.member.token))).toBe('UNAUTHENTICATED');
      }
      expect((await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM users WHERE NOT active`))[0].n).toBe(before + orgs.length);
    });
  });

  describe('changing a password', () => {
    it('needs the current password, kills every old token and answers with a working new one', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const member = await addMember(oem.token);
      const other = await login(t, member.email);
      const newPassword = 'a brand new passphrase 2026';

      const wrong = await t.gql(CHANGE_PASSWORD, { input: { currentPassword: 'not my password', newPassword } }, member.token);
      expect(code(wrong)).toBe('BAD_USER_INPUT');
      expect(wrong.errors?.[0].extensions.fields?.[0].field).toBe('input.currentPassword');
      expect((await t.ok<{ me: { id: string } }>(ME, {}, member.token)).me.id).toBe(member.id);

      const changed = await t.ok<{ changePassword: { token: string; expiresAt: string; user: { id: string } } }>(
        CHANGE_PASSWORD, { input: { currentPassword: PASSWORD, newPassword } }, member.token,
      );
      expect(changed.changePassword.user.id).toBe(member.id);
      for (const token of [member.token, other]) {
        expect(code(await t.gql(ME, {}, token))).toBe('UNAUTHENTICATED');
        expect(code(await t.gql(`{ openRequirements(first: 1) { totalCount } }`, {}, token))).toBe('UNAUTHENTICATED');
      }
      expect((await t.ok<{ me: { id: string } }>(ME, {}, changed.changePassword.token)).me.id).toBe(member.id);
      expect(code(await t.gql(LOGIN, { input: { email: member.email, password: PASSWORD } }))).toBe('UNAUTHENTICATED');
      expect(await login(t, member.email, newPassword)).toEqual(expect.any(String));

      const audit = await t.dataSource.query<{ after: Record<string, unknown> }[]>(`SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'user.password_change'`, [member.id]);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0].after)).not.toMatch(/argon|hash/i);
    });
  });
});
