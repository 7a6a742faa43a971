import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No user's write creates or changes another organisation's rows:
 * - a recorded contract names the supplier's plant as the buyer knows it. That place is kept on
 *   the contract (`supplier_plant_*`, beside the locality snapshot); the contract links a
 *   registered plant (`supplier_site_id`) only when the supplier has one of that name at that
 *   place, so the column becomes nullable. Existing recorded contracts keep their link and get
 *   the plant's name and place copied.
 * - the supplier confirms or disputes a recorded contract that names it
 *   (`supplier_confirmation`: UNCONFIRMED, CONFIRMED, DISPUTED, with a note, when and by whom).
 *   A contract made by an award is confirmed by the supplier's accepted quote.
 * - organisations remember which organisation's import created them
 *   (`created_by_organization_id`): a bureau may add to an organisation its own import created
 *   while that organisation has no user of its own, and to no other.
 */
export class RecordedContractIntegrity1795560500000 implements MigrationInterface {
  name = 'RecordedContractIntegrity1795560500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contracts" ALTER COLUMN "supplier_site_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_plant_name" text`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_plant_address" text`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_plant_lat" double precision`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_plant_lon" double precision`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_confirmation" text NOT NULL DEFAULT 'UNCONFIRMED'`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_confirmation_note" text`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_confirmed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "supplier_confirmed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "contracts_supplier_confirmation_check" CHECK (supplier_confirmation IN ('UNCONFIRMED', 'CONFIRMED', 'DISPUTED'))`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "contracts_supplier_plant_check" CHECK (supplier_site_id IS NOT NULL OR supplier_plant_name IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "created_by_organization_id" uuid`);
    await queryRunner.query(`UPDATE contracts c SET supplier_plant_name = s.name, supplier_plant_address = s.address, supplier_plant_lat = s.lat, supplier_plant_lon = s.lon
      FROM sites s WHERE s.id = c.supplier_site_id AND c.source = 'RECORDED'`);
    await queryRunner.query(`UPDATE contracts SET supplier_confirmation = 'CONFIRMED' WHERE source = 'AWARDED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "created_by_organization_id"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "contracts_supplier_plant_check"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "contracts_supplier_confirmation_check"`);
    for (const column of ['supplier_confirmed_by', 'supplier_confirmed_at', 'supplier_confirmation_note', 'supplier_confirmation', 'supplier_plant_lon', 'supplier_plant_lat', 'supplier_plant_address', 'supplier_plant_name']) {
      await queryRunner.query(`ALTER TABLE "contracts" DROP COLUMN "${column}"`);
    }
    // Contracts recorded without a registered plant cannot go back to a NOT NULL column.
    await queryRunner.query(`DELETE FROM contracts WHERE supplier_site_id IS NULL`);
    await queryRunner.query(`ALTER TABLE "contracts" ALTER COLUMN "supplier_site_id" SET NOT NULL`);
  }
}
