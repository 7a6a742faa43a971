/**
 * The workspace's inbox in Chromium: the unread badge in the header, the inbox page listing the
 * user's notices in the workspace's language, marking one read and then all (the badge follows
 * without a reload). Nothing is loaded from outside the service; no console error.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { OrganizationKind } from '../../src/organizations/organization.entity.js';
import { NotificationWorker } from '../../src/notifications/notification-worker.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { makeOrganization, makePlatformAdmin, makeRequirement, makeSite, PASSWORD, type MadeOrganization } from '../support/factories.js';
import { signIn, watchedPage, type WatchedPage } from './workspace-world.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');

describe('web workspace: the inbox and its unread badge', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let buyer: MadeOrganization;
  let supplier: MadeOrganization;
  let w: WatchedPage;

  beforeAll(async () => {
    t = await startTestApp();
    origin = new URL(t.url).origin;
    const admin = await makePlatformAdmin(t);
    buyer = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '甬湾汽车制造有限公司' });
    supplier = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '钱塘线控科技有限公司' });
    const site = await makeSite(t, buyer.token, '330206');
    for (const title of ['收件箱需求一', '收件箱需求二', '收件箱需求三']) {
      const { id } = await makeRequirement(t, buyer.token, site, { title });
      await t.ok(`mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`, { input: { requirementId: id, supplierIds: [supplier.id] } }, buyer.token);
    }
    await t.app.get(NotificationWorker).drain();
    browser = await launchBrowser();
    w = await watchedPage(browser, origin);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const badge = () => w.page.locator('[data-testid="notification-badge"]');
  const badgeCount = async (expected: string) => {
    await w.page.locator(`[data-testid="notification-badge"][data-count="${expected}"]`).waitFor({ timeout: 15_000 });
    return badge().getAttribute('data-count');
  };

  it('shows the unread count in the header and the notices, newest first, on the inbox page', async () => {
    await signIn(w.page, origin, supplier.adminEmail, PASSWORD);
    expect(await badgeCount('3')).toBe('3');
    expect(await badge().getAttribute('aria-label')).toBe('通知：3 条未读');
    await badge().click();
    await w.page.locator('[data-testid="notification"]').first().waitFor();
    expect(new URL(w.page.url()).pathname).toBe('/inbox');
    const items = w.page.locator('[data-testid="notification"]');
    expect(await items.count()).toBe(3);
    expect(await items.first().textContent()).toContain('邀请报价：「收件箱需求三」');
    expect(await w.page.locator('[data-testid="inbox-unread"]').textContent()).toBe('3 条未读');
    await w.page.screenshot({ path: join(ARTIFACTS, 'inbox-zh.png'), fullPage: true });
  });

  it('marks one read, then all, and the badge follows', async () => {
    await w.page.locator('[data-testid="notification"][data-unread="true"]').first().getByRole('button', { name: '标为已读' }).click();
    expect(await badgeCount('2')).toBe('2');
    await w.page.locator('[data-testid="notification"][data-unread="false"]').first().waitFor();
    await w.page.getByRole('button', { name: '全部标为已读' }).click();
    expect(await badgeCount('0')).toBe('0');
    await w.page.locator('[data-testid="inbox-unread"]').filter({ hasText: '0 条未读' }).waitFor();
    expect(await w.page.locator('[data-testid="notification"][data-unread="true"]').count()).toBe(0);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.organization_id = $1 AND n.read_at IS NULL`, [supplier.id]);
    expect(n).toBe(0);
  });

  it('shows the notices in English when the workspace is in English', async () => {
    await w.page.getByText('English', { exact: true }).click();
    await w.page.locator('[data-testid="notification"]').filter({ hasText: 'Invitation to quote: "收件箱需求三"' }).waitFor();
    expect(await w.page.locator('[data-testid="inbox-unread"]').textContent()).toBe('0 unread');
    expect(w.errors).toEqual([]);
    expect(w.outsideRequests).toEqual([]);
  });
});
