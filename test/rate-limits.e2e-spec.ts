import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, makePlatformAdmin } from './support/factories.js';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

describe('rate limits', () => {
  describe('per user and per address', () => {
    let t: TestApp;
    let token: string;
    beforeAll(async () => {
      t = await startTestApp({ env: { RATE_LIMIT_PER_USER: '5', RATE_LIMIT_PER_IP: '40' } });
      token = (await makePlatformAdmin(t)).token;
    });
    afterAll(() => t.close());

    it('answers 429 RATE_LIMITED with Retry-After past a user\'s limit', async () => {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await t.gql(`{ me { id } }`, {}, token));
      expect(results.slice(0, 5).every((r) => r.status === 200 && !r.errors)).toBe(true);
      expect(results[5].status).toBe(429);
      expect(results[5].errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      const raw = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { id } }' }) });
      expect(Number(raw.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('limits an address however many users it signs in as', async () => {
      let status = 200;
      for (let i = 0; i < 40 && status === 200; i++) status = (await t.gql(`{ regions { code } }`)).status;
      expect(status).toBe(429);
      const csv = await fetch(t.url.replace('/graphql', '/exports/sourcing/summary.csv'));
      expect(csv.status).toBe(429);
    });
  });

  describe('sign-in', () => {
    let t: TestApp;
    let email: string;
    beforeAll(async () => {
      t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP: '1000' } });
      email = (await makePlatformAdmin(t)).email;
    });
    afterAll(() => t.close());

    it('locks an e-mail after 5 failures in a row, even against the right password', async () => {
      for (let i = 0; i < 5; i++) {
        const wrong = await t.gql(LOGIN, { input: { email, password: `wrong password ${i}` } });
        expect(wrong.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      const locked = await t.gql(LOGIN, { input: { email, password: PASSWORD } });
      expect(locked.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      expect(locked.errors?.[0].message).toMatch(/locked until/);
      const [row] = await t.dataSource.query(`SELECT failures, locked_until > now() + interval '14 minutes' AS long_enough FROM login_throttles WHERE email = $1`, [email]);
      expect(row).toEqual({ failures: 5, long_enough: true });
    });

    it('treats an unknown e-mail the same way', async () => {
      const nobody = 'nobody-at-all@example.test';
      for (let i = 0; i < 5; i++) await t.gql(LOGIN, { input: { email: nobody, password: 'whatever password' } });
      const locked = await t.gql(LOGIN, { input: { email: nobody, password: 'whatever password' } });
      expect(locked.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    });

    it('evaluates at most 5 guesses however many arrive at once, known e-mail or not', async () => {
      const victim = (await makePlatformAdmin(t)).email;
      for (const target of [victim, 'nobody-in-parallel@example.test']) {
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => t.gql(LOGIN, { input: { email: target, password: `parallel guess ${i}` } })));
        const codes = results.map((r) => r.errors?.[0].extensions.code);
        expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
        expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(25);
      }
      const locked = await t.gql(LOGIN, { input: { email: victim, password: PASSWORD } });
      expect(locked.errors?.[0].extensions.code).toBe('RATE_LIMITED');
    });

    it('resets the count on a successful sign-in', async () => {
      const admin = await makePlatformAdmin(t);
      await t.gql(LOGIN, { input: { email: admin.email, password: 'wrong password' } });
      await t.ok(LOGIN, { input: { email: admin.email, password: PASSWORD } });
      expect(await t.dataSource.query(`SELECT * FROM login_throttles WHERE email = $1`, [admin.email])).toEqual([]);
    });
  });

  describe('sign-in per address', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_IP: '3' } });
    });
    afterAll(() => t.close());

    it('refuses a fourth attempt within the minute from one address', async () => {
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await t.gql(LOGIN, { input: { email: `someone${i}@example.test`, password: 'some password' } })).errors?.[0].extensions.code);
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    });
  });
});
