/**
 * The bureau's pages in the workspace, in a real browser (Chromium from test/support/browser.ts)
 * on demo-like data (dashboard-world.ts): /dashboard leads into the workspace; a provincial
 * bureau analyst signs in and sees the API's rate, to the digit; every category label is shown;
 * a city bar leads to the contracts behind it; the levers, a scenario, the pace and the leads
 * show the API's figures; the map draws every city; the quarterly report prints alone; English once. No console error, no request leaving the service.
 * Screenshots go to test/artifacts/ (git-ignored); UPDATE_DOCS_SCREENSHOT=1 copies the main
 * page's, in English, to docs/bureau.png for the README.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { makePlatformAdmin, PASSWORD } from '../support/factories.js';
import { buildDashboardWorld, type DashboardWorld } from './dashboard-world.js';
import { signIn, watchedPage, type WatchedPage } from './workspace-world.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
/** How the pages write a rate: percent, two decimals, half up. */
const shown = (rate: string | null) => (rate === null ? '—' : `${(Math.round(Number(rate) * 10000) / 100).toFixed(2)} %`);

describe('bureau pages in the workspace (chromium)', () => {
  let t: TestApp;
  let world: DashboardWorld;
  let browser: Browser;
  let w: WatchedPage;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp();
    origin = new URL(t.url).origin;
    const admin = await makePlatformAdmin(t);
    world = await buildDashboardWorld(t, admin.token);
    browser = await launchBrowser();
    w = await watchedPage(browser, origin, { width: 1280, height: 900 });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const api = <T>(query: string, variables: Record<string, unknown> = {}) => t.ok<T>(query, variables, world.bureau.token);

  it('leads /dashboard into the workspace, signs in, and shows the API\'s rate, target and every category', async () => {
    await w.page.goto(`${origin}/dashboard`);
    await signIn(w.page, origin, world.bureau.adminEmail, PASSWORD);
    if (!new URL(w.page.url()).pathname.startsWith('/bureau')) await w.page.goto(`${origin}/bureau`);
    const { localSourcingRate: r } = await api<{ localSourcingRate: { rate: string | null; byCategory: unknown[]; byCity: { key: string }[]; target: { targetRate: string } | null } }>(
      `query($p: PeriodInput!) { localSourcingRate(region: "330000", period: $p) { rate byCategory { key } byCity { key } target { targetRate } } }`, { p: { startYear: world.year } },
    );
    expect(r.rate).not.toBeNull();
    await w.page.getByTestId('rate-value').waitFor();
    expect(await w.page.getByTestId('rate-value').textContent()).toBe(shown(r.rate));
    expect(await w.page.getByText(shown(r.target?.targetRate ?? null)).count()).toBeGreaterThan(0);
    // Every category has its label (issue 17: half were hidden).
    expect(await w.page.getByTestId('by-category').getByRole('listitem').count()).toBe(r.byCategory.length);
    await w.page.screenshot({ path: join(ARTIFACTS, 'bureau-zh.png'), fullPage: true });
  });

  it('drills down from a city bar to the contracts behind it', async () => {
    const city = await w.page.getByTestId('by-city').locator('a[data-key]').first();
    const key = await city.getAttribute('data-key');
    await city.click();
    await w.page.getByTestId('contracts-table').waitFor();
    const { sourcingContracts } = await api<{ sourcingContracts: { totalCount: number } }>(
      `query($area: String!, $p: PeriodInput!) { sourcingContracts(region: "330000", period: $p, filter: { area: $area }, first: 1) { totalCount } }`, { area: key, p: { startYear: world.year } },
    );
    await w.page.getByText(`共 ${sourcingContracts.totalCount.toLocaleString('zh-CN')} 份合同`).waitFor();
    expect(await w.page.getByTestId('contracts-table').locator('tbody tr').count()).toBe(Math.min(50, sourcingContracts.totalCount));
  });

  it('shows the levers in pp and the projected rate of a scenario, as the API computes them', async () => {
    await w.page.goto(`${origin}/bureau/levers?year=${world.year}`);
    await w.page.getByTestId('lever-OPEN_REQUIREMENTS').waitFor();
    await w.page.getByTestId('lever-OPEN_REQUIREMENTS').getByRole('checkbox').first().check();
    const { sourcingScenario } = await api<{ sourcingScenario: { projectedRate: string | null } }>(
      `query($p: PeriodInput!) { sourcingScenario(region: "330000", period: $p, pick: { levers: [OPEN_REQUIREMENTS] }) { projectedRate } }`, { p: { startYear: world.year } },
    );
    await w.page.getByTestId('scenario').getByText(shown(sourcingScenario.projectedRate)).waitFor();
    await w.page.screenshot({ path: join(ARTIFACTS, 'bureau-levers-zh.png'), fullPage: true });
  });

  it('shows the pace with its method, and the leads', async () => {
    await w.page.goto(`${origin}/bureau/pace`);
    const { sourcingPace } = await api<{ sourcingPace: { note: string; method: string } }>(`query { sourcingPace(region: "330000") { note method } }`);
    await w.page.getByTestId('pace-verdict').getByText(sourcingPace.note).waitFor();
    expect(await w.page.getByTestId('pace-method').textContent()).toBe(sourcingPace.method);
    await w.page.goto(`${origin}/bureau/leads`);
    const { demandGaps } = await api<{ demandGaps: unknown[] }>(`query { demandGaps(region: "330000") { categoryCode } }`);
    await w.page.getByTestId('leads-table').locator('tbody tr').first().waitFor();
    expect(await w.page.getByTestId('leads-table').locator('tbody tr').count()).toBe(demandGaps.length);
  });

  it('draws the map of the province\'s cities from their centroids, nothing from outside', async () => {
    await w.page.goto(`${origin}/bureau/map?year=${world.year}`);
    const { sourcingMap } = await api<{ sourcingMap: { areas: { lat: number | null }[] } }>(
      `query($p: PeriodInput!) { sourcingMap(region: "330000", period: $p) { areas { lat } } }`, { p: { startYear: world.year } },
    );
    await w.page.getByTestId('map').waitFor();
    expect(await w.page.getByTestId('map').locator('a').count()).toBe(sourcingMap.areas.filter((a) => a.lat !== null).length);
    await w.page.screenshot({ path: join(ARTIFACTS, 'bureau-map-zh.png'), fullPage: true });
  });

  it('prints the quarterly report alone: the quarter\'s rate as the API gives it, no menu', async () => {
    const quarter = 2;
    await w.page.goto(`${origin}/bureau/report?year=${world.year}&quarter=${quarter}`);
    const { localSourcingRate } = await api<{ localSourcingRate: { rate: string | null } }>(
      `query($p: PeriodInput!) { localSourcingRate(region: "330000", period: $p) { rate } }`, { p: { startYear: world.year, startQuarter: quarter, endQuarter: quarter } },
    );
    await w.page.getByTestId('report').getByText(shown(localSourcingRate.rate)).first().waitFor();
    await w.page.emulateMedia({ media: 'print' });
    expect(await w.page.getByTestId('report').isVisible()).toBe(true);
    expect(await w.page.getByRole('button', { name: '打印 / 另存为 PDF' }).isVisible()).toBe(false);
    await w.page.screenshot({ path: join(ARTIFACTS, 'bureau-report-print.png'), fullPage: true });
    await w.page.emulateMedia({ media: 'screen' });
  });

  it('reads in English too', async () => {
    await w.page.goto(`${origin}/bureau`);
    await w.page.getByText('English', { exact: true }).click();
    await w.page.getByRole('heading', { name: 'Local sourcing rate' }).waitFor();
    await w.page.getByText('By part category').waitFor();
    await w.page.screenshot({ path: join(ARTIFACTS, 'bureau-en.png'), fullPage: true });
    // The README's picture is the English page: this machine's Chromium has no CJK font, so Chinese would show as boxes.
    if (process.env.UPDATE_DOCS_SCREENSHOT) copyFileSync(join(ARTIFACTS, 'bureau-en.png'), join(process.cwd(), 'docs', 'bureau.png'));
  });

  it('loads nothing from outside the service and logs no errors', () => {
    expect(w.outsideRequests).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
