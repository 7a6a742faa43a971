import jwt from 'jsonwebtoken';
import { Module } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';
import { PASSWORD, login, makeOrganization, makePlatformAdmin, makeSite, nextCreditCode, uniqueEmail } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';

/** A resolver that forgot its access rule: the guard must refuse it to everyone. */
@Resolver()
class ForgottenRuleResolver {
  @Query(() => String)
  forgottenRule(): string {
    return 'secret';
  }
}

@Module({ providers: [ForgottenRuleResolver] })
class ForgottenRuleModule {}

const ME = `{ me { id email role orgAdmin organizationId } }`;

describe('authentication and authorisation', () => {
  let t: TestApp;
  let admin: { token: string; organizationId: string; email: string };

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [ForgottenRuleModule] });
    admin = await makePlatformAdmin(t);
  });
  afterAll(() => t.close());

  describe('login', () => {
    it('signs in and answers me', async () => {
      const data = await t.ok<{ login: { token: string; expiresAt: string; user: { email: string; role: string } } }>(
        `mutation($input: LoginInput!) { login(input: $input) { token expiresAt user { email role } } }`,
        { input: { email: admin.email.toUpperCase(), password: PASSWORD } },
      );
      expect(data.login.user).toEqual({ email: admin.email, role: 'PLATFORM_ADMIN' });
      const expiresIn = new Date(data.login.expiresAt).getTime() - Date.now();
      expect(expiresIn).toBeGreaterThan(0);
      expect(expiresIn).toBeLessThanOrEqual(t.config.jwtTtlSeconds * 1000);
      const me = await t.ok<{ me: { email: string; role: string } }>(ME, {}, data.login.token);
      expect(me.me).toMatchObject({ email: admin.email, role: 'PLATFORM_ADMIN' });
    });

    it('refuses a wrong password and an unknown e-mail alike', async () => {
      const wrong = await t.gql(`mutation { login(input: { email: "${admin.email}", password: "not the password" }) { token } }`);
      const unknown = await t.gql(`mutation { login(input: { email: "nobody@example.test", password: "not the password" }) { token } }`);
      expect(wrong.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(unknown.errors?.[0]).toEqual({ ...wrong.errors?.[0], locations: unknown.errors?.[0].locations });
      expect(wrong.data).toBeNull();
    });

    it('refuses an expired token, a forged one and none at all', async () => {
      const expired = jwt.sign({ sub: 'u', role: 'PLATFORM_ADMIN', org: admin.organizationId, adm: true, jur: null, exp: Math.floor(Date.now() / 1000) - 60 }, TEST_JWT_SECRET);
      const forged = jwt.sign({ sub: 'u', role: 'PLATFORM_ADMIN', org: admin.organizationId, adm: true, jur: null }, 'another-secret-of-sufficient-length-0123456789');
      const none = jwt.sign({ sub: 'u', role: 'PLATFORM_ADMIN', org: admin.organizationId }, '', { algorithm: 'none' });
      const results = await Promise.all([t.gql(ME, {}, expired), t.gql(ME, {}, forged), t.gql(ME, {}, none), t.gql(ME)]);
      expect(results.map((r) => r.errors?.[0].extensions.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED']);
      expect(results[0].errors?.[0].message).toMatch(/expired/);
    });
  });

  describe('default deny', () => {
    it('refuses a resolver without an access rule, even to a platform admin', async () => {
      const anonymous = await t.gql(`{ forgottenRule }`);
      const asAdmin = await t.gql(`{ forgottenRule }`, {}, admin.token);
      for (const result of [anonymous, asAdmin]) {
        expect(result.data).toBeNull();
        expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
      }
    });

    it('refuses a role that the rule does not name', async () => {
      const supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      const result = await t.gql(
        `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
        { input: { kind: 'SUPPLIER', legalName: '越权公司', creditCode: nextCreditCode(), admin: { email: uniqueEmail('x'), password: PASSWORD, displayName: 'x' } } },
        supplier.token,
      );
      expect(result.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  describe('registration and onboarding', () => {
    const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { token user { role orgAdmin organizationId } } }`;
    const countOrganizations = async () => Number((await t.dataSource.query('SELECT count(*) AS n FROM organizations'))[0].n);

    it('registers a supplier with its administrator, unverified', async () => {
      const data = await t.ok<{ register: { token: string; user: { role: string; orgAdmin: boolean; organizationId: string } } }>(REGISTER, {
        input: { organizationKind: 'SUPPLIER', legalName: '宁波测试电子有限公司', creditCode: nextCreditCode(), email: uniqueEmail('sup'), password: PASSWORD, displayName: '王工' },
      });
      expect(data.register.user).toMatchObject({ role: 'SUPPLIER_ADMIN', orgAdmin: true });
      const org = await t.ok<{ organization: { verified: boolean; kind: string } }>(
        `query($id: ID!) { organization(id: $id) { verified kind } }`, { id: data.register.user.organizationId }, data.register.token,
      );
      expect(org.organization).toEqual({ verified: false, kind: 'SUPPLIER' });
    });

    it('rejects a credit code with a wrong check character and writes nothing', async () => {
      const good = nextCreditCode();
      const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
      const before = await countOrganizations();
      const result = await t.gql(REGISTER, {
        input: { organizationKind: 'SUPPLIER', legalName: '校验失败有限公司', creditCode: bad, email: uniqueEmail('bad'), password: PASSWORD, displayName: 'x' },
      });
      expect(result.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.creditCode', message: 'the check character (18th) does not match GB 32100-2015' }],
      });
      expect(await countOrganizations()).toBe(before);
    });

    it('names every invalid field, with no stack trace', async () => {
      const result = await t.gql(REGISTER, {
        input: { organizationKind: 'BUREAU', legalName: 'x', creditCode: 'short', email: 'not-an-email', password: 'short', displayName: 'x' },
      });
      const error = result.errors?.[0];
      expect(error?.extensions.code).toBe('BAD_USER_INPUT');
      expect(error?.extensions.fields?.map((f) => f.field).sort()).toEqual(
        ['input.creditCode', 'input.email', 'input.legalName', 'input.organizationKind', 'input.password'],
      );
      expect(JSON.stringify(result)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
    });

    it('refuses a second organisation with the same credit code', async () => {
      const existing = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      const result = await t.gql(REGISTER, {
        input: { organizationKind: 'SUPPLIER', legalName: '重复公司', creditCode: existing.creditCode, email: uniqueEmail('dup'), password: PASSWORD, displayName: 'x' },
      });
      expect(result.errors?.[0].extensions.code).toBe('CONFLICT');
    });

    it('onboards a bureau only with a jurisdiction', async () => {
      const result = await t.gql(
        `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
        { input: { kind: 'BUREAU', legalName: '某经信局', creditCode: nextCreditCode(), admin: { email: uniqueEmail('b'), password: PASSWORD, displayName: 'b' } } },
        admin.token,
      );
      expect(result.errors?.[0].extensions.fields).toEqual([{ field: 'input.jurisdictionCode', message: 'a bureau needs a jurisdiction' }]);
      const bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
      const me = await t.ok<{ me: { role: string } }>(`{ me { role jurisdictionCode } }`, {}, bureau.token);
      expect(me.me).toEqual({ role: 'BUREAU_ANALYST', jurisdictionCode: '330200' });
    });
  });

  describe('organisation administrators', () => {
    const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id role organizationId orgAdmin } }`;

    it('adds users to their own organisation only', async () => {
      const a = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const b = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const email = uniqueEmail('buyer');
      const own = await t.ok<{ createUser: { role: string; organizationId: string; orgAdmin: boolean } }>(
        CREATE_USER, { input: { email, password: PASSWORD, displayName: '采购 李' } }, a.token,
      );
      expect(own.createUser).toMatchObject({ role: 'OEM_BUYER', organizationId: a.id, orgAdmin: false });

      const foreign = await t.gql(CREATE_USER, { input: { organizationId: b.id, email: uniqueEmail('intruder'), password: PASSWORD, displayName: 'x' } }, a.token);
      expect(foreign.errors?.[0].extensions.code).toBe('FORBIDDEN');

      const plainUser = await login(t, email);
      const notAdmin = await t.gql(CREATE_USER, { input: { email: uniqueEmail('y'), password: PASSWORD, displayName: 'y' } }, plainUser);
      expect(notAdmin.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const users = await t.dataSource.query('SELECT count(*)::int AS n FROM users WHERE organization_id = $1', [b.id]);
      expect(users[0].n).toBe(1);
    });

    it('refuses a second plant of the same name in one organisation, on create and on rename (CONFLICT), changing nothing', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const first = await makeSite(t, oem.token, '330282', '一号工厂');
      const second = await makeSite(t, oem.token, '330206', '二号工厂');
      const created = await t.gql(`mutation($input: CreateSiteInput!) { createSite(input: $input) { id } }`, { input: { name: '一号工厂', regionCode: '330206' } }, oem.token);
      expect(created.errors?.[0]).toMatchObject({ message: 'This organisation already has a plant named 一号工厂', extensions: { code: 'CONFLICT' } });
      const renamed = await t.gql(`mutation($input: UpdateSiteInput!) { updateSite(input: $input) { id } }`, { input: { id: second, version: 1, name: ' 一号工厂 ' } }, oem.token);
      expect(renamed.errors?.[0]).toMatchObject({ message: 'This organisation already has a plant of that name', extensions: { code: 'CONFLICT' } });
      const names = await t.dataSource.query(`SELECT id, name, version FROM sites WHERE organization_id = $1 ORDER BY name`, [oem.id]);
      expect(names).toEqual([{ id: first, name: '一号工厂', version: 1 }, { id: second, name: '二号工厂', version: 1 }]);
    });

    it('keeps a bureau analyst inside the bureau\'s jurisdiction', async () => {
      const bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
      const inside = await t.ok<{ createUser: { role: string } }>(CREATE_USER, { input: { email: uniqueEmail('an'), password: PASSWORD, displayName: 'a', jurisdictionCode: '330206' } }, bureau.token);
      expect(inside.createUser.role).toBe('BUREAU_ANALYST');
      const outside = await t.gql(CREATE_USER, { input: { email: uniqueEmail('an'), password: PASSWORD, displayName: 'a', jurisdictionCode: '330100' } }, bureau.token);
      expect(outside.errors?.[0].extensions.fields?.[0].field).toBe('input.jurisdictionCode');
    });
  });

  describe('plants', () => {
    const CREATE_SITE = `mutation($input: CreateSiteInput!) { createSite(input: $input) { id name regionCode lat lon locationApprox version region { name } organization { id } } }`;

    it('adds a plant at the region centre, flagged approximate', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const data = await t.ok<{ createSite: Record<string, unknown> }>(CREATE_SITE, { input: { name: '前湾工厂', regionCode: '330282' } }, oem.token);
      expect(data.createSite).toMatchObject({ name: '前湾工厂', regionCode: '330282', locationApprox: true, version: 1, organization: { id: oem.id } });
      expect(typeof data.createSite.lat).toBe('number');
    });

    it('refuses a province as a plant\'s region and another organisation\'s plant', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const other = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      const province = await t.gql(CREATE_SITE, { input: { name: 'x', regionCode: '330000' } }, oem.token);
      expect(province.errors?.[0].extensions.fields?.[0].field).toBe('input.regionCode');
      const foreign = await t.gql(CREATE_SITE, { input: { organizationId: other.id, name: 'x', regionCode: '330206' } }, oem.token);
      expect(foreign.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('answers me with the caller\'s organisation and its plants in one query', async () => {
      const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
      const first = (await t.ok<{ createSite: { id: string } }>(CREATE_SITE, { input: { name: '一号工厂', regionCode: '330282' } }, oem.token)).createSite;
      const second = (await t.ok<{ createSite: { id: string } }>(CREATE_SITE, { input: { name: '二号工厂', regionCode: '330206' } }, oem.token)).createSite;
      const other = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      await t.ok(CREATE_SITE, { input: { name: '别家工厂', regionCode: '330206' } }, other.token);
      const me = await t.ok<{ me: { organizationId: string; organization: { id: string; kind: string; sites: { id: string; name: string; regionCode: string }[] } } }>(
        `{ me { organizationId organization { id kind sites { id name regionCode } } } }`, {}, oem.token,
      );
      expect(me.me.organization).toMatchObject({ id: oem.id, kind: 'OEM' });
      expect(me.me.organizationId).toBe(oem.id);
      expect(me.me.organization.sites.map((s) => s.id).sort()).toEqual([first.id, second.id].sort());
      // A bureau has an organisation too, without plants.
      const bureau = await makeOrganization(t, admin.token, OrganizationKind.BUREAU, { jurisdictionCode: '330200' });
      const bureauMe = await t.ok<{ me: { organization: { id: string; jurisdictionCode: string; sites: unknown[] } } }>(
        `{ me { organization { id jurisdictionCode sites { id } } } }`, {}, bureau.token,
      );
      expect(bureauMe.me.organization).toEqual({ id: bureau.id, jurisdictionCode: '330200', sites: [] });
    });

    it('refuses a stale version with CONFLICT and keeps the newer edit', async () => {
      const supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER);
      const site = (await t.ok<{ createSite: { id: string } }>(CREATE_SITE, { input: { name: '一厂', regionCode: '330206', lat: 29.9, lon: 121.8 } }, supplier.token)).createSite;
      const UPDATE = `mutation($input: UpdateSiteInput!) { updateSite(input: $input) { name version } }`;
      const first = await t.ok<{ updateSite: { name: string; version: number } }>(UPDATE, { input: { id: site.id, version: 1, name: '北仑一厂' } }, supplier.token);
      expect(first.updateSite).toEqual({ name: '北仑一厂', version: 2 });
      const stale = await t.gql(UPDATE, { input: { id: site.id, version: 1, name: '旧名' } }, supplier.token);
      expect(stale.errors?.[0].extensions.code).toBe('CONFLICT');
      const rows = await t.dataSource.query('SELECT name, version FROM sites WHERE id = $1', [site.id]);
      expect(rows[0]).toEqual({ name: '北仑一厂', version: 2 });
    });
  });
});
