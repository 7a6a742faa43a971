/**
 * GraphQL throughput: the service (NestJS + Apollo, with its guard, pipes, limits, rate limits
 * and loaders) against a bare graphql-js server over the same database, the same SQL and the
 * same DataLoader batching, both on loopback, measured with autocannon in one process session,
 * the two sides taking turns (ROUNDS turns each) so that the shared machine's load falls on
 * both. The bare side checks the token as the service does: the signature with the same key object (`verifyAccessToken`) and the user's row (`checkTokenHolder`, the
 * same SELECT, gathered per round trip the same way). It does not count rate limits: that
 * statement is the service's own cost and stays in the ratio. The bare side parses and validates
 * every request (`graphql()`); the service's Apollo keeps parsed, validated documents per query
 * text, and runs its own checks (document guard, depth and alias rules, cost) once per document.
 * The ratio is the cost of the framework stack.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import DataLoader from 'dataloader';
import pg from 'pg';
import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString, graphql } from 'graphql';
import { createApp } from '../src/app.js';
import { benchConfig } from './bench-config.js';
import { accessTokenKey, checkTokenHolder, verifyAccessToken, type TokenHolder } from '../src/access/tokens.js';
import { RoundTrips } from '../src/common/round-trips.js';
import { SESSION_OPTIONS } from '../src/database/data-source-options.js';

export const SIMPLE_QUERY = `{ regions(parent: "330000") { code name nameEn } }`;
export const NESTED_QUERY = `{ myRequirements(first: 50) { edges { node { title annualVolume organization { legalName } deliverySite { name regionCode } category { nameZh nameEn } } } } }`;

export interface ThroughputResult {
  name: string;
  connections: number;
  seconds: number;
  service: { rps: number; p50: number; p99: number };
  bare: { rps: number; p50: number; p99: number };
  ratio: number;
}

interface BareContext {
  organizationId: string;
  org: DataLoader<string, Record<string, unknown> | null>;
  site: DataLoader<string, Record<string, unknown> | null>;
  category: DataLoader<string, Record<string, unknown> | null>;
}

function bareSchema(pool: pg.Pool): GraphQLSchema {
  const Region = new GraphQLObjectType({
    name: 'Region',
    fields: { code: { type: GraphQLString }, name: { type: GraphQLString }, nameEn: { type: GraphQLString, resolve: (r) => r.name_en } },
  });
  const Organization = new GraphQLObjectType({ name: 'Organization', fields: { legalName: { type: GraphQLString, resolve: (o) => o.legal_name } } });
  const Site = new GraphQLObjectType({ name: 'Site', fields: { name: { type: GraphQLString }, regionCode: { type: GraphQLString, resolve: (s) => s.region_code } } });
  const Category = new GraphQLObjectType({ name: 'PartCategory', fields: { nameZh: { type: GraphQLString, resolve: (c) => c.name_zh }, nameEn: { type: GraphQLString, resolve: (c) => c.name_en } } });
  const Requirement = new GraphQLObjectType<Record<string, unknown>, BareContext>({
    name: 'Requirement',
    fields: {
      title: { type: GraphQLString },
      annualVolume: { type: GraphQLInt, resolve: (r) => r.annual_volume },
      organization: { type: Organization, resolve: (r, _a, ctx) => ctx.org.load(r.organization_id as string) },
      deliverySite: { type: Site, resolve: (r, _a, ctx) => ctx.site.load(r.delivery_site_id as string) },
      category: { type: Category, resolve: (r, _a, ctx) => ctx.category.load(r.category_code as string) },
    },
  });
  const Edge = new GraphQLObjectType({ name: 'RequirementEdge', fields: { node: { type: Requirement } } });
  const Connection = new GraphQLObjectType({ name: 'RequirementConnection', fields: { edges: { type: new GraphQLList(Edge) } } });
  return new GraphQLSchema({
    query: new GraphQLObjectType<unknown, BareContext>({
      name: 'Query',
      fields: {
        regions: {
          type: new GraphQLList(Region),
          args: { parent: { type: GraphQLString } },
          resolve: async (_r, args: { parent: string }) => (await pool.query('SELECT * FROM regions WHERE parent_code = $1 ORDER BY code', [args.parent])).rows,
        },
        myRequirements: {
          type: Connection,
          args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
          resolve: async (_r, args: { first: number }, ctx) => {
            const { rows } = await pool.query('SELECT * FROM requirements WHERE organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [ctx.organizationId, args.first]);
            return { edges: rows.map((node) => ({ node })) };
          },
        },
      },
    }),
  });
}

export async function startBare(databaseUrl: string, secret: string): Promise<{ url: string; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, options: SESSION_OPTIONS });
  const schema = bareSchema(pool);
  const loader = (table: string, key: string) =>
    new DataLoader<string, Record<string, unknown> | null>(async (keys) => {
      const { rows } = await pool.query(`SELECT * FROM ${table} WHERE ${key} = ANY($1)`, [[...keys]]);
      return keys.map((k) => rows.find((r) => r[key] === k) ?? null);
    });
  const key = accessTokenKey(secret);
  // The user's row read as the service reads it (src/auth/token-holders.ts): the same statement,
  // gathering the requests that arrive while one is in flight.
  const holders = new RoundTrips<string, TokenHolder | null>(async (userIds) => {
    const { rows } = await pool.query<{ id: string; active: boolean; token_version: number }>('SELECT id, active, token_version FROM users WHERE id = ANY($1::uuid[])', [[...new Set(userIds)]]);
    const found = new Map(rows.map((r) => [r.id, { active: r.active, tokenVersion: r.token_version }]));
    return userIds.map((id) => found.get(id.toLowerCase()) ?? null);
  });
  const organizationOf = async (token: string): Promise<string> => {
    if (!token) return '';
    const verified = verifyAccessToken(token, key);
    return checkTokenHolder(verified, await holders.ask(verified.principal.userId)).organizationId;
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      try {
        const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        const contextValue: BareContext = { organizationId: await organizationOf(token), org: loader('organizations', 'id'), site: loader('sites', 'id'), category: loader('part_categories', 'code') };
        const result = await graphql({ schema, source: query, variableValues: variables, contextValue });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

async function check(url: string, query: string, token: string): Promise<void> {
  const check = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  const json = (await check.json()) as { errors?: unknown[] };
  if (json.errors) throw new Error(`${url} answered errors for the benchmark query: ${JSON.stringify(json.errors)}`);
}

async function cannon(url: string, query: string, token: string, seconds: number, connections: number) {
  const body = JSON.stringify({ query });
  const result = await autocannon({ url, method: 'POST', connections, duration: seconds, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx and ${result.errors} errors under load`);
  return { requests: result.requests.total, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Rounds per side: the two sides take turns, so that a change in the machine's load falls on both. */
