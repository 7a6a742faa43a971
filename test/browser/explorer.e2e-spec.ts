/**
 * The GraphQL explorer in a real browser (test/support/browser.ts): a browser's GET /graphql
 * lands on /explorer, the sign-in bar signs in through the `login` mutation, GraphiQL runs a
 * query with the token and shows the answer; a pasted token works the same way and is
 * remembered across a reload. Every request the page makes goes to the service itself.
 * A screenshot goes to test/artifacts/explorer.png (git-ignored), for people.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { makeOrganization, makePlatformAdmin, PASSWORD } from '../support/factories.js';
import { OrganizationKind } from '../../src/organizations/organization.entity.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');

/**
 * Puts a document into GraphiQL's query editor (CodeMirror 5) and runs it with the toolbar's
 * button. GraphiQL works out the operation name from the editor a moment after each edit, so
 * every document here names its operation `Me`, as the page's default document does: the name
 * sent is the same whether or not GraphiQL has caught up.
 */
async function runInGraphiQL(page: Page, query: string): Promise<void> {
  await page.locator('.graphiql-query-editor .CodeMirror').evaluate((element, text) => {
    (element as unknown as { CodeMirror: { setValue(value: string): void } }).CodeMirror.setValue(text);
  }, query);
  await page.click('.graphiql-execute-button');
}

/** The token the page keeps in localStorage, read through Playwright's storage state. */
async function storedToken(page: Page, origin: string): Promise<string | null> {
  const { origins } = await page.context().storageState();
  return origins.find((entry) => entry.origin === origin)?.localStorage.find((item) => item.name === 'zlt.explorer.token')?.value ?? null;
}

describe('GraphQL explorer in chromium', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let admin: { email: string; token: string };
  const requests: { method: string; url: string }[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    origin = new URL(t.url).origin;
    admin = await makePlatformAdmin(t);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.on('request', (request) => requests.push({ method: request.method(), url: request.url() }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('opens from GET /graphql and signs in from the bar', async () => {
    await page.goto(`${origin}/graphql`);
    expect(new URL(page.url()).pathname).toBe('/explorer');
    await page.waitForSelector('.graphiql-container');
    expect(await page.textContent('#status')).toContain('Not signed in');

    await page.fill('#email', admin.email);
    await page.fill('#password', PASSWORD);
    await page.click('#login-button');
    await page.locator('#who-text', { hasText: admin.email }).waitFor();
    expect(await page.textContent('#who-text')).toBe(`${admin.email} · PLATFORM_ADMIN`);
    expect(await page.isHidden('#login-form')).toBe(true);
  });

  it('runs a query with the token and shows the answer', async () => {
    await runInGraphiQL(page, 'query Me { me { email role } }');
    const response = page.locator('.graphiql-response', { hasText: admin.email });
    await response.waitFor();
    const text = (await response.textContent()) ?? '';
    expect(text).toContain('"role": "PLATFORM_ADMIN"');
    expect(text).not.toContain('UNAUTHENTICATED');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'explorer.png') });
  });

  it('takes a pasted token instead, and remembers it across a reload', async () => {
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    await page.click('#logout');
    await page.locator('#login-form').waitFor();
    await page.click('.paste summary');
    await page.fill('#token', `Bearer ${oem.token}`);
    await page.click('#token-button');
    await page.locator('#who-text', { hasText: oem.adminEmail }).waitFor();

    await page.reload();
    await page.locator('#who-text', { hasText: oem.adminEmail }).waitFor();
    expect(await storedToken(page, origin)).toBe(oem.token);
    await runInGraphiQL(page, 'query Me { me { email role } }');
    await page.locator('.graphiql-response', { hasText: oem.adminEmail }).waitFor();
    expect(await page.textContent('.graphiql-response')).toContain('"role": "OEM_BUYER"');
  });

  it('signing out drops the token: the same query is refused', async () => {
    await page.click('#logout');
    expect(await storedToken(page, origin)).toBeNull();
    await runInGraphiQL(page, 'query Me { me { email } }');
    await page.locator('.graphiql-response', { hasText: 'UNAUTHENTICATED' }).waitFor();
  });

  it('made every request to the service itself, and logged no errors', () => {
    // data: URLs are GraphiQL's fonts and icons inside its stylesheet: no request leaves the page.
    const outside = requests.filter((request) => !request.url.startsWith('data:') && new URL(request.url).origin !== origin);
    expect(outside).toEqual([]);
    const paths = new Set(requests.filter((request) => !request.url.startsWith('data:')).map((request) => `${request.method} ${new URL(request.url).pathname}`));
    expect([...paths].sort()).toEqual([
      'GET /explorer',
      'GET /explorer/assets/explorer.css',
      'GET /explorer/assets/explorer.js',
      'GET /explorer/assets/graphiql.min.css',
      'GET /explorer/assets/graphiql.min.js',
      'GET /explorer/assets/react-dom.production.min.js',
      'GET /explorer/assets/react.production.min.js',
      'GET /graphql',
      'POST /graphql',
    ]);
    expect(pageErrors).toEqual([]);
  });
});
