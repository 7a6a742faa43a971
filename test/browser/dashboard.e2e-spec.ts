/**
 * The bureau dashboard in a real browser: Chromium (test/support/browser.ts) driven by
 * playwright-core loads /dashboard on demo-like data, signs in as a provincial bureau analyst,
 * and the rate it shows must be the API's, to the digit. Screenshots go to test/artifacts/
 * (git-ignored); UPDATE_DOCS_SCREENSHOT=1 also copies one to docs/dashboard.png for the README
 * (Chinese shows in a screenshot only where a CJK font is installed; the assertions read text).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { makePlatformAdmin, PASSWORD } from '../support/factories.js';
import { buildDashboardWorld, type DashboardWorld } from './dashboard-world.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
const RATE = `query($region: String!, $period: PeriodInput!, $basis: RateBasis, $scope: LocalScope) {
  localSourcingRate(region: $region, period: $period, basis: $basis, scope: $scope) { rate byCity { key rate } target { baselineRate targetRate } } }`;

/** How the page writes a rate: percent, one decimal, half up — from the API's decimal string. */
const shown = (rate: string | null) => (rate === null ? '—' : `${new Decimal(rate).times(100).toFixed(1)} %`);

describe('bureau dashboard in chromium', () => {
  let t: TestApp;
  let world: DashboardWorld;
  let browser: Browser;
  let page: Page;
  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await makePlatformAdmin(t);
    world = await buildDashboardWorld(t, admin.token);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const origin = new URL(t.url).origin;
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) outsideRequests.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const api = async (variables: Record<string, unknown>) =>
    (await t.ok<{ localSourcingRate: { rate: string | null; byCity: { key: string; rate: string | null }[]; target: { baselineRate: string | null; targetRate: string | null } | null } }>(
      RATE, { region: '330000', period: { startYear: world.year }, ...variables }, world.bureau.token,
    )).localSourcingRate;

  it('signs in and shows the API\'s rate, target and charts', async () => {
    await page.goto(`${new URL(t.url).origin}/dashboard`);
    await page.fill('#email', world.bureau.adminEmail);
    await page.fill('#password', PASSWORD);
    await page.click('#login-button');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });

    const expected = await api({});
    expect(expected.rate).not.toBeNull();
    expect(await page.getAttribute('#rate-value', 'data-rate')).toBe(expected.rate);
    expect((await page.textContent('#rate-value'))?.trim()).toBe(shown(expected.rate));
    const targetText = await page.textContent('#target-detail');
    expect(targetText).toContain(`基准 Baseline ${world.year - 2}`);
    expect(targetText).toContain(`目标 Target: ${shown(expected.target?.targetRate ?? null)}`);
    expect(await page.textContent('#jurisdiction')).toContain('浙江省');
    // Charts are drawn (ECharts canvases), the demand-gap table is filled from the API.
    for (const id of ['gauge', 'trend', 'cities', 'categories']) expect(await page.locator(`#${id} canvas`).count()).toBeGreaterThan(0);
    const { demandGaps } = await t.ok<{ demandGaps: { categoryCode: string }[] }>(`query { demandGaps(region: "330000") { categoryCode } }`, {}, world.bureau.token);
    expect(demandGaps.map((g) => g.categoryCode).sort()).toEqual(['CHIP.SOC', 'COCKPIT.CABIN_SENSING']);
    expect(await page.locator('#gaps tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-category')))).toEqual(demandGaps.map((g) => g.categoryCode));

    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
      copyFileSync(join(ARTIFACTS, 'dashboard.png'), join(process.cwd(), 'docs', 'dashboard.png'));
    }
  });

  it('follows the controls: count basis, city scope', async () => {
    await page.selectOption('#basis', 'COUNT');
    await page.waitForSelector('body[data-ready="true"]');
    const count = await api({ basis: 'COUNT' });
    expect(await page.getAttribute('#rate-value', 'data-rate')).toBe(count.rate);
    expect((await page.textContent('#rate-value'))?.trim()).toBe(shown(count.rate));

    await page.selectOption('#scope', 'CITY');
    await page.waitForSelector('body[data-ready="true"]');
    const city = await api({ basis: 'COUNT', scope: 'CITY' });
    expect(await page.getAttribute('#rate-value', 'data-rate')).toBe(city.rate);
    expect(city.rate).not.toBe(count.rate);
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-count-city.png'), fullPage: true });
  });

  it('loads nothing from outside the service and logs no errors', () => {
    expect(outsideRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
