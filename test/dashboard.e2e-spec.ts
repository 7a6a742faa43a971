/**
 * /dashboard's redirect into the workspace, and the access guard on REST routes: a controller route
 * without an access rule is refused (default deny holds beyond GraphQL too); REST input goes
 * through the same validation pipe as GraphQL arguments, nested field paths included.
 */
import { Body, Controller, Get, Module, Post, Query, UseFilters } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min, ValidateNested } from 'class-validator';
import { startTestApp, type TestApp } from './support/app.js';
import { Public, Roles } from '../src/access/access.decorator.js';
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

class PlantFilter {
  @IsString() @Matches(/^\d{6}$/, { message: 'regionCode must be a six-digit code' }) regionCode: string;
}

class PlantQuery {
  @ValidateNested() @Type(() => PlantFilter) filter: PlantFilter;
  @Type(() => Number) @IsInt() @Min(1) @Max(100) first: number;
}

/** A REST route with a nested body and a query string, validated only by the app's global pipe. */
@Controller('test-rest/plants')
@UseFilters(HttpAppErrorFilter)
@Public()
class NestedInputController {
  @Post()
  search(@Body() body: PlantQuery): { regionCode: string; first: number } {
    return { regionCode: body.filter.regionCode, first: body.first };
  }

  @Get()
  list(@Query() query: PlantFilter): { regionCode: string } {
    return { regionCode: query.regionCode };
  }
}

@Module({ controllers: [RuleLessController, NestedInputController] })
class RuleLessModule {}

describe('dashboard files and REST access', () => {
  let t: TestApp;
  let origin: string;
  beforeAll(async () => {
    t = await startTestApp({ extraModules: [RuleLessModule] });
    origin = new URL(t.url).origin;
  });
  afterAll(() => t.close());

  it('sends /dashboard, the old address of the bureau dashboard, into the workspace, without sign-in', async () => {
    const page = await fetch(`${origin}/dashboard`, { redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/bureau');
  });

  it('serves none of the old dashboard\'s files any more', async () => {
    for (const name of ['dashboard.js', 'dashboard.css', 'echarts.min.js', '..%2F..%2Fpackage.json', 'index.html']) {
      const response = await fetch(`${origin}/dashboard/assets/${name}`);
      expect(response.status).toBe(404);
    }
  });

  it('refuses a REST route without an access rule, and applies roles to one with', async () => {
    const open = await fetch(`${origin}/test-rest/open`);
    expect(open.status).toBe(403);
    expect(await open.json()).toEqual({ error: { code: 'FORBIDDEN', message: 'This operation is not available' } });
    expect((await fetch(`${origin}/test-rest/admins`)).status).toBe(401);
    expect((await fetch(`${origin}/test-rest/admins`, { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  });

  it('validates REST bodies and query strings with the GraphQL pipe, naming each field by its path', async () => {
    const post = (body: unknown) => fetch(`${origin}/test-rest/plants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const good = await post({ filter: { regionCode: '330206' }, first: 10 });
    expect([good.status, await good.json()]).toEqual([201, { regionCode: '330206', first: 10 }]);

    const nested = await post({ filter: { regionCode: 'Ningbo', extra: 1 }, first: 500 });
    expect(nested.status).toBe(400);
    const body = (await nested.json()) as { error: { code: string; fields: { field: string; message: string }[] } };
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.fields.map((f) => f.field).sort()).toEqual(['filter.extra', 'filter.regionCode', 'first']);
    expect(body.error.fields.find((f) => f.field === 'filter.regionCode')?.message).toBe('regionCode must be a six-digit code');

    const query = await fetch(`${origin}/test-rest/plants?regionCode=33020x&drop=1`);
    expect(query.status).toBe(400);
    const queryBody = (await query.json()) as { error: { code: string; fields: { field: string }[] } };
    expect(queryBody.error.fields.map((f) => f.field).sort()).toEqual(['drop', 'regionCode']);
    expect(await (await fetch(`${origin}/test-rest/plants?regionCode=330206`)).json()).toEqual({ regionCode: '330206' });
  });
});