export const ROUNDS = 5;

/** Both sides in turns of `seconds / ROUNDS`: req/s over all turns, the median p50 and the highest p99 of the turns. */
async function sideBySide(serviceUrl: string, bareUrl: string, query: string, token: string, seconds: number, connections: number) {
  await check(serviceUrl, query, token);
  await check(bareUrl, query, token);
  const turns = { service: [] as Awaited<ReturnType<typeof cannon>>[], bare: [] as Awaited<ReturnType<typeof cannon>>[] };
  for (let round = 0; round < ROUNDS; round++) {
    turns.service.push(await cannon(serviceUrl, query, token, seconds / ROUNDS, connections));
    turns.bare.push(await cannon(bareUrl, query, token, seconds / ROUNDS, connections));
  }
  const sum = (list: { requests: number; seconds: number }[]) => ({ requests: list.reduce((a, t) => a + t.requests, 0), seconds: list.reduce((a, t) => a + t.seconds, 0) });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const side = (list: Awaited<ReturnType<typeof cannon>>[]) => {
    const total = sum(list);
    return { rps: total.requests / total.seconds, p50: median(list.map((t) => t.p50)), p99: Math.max(...list.map((t) => t.p99)) };
  };
  return { service: side(turns.service), bare: side(turns.bare) };
}

/** Runs both servers against `databaseUrl` (already migrated and seeded; `login` gives a buyer's token). */
export async function benchGraphqlThroughput(options: { databaseUrl: string; login: { email: string; password: string }; seconds: number; connections: number; log?: (line: string) => void }): Promise<ThroughputResult[]> {
  const config = benchConfig();
  const app = await createApp({ config, databaseUrl: options.databaseUrl, logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const serviceUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/graphql`;
  const bare = await startBare(options.databaseUrl, config.jwtSecret);
  try {
    const login = await fetch(serviceUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($i: LoginInput!) { login(input: $i) { token } }', variables: { i: options.login } }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const results: ThroughputResult[] = [];
    for (const [name, query] of [['simple query (regions of Zhejiang)', SIMPLE_QUERY], ['list with nested fields (50 requirements × organisation, plant, category)', NESTED_QUERY]] as const) {
      const { service, bare: bareResult } = await sideBySide(serviceUrl, bare.url, query, token, options.seconds, options.connections);
      const result = { name, connections: options.connections, seconds: options.seconds, service, bare: bareResult, ratio: service.rps / bareResult.rps };
      options.log?.(`${name}: service ${service.rps.toFixed(0)} req/s (p50 ${service.p50} ms, p99 ${service.p99} ms), bare ${bareResult.rps.toFixed(0)} req/s (p50 ${bareResult.p50} ms, p99 ${bareResult.p99} ms), ratio ${result.ratio.toFixed(2)}`);
      results.push(result);
    }
    return results;
  } finally {
    await bare.close();
    await app.close();
  }
}
