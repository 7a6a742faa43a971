/**
 * The GraphQL explorer over HTTP: a browser's GET /graphql is sent to /explorer, the page and
 * GraphiQL's files come from this service (node_modules) under a CSP that names no other
 * origin, and the API at /graphql answers as before — POST, GET with a query, and Apollo's
 * CSRF prevention. In production there is no explorer (as there was no landing page).
 * The page in a real browser: test/browser/explorer.e2e-spec.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from './support/app.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
const packageFile = (name: string, file: string) => join(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), file);

describe('GraphQL explorer over HTTP', () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp();
    origin = new URL(t.url).origin;
  });
  afterAll(() => t.close());

  it('sends a browser from GET /graphql to /explorer', async () => {
    const response = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT }, redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/explorer');
  });

  it('keeps the API at /graphql: POST, GET with a query, and the CSRF prevention', async () => {
    expect((await t.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });

    const get = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { __typename: 'Query' } });

    // A GET without a header that forces a CORS preflight is refused, whoever asks: no redirect, no data.
    const simple = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, { redirect: 'manual' });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toContain('CSRF');

    // A client that asks for JSON, or for anything (curl's */*), is not redirected.
    for (const accept of ['application/json', '*/*']) {
      const noQuery = await fetch(`${origin}/graphql`, { headers: { accept }, redirect: 'manual' });
      expect([accept, noQuery.status]).toEqual([accept, 400]);
      expect(noQuery.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('answers an operation name the document lacks as a client error, not an internal one', async () => {
    // GraphiQL can send the name of the operation it saw a moment before an edit.
    const response = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', operationName: 'Me' }),
    });
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(response.status).toBe(400);
    expect(body.errors[0].message).toBe('Unknown operation named "Me".');
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves the page and GraphiQL from node_modules, with a CSP that names no other origin', async () => {
    const page = await fetch(`${origin}/explorer`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/https?:|\*/);
    const html = await page.text();
    expect(html).toContain('id="graphiql"');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN

    const vendored: [string, string][] = [
      ['react.production.min.js', packageFile('react', 'umd/react.production.min.js')],
      ['react-dom.production.min.js', packageFile('react-dom', 'umd/react-dom.production.min.js')],
      ['graphiql.min.js', packageFile('graphiql', 'graphiql.min.js')],
      ['graphiql.min.css', packageFile('graphiql', 'graphiql.min.css')],
    ];
    for (const [name, path] of vendored) {
      const asset = await fetch(`${origin}/explorer/assets/${name}`);
      expect([name, asset.status, asset.headers.get('content-security-policy')]).toEqual([name, 200, csp]);
      expect(await asset.text()).toBe(readFileSync(path, 'utf8'));
    }
    const script = await fetch(`${origin}/explorer/assets/explorer.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await script.text()).toContain("authorization = `Bearer ${stored}`");
    const css = await fetch(`${origin}/explorer/assets/explorer.css`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('serves nothing else from the assets folder', async () => {
    for (const name of ['..%2F..%2Fpackage.json', 'index.html', 'graphiql.min.js.map', 'missing.js', '__proto__', 'constructor']) {
      const response = await fetch(`${origin}/explorer/assets/${name}`);
      expect([name, response.status]).toEqual([name, 404]);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });
});

describe('GraphQL explorer in production', () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET } });
    origin = new URL(t.url).origin;
  });
  afterAll(() => t.close());

  it('is not served, and GET /graphql shows no landing page', async () => {
    expect((await fetch(`${origin}/explorer`)).status).toBe(404);
    const response = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT }, redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).not.toMatch(/html/);
  });
});
