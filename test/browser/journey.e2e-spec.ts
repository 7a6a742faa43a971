/**
 * The main journey in the workspace, on a fresh demo database (seeds/demo.ts), each party in
 * its own browser session: a buyer posts a by-wire chassis requirement and publishes it, sees
 * local suppliers ranked first, invites the first two; each supplier quotes from its own
 * session (one in Chinese, one in English); the buyer compares the quotes and awards one —
 * with a double click on the confirmation, which makes one contract, not two; the bureau's
 * provincial figure moves by exactly the contract's value. Nothing leaves the service, no
 * console error. UPDATE_DOCS_SCREENSHOT=1 copies the buyer's and supplier's main pages to docs/.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import type { Browser, Page } from 'playwright-core';
import { seedDemoIfEmpty, type DemoLogin } from '../../seeds/demo.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { login } from '../support/factories.js';
import { signIn, watchedPage, type WatchedPage } from './workspace-world.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');
const LOCAL_TIERS = ['SAME_COUNTY', 'SAME_CITY', 'SAME_PROVINCE'];
const TITLE = '线控制动系统 EHB one-box（浏览器测试）';

const RATE = `query($year: Int!) { localSourcingRate(region: "330000", period: { startYear: $year }) { numerator denominator contracts } }`;
const MATCHES = `query($id: ID!) { matchesForRequirement(requirementId: $id, first: 50) { edges { node { supplierId supplierName tier eligible site { id name } } } } }`;

function screenshotToDocs(name: string): void {
  if (!process.env.UPDATE_DOCS_SCREENSHOT) return;
  mkdirSync(join(process.cwd(), 'docs'), { recursive: true });
  copyFileSync(join(ARTIFACTS, name), join(process.cwd(), 'docs', name));
}

/** Chooses an option of an antd Select from the keyboard: type to filter, wait for the option, Enter takes the first one shown. */
async function choose(page: Page, selectId: string, search: string, optionText: string): Promise<void> {
  const input = page.locator(`#${selectId}`);
  await input.click();
  await input.fill(search);
  await page.locator(`[id="${selectId}_list"] ~ * .ant-select-item-option, .ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option`, { hasText: optionText }).first().waitFor();
  await input.press('Enter');
  await page.locator(`[title*="${optionText}"]`).first().waitFor();
}

