import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1796407696177 implements MigrationInterface {
  name = 'Documents1796407696177';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requirement_id" uuid, "certification_id" uuid, "contract_id" uuid, "organization_id" uuid NOT NULL, "uploaded_by" uuid NOT NULL, "file_name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "documents_size_check" CHECK (size_bytes > 0), CONSTRAINT "documents_one_parent_check" CHECK (num_nonnulls(requirement_id, certification_id, contract_id) = 1), CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "documents_storage_key" ON "documents"  ("storage_key") `);
    await queryRunner.query(`CREATE INDEX "documents_contract_idx" ON "documents"  ("contract_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "documents_certification_idx" ON "documents"  ("certification_id", "created_at") `);
    await queryRunner.query(`CREATE INDEX "documents_requirement_idx" ON "documents"  ("requirement_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_ccfdc26bc70acdfecc1c8ca559b" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_ffbb6804867cd7fdf4a55db49b4" FOREIGN KEY ("certification_id") REFERENCES "supplier_certifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_882c639b4f8894acdc0a7d6ceb5" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_69427761f37533ae7767601a64b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_69427761f37533ae7767601a64b"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_882c639b4f8894acdc0a7d6ceb5"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_ffbb6804867cd7fdf4a55db49b4"`);
    await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_ccfdc26bc70acdfecc1c8ca559b"`);
    await queryRunner.query(`DROP INDEX "public"."documents_requirement_idx"`);
    await queryRunner.query(`DROP INDEX "public"."documents_certification_idx"`);
    await queryRunner.query(`DROP INDEX "public"."documents_contract_idx"`);
    await queryRunner.query(`DROP INDEX "public"."documents_storage_key"`);
    await queryRunner.query(`DROP TABLE "documents"`);
  }
}
