import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Public } from '../access/access.decorator.js';
import { AppError } from '../common/app-error.js';
import { projectRoot } from '../common/paths.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';

/** The files the dashboard is made of: our own, and Apache ECharts from node_modules (no CDN: the machines are offline). */
const ASSETS: Record<string, { path: () => string; type: string }> = {
  'dashboard.js': { path: () => join(projectRoot(), 'src/dashboard/static/dashboard.js'), type: 'text/javascript; charset=utf-8' },
  'dashboard.css': { path: () => join(projectRoot(), 'src/dashboard/static/dashboard.css'), type: 'text/css; charset=utf-8' },
  'echarts.min.js': { path: () => createRequire(import.meta.url).resolve('echarts/dist/echarts.min'), type: 'text/javascript; charset=utf-8' },
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
  private readonly cache = new Map<string, Buffer>();

  @Get()
  page(@Res() response: Response): Promise<void> {
    return this.send(response, join(projectRoot(), 'src/dashboard/static/index.html'), 'text/html; charset=utf-8', 'no-cache');
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) throw AppError.notFound(`Asset ${file}`);
    return this.send(response, asset.path(), asset.type, 'public, max-age=300');
  }

  private async send(response: Response, path: string, type: string, cacheControl: string): Promise<void> {
    let body = this.cache.get(path);
    if (!body) {
      body = await readFile(path);
      this.cache.set(path, body);
    }
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Security-Policy', CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', cacheControl);
    response.status(200).send(body);
  }
}
