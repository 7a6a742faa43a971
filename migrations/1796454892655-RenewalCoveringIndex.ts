import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The renewals lever reads, for a region, the non-local running contracts ending in the next
 * twelve months with their value, parties, category, dates and the columns of the contract's
 * standing. contracts_renewal_idx becomes contracts_renewal_cover_idx, the same partial index
 * on (buyer_region_code, end_date) carrying those columns, so that the read is an index-only
 * scan instead of one heap fetch per contract.
 */
export class RenewalCoveringIndex1796454892655 implements MigrationInterface {
  name = 'RenewalCoveringIndex1796454892655';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "contracts_renewal_cover_idx" ON "contracts" ("buyer_region_code", "end_date")
      INCLUDE ("category_code", "total_value", "id", "signed_date", "buyer_organization_id", "supplier_organization_id", "buyer_verified", "review_status", "source", "supplier_confirmation")
      WHERE NOT same_province AND status IN ('SIGNED', 'ACTIVE') AND end_date IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."contracts_renewal_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "contracts_renewal_idx" ON "contracts" ("buyer_region_code", "end_date") WHERE NOT same_province AND status IN ('SIGNED', 'ACTIVE') AND end_date IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."contracts_renewal_cover_idx"`);
  }
}
