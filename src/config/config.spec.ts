import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './config.js';

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ nodeEnv: 'development', port: 3000, databaseUrl: null, searchBackend: 'postgres', jwtSecret: DEVELOPMENT_JWT_SECRET });
  });

  it('names the bad variable', () => {
    expect(problemOf({ PORT: 'eighty' })).toBe('PORT must be an integer from 0 to 65535 (got "eighty")');
    expect(problemOf({ DATABASE_URL: 'mysql://localhost/x' })).toBe('DATABASE_URL must start with postgres:// or postgresql://');
    expect(problemOf({ DATABASE_URL: 'not a url' })).toBe('DATABASE_URL is not a valid URL');
    expect(problemOf({ SEARCH_BACKEND: 'elastic' })).toBe('SEARCH_BACKEND must be one of postgres, meilisearch (got "elastic")');
    expect(problemOf({ SEARCH_BACKEND: 'meilisearch' })).toBe('MEILI_HOST is required when SEARCH_BACKEND=meilisearch');
    expect(problemOf({ JWT_SECRET: 'short' })).toBe('JWT_SECRET must be at least 32 characters');
    expect(problemOf({ MEILI_INDEX_PREFIX: 'zlt prod' })).toBe('MEILI_INDEX_PREFIX may hold only letters, digits, - and _ (got "zlt prod")');
    expect(problemOf({ SEARCH_INDEXER_INTERVAL_MS: '-1' })).toBe('SEARCH_INDEXER_INTERVAL_MS must be an integer from 0 to 3600000 (got "-1")');
    expect(problemOf({ SEARCH_INDEXER_BATCH: '0' })).toBe('SEARCH_INDEXER_BATCH must be an integer from 1 to 1000 (got "0")');
    expect(problemOf({ BENCH_DB_NAME: 'zlt-bench' })).toBe('BENCH_DB_NAME must be a database name (lower-case letters, digits and _, not starting with a digit) (got "zlt-bench")');
  });

  it('carries the search worker and index settings', () => {
    expect(loadConfig({})).toMatchObject({ meiliIndexPrefix: 'zlt_', searchIndexerIntervalMs: 1000, searchIndexerBatch: 100, benchDataDir: null, benchDbName: null });
    expect(loadConfig({ MEILI_INDEX_PREFIX: 'ci-1_', SEARCH_INDEXER_INTERVAL_MS: '0', SEARCH_INDEXER_BATCH: '500' })).toMatchObject({
      meiliIndexPrefix: 'ci-1_', searchIndexerIntervalMs: 0, searchIndexerBatch: 500,
    });
  });

  it('keeps documents on the file system by default, and demands every S3 setting for s3', () => {
    expect(loadConfig({})).toMatchObject({ documentStorage: 'filesystem', documentMaxBytes: 25 * 1024 * 1024, s3: null });
    const s3 = { DOCUMENT_STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'zlt-docs', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' };
    expect(loadConfig(s3).s3).toEqual({ endpoint: 'http://127.0.0.1:9000', bucket: 'zlt-docs', region: 'us-east-1', accessKeyId: 'id', secretAccessKey: 'secret' });
    expect(problemOf({ ...s3, S3_ENDPOINT: '' })).toBe('S3_ENDPOINT is required when DOCUMENT_STORAGE=s3');
    expect(problemOf({ ...s3, S3_SECRET_ACCESS_KEY: '' })).toBe('S3_SECRET_ACCESS_KEY is required when DOCUMENT_STORAGE=s3');
    expect(problemOf({ ...s3, S3_BUCKET: 'Bad_Bucket' })).toMatch(/^S3_BUCKET must be a bucket name/);
    expect(problemOf({ DOCUMENT_STORAGE: 'gcs' })).toBe('DOCUMENT_STORAGE must be one of filesystem, s3 (got "gcs")');
    expect(problemOf({ DOCUMENT_MAX_BYTES: '10' })).toBe('DOCUMENT_MAX_BYTES must be an integer from 1024 to 1073741824 (got "10")');
  });

  it('demands a real signing key in production', () => {
    expect(problemOf({ NODE_ENV: 'production' })).toBe('JWT_SECRET is required when NODE_ENV=production');
    expect(problemOf({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toBe(
      'JWT_SECRET must not be the development key when NODE_ENV=production',
    );
  });
});
