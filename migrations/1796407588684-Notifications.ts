import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (src/notifications/): per-user notices made from domain events (one per event,
 * user and kind), the e-mails to send with their fixed message ids, preferences per kind and
 * channel, the daily-digest choice, leases of the periodic jobs, and each user's language.
 */
export class Notifications1796407588684 implements MigrationInterface {
  name = 'Notifications1796407588684';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "notifications" ("id" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "event_id" bigint NOT NULL, "kind" text NOT NULL, "params" jsonb NOT NULL, "subject_type" text, "subject_id" uuid, "in_inbox" boolean NOT NULL, "email_state" text NOT NULL DEFAULT 'NONE', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "notifications_digest_idx" ON "notifications"  ("user_id", "id") WHERE email_state = 'DIGEST'`);
    await queryRunner.query(`CREATE INDEX "notifications_unread_idx" ON "notifications"  ("user_id") WHERE in_inbox AND read_at IS NULL`);
    await queryRunner.query(`CREATE INDEX "notifications_inbox_idx" ON "notifications"  ("user_id", "id") WHERE in_inbox`);
    await queryRunner.query(`CREATE UNIQUE INDEX "notifications_event_user_kind_key" ON "notifications"  ("event_id", "user_id", "kind") `);
    await queryRunner.query(`CREATE TABLE "notification_emails" ("id" BIGSERIAL NOT NULL, "message_id" text NOT NULL, "user_id" uuid NOT NULL, "to_address" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, "transport" text, CONSTRAINT "PK_04a102f5dca41e6254c988be0f6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "notification_emails_message_id_key" ON "notification_emails"  ("message_id") `);
    await queryRunner.query(`CREATE INDEX "notification_emails_user_idx" ON "notification_emails"  ("user_id", "id") `);
    await queryRunner.query(`CREATE INDEX "notification_emails_pending_idx" ON "notification_emails"  ("available_at", "id") WHERE sent_at IS NULL`);
    await queryRunner.query(`CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" text NOT NULL, "inbox" boolean NOT NULL, "email" boolean NOT NULL, CONSTRAINT "PK_4beeeb46feaf58d75e124c8ba58" PRIMARY KEY ("user_id", "kind"))`);
    await queryRunner.query(`CREATE TABLE "notification_settings" ("user_id" uuid NOT NULL, "email_digest" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_91a7ffebe8b406c4470845d4781" PRIMARY KEY ("user_id"))`);
    await queryRunner.query(`CREATE TABLE "notification_jobs" ("name" text NOT NULL, "lease_until" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT '-infinity', "last_run_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notification_jobs_name_check" CHECK (name <> ''), CONSTRAINT "PK_00c3429348a9d9b1a0b95df7cc6" PRIMARY KEY ("name"))`);
    await queryRunner.query(`ALTER TABLE "users" ADD "language" text NOT NULL DEFAULT 'zh'`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "users_language_check" CHECK (language IN ('zh', 'en'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "users_language_check"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "language"`);
    await queryRunner.query(`DROP TABLE "notification_jobs"`);
    await queryRunner.query(`DROP TABLE "notification_settings"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."notification_emails_pending_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notification_emails_user_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notification_emails_message_id_key"`);
    await queryRunner.query(`DROP TABLE "notification_emails"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_event_user_kind_key"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_inbox_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_unread_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_digest_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
  }
}
