import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { countHits, type RateLimit } from '../common/rate-limiter.js';
import { PostgresHitCounter } from '../common/rate-limit-windows.js';

/** Every limit counts in windows of a minute. */
export const RATE_WINDOW_SECONDS = 60;

/**
 * The rate limits of every process on this database: the request limits per user and per
 * address (rate-limit.middleware.ts) and the sign-ins per address (AuthService) count in the
 * same PostgreSQL windows, one statement per request. Ended windows are swept once a window.
 */
@Injectable()
export class RateLimits implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RateLimits.name);
  private readonly counter: PostgresHitCounter;
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.counter = new PostgresHitCounter(dataSource);
  }

  /** Counts one hit on each key; the seconds to wait when any is over its limit, else 0. */
  hit(limits: readonly RateLimit[]): Promise<number> {
    return countHits(this.counter, limits, RATE_WINDOW_SECONDS);
  }

  /** Deletes the windows that have ended (one DELETE; every process runs it once a window). */
  sweep(): Promise<void> {
    return this.counter.sweep(RATE_WINDOW_SECONDS);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.logger.warn(`Sweeping rate-limit windows failed: ${error.message}`));
    }, RATE_WINDOW_SECONDS * 1000).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
