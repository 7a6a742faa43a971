/**
 * What the workspace's browser tests share: a page that records every request leaving the
 * service and every console error, and helpers to sign in through the form.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Requests to anywhere but the service (data: and blob: URLs are the page's own). */
  outsideRequests: string[];
  /** Console errors and uncaught exceptions. */
  errors: string[];
}

export async function watchedPage(browser: Browser, origin: string, options: { width?: number; height?: number; locale?: string } = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: options.locale ?? 'zh-CN' });
  const page = await context.newPage();
  const watched: WatchedPage = { context, page, outsideRequests: [], errors: [] };
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) watched.outsideRequests.push(url);
  });
  page.on('pageerror', (error) => watched.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  return watched;
}

/** Signs in through the form (labels in either language) and waits for the workspace. */
export async function signIn(page: Page, origin: string, email: string, password: string): Promise<void> {
  if (!page.url().startsWith(`${origin}/login`)) await page.goto(`${origin}/login`);
  await page.locator('#login_email').fill(email);
  await page.locator('#login_password').fill(password);
  await page.locator('#login-submit').click();
  await page.locator('[data-testid="current-organization"]').waitFor({ timeout: 30_000 });
}

export async function signOut(page: Page): Promise<void> {
  await page.locator('#sign-out').click();
  await page.locator('#login-submit').waitFor();
}
