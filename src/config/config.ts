/**
 * Configuration read from environment variables, validated once at start-up.
 * A missing or malformed variable stops the process with one line naming it.
 *
 * This is the only module that reads `process.env` (as the default of `loadConfig`); every
 * other part of the service, the CLIs, seeds and benchmarks get an `AppConfig` from here —
 * a benchmark or test that needs other settings builds an env object and passes it in.
 * It imports nothing from the rest of `src/`. `.env.example` lists every variable.
 */
export type SearchBackend = 'postgres' | 'meilisearch';
export type NodeEnv = 'development' | 'production' | 'test';

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL is started in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  jwtSecret: string;
  jwtTtlSeconds: number;
  seedDemo: boolean;
  /** Longest a client may take to send a whole request. */
  requestTimeoutMs: number;
  /** Requests per minute, per signed-in user and per client address. */
  rateLimitPerUser: number;
  rateLimitPerIp: number;
  /** Sign-in attempts per minute per client address. */
  loginRateLimitPerIp: number;
  searchBackend: SearchBackend;
  meiliHost: string | null;
  meiliApiKey: string | null;
  /** Prefix of the Meilisearch index names. */
  meiliIndexPrefix: string;
  /** Pause between runs of the search outbox worker; 0 = no loop (drained on demand only). */
  searchIndexerIntervalMs: number;
  /** Outbox rows the search worker takes per transaction. */
  searchIndexerBatch: number;
  /** Where document bytes live: files under `dataDir/documents` (default) or an S3-compatible store. */
  documentStorage: 'filesystem' | 's3';
  /** The largest document accepted, in bytes. */
  documentMaxBytes: number;
  /** The S3-compatible store, when documentStorage is s3 (path-style requests to `endpoint/bucket/key`). */
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string } | null;
  /** SMTP server for notification e-mails (smtp:// or smtps://); unset: mails are kept in the development mailbox. */
  smtpUrl: string | null;
  /** Sender address of notification e-mails. */
  mailFrom: string;
  /** Pause between runs of the notifications worker; 0 = no loop (drained on demand only). */
  notificationsIntervalMs: number;
  /** How many of the best-ranked eligible suppliers hear of a newly published requirement. */
  notificationsTopN: number;
  /** Hour of the day (China time) from which the daily e-mail digest is sent. */
  notificationsDigestHour: number;
  /** Benchmarks only: where the bureau benchmark keeps its embedded database (emptied first). */
  benchDataDir: string | null;
  /** Benchmarks only: the database `npm run bench` creates and seeds (null: zlt_bench, or zlt_bench_smoke). */
  benchDbName: string | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable} ${problem}`);
  }
}

/** The development key: accepted outside production only, so `npm start` works out of the box. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me-0123456789';

type Env = Record<string, string | undefined>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${value}")`);
  }
  return Number(value);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(name, `must be true or false (got "${value}")`);
}

function pattern(env: Env, name: string, shape: RegExp, rule: string, fallback: string): string {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!shape.test(value)) throw new ConfigError(name, `${rule} (got "${value}")`);
  return value;
}

function url(env: Env, name: string, protocols: readonly string[]): string | null {
  const value = read(env, name);
  if (value === undefined) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return value;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const jwtSecret = read(env, 'JWT_SECRET');
  if (jwtSecret === undefined && nodeEnv === 'production') {
    throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  }
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  if (nodeEnv === 'production' && jwtSecret === DEVELOPMENT_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET', 'must not be the development key when NODE_ENV=production');
  }
  const searchBackend = oneOf(env, 'SEARCH_BACKEND', ['postgres', 'meilisearch'] as const, 'postgres');
  const meiliHost = url(env, 'MEILI_HOST', ['http:', 'https:']);
  if (searchBackend === 'meilisearch' && meiliHost === null) {
    throw new ConfigError('MEILI_HOST', 'is required when SEARCH_BACKEND=meilisearch');
  }
  const documentStorage = oneOf(env, 'DOCUMENT_STORAGE', ['filesystem', 's3'] as const, 'filesystem');
  let s3: AppConfig['s3'] = null;
  if (documentStorage === 's3') {
    const needed = (name: string): string => {
      const value = read(env, name);
      if (value === undefined) throw new ConfigError(name, 'is required when DOCUMENT_STORAGE=s3');
      return value;
    };
    const endpoint = url(env, 'S3_ENDPOINT', ['http:', 'https:']);
    if (endpoint === null) throw new ConfigError('S3_ENDPOINT', 'is required when DOCUMENT_STORAGE=s3');
    s3 = {
      endpoint,
      bucket: pattern(env, 'S3_BUCKET', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 lower-case letters, digits, dots and hyphens)', needed('S3_BUCKET')),
      region: pattern(env, 'S3_REGION', /^[a-z0-9-]{1,40}$/, 'may hold only lower-case letters, digits and -', 'us-east-1'),
      accessKeyId: needed('S3_ACCESS_KEY_ID'),
      secretAccessKey: needed('S3_SECRET_ACCESS_KEY'),
    };
  }
  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: read(env, 'HOST') ?? '127.0.0.1',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: read(env, 'DATA_DIR') ?? '.data',
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 54329, 1024, 65535),
    jwtSecret: jwtSecret ?? DEVELOPMENT_JWT_SECRET,
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 8 * 3600, 1, 30 * 24 * 3600),
    seedDemo: boolean(env, 'SEED_DEMO', false),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    rateLimitPerUser: integer(env, 'RATE_LIMIT_PER_USER', 600, 1, 10_000_000),
    rateLimitPerIp: integer(env, 'RATE_LIMIT_PER_IP', 1200, 1, 10_000_000),
    loginRateLimitPerIp: integer(env, 'LOGIN_RATE_LIMIT_PER_IP', 20, 1, 10_000_000),
    searchBackend,
    meiliHost,
    meiliApiKey: read(env, 'MEILI_API_KEY') ?? null,
    meiliIndexPrefix: pattern(env, 'MEILI_INDEX_PREFIX', /^[A-Za-z0-9_-]{1,40}$/, 'may hold only letters, digits, - and _', 'zlt_'),
    searchIndexerIntervalMs: integer(env, 'SEARCH_INDEXER_INTERVAL_MS', 1000, 0, 3_600_000),
    searchIndexerBatch: integer(env, 'SEARCH_INDEXER_BATCH', 100, 1, 1000),
    documentStorage,
    documentMaxBytes: integer(env, 'DOCUMENT_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    s3,
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: pattern(env, 'MAIL_FROM', /^[^\s@<>]+@[^\s@<>]+$/, 'must be an e-mail address', 'noreply@zlt.localhost'),
    notificationsIntervalMs: integer(env, 'NOTIFICATIONS_INTERVAL_MS', 1000, 0, 3_600_000),
    notificationsTopN: integer(env, 'NOTIFICATIONS_TOP_N', 10, 1, 100),
    notificationsDigestHour: integer(env, 'NOTIFICATIONS_DIGEST_HOUR', 8, 0, 23),
    benchDataDir: read(env, 'BENCH_DATA_DIR') ?? null,
    benchDbName: read(env, 'BENCH_DB_NAME') === undefined ? null : pattern(env, 'BENCH_DB_NAME', /^[a-z_][a-z0-9_]{0,62}$/, 'must be a database name (lower-case letters, digits and _, not starting with a digit)', ''),
  };
}
