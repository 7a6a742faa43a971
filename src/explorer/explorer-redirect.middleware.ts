import type { NextFunction, Request, Response } from 'express';

/**
 * The media types the GraphQL endpoint answers, in Apollo Server's order of preference, with
 * HTML last: a GET that prefers HTML over all of them is a person's browser (Apollo Server 5
 * applies the same test, `prefersHTML`, to decide when to show its landing page).
 */
const MEDIA_TYPES = [
  'application/json',
  'application/graphql-response+json',
  'multipart/mixed',
  'text/html',
];

/** True for a GET whose Accept header prefers HTML to every response type of the API. */
export function prefersHtml(request: Pick<Request, 'method' | 'headers' | 'accepts'>): boolean {
  return request.method === 'GET' && typeof request.headers.accept === 'string' && request.accepts(MEDIA_TYPES) === 'text/html';
}

/**
 * `GET /graphql` from a browser goes to the explorer (302 to /explorer); every other request,
 * including a GET with `?query=` from a client that asks for JSON, reaches Apollo Server as
 * before, with its CSRF prevention.
 */
export function explorerRedirect(request: Request, response: Response, next: NextFunction): void {
  if (prefersHtml(request)) {
    response.redirect(302, '/explorer');
    return;
  }
  next();
}
