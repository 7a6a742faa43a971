import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { AccessTokens, TOKEN_HOLDERS, type TokenHolders } from './tokens.js';

/**
 * Installs the default-deny AccessGuard for every GraphQL operation and HTTP route, and the
 * token verifier it shares with the rate limiter. `holders` reads a token's user (the app
 * passes auth's, which owns the users table).
 */
@Module({})
export class AccessModule {
  static forRoot(holders: Type<TokenHolders>): DynamicModule {
    return {
      module: AccessModule,
      global: true,
      providers: [{ provide: TOKEN_HOLDERS, useClass: holders }, AccessTokens, { provide: APP_GUARD, useClass: AccessGuard }],
      exports: [AccessTokens],
    };
  }
}
