import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The path to the target (issue 19): sourcing_scenarios, a bureau's saved picks of levers and
 * lever items; contracts_renewal_idx, the non-local running contracts by buyer region and end
 * date, for the renewals lever.
 */

export class SourcingPlan1796407479484 implements MigrationInterface {
  name = 'SourcingPlan1796407479484';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sourcing_scenarios" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "region_code" character(6) NOT NULL, "name" text NOT NULL, "levers" text array NOT NULL DEFAULT '{}', "requirement_ids" uuid array NOT NULL DEFAULT '{}', "category_codes" text array NOT NULL DEFAULT '{}', "contract_ids" uuid array NOT NULL DEFAULT '{}', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sourcing_scenarios_levers_check" CHECK (levers <@ ARRAY['OPEN_REQUIREMENTS', 'DEMAND_GAPS', 'RENEWALS']::text[]), CONSTRAINT "PK_725a6472d29d0d2c80b9183214e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "sourcing_scenarios_name_key" ON "sourcing_scenarios"  ("organization_id", "name") `);
    await queryRunner.query(`CREATE INDEX "contracts_renewal_idx" ON "contracts"  ("buyer_region_code", "end_date") WHERE NOT same_province AND status IN ('SIGNED', 'ACTIVE') AND end_date IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "sourcing_scenarios" ADD CONSTRAINT "FK_4211fd1d41b4c71a162d3ab04eb" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sourcing_scenarios" ADD CONSTRAINT "FK_7446e8904d3405f28bc0f167590" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sourcing_scenarios" DROP CONSTRAINT "FK_7446e8904d3405f28bc0f167590"`);
    await queryRunner.query(`ALTER TABLE "sourcing_scenarios" DROP CONSTRAINT "FK_4211fd1d41b4c71a162d3ab04eb"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_renewal_idx"`);
    await queryRunner.query(`DROP INDEX "public"."sourcing_scenarios_name_key"`);
    await queryRunner.query(`DROP TABLE "sourcing_scenarios"`);
  }
}
