import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Qualification gates on quotes and awards:
 * - a quote keeps the hard filters its supplier failed with the quoting plant (judged on the SOP
 *   date at its last submission or revision; empty: eligible), so an invited but unqualified
 *   supplier's quote is flagged;
 * - an awarded contract keeps the override that let an ineligible supplier be awarded: the
 *   buyer's reason, the failures at the award, and when (all three set, or none).
 * Existing rows: quotes are taken as eligible (their failures were never judged), contracts as
 * not overridden.
 */
export class QualificationGates1795557391846 implements MigrationInterface {
  name = 'QualificationGates1795557391846';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "quotes" ADD "qualification_failures" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "qualification_override_reason" text`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "qualification_override_failures" jsonb`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "qualification_overridden_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "contracts" ADD CONSTRAINT "contracts_qualification_override_check" CHECK ((qualification_override_reason IS NULL AND qualification_override_failures IS NULL AND qualification_overridden_at IS NULL) OR (qualification_override_reason IS NOT NULL AND qualification_override_failures IS NOT NULL AND qualification_overridden_at IS NOT NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "contracts_qualification_override_check"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "qualification_overridden_at"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "qualification_override_failures"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "qualification_override_reason"`);
    await queryRunner.query(`ALTER TABLE "quotes" DROP COLUMN "qualification_failures"`);
  }
}
