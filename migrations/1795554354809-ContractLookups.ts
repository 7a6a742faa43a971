import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ContractLookups1795554354809 implements MigrationInterface {
  name = 'ContractLookups1795554354809';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "contracts_requirement_idx" ON "contracts"  ("requirement_id") `);
    await queryRunner.query(`CREATE INDEX "contracts_award_idx" ON "contracts"  ("award_id") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."contracts_award_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_requirement_idx"`);
  }
}
