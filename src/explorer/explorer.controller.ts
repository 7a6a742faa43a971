import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Public } from '../access/access.decorator.js';
import { CSS_TYPE, JS_TYPE, StaticPage, type StaticAsset } from '../common/static-files.js';
import { projectRoot } from '../common/paths.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';

/** A file inside an installed package (React's packages export no umd/ path, but all export their package.json). */
function packageFile(name: string, file: string): string {
  return join(dirname(createRequire(import.meta.url).resolve(`${name}/package.json`)), file);
}


/** The explorer's files: our own, and GraphiQL with React from node_modules (no CDN: the machines are offline). */
const ASSETS: Record<string, StaticAsset> = {
  'explorer.js': { path: () => join(projectRoot(), 'src/explorer/static/explorer.js'), type: JS_TYPE },
  'explorer.css': { path: () => join(projectRoot(), 'src/explorer/static/explorer.css'), type: CSS_TYPE },
  'react.production.min.js': { path: () => packageFile('react', 'umd/react.production.min.js'), type: JS_TYPE },
  'react-dom.production.min.js': { path: () => packageFile('react-dom', 'umd/react-dom.production.min.js'), type: JS_TYPE },
  'graphiql.min.js': { path: () => packageFile('graphiql', 'graphiql.min.js'), type: JS_TYPE },
  'graphiql.min.css': { path: () => packageFile('graphiql', 'graphiql.min.css'), type: CSS_TYPE },
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
  private readonly files = new StaticPage(() => join(projectRoot(), 'src/explorer/static/index.html'), ASSETS, EXPLORER_CSP);

  @Get()
  page(@Res() response: Response): Promise<void> {
    return this.files.page(response);
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() response: Response): Promise<void> {
    return this.files.asset(response, file);
  }
}
