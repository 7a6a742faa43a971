/**
 * The quarterly report as a PDF produced by the service (issue 19): GET /exports/report.pdf on
 * the real HTTP server, rendered by the service's own Chromium from the workspace's report page.
 * A bureau analyst gets an attachment in Chinese and in English; other roles and anonymous
 * callers are refused. The Chinese check reads the PDF's embedded ToUnicode maps (inflated with
 * node:zlib): a character appears there only if a glyph for it was embedded, i.e. drawn with a
 * font that has it (a missing glyph would be drawn as a box with no Chinese mapping).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { startTestApp, type TestApp } from './support/app.js';
import { makeOrganization, makePlatformAdmin } from './support/factories.js';
import { OrganizationKind } from '../src/organizations/organization.entity.js';
import { ReportPdfService } from '../src/sourcing-stats/report-pdf.service.js';
import { buildDashboardWorld, type DashboardWorld } from './browser/dashboard-world.js';

/** Every character that the PDF's ToUnicode maps give a glyph for. */
function mappedText(pdf: Buffer): string {
  const out: string[] = [];
  const raw = pdf.toString('latin1');
  const stream = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = stream.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    if (!body.includes('begincmap')) continue;
    // bfchar: `<glyph> <unicode>`; bfrange: `<first> <last> <unicode>`: the destinations are what the glyphs read as.
    const decode = (h: string) => {
      const units: number[] = [];
      for (let i = 0; i + 4 <= h.length; i += 4) units.push(parseInt(h.slice(i, i + 4), 16));
      return String.fromCharCode(...units);
    };
    for (const [, , dst] of body.matchAll(/^<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*$/gm)) out.push(decode(dst));
    for (const [, first, last, dst] of body.matchAll(/^<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*$/gm)) {
      const start = parseInt(dst, 16);
      for (let k = 0; k <= parseInt(last, 16) - parseInt(first, 16); k++) out.push(String.fromCharCode(start + k));
    }
  }
  return out.join('');
}

describe('GET /exports/report.pdf', () => {
  let t: TestApp;
  let world: DashboardWorld;
  let base: string;
  const quarter = 2;

  beforeAll(async () => {
    t = await startTestApp();
    base = new URL(t.url).origin;
    const admin = await makePlatformAdmin(t);
    world = await buildDashboardWorld(t, admin.token);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const get = (lang: string, token?: string) =>
    fetch(`${base}/exports/report.pdf?region=330000&year=${world.year}&quarter=${quarter}&lang=${lang}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it.each(['zh', 'en'])('gives a bureau analyst the report as a PDF attachment (%s)', async (lang) => {
    const response = await get(lang, world.bureau.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="report-330000-${world.year}-${lang}.pdf"`);
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // One page: a report to hand upward, scaled to fit rather than split (page objects, not the /Pages tree).
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)).toHaveLength(1);
    const text = mappedText(pdf);
    // In Chinese, the region's name (浙江省) is drawn: its glyphs are in the PDF only if a CJK font drew them.
    if (lang === 'zh') {
      expect(text).toContain('浙');
      expect(text).toContain('江');
    }
    mkdirSync(join(process.cwd(), 'test', 'artifacts'), { recursive: true });
    writeFileSync(join(process.cwd(), 'test', 'artifacts', `report-${lang}.pdf`), pdf);
  }, 120_000);

  it('sent no request elsewhere than the service while rendering', () => {
    // Every request of the rendering browser goes through the service's route filter, which counts what it refuses.
    expect(t.app.get(ReportPdfService).blockedRequests).toBe(0);
  });

  it('refuses anonymous callers and other roles', async () => {
    expect((await get('zh')).status).toBe(401);
    const admin = await makePlatformAdmin(t);
    const oem = await makeOrganization(t, admin.token, OrganizationKind.OEM);
    const response = await get('zh', oem.token);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });
});