describe('the main journey in the workspace', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let logins: DemoLogin[];
  const pages: WatchedPage[] = [];
  const year = new Date().getFullYear();
  let requirementId = '';
  let invited: { supplierId: string; supplierName: string; tier: string; site: { id: string; name: string } }[] = [];

  const emailOf = (organization: string) => {
    const found = logins.find((l) => l.organization === organization);
    if (!found) throw new Error(`no demo login for ${organization}`);
    return found;
  };

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await seedDemoIfEmpty(t.app);
    if (!seeded) throw new Error('the demo data was not loaded');
    logins = seeded;
    origin = new URL(t.url).origin;
    browser = await launchBrowser();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a buyer posts a by-wire chassis requirement and publishes it', async () => {
    const buyer = await watchedPage(browser, origin);
    pages.push(buyer);
    const page = buyer.page;
    await signIn(page, origin, 'buyer@yongwan.example', 'demo-password-2026');
    await page.locator('#new-requirement').click();
    await page.locator('#requirement_title').fill(TITLE);
    await choose(page, 'requirement_categoryCode', 'BRAKE_BY_WIRE', 'CHASSIS.BRAKE_BY_WIRE');
    await page.locator('#requirement_deliverySiteId').click();
    await page.locator('#requirement_deliverySiteId').press('Enter');
    await page.locator('#requirement_annualVolume').fill('120000');
    await page.locator('#requirement_targetUnitPrice').fill('1850.00');
    await page.locator('#requirement_sopDate').fill(`${year + 2}-03-01`);
    await page.locator('#requirement_quoteDeadline').fill(`${year + 1}-06-30T17:00`);
    await page.locator('#requirement_description').fill('One-box 电子液压制动，C 级纯电平台');
    await page.getByRole('button', { name: '添加规格' }).click();
    await page.getByLabel('参数').first().fill('制动响应时间');
    await page.getByLabel('数值').first().fill('150 ms');
    await page.getByRole('button', { name: '添加资质要求' }).click();
    await choose(page, 'requirement_requiredCertifications_0_typeCode', 'IATF', 'IATF');
    await page.locator('#save-requirement').click();
    await page.locator('#publish-requirement').waitFor();
    requirementId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(requirementId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('DRAFT');

    await page.locator('#publish-requirement').click();
    await page.locator('#confirm-publish').click();
    await page.locator('[data-status="OPEN"]').first().waitFor();
  });

  it('the buyer sees local suppliers first, with the five factors, and invites the first two', async () => {
    const page = pages[0].page;
    await page.getByRole('tab', { name: '匹配供应商' }).click();
    const table = page.locator('[data-testid="matches-table"]');
    await table.locator('tbody tr[data-supplier]').first().waitFor();
    const buyerToken = await login(t, 'buyer@yongwan.example', 'demo-password-2026');
    const api = (await t.ok<{ matchesForRequirement: { edges: { node: { supplierId: string; supplierName: string; tier: string; eligible: boolean; site: { id: string; name: string } } }[] } }>(MATCHES, { id: requirementId }, buyerToken)).matchesForRequirement.edges.map((e) => e.node);
    expect(api.length).toBeGreaterThanOrEqual(2);
    // The page shows the API's ranking, and it starts with suppliers in the buyer's province.
    const shown = await table.locator('tbody tr[data-supplier]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-supplier'), r.getAttribute('data-tier')]));
    expect(shown).toEqual(api.map((m) => [m.supplierId, m.tier ?? '']));
    expect(LOCAL_TIERS).toContain(shown[0][1]);
    expect(LOCAL_TIERS).toContain(shown[1][1]);
    // The reasons behind a score: five factors, each with its bar and its reason in words.
    await table.locator('tbody tr[data-supplier]').first().getByRole('button', { name: '评分依据' }).click();
    const factors = page.locator('[data-factor]');
    expect(await factors.count()).toBe(5);
    expect(await factors.evaluateAll((items) => items.map((i) => i.getAttribute('data-factor')).sort())).toEqual(['capacity', 'certification', 'designation', 'fit', 'locality']);
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-buyer-matches-zh.png'), fullPage: true });

    // The two best ranked suppliers that have a demo login (the generated ones have none), so that each can sign in.
    invited = api.filter((m) => logins.some((l) => l.organization === m.supplierName)).slice(0, 2);
    expect(invited).toHaveLength(2);
    for (const supplier of invited) await table.locator(`tr[data-supplier="${supplier.supplierId}"]`).getByRole('checkbox').check();
    await page.locator('#invite-suppliers').click();
    await table.locator(`tr[data-supplier="${invited[1].supplierId}"]`).getByText('已邀请').waitFor();
    const { quoteInvitations } = await t.ok<{ quoteInvitations: { supplierId: string }[] }>(`query($id: ID!) { quoteInvitations(requirementId: $id) { supplierId } }`, { id: requirementId }, buyerToken);
    expect(quoteInvitations.map((i) => i.supplierId).sort()).toEqual(invited.map((s) => s.supplierId).sort());
  });

  it('each invited supplier quotes from its own session, one in Chinese and one in English', async () => {
    const prices = ['1725.50', '1790.00'];
    for (const [index, supplier] of invited.entries()) {
      const session = await watchedPage(browser, origin);
      pages.push(session);
      const page = session.page;
      if (index === 1) {
        await page.goto(`${origin}/login`);
        await page.getByText('English', { exact: true }).click();
      }
      await signIn(page, origin, emailOf(supplier.supplierName).email, 'demo-password-2026');
      await page.locator('nav [data-menu="/supplier/invitations"]').click();
      const row = page.locator(`[data-testid="invitations-table"] tr[data-requirement="${requirementId}"]`);
      await row.getByRole('link', { name: TITLE }).click();
      await page.locator('#quote_unitPrice').waitFor();
      await choose(page, 'quote_siteId', supplier.site.name.slice(0, 2), supplier.site.name);
      await page.locator('#quote_unitPrice').fill(prices[index]);
      await page.locator('#quote_volume').fill('120000');
      await page.locator('#quote_leadTimeDays').fill('90');
      await page.locator('#quote_validUntil').fill(`${year + 1}-12-31`);
      await page.locator('#submit-quote').click();
      await page.locator('[data-testid="current-quote"]').waitFor();
      expect(await page.locator('[data-testid="current-quote"]').textContent()).toContain(index === 0 ? '1,725.5' : '1,790');
      if (index === 1) {
        expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
        await page.locator('nav [data-menu="/supplier/opportunities"]').click();
        await page.locator('[data-testid="opportunities-table"] tbody tr').first().waitFor();
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Requirements ranked for you');
        await page.screenshot({ path: join(ARTIFACTS, 'workspace-supplier-opportunities.png'), fullPage: true });
        screenshotToDocs('workspace-supplier-opportunities.png');
      }
    }
  });

  it('the buyer compares the quotes and awards one; a double click makes one contract', async () => {
    const bureauToken = await login(t, 'analyst@zj-bureau.example', 'demo-password-2026');
    const before = (await t.ok<{ localSourcingRate: { numerator: string; denominator: string; contracts: number } }>(RATE, { year }, bureauToken)).localSourcingRate;

    const page = pages[0].page;
    await page.getByRole('tab', { name: '报价比较' }).click();
    const table = page.locator('[data-testid="quotes-table"]');
    await table.locator('tbody tr[data-quote]').nth(1).waitFor();
    expect(await table.locator('tbody tr[data-quote]').count()).toBe(2);
    // Sorted by unit price by default: the cheaper quote first.
    const first = table.locator('tbody tr[data-quote]').first();
    expect(await first.getAttribute('data-supplier')).toBe(invited[0].supplierId);
    await first.locator('[data-award]').click();
    const confirm = page.locator('#confirm-award');
    await confirm.waitFor();
    await confirm.dblclick();
    await page.locator('[data-status="AWARDED"]').first().waitFor();

    const buyerToken = await login(t, 'buyer@yongwan.example', 'demo-password-2026');
    const { contracts } = await t.ok<{ contracts: { totalCount: number; edges: { node: { totalValue: string; supplierOrganizationId: string } }[] } }>(
      `query($id: ID!) { contracts(first: 5, filter: { requirementId: $id }) { totalCount edges { node { totalValue supplierOrganizationId } } } }`,
      { id: requirementId },
      buyerToken,
    );
    expect(contracts.totalCount).toBe(1);
    const contract = contracts.edges[0].node;
    expect(contract.supplierOrganizationId).toBe(invited[0].supplierId);

    // The bureau's provincial figure moved by exactly the contract's value, on both sides of the
    // rate: the supplier awarded is in the province (the best ranked with a demo login).
    expect(LOCAL_TIERS).toContain(invited[0].tier);
    const after = (await t.ok<{ localSourcingRate: { numerator: string; denominator: string; contracts: number } }>(RATE, { year }, bureauToken)).localSourcingRate;
    expect(after.contracts).toBe(before.contracts + 1);
    expect(new Decimal(after.denominator).minus(before.denominator).toFixed(2)).toBe(new Decimal(contract.totalValue).toFixed(2));
    expect(new Decimal(after.numerator).minus(before.numerator).toFixed(2)).toBe(new Decimal(contract.totalValue).toFixed(2));

    await page.locator('nav [data-menu="/buyer/contracts"]').click();
    await page.locator(`[data-testid="contracts-table"] [data-total="${contract.totalValue}"]`).waitFor();

    // The buyer's main pages once more in English, for the README (the browser has no CJK font: see docs/).
    await page.getByText('English', { exact: true }).click();
    await page.goto(`${origin}/buyer/requirements/${requirementId}?tab=matches`);
    await page.locator('[data-testid="matches-table"] tbody tr[data-supplier]').first().waitFor();
    expect(await page.getByRole('tab', { name: 'Matches' }).count()).toBe(1);
    await page.locator('[data-testid="matches-table"] tbody tr[data-supplier]').first().getByRole('button', { name: 'Why this score' }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-buyer-matches.png'), fullPage: true });
    screenshotToDocs('workspace-buyer-matches.png');
    await page.goto(`${origin}/buyer/requirements/${requirementId}?tab=quotes`);
    await page.locator('[data-testid="quotes-table"] tbody tr[data-quote]').nth(1).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'workspace-buyer-quotes.png'), fullPage: true });
    screenshotToDocs('workspace-buyer-quotes.png');
  });

  it('loads nothing from outside the service and logs no errors, in any session', () => {
    expect(pages.length).toBe(3);
    for (const session of pages) {
      expect(session.outsideRequests).toEqual([]);
      expect(session.errors).toEqual([]);
    }
  });
});
