import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/config.js';
import { FixedWindowLimiter } from '../common/rate-limiter.js';
import type { AccessTokens } from './tokens.js';

/**
 * Per client address and per signed-in user: over the limit, HTTP 429 with Retry-After and
 * a GraphQL error RATE_LIMITED, before any resolver runs.
 */
export function rateLimitMiddleware(config: AppConfig, tokens: Pick<AccessTokens, 'principalOfRequest'>) {
  const byIp = new FixedWindowLimiter(config.rateLimitPerIp, 60_000);
  const byUser = new FixedWindowLimiter(config.rateLimitPerUser, 60_000);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const now = Date.now();
    let wait = byIp.hit(`ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, now);
    const header = req.headers.authorization;
    if (wait === 0 && typeof header === 'string' && header.startsWith('Bearer ')) {
      try {
        wait = byUser.hit(`user:${(await tokens.principalOfRequest(req, header.slice(7).trim())).userId}`, now);
      } catch {
        // An invalid token is refused by the access guard; it is counted by address only.
      }
    }
    if (wait === 0) return next();
    res.setHeader('Retry-After', String(wait));
    res.status(429).json({ errors: [{ message: `Too many requests: retry in ${wait} s`, extensions: { code: 'RATE_LIMITED' } }] });
  };
}
