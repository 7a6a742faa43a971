import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Public } from '../access/access.decorator.js';
import { AppError } from '../common/app-error.js';
import { projectRoot } from '../common/paths.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';

/** A file inside an installed package (React's packages export no umd/ path, but all export their package.json). */
function packageFile(name: string, file: string): string {
  return join(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), file);
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The explorer's files: our own, and GraphiQL with React from node_modules (no CDN: the machines are offline). */
const ASSETS: Record<string, { path: () => string; type: string }> = {
  'explorer.js': { path: () => join(projectRoot(), 'src/explorer/static/explorer.js'), type: JS },
  'explorer.css': { path: () => join(projectRoot(), 'src/explorer/static/explorer.css'), type: CSS },
  'react.production.min.js': { path: () => packageFile('react', 'umd/react.production.min.js'), type: JS },
  'react-dom.production.min.js': { path: () => packageFile('react-dom', 'umd/react-dom.production.min.js'), type: JS },
  'graphiql.min.js': { path: () => packageFile('graphiql', 'graphiql.min.js'), type: JS },
  'graphiql.min.css': { path: () => packageFile('graphiql', 'graphiql.min.css'), type: CSS },
};

/**
 * Scripts only from here. Styles from here and inline (GraphiQL and its CodeMirror editors set
 * style attributes); GraphiQL's fonts and icons are data: URLs inside its stylesheet; requests
 * only to this origin (the API at /graphql). Nothing from anywhere else.
 */
export const EXPLORER_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The GraphQL explorer at /explorer: GraphiQL, served with React from node_modules, with a
 * sign-in bar whose token is sent as `Authorization: Bearer …` on every request. The page and
 * its assets are public (the data behind them is not); outside production only, like the
 * schema introspection it needs.
 */
@Controller('explorer')
@UseFilters(HttpAppErrorFilter)
@Public()
export class ExplorerController {
  private readonly cache = new Map<string, Buffer>();

  @Get()
  page(@Res() response: Response): Promise<void> {
    return this.send(response, join(projectRoot(), 'src/explorer/static/index.html'), 'text/html; charset=utf-8', 'no-cache');
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
    response.setHeader('Content-Security-Policy', EXPLORER_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', cacheControl);
    response.status(200).send(body);
  }
}
