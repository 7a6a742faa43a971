import type { LoggerService } from '@nestjs/common';
import { Module } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { startTestApp, type TestApp } from './support/app.js';
import { PASSWORD, makePlatformAdmin } from './support/factories.js';
import { Public } from '../src/access/access.decorator.js';

/** Everything the application logs, at every level. */
class CapturingLogger implements LoggerService {
  lines: string[] = [];
  private keep(...parts: unknown[]) {
    this.lines.push(parts.map((p) => (p instanceof Error ? `${p.message} ${p.stack}` : typeof p === 'string' ? p : JSON.stringify(p))).join(' '));
  }
  log(...parts: unknown[]) { this.keep(...parts); }
  error(...parts: unknown[]) { this.keep(...parts); }
  warn(...parts: unknown[]) { this.keep(...parts); }
  debug(...parts: unknown[]) { this.keep(...parts); }
  verbose(...parts: unknown[]) { this.keep(...parts); }
}

/** A resolver that fails with an error carrying a secret, as a driver error might. */
@Resolver()
class LeakyResolver {
  @Public()
  @Query(() => String)
  leaky(): string {
    throw new Error('connection to postgres://app:s3cr3t-db-password@db/prod failed');
  }
}

@Module({ providers: [LeakyResolver] })
class LeakyModule {}

describe('secrets stay out of logs and errors', () => {
  let t: TestApp;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    t = await startTestApp({ logger, extraModules: [LeakyModule] });
  });
  afterAll(() => t.close());

  it('never shows a password, hash, token or signing key', async () => {
    const admin = await makePlatformAdmin(t);
    const responses = [
      await t.gql(`mutation { login(input: { email: "${admin.email}", password: "wrong-but-secret-password" }) { token } }`),
      await t.gql(`{ me { id } }`, {}, `${admin.token}tampered`),
      await t.gql(`{ me { id } }`, {}, admin.token),
      await t.gql(`mutation($i: RegisterInput!) { register(input: $i) { token } }`, { i: { organizationKind: 'SUPPLIER', legalName: 'x', creditCode: 'bad', email: 'a@b.test', password: 'another-secret-password', displayName: 'x' } }),
      await t.gql(`{ leaky }`),
    ];
    const [hash] = await t.dataSource.query(`SELECT password_hash FROM users WHERE email = $1`, [admin.email]);
    const everything = JSON.stringify(responses) + '\n' + logger.lines.join('\n');
    for (const secret of [PASSWORD, 'wrong-but-secret-password', 'another-secret-password', admin.token, hash.password_hash, t.config.jwtSecret]) {
      expect(everything.includes(secret)).toBe(false);
    }
    expect(everything).not.toContain('s3cr3t-db-password');
    expect(responses[4].errors?.[0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
    // The server log keeps the failure for the operator, with credentials masked; the client gets nothing of it.
    expect(logger.lines.some((l) => l.includes('connection to postgres://app:***@db/prod failed'))).toBe(true);
    const audit = await t.dataSource.query(`SELECT after::text FROM audit_events WHERE entity_type = 'User'`);
    expect(JSON.stringify(audit)).not.toContain('argon2');
  });
});
