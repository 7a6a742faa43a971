import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { RateLimits } from './rate-limits.js';
import { AccessTokens, TOKEN_HOLDERS, type TokenHolders } from './tokens.js';

/**
 * Installs the default-deny AccessGuard for every GraphQL operation and HTTP route, the token
 * verifier it shares with the rate limiter, and the rate limits shared by every process on the
 * database. `holders` reads a token's user (the app passes auth's, which owns the users table).
 */
@Module({})
export class AccessModule {
  static forRoot(holders: Type<TokenHolders>): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      providers: [{ provide: TOKEN_HOLDERS, useClass: holders }, AccessTokens, RateLimits, { provide: APP_GUARD, useClass: AccessGuard }],
      exports: [AccessTokens, RateLimits],
    };
  }
}
