import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import sparticuz from '@sparticuz/chromium';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../common/app-error.js';
import type { ReportPdfQuery } from './dto/report-pdf.query.js';

/** One render at a time; at most this many wait behind it, the rest are told to come back. */
const MAX_WAITING = 4;
/** A render that takes longer than this is abandoned. */
const RENDER_TIMEOUT_MS = 30_000;
/** A4 with 12 mm margins, in CSS pixels (96 per inch): the area one printed page holds. */
const MARGIN_MM = 12;
const PX_PER_MM = 96 / 25.4;
const PRINTABLE = { width: Math.floor((210 - 2 * MARGIN_MM) * PX_PER_MM), height: Math.floor((297 - 2 * MARGIN_MM) * PX_PER_MM) };

/** The print scale that fits a page laid out `height` pixels tall at the printable width onto one A4 sheet (Chromium accepts 0.1–2). */
function onePageScale(height: number): number {
  if (!(height > PRINTABLE.height)) return 1;
  // Floored to 3 decimals so that rounding never pushes the last line onto a second sheet.
  return Math.max(0.1, Math.floor((PRINTABLE.height / height) * 1000) / 1000);
}

/**
 * The bureau's quarterly report as a PDF: the workspace's own report page
 * (web/src/pages/bureau/ReportPage.tsx) rendered by a headless Chromium (from
 * @sparticuz/chromium, driven by playwright-core) that talks only to this service's loopback
 * address, with the caller's own token in its localStorage. One browser per process, started
 * on first use and closed on shutdown; one page at a time.
 */
@Injectable()
export class ReportPdfService implements OnApplicationShutdown {
  private browser: Promise<Browser> | null = null;
  private busy: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  /** Requests the page tried to send elsewhere than this service, since start (all refused). */
  blockedRequests = 0;

  async render(origin: string, token: string, query: ReportPdfQuery): Promise<Buffer> {
    if (this.waiting >= MAX_WAITING) throw AppError.rateLimited('Too many reports are being rendered: try again in a minute');
    this.waiting += 1;
    const turn = this.busy.then(() => this.renderNow(origin, token, query));
    this.busy = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.waiting -= 1;
    }
  }

  fileName(query: ReportPdfQuery): string {
    return `report-${query.region}-${query.year}-${query.lang ?? 'zh'}.pdf`;
  }

  private async renderNow(origin: string, token: string, query: ReportPdfQuery): Promise<Buffer> {
    const browser = await this.launch();
    const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: PRINTABLE.width, height: PRINTABLE.height } });
    try {
      context.setDefaultTimeout(RENDER_TIMEOUT_MS);
      // Anything not addressed to this service is refused before it leaves the browser.
      await context.route('**/*', (route) => {
        if (new URL(route.request().url()).origin === origin) return route.continue();
        this.blockedRequests += 1;
        return route.abort('blockedbyclient');
      });
      const session = JSON.stringify({ token, expiresAt: new Date(Date.now() + RENDER_TIMEOUT_MS * 2).toISOString() });
      const locale = query.lang === 'en' ? 'en-US' : 'zh-CN';
      // Runs in the page before its own scripts (a string: the service is compiled without DOM types).
      await context.addInitScript({
        content: `if (location.origin === ${JSON.stringify(origin)}) { localStorage.setItem('zlt.session', ${JSON.stringify(session)}); localStorage.setItem('zlt.locale', ${JSON.stringify(locale)}); }`,
      });
      // Laid out at the printable width (the context's viewport), in print media, so that its measured height is what prints.
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      const params = new URLSearchParams({ region: query.region, year: String(query.year), ...(query.quarter ? { quarter: String(query.quarter) } : {}) });
      await page.goto(`${origin}/bureau/report?${params.toString()}`, { waitUntil: 'networkidle', timeout: RENDER_TIMEOUT_MS });
      await page.waitForSelector('[data-testid=report]', { timeout: RENDER_TIMEOUT_MS });
      await page.evaluate('document.fonts.ready.then(() => true)');
      // One page to hand upward: a taller report is scaled down to fit the sheet rather than split.
      // At scale s the sheet lays the page out 1/s times wider and taller, so the height is measured
      // again at that width until it fits (charts and grids reflow with the width).
      let scale = 1;
      for (let attempt = 0; attempt < 6; attempt++) {
        await page.setViewportSize({ width: Math.floor(PRINTABLE.width / scale), height: Math.floor(PRINTABLE.height / scale) });
        const height = Number(await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(Math.ceil(document.documentElement.scrollHeight))))'));
        if (height <= PRINTABLE.height / scale) break;
        scale = Math.min(scale * 0.98, onePageScale(height));
      }
      const margin = `${MARGIN_MM}mm`;
      return await page.pdf({ format: 'A4', printBackground: true, scale, margin: { top: margin, bottom: margin, left: margin, right: margin } });
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const AS_ROOT = process.getuid?.() === 0;
      this.browser = (async () => {
        const executablePath = await sparticuz.executablePath();
        const browser = await chromium.launch({
          executablePath,
          headless: true,
          chromiumSandbox: !AS_ROOT,
          args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-pings', '--disable-gpu'],
        });
        browser.on('disconnected', () => (this.browser = null));
        return browser;
      })();
      this.browser.catch(() => (this.browser = null));
    }
    return this.browser;
  }

  async onApplicationShutdown(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
