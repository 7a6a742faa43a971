import type { NextFunction, Request, Response } from 'express';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { projectRoot } from '../common/paths.js';
import { prefersHtml } from '../explorer/explorer-redirect.middleware.js';

/**
 * Scripts and styles only from this origin; inline styles (Ant Design writes its CSS-in-JS
 * into <style> elements, ECharts sets style attributes); images from here or data: URLs;
 * requests only to this origin (the API at /graphql). Nothing from anywhere else.
 */
export const WORKSPACE_CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Paths the service answers itself: the workspace never takes them, even from a browser. */
const SERVER_PATHS = ['/graphql', '/explorer', '/dashboard', '/exports', '/imports'];

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** A built asset's name: Vite's `name-hash.ext`, nothing that could leave the folder. */
const ASSET_NAME = /^[\w-]+(\.[\w-]+)*\.(js|css|svg|png|woff2)$/;

const isServerPath = (path: string) => SERVER_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/**
 * The web workspace (web/, built into web/dist/ by scripts/build-web.mjs) at the root of the
 * service: `/` and every client route (a browser's GET that prefers HTML, outside the
 * service's own paths) answer the app's index.html; `/assets/<name>` its hashed, immutable
 * files. Everything else — the API, the explorer, the dashboard, CSV routes, a JSON client's
 * GET — goes on to Nest unchanged. Files are read once and kept in memory; index.html again
 * when it changes (a rebuild while the service runs).
 */
export function workspaceMiddleware(distDir = join(projectRoot(), 'web', 'dist')) {
  const assets = new Map<string, Buffer>();
  let index: { mtimeMs: number; body: Buffer } | null = null;

  const sendIndex = async (response: Response) => {
    const path = join(distDir, 'index.html');
    let info;
    try {
      info = await stat(path);
    } catch {
      response.status(503).type('text/plain; charset=utf-8').send('The web workspace is not built: run `npm run build` (it needs the dev dependencies).\n');
      return;
    }
    if (!index || index.mtimeMs !== info.mtimeMs) index = { mtimeMs: info.mtimeMs, body: await readFile(path) };
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.setHeader('Content-Security-Policy', WORKSPACE_CSP);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('Cache-Control', 'no-cache');
    response.status(200).send(index.body);
  };

  const sendAsset = async (response: Response, name: string, next: NextFunction) => {
    let body = assets.get(name);
    if (!body) {
      try {
        body = await readFile(join(distDir, 'assets', name));
      } catch {
        next();
        return;
      }
      assets.set(name, body);
    }
    response.setHeader('Content-Type', TYPES[extname(name)] ?? 'application/octet-stream');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    // The name carries the content's hash: a changed file has a new name.
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    response.status(200).send(body);
  };

  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const path = request.path;
    if (path.startsWith('/assets/')) {
      const name = path.slice('/assets/'.length);
      if (!ASSET_NAME.test(name)) return next();
      sendAsset(response, name, next).catch(next);
      return;
    }
    if (isServerPath(path)) return next();
    if (path === '/' || prefersHtml(request)) {
      sendIndex(response).catch(next);
      return;
    }
    next();
  };
}
