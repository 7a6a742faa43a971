/**
 * The dashboard's files over HTTP, and the access guard on REST routes: a controller route
 * without an access rule is refused (default deny holds beyond GraphQL too).
 */
import { Controller, Get, Module, UseFilters } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startTestApp, type TestApp } from './support/app.js';
import { Roles } from '../src/access/access.decorator.js';
import { Role } from '../src/access/role.js';
import { HttpAppErrorFilter } from '../src/common/http-error.filter.js';

@Controller('test-rest')
@UseFilters(HttpAppErrorFilter)
class RuleLessController {
  @Get('open')
  open(): string {
    return 'should never be served';
  }

  @Roles(Role.PLATFORM_ADMIN)
  @Get('admins')
  admins(): string {
    return 'admins only';
  }
}

@Module({ controllers: [RuleLessController] })
class RuleLessModule {}

describe('dashboard files and REST access', () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp({ extraModules: [RuleLessModule] });
    origin = new URL(t.url).origin;
  });
  afterAll(() => t.close());

  it('serves the page and its assets without sign-in, with a strict content security policy', async () => {
    const page = await fetch(`${origin}/dashboard`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('本地配套率');
    expect(html).toContain('/dashboard/assets/echarts.min.js');
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN

    const script = await fetch(`${origin}/dashboard/assets/dashboard.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    const echarts = await fetch(`${origin}/dashboard/assets/echarts.min.js`);
    expect(echarts.status).toBe(200);
    const vendored = readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min'), 'utf8');
    expect(await echarts.text()).toBe(vendored);
    expect((await fetch(`${origin}/dashboard/assets/dashboard.css`)).status).toBe(200);
  });

  it('serves nothing else from the assets folder', async () => {
    for (const name of ['..%2F..%2Fpackage.json', 'index.html', 'missing.js', '__proto__', 'constructor']) {
      const response = await fetch(`${origin}/dashboard/assets/${name}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('refuses a REST route without an access rule, and applies roles to one with', async () => {
    const open = await fetch(`${origin}/test-rest/open`);
    expect(open.status).toBe(403);
    expect(await open.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'This operation is not available' } });
    expect((await fetch(`${origin}/test-rest/admins`)).status).toBe(401);
    expect((await fetch(`${origin}/test-rest/admins`, { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  });
});
