/**
 * How the service serves the web workspace (src/workspace/workspace.middleware.ts) beside its
 * own routes, and that the schema the workspace's operations are checked against at build
 * time (src/workspace/schema-sdl.ts, no database) is the running service's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import { schemaSdl } from '../src/workspace/schema-sdl.js';
import { startTestApp, type TestApp } from './support/app.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('web workspace serving', () => {
  let t: TestApp;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp();
    origin = new URL(t.url).origin;
  });
  afterAll(() => t?.close());

  it('answers / and any client route a browser asks for with the app, under a self-only CSP', async () => {
    for (const path of ['/', '/login', '/buyer/requirements/3f1c', '/supplier/opportunities?sort=score']) {
      const response = await fetch(`${origin}${path}`, { headers: { accept: HTML } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).not.toMatch(/https?:/);
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves the built assets by their hashed names, immutable, and nothing else under /assets/', async () => {
    const index = await (await fetch(`${origin}/`, { headers: { accept: HTML } })).text();
    const scripts = [...index.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of scripts) {
      const response = await fetch(`${origin}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toMatch(/^(text\/javascript|text\/css)/);
      // Everything the page loads is on this origin: no absolute URL to another host.
      expect(await response.text()).not.toMatch(/(src|href)=["']https?:\/\//);
    }
    expect((await fetch(`${origin}/assets/nope-123.js`)).status).toBe(404);
    expect((await fetch(`${origin}/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('leaves the service\'s own paths alone', async () => {
    // A browser's GET /graphql still goes to the explorer; /dashboard, the bureau dashboard's old address, is the service's own redirect into the workspace.
    const graphqlPage = await fetch(`${origin}/graphql`, { headers: { accept: HTML }, redirect: 'manual' });
    expect(graphqlPage.status).toBe(302);
    expect(graphqlPage.headers.get('location')).toBe('/explorer');
    const dashboard = await fetch(`${origin}/dashboard`, { headers: { accept: HTML }, redirect: 'manual' });
    expect([dashboard.status, dashboard.headers.get('location')]).toEqual([302, '/bureau']);
    // The API answers JSON as before; a JSON client's GET of an unknown path is a 404, not the app.
    const api = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
    expect((await fetch(`${origin}/buyer/requirements`, { headers: { accept: 'application/json' } })).status).toBe(404);
    expect((await fetch(`${origin}/exports/sourcing/nothing`, { headers: { accept: HTML } })).status).not.toBe(200);
  });

  it('checks the workspace against the running service\'s schema', async () => {
    const introspection = await t.ok<IntrospectionQuery>(getIntrospectionQuery());
    const running = printSchema(lexicographicSortSchema(buildClientSchema(introspection))) + '\n';
    expect(await schemaSdl()).toBe(running);
    // The file the build generated from it is the same schema.
    expect(readFileSync(join(process.cwd(), 'web/src/gql/schema.graphql'), 'utf8')).toBe(running);
  });
});
