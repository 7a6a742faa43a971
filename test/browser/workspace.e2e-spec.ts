/**
 * The web workspace in Chromium (test/support/browser.ts): signing in and out in Chinese and
 * in English (the choice survives a reload), the role's own menu and home page, a page of
 * another role refused in words that name the user's role, an API error shown on the form
 * field it names, in the chosen language. Nothing is loaded from outside the service; no
 * console error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { OrganizationKind } from '../../src/organizations/organization.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { addCertification, daysFromNow, makeOrganization, makePlatformAdmin, makeSite, nextCreditCode, PASSWORD, type MadeOrganization } from '../support/factories.js';
import { signIn, signOut, watchedPage, type WatchedPage } from './workspace-world.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');

describe('web workspace: sign-in, languages, roles', () => {
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
    browser = await launchBrowser();
    w = await watchedPage(browser, origin);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a visitor to the sign-in page, in Chinese by default', async () => {
    await w.page.goto(`${origin}/`);
    await w.page.locator('#login-submit').waitFor();
    expect(new URL(w.page.url()).pathname).toBe('/login');
    expect(await w.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await w.page.getByLabel('电子邮箱').count()).toBe(1);
    expect(await w.page.getByLabel('密码').count()).toBe(1);
    // Nothing of a signed-in session shows before sign-in.
    expect(await w.page.locator('#sign-out').count()).toBe(0);
  });

  it('says a wrong password in Chinese, then signs the buyer in to the buyer\'s workspace', async () => {
    await w.page.locator('#login_email').fill(buyer.adminEmail);
    await w.page.locator('#login_password').fill('not the password at all');
    await w.page.locator('#login-submit').click();
    const alert = w.page.locator('[data-error-code="UNAUTHENTICATED"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('邮箱或密码不正确');

    await signIn(w.page, origin, buyer.adminEmail, PASSWORD);
    expect(await w.page.locator('[data-testid="current-organization"]').textContent()).toBe('甬湾汽车制造有限公司');
    expect(await w.page.locator('[data-testid="current-role"]').textContent()).toBe('整车企业采购');
    expect(new URL(w.page.url()).pathname).toBe('/buyer/requirements');
    expect(await w.page.locator('nav [data-menu="/buyer/requirements"]').textContent()).toBe('采购需求');
    expect(await w.page.locator('body').textContent()).not.toMatch(/Bureau analysts only/);
    await w.page.screenshot({ path: join(ARTIFACTS, 'workspace-buyer-zh.png') });
  });

  it('refuses a page of another role by naming the user\'s own, and keeps deep links', async () => {
    await w.page.goto(`${origin}/bureau`);
    await w.page.getByText('此页面不属于您的角色').waitFor();
    expect(await w.page.locator('body').textContent()).toContain('您以整车企业采购身份登录');
    await w.page.goto(`${origin}/no/such/page`);
    await w.page.getByText('页面不存在').waitFor();
  });

  it('shows the API\'s field error on the field it names, in the chosen language', async () => {
    await w.page.goto(`${origin}/account`);
    await w.page.locator('[data-testid="account-email"]').waitFor();
    expect(await w.page.locator('[data-testid="account-email"]').textContent()).toBe(buyer.adminEmail);
    await w.page.getByLabel('当前密码').fill('wrong current password');
    await w.page.getByLabel('新密码', { exact: true }).fill('a brand new password 2026');
    await w.page.getByLabel('确认新密码').fill('a brand new password 2026');
    await w.page.getByRole('button', { name: '保存新密码' }).click();
    const explain = w.page.locator('#change-password_currentPassword_help');
    await explain.waitFor();
    expect(await explain.textContent()).toBe('当前密码不正确');
    await signOut(w.page);
  });

  it('switches to English, remembers it across a reload, and signs a supplier in', async () => {
    await w.page.getByText('English', { exact: true }).click();
    await w.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await w.page.reload();
    await w.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await w.page.locator('html').getAttribute('lang')).toBe('en-US');
    expect(await w.page.getByLabel('E-mail').count()).toBe(1);

    await signIn(w.page, origin, supplier.adminEmail, PASSWORD);
    expect(await w.page.locator('[data-testid="current-role"]').textContent()).toBe('Supplier');
    expect(await w.page.locator('[data-testid="current-organization"]').textContent()).toBe('钱塘线控科技有限公司');
    expect(new URL(w.page.url()).pathname).toBe('/supplier/opportunities');
    expect(await w.page.locator('nav [data-menu="/supplier/opportunities"]').textContent()).toBe('Opportunities');

    await w.page.goto(`${origin}/account`);
    await w.page.getByLabel('Current password').fill('wrong current password');
    await w.page.getByLabel('New password', { exact: true }).fill('a brand new password 2026');
    await w.page.getByLabel('Confirm the new password').fill('a brand new password 2026');
    await w.page.getByRole('button', { name: 'Save the new password' }).click();
    const explain = w.page.locator('#change-password_currentPassword_help');
    await explain.waitFor();
    expect(await explain.textContent()).toBe('is not your current password');
    await w.page.screenshot({ path: join(ARTIFACTS, 'workspace-supplier-en.png') });
  });

  it('warns a supplier of a certificate that expires within 90 days, not of one valid for longer', async () => {
    await addCertification(t, supplier.token, { typeCode: 'IATF_16949', validFrom: '2024-01-01', validUntil: daysFromNow(30) });
    await addCertification(t, supplier.token, { typeCode: 'ISO_14001', validFrom: '2024-01-01', validUntil: daysFromNow(400) });
    await w.page.locator('nav [data-menu="/supplier/profile"]').click();
    const warning = w.page.locator('[data-testid="expiry-warning"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('1 certificate has expired or expires within the next 90 days');
    expect(await w.page.locator('tr[data-certification="IATF_16949"]').textContent()).toContain('Expires in 30 days');
    expect(await w.page.locator('tr[data-certification="ISO_14001"]').textContent()).toContain('Valid');
    await signOut(w.page);
  });

  it('records existing contracts from a CSV file, listing the rows it refused by line and column', async () => {
    const plant = await makeSite(t, buyer.token, '330282', '前湾工厂');
    expect(plant).toBeTruthy();
    const header = 'reference,buyer_plant,supplier_credit_code,supplier_name,supplier_plant,supplier_region_code,category_code,total_value,volume,signed_date';
    const good = `HT-2026-001,前湾工厂,${nextCreditCode('330109')},萧山测试制动有限公司,萧山工厂,330109,CHASSIS.BRAKE_BY_WIRE,1200000.00,600,2026-01-15`;
    const bad = `HT-2026-002,前湾工厂,${nextCreditCode('330109')},萧山测试制动有限公司,萧山工厂,330109,NOT.A.CATEGORY,1200000.00,600,2026-01-15`;
    const file = join(ARTIFACTS, 'contracts-upload.csv');
    writeFileSync(file, [header, good, bad].join('\n') + '\n');
    const session = await watchedPage(browser, origin);
    await signIn(session.page, origin, buyer.adminEmail, PASSWORD);
    await session.page.locator('nav [data-menu="/buyer/contracts"]').click();
    await session.page.locator('#record-contracts').click();
    await session.page.getByText('CSV 批量导入').click();
    await session.page.locator('#contracts-csv').setInputFiles(file);
    const report = session.page.locator('[data-testid="import-report"]');
    await report.waitFor();
    expect(await report.textContent()).toContain('共 2 行：新录入 1，未变 0，有误 1');
    const refused = report.locator('tr[data-line="3"]');
    expect(await refused.textContent()).toContain('category_code');
    await session.context.close();
    expect(session.errors).toEqual([]);
    expect(session.outsideRequests).toEqual([]);
  });

  it('fits a 390 px wide phone: the menu opens from a button', async () => {
    const phone = await watchedPage(browser, origin, { width: 390, height: 844 });
    await signIn(phone.page, origin, buyer.adminEmail, PASSWORD);
    expect(await phone.page.locator('.zlt-sider').count()).toBe(0);
    await phone.page.getByRole('button', { name: '菜单' }).click();
    await phone.page.locator('.ant-drawer nav [data-menu="/buyer/requirements"]').waitFor();
    const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'workspace-buyer-phone.png') });
    await phone.context.close();
    expect(phone.outsideRequests).toEqual([]);
    expect(phone.errors).toEqual([]);
  });

  it('loads nothing from outside the service and logs no errors', () => {
    expect(w.outsideRequests).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
