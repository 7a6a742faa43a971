import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users can be disabled, and every token of a user can be revoked at once: `active` is checked
 * at sign-in and on every request; `token_version` is carried in each token and bumped when the
 * user is disabled or changes the password, so every older token stops matching.
 */
export class UserAccess1795560000000 implements MigrationInterface {
  name = 'UserAccess1795560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "active" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "active"`);
  }
}
