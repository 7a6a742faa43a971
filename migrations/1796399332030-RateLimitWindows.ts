import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every API process on this database (per user, per address,
 * sign-ins per address). UNLOGGED: no WAL for a counter bumped on every request; after a crash
 * PostgreSQL empties the table, which only resets the current windows. One row per key (its
 * current window); the index serves the sweep of ended windows. No entity maps it.
 */
export class RateLimitWindows1796399332030 implements MigrationInterface {
  name = 'RateLimitWindows1796399332030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNLOGGED TABLE "rate_limit_windows" ("key" text NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_rate_limit_windows" PRIMARY KEY ("key"))`);
    await queryRunner.query(`CREATE INDEX "IDX_rate_limit_windows_window_start" ON "rate_limit_windows" ("window_start")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_windows"`);
  }
}
