import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Public } from '../access/access.decorator.js';
import { CSS_TYPE, JS_TYPE, StaticPage, type StaticAsset } from '../common/static-files.js';
import { projectRoot } from '../common/paths.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';

/** The files the dashboard is made of: our own, and Apache ECharts from node_modules (no CDN: the machines are offline). */
const ASSETS: Record<string, StaticAsset> = {
  'dashboard.js': { path: () => join(projectRoot(), 'src/dashboard/static/dashboard.js'), type: JS_TYPE },
  'dashboard.css': { path: () => join(projectRoot(), 'src/dashboard/static/dashboard.css'), type: CSS_TYPE },
  'echarts.min.js': { path: () => createRequire(import.meta.url).resolve('echarts/dist/echarts.min'), type: JS_TYPE },
};

/** Scripts only from here; styles inline too (ECharts sets style attributes); data only from this origin's API. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The bureau dashboard at /dashboard: a static page that signs in through the GraphQL `login`
 * mutation and draws the figures of `localSourcingRate` and `demandGaps` with ECharts. The
 * page and its assets are public; the data behind them needs a bureau analyst's token.
 */
@Controller('dashboard')
@UseFilters(HttpAppErrorFilter)
@Public()
export class DashboardController {
  private readonly files = new StaticPage(() => join(projectRoot(), 'src/dashboard/static/index.html'), ASSETS, CSP);

  @Get()
  page(@Res() response: Response): Promise<void> {
    return this.files.page(response);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): Promise<void> {
    return this.files.asset(response, file);
  }
}
