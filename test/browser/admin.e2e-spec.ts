/**
 * The platform admin's journey in the web workspace (Chromium from test/support/browser.ts):
 * two organisations sign up through the API; the admin works the verification queue — verifies
 * one and refuses the other, each with a reason, a blank reason refused on its field — then adds a
 * search synonym group that searches use at once, and removes it. In Chinese, then the queue in
 * English. Nothing is loaded from outside the service; no console error.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { makePlatformAdmin, nextCreditCode, PASSWORD, uniqueEmail } from '../support/factories.js';
import { signIn, watchedPage, type WatchedPage } from './workspace-world.js';

const ARTIFACTS = join(process.cwd(), 'test', 'artifacts');

describe('web workspace: the platform admin', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let admin: { token: string; email: string };
  let w: WatchedPage;

  async function register(legalName: string): Promise<string> {
    const data = await t.ok<{ register: { user: { organization: { id: string } } } }>(
      `mutation($input: RegisterInput!) { register(input: $input) { user { organization { id } } } }`,
      { input: { email: uniqueEmail('signup'), password: PASSWORD, displayName: '注册人', organizationKind: 'SUPPLIER', legalName, creditCode: nextCreditCode('330200') } },
    );
    return data.register.user.organization.id;
  }

  async function organization(id: string): Promise<{ verified: boolean; verificationRefused: boolean }> {
    const data = await t.ok<{ organization: { verified: boolean; verificationRefused: boolean } }>(`query($id: ID!) { organization(id: $id) { verified verificationRefused } }`, { id }, admin.token);
    return data.organization;
  }

  beforeAll(async () => {
    t = await startTestApp();
    origin = new URL(t.url).origin;
    admin = await makePlatformAdmin(t);
    browser = await launchBrowser();
    w = await watchedPage(browser, origin);
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('verifies one organisation of the queue and refuses another, each with a reason', async () => {
    const good = await register('甬江精密制动科技有限公司');
    const bad = await register('查无此厂有限公司');
    await signIn(w.page, origin, admin.email, PASSWORD);
    await w.page.locator('nav [data-menu="/admin/verification"]').click();
    await w.page.getByText('甬江精密制动科技有限公司').waitFor();
    expect(await w.page.locator('[data-testid="verification-count"]').textContent()).toBe('2 家等待认证');

    await w.page.getByRole('button', { name: '认证 甬江精密制动科技有限公司' }).click();
    // A blank reason is refused on the field, before anything is sent.
    await w.page.locator('#verification-confirm').click();
    await w.page.locator('#verification_reason_help').waitFor();
    await w.page.getByLabel('理由').fill('信用代码与营业执照一致，已电话核实');
    await w.page.locator('#verification-confirm').click();
    await w.page.getByText('已认证 甬江精密制动科技有限公司').waitFor();
    await w.page.locator('[data-testid="verification-count"]', { hasText: '1 家等待认证' }).waitFor();
    expect(await organization(good)).toEqual({ verified: true, verificationRefused: false });

    await w.page.getByRole('button', { name: '拒绝 查无此厂有限公司' }).click();
    await w.page.getByLabel('理由').fill('营业执照与信用代码不符');
    await w.page.locator('#verification-confirm').click();
    await w.page.locator('[data-testid="verification-count"]', { hasText: '队列已清空' }).waitFor();
    expect(await organization(bad)).toEqual({ verified: false, verificationRefused: true });
    await w.page.screenshot({ path: join(ARTIFACTS, 'workspace-admin-verification-zh.png') });
  });

  it('adds a synonym group that searches use at once, and removes it', async () => {
    await w.page.locator('nav [data-menu="/admin/synonyms"]').click();
    await w.page.locator('[data-testid="synonym-group"]').first().waitFor();
    const before = await w.page.locator('[data-testid="synonym-group"]').count();
    await w.page.getByLabel('词语').fill('一体化压铸， giga casting');
    await w.page.locator('#synonyms-add').click();
    await w.page.getByText('已添加').waitFor();
    await w.page.locator('[data-testid="synonym-group"]', { hasText: 'giga casting' }).waitFor();
    expect(await w.page.locator('[data-testid="synonym-group"]').count()).toBe(before + 1);
    const listed = await t.ok<{ searchSynonyms: { terms: string[] }[] }>(`{ searchSynonyms { terms } }`, {}, admin.token);
    expect(listed.searchSynonyms.map((g) => g.terms)).toContainEqual(['一体化压铸', 'giga casting']);

    await w.page.getByRole('button', { name: '删除 一体化压铸 / giga casting' }).click();
    await w.page.getByRole('button', { name: '确认删除 一体化压铸 / giga casting' }).click();
    await w.page.getByText('已删除').waitFor();
    await w.page.locator('[data-testid="synonym-group"]', { hasText: 'giga casting' }).waitFor({ state: 'detached' });
    const after = await t.ok<{ searchSynonyms: { terms: string[] }[] }>(`{ searchSynonyms { terms } }`, {}, admin.token);
    expect(after.searchSynonyms.map((g) => g.terms)).not.toContainEqual(['一体化压铸', 'giga casting']);
  });

  it('shows the queue in English', async () => {
    await register('Qiantang Sensor Co., Ltd.');
    await w.page.getByText('English', { exact: true }).click();
    await w.page.locator('nav [data-menu="/admin/verification"]').click();
    await w.page.getByRole('heading', { name: 'Organisations awaiting verification' }).waitFor();
    await w.page.locator('[data-testid="verification-count"]', { hasText: 'Waiting: 1' }).waitFor();
    await w.page.getByRole('button', { name: 'Verify Qiantang Sensor Co., Ltd.' }).waitFor();
    await w.page.screenshot({ path: join(ARTIFACTS, 'workspace-admin-verification-en.png') });
  });

  it('loads nothing from outside the service and logs no errors', () => {
    expect(w.outsideRequests).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
