import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Domain events (src/outbox/domain-events.ts): written by the market in the transaction that
 * causes them, drained by the notifications worker. A key, when given, records an event once.
 * Beside the search outbox (`outbox`), which it leaves as it is.
 */
export class DomainEvents1796407360987 implements MigrationInterface {
  name = 'DomainEvents1796407360987';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "domain_events" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "payload" jsonb NOT NULL, "key" text, "actor_user_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_66e0920a32dda3a89b46ee7a981" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "domain_events_key_key" ON "domain_events"  ("key") WHERE key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "domain_events_pending_idx" ON "domain_events"  ("available_at", "id") WHERE processed_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."domain_events_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."domain_events_key_key"`);
    await queryRunner.query(`DROP TABLE "domain_events"`);
  }
}
