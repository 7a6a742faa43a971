import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { RateLimits } from './rate-limits.js';

/**
 * Installs the default-deny AccessGuard for every GraphQL operation and HTTP route, and the
 * rate limits shared by every process on the database.
 */
@Global()
@Module({ providers: [{ provide: APP_GUARD, useClass: AccessGuard }, RateLimits], exports: [RateLimits] })
export class AccessModule {}
