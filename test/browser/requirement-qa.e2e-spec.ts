/**
 * A requirement's questions and attachments in the workspace (web/src/components/requirement/),
 * in Chromium (test/support/browser.ts), each user in a session of its own: the buyer uploads a
 * drawing; an invited supplier downloads it and asks a question; the buyer sees who asked and
 * publishes the answer; another invited supplier, in English, reads the question and the answer
 * without the asker's name. Nothing is loaded from outside the service; no console error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { OrganizationKind } from '../../src/organizations/organization.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { launchBrowser } from '../support/browser.js';
import { makeOrganization, makePlatformAdmin, makeRequirement, makeSite, PASSWORD, type MadeOrganization } from '../support/factories.js';
import { signIn, watchedPage, type WatchedPage } from './workspace-world.js';

const DRAWING = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('web workspace: a requirement\'s questions and attachments', () => {
  let t: TestApp;
  let origin: string;
  let dataDir: string;
  let browser: Browser;
  let buyer: MadeOrganization;
  let asker: MadeOrganization;
  let other: MadeOrganization;
  let requirementId: string;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'zlt-qa-browser-'));
    t = await startTestApp({ env: { DATA_DIR: dataDir } });
    origin = new URL(t.url).origin;
    const admin = await makePlatformAdmin(t);
    buyer = await makeOrganization(t, admin.token, OrganizationKind.OEM, { legalName: '甬湾汽车制造有限公司' });
    asker = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '萧山线控制动有限公司' });
    other = await makeOrganization(t, admin.token, OrganizationKind.SUPPLIER, { legalName: '北仑底盘科技有限公司' });
    requirementId = (await makeRequirement(t, buyer.token, await makeSite(t, buyer.token, '330206'), { title: '线控制动 EHB 总成' })).id;
    await t.ok(`mutation($input: InviteSuppliersInput!) { inviteSuppliers(input: $input) { id } }`, { input: { requirementId, supplierIds: [asker.id, other.id] } }, buyer.token);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const session = async (email: string, locale = 'zh-CN') => {
    const w = await watchedPage(browser, origin, { locale });
    pages.push(w);
    if (locale !== 'zh-CN') await w.page.addInitScript(`window.localStorage.setItem('zlt.locale', ${JSON.stringify(locale)})`);
    await signIn(w.page, origin, email, PASSWORD);
    return w;
  };

  it('lets the buyer attach a drawing to its requirement', async () => {
    const { page } = await session(buyer.adminEmail);
    await page.goto(`${origin}/buyer/requirements/${requirementId}/qa`);
    await page.getByText('线控制动 EHB 总成').waitFor();
    await page.locator('[data-testid="document-file"]').setInputFiles({ name: '制动卡钳总成图.pdf', mimeType: 'application/pdf', buffer: DRAWING });
    await page.locator('[data-testid="document-name"]', { hasText: '制动卡钳总成图.pdf' }).waitFor();
    expect(await page.locator('[data-testid="document"]').count()).toBe(1);
    expect(await page.locator('[data-testid="requirement-documents"]').textContent()).toContain('application/pdf');
  });

  it('lets an invited supplier download the drawing and ask a question', async () => {
    const { page } = await session(asker.adminEmail);
    await page.goto(`${origin}/supplier/requirements/${requirementId}/qa`);
    await page.locator('[data-testid="document-name"]', { hasText: '制动卡钳总成图.pdf' }).waitFor();
    // A supplier downloads, and attaches nothing.
    expect(await page.locator('#upload-document').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 制动卡钳总成图.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('制动卡钳总成图.pdf');
    const saved = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of saved) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(DRAWING)).toBe(true);

    await page.getByLabel('向采购方提问').fill('制动响应时间 150 ms 是否包含 ABS 介入？');
    await page.locator('#ask-question-submit').click();
    await page.locator('[data-testid="question-text"]', { hasText: '是否包含 ABS 介入' }).waitFor();
    expect(await page.locator('[data-testid="question-mine"]').textContent()).toBe('我方提问');
    expect(await page.locator('[data-testid="question"]').textContent()).toContain('待回答');
  });

  it('shows the buyer who asked, and publishes the answer', async () => {
    const { page } = pages[0];
    await page.reload();
    const question = page.locator('[data-testid="question"]');
    await question.waitFor();
    expect(await question.textContent()).toContain('提问方：萧山线控制动有限公司');
    await page.getByLabel('回答').fill('不包含，ABS 介入另计。');
    await page.getByRole('button', { name: '回答并公开给所有参与的供应商（不显示提问方）' }).click();
    await page.locator('[data-testid="question-answer"]', { hasText: '不包含，ABS 介入另计。' }).waitFor();
    expect(await question.textContent()).toContain('已公开');
  });

  it('shows the published answer to another invited supplier, in English, without the asker', async () => {
    const { page } = await session(other.adminEmail, 'en-US');
    await page.goto(`${origin}/supplier/requirements/${requirementId}/qa`);
    await page.locator('[data-testid="question-answer"]', { hasText: '不包含，ABS 介入另计。' }).waitFor();
    const text = await page.locator('[data-testid="requirement-questions"]').textContent();
    expect(text).toContain('Published');
    expect(text).toContain('是否包含 ABS 介入');
    expect(text).not.toContain('萧山线控制动');
    expect(await page.locator('[data-testid="question-mine"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ask' }).count()).toBe(1);
  });

  it('loads nothing from outside the service and logs no errors', async () => {
    for (const w of pages) {
      expect(w.outsideRequests).toEqual([]);
      expect(w.errors).toEqual([]);
      await w.context.close();
    }
  });
});
