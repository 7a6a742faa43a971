import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LoginThrottles1795552847107 implements MigrationInterface {
  name = 'LoginThrottles1795552847107';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "login_throttles" ("email" text NOT NULL, "failures" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP WITH TIME ZONE, "last_failure_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f68410cc6124d967bf665a1b81d" PRIMARY KEY ("email"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "login_throttles"`);
  }
}
