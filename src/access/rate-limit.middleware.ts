import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/config.js';
import type { RateLimit } from '../common/rate-limiter.js';
import type { RateLimits } from './rate-limits.js';
import type { AccessTokens } from './tokens.js';

/**
 * Per client address and per signed-in user: over the limit, HTTP 429 with Retry-After and
 * a GraphQL error RATE_LIMITED, before any resolver runs. Counted in PostgreSQL for every
 * process on the database (rate-limits.ts), both keys in one statement, while the token's user
 * is read. Should the count
 * itself fail (the database away), the request goes on: it meets the same database next.
 */
export function rateLimitMiddleware(config: AppConfig, rateLimits: RateLimits, tokens: Pick<AccessTokens, 'principalOfRequest' | 'signed'>) {
  const logger = new Logger('RateLimit');
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const limits: RateLimit[] = [{ key: `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`, limit: config.rateLimitPerIp }];
    const header = req.headers.authorization;
    if (typeof header === 'string' && header.startsWith('Bearer ')) {
      const token = header.slice(7).trim();
      // Counted under the user its signature names; the user's row is read at the same time
      // (the access guard awaits that read and refuses a disabled user or a revoked token).
      // A token whose signature fails is counted by address only (and refused by the guard).
      // The signature is checked once: the guard's verification reuses these claims.
      const signed = tokens.signed(token);
      if (signed !== null) {
        void tokens.principalOfRequest(req, token, signed);
        limits.push({ key: `user:${signed.principal.userId}`, limit: config.rateLimitPerUser });
      }
    }
    let wait: number;
    try {
      wait = await rateLimits.hit(limits);
    } catch (error) {
      logger.warn(`Rate limits not counted: ${(error as Error).message}`);
      wait = 0;
    }
    if (wait === 0) return next();
    res.setHeader('Retry-After', String(wait));
    res.status(429).json({ errors: [{ message: `Too many requests: retry in ${wait} s`, extensions: { code: 'RATE_LIMITED' } }] });
  };
}
