import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, makePlatformAdmin } from './support/factories.js';
import { RateLimits } from '../src/access/rate-limits.js';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

/** Two API processes on one database: the first makes the database, the second joins it. */
async function startTwo(env: Record<string, string>): Promise<[TestApp, TestApp]> {
  const first = await startTestApp({ env });
  const second = await startTestApp({ env, databaseUrl: (first.dataSource.options as { url: string }).url });
  return [first, second];
}

async function closeTwo([first, second]: TestApp[]): Promise<void> {
  await second.close();
  await first.close();
}

describe('rate limits across two API processes on one database', () => {
  describe('per user and per address', () => {
    let apps: [TestApp, TestApp];
    let token: string;
    beforeAll(async () => {
      apps = await startTwo({ RATE_LIMIT_PER_USER: '5', RATE_LIMIT_PER_IP: '40' });
      token = (await makePlatformAdmin(apps[0])).token;
    });
    afterAll(() => closeTwo(apps));

    it('counts a user\'s requests on both processes against one limit', async () => {
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await apps[i % 2].gql(`{ me { id } }`, {}, token)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const onTheOther = await apps[0].gql(`{ me { id } }`, {}, token);
      expect(onTheOther.status).toBe(429);
      expect(onTheOther.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
      const [row] = await apps[1].dataSource.query(`SELECT hits FROM rate_limit_windows WHERE key LIKE 'user:%'`);
      expect(row).toEqual({ hits: 7 });
    });

    it('counts an address on both processes against one limit', async () => {
      // The sign-in and the user's requests above came from this address too.
      const [{ hits }] = await apps[0].dataSource.query(`SELECT hits FROM rate_limit_windows WHERE key LIKE 'ip:%'`);
      const statuses = [];
      for (let i = hits; i < 41; i++) statuses.push((await apps[i % 2].gql(`{ regions(parent: "330100") { code } }`)).status);
      expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
      expect(statuses.at(-1)).toBe(429);
      for (const app of apps) expect((await fetch(app.url.replace('/graphql', '/exports/sourcing/summary.csv'))).status).toBe(429);
    });

    it('sweeps ended windows and keeps current ones', async () => {
      await apps[0].dataSource.query(`INSERT INTO rate_limit_windows (key, window_start, hits) VALUES ('ip:192.0.2.1', now() - interval '61 seconds', 3)`);
      await apps[1].app.get(RateLimits).sweep();
      const keys = (await apps[0].dataSource.query(`SELECT key FROM rate_limit_windows ORDER BY key`)).map((r: { key: string }) => r.key);
      expect(keys).not.toContain('ip:192.0.2.1');
      expect(keys.some((k: string) => k.startsWith('user:'))).toBe(true);
    });
  });

  describe('sign-in per address', () => {
    let apps: [TestApp, TestApp];
    beforeAll(async () => {
      apps = await startTwo({ LOGIN_RATE_LIMIT_PER_IP: '3' });
    });
    afterAll(() => closeTwo(apps));

    it('refuses a fourth attempt within the minute from one address, whichever process it reaches', async () => {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await apps[i % 2].gql(LOGIN, { input: { email: `someone${i}@example.test`, password: 'some password' } })).errors?.[0].extensions.code);
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED']);
    });
  });

  describe('lockout', () => {
    let apps: [TestApp, TestApp];
    beforeAll(async () => {
      apps = await startTwo({ LOGIN_RATE_LIMIT_PER_IP: '1000' });
    });
    afterAll(() => closeTwo(apps));

    it('locks an e-mail after 5 failures spread over both processes, on both', async () => {
      const { email } = await makePlatformAdmin(apps[0]);
      for (let i = 0; i < 5; i++) {
        const wrong = await apps[i % 2].gql(LOGIN, { input: { email, password: `wrong password ${i}` } });
        expect(wrong.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      }
      for (const app of apps) {
        const locked = await app.gql(LOGIN, { input: { email, password: PASSWORD } });
        expect(locked.errors?.[0]).toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
        expect(locked.errors?.[0].message).toMatch(/locked until/);
      }
    });

    it('evaluates at most 5 guesses however many arrive at once on both processes', async () => {
      const { email } = await makePlatformAdmin(apps[1]);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => apps[i % 2].gql(LOGIN, { input: { email, password: `parallel guess ${i}` } })));
      const codes = results.map((r) => r.errors?.[0].extensions.code);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15);
    });
  });
});
