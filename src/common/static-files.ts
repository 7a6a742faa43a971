import type { Response } from 'express';
import { readFile } from 'node:fs/promises';
import { AppError } from './app-error.js';

/** A file a page is made of: where it lies (resolved on first use) and its media type. */
export interface StaticAsset {
  path: () => string;
  type: string;
}

export const JS_TYPE = 'text/javascript; charset=utf-8';
export const CSS_TYPE = 'text/css; charset=utf-8';

/**
 * Serves a page and the fixed list of its assets from files (ours, or from node_modules: no
 * CDN), read once and kept in memory, each with the page's Content-Security-Policy.
 */
export class StaticPage {
  private readonly cache = new Map<string, Buffer>();

  constructor(
    private readonly pagePath: () => string,
    private readonly assets: Readonly<Record<string, StaticAsset>>,
    private readonly contentSecurityPolicy: string,
  ) {}

  page(response: Response): Promise<void> {
    return this.send(response, this.pagePath(), 'text/html; charset=utf-8', 'no-cache');
  }

  /** One of the listed assets by name; any other name is NOT_FOUND. */
  asset(response: Response, name: string): Promise<void> {
    const asset = Object.hasOwn(this.assets, name) ? this.assets[name] : undefined;
    if (!asset) throw AppError.notFound(`Asset ${name}`);
    return this.send(response, asset.path(), asset.type, 'public, max-age=300');
  }

  private async send(response: Response, path: string, type: string, cacheControl: string): Promise<void> {
    let body = this.cache.get(path);
    if (!body) {
      body = await readFile(path);
      this.cache.set(path, body);
    }
    response.setHeader('Content-Type', type);
    response.setHeader('Content-Security-Policy', this.contentSecurityPolicy);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', cacheControl);
    response.status(200).send(body);
  }
}
