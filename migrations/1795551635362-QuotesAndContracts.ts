import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuotesAndContracts1795551635362 implements MigrationInterface {
  name = 'QuotesAndContracts1795551635362';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "quote_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requirement_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "invited_by" uuid NOT NULL, "message" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_42a71a88083b43a63dd4a4b62f1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "quote_invitations_supplier_idx" ON "quote_invitations"  ("supplier_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "quote_invitations_requirement_supplier_key" ON "quote_invitations"  ("requirement_id", "supplier_id") `);
    await queryRunner.query(`CREATE TABLE "quotes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "requirement_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "site_id" uuid NOT NULL, "unit_price" numeric(18,4) NOT NULL, "volume" integer NOT NULL, "lead_time_days" integer NOT NULL, "valid_until" date NOT NULL, "note" text NOT NULL DEFAULT '', "status" text NOT NULL DEFAULT 'SUBMITTED', "revision" integer NOT NULL DEFAULT '1', "version" integer NOT NULL DEFAULT '1', "submitted_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "quotes_volume_check" CHECK (volume > 0), CONSTRAINT "quotes_price_check" CHECK (unit_price > 0), CONSTRAINT "PK_99a0e8bcbcd8719d3a41f23c263" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "quotes_supplier_idx" ON "quotes"  ("supplier_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "quotes_requirement_supplier_key" ON "quotes"  ("requirement_id", "supplier_id") `);
    await queryRunner.query(`CREATE TABLE "quote_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "quote_id" uuid NOT NULL, "revision" integer NOT NULL, "site_id" uuid NOT NULL, "unit_price" numeric(18,4) NOT NULL, "volume" integer NOT NULL, "lead_time_days" integer NOT NULL, "valid_until" date NOT NULL, "submitted_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_262112c9226e86121967fc234fc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "quote_revisions_quote_revision_key" ON "quote_revisions"  ("quote_id", "revision") `);
    await queryRunner.query(`CREATE TABLE "awards" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "buyer_organization_id" uuid NOT NULL, "idempotency_key" text NOT NULL, "request_hash" text NOT NULL, "requirement_id" uuid NOT NULL, "awarded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc3f6adc548ff46c76c03e06377" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "awards_requirement_key" ON "awards"  ("requirement_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "awards_buyer_key" ON "awards"  ("buyer_organization_id", "idempotency_key") `);
    await queryRunner.query(`CREATE TABLE "contracts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source" text NOT NULL, "award_id" uuid, "requirement_id" uuid, "quote_id" uuid, "buyer_reference" text, "buyer_organization_id" uuid NOT NULL, "buyer_site_id" uuid NOT NULL, "supplier_organization_id" uuid NOT NULL, "supplier_site_id" uuid NOT NULL, "category_code" character varying(64) NOT NULL, "unit_price" numeric(18,4) NOT NULL, "volume" integer NOT NULL, "total_value" numeric(20,2) NOT NULL, "delivered_value" numeric(20,2), "signed_date" date NOT NULL, "start_date" date NOT NULL, "end_date" date, "status" text NOT NULL DEFAULT 'SIGNED', "termination_reason" text, "buyer_region_code" character(6) NOT NULL, "supplier_region_code" character(6), "supplier_country_code" character(2) NOT NULL, "same_county" boolean NOT NULL, "same_city" boolean NOT NULL, "same_province" boolean NOT NULL, "distance_km" double precision NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "contracts_dates_check" CHECK (end_date IS NULL OR end_date >= start_date), CONSTRAINT "contracts_value_check" CHECK (total_value >= 0 AND unit_price >= 0 AND volume > 0), CONSTRAINT "PK_2c7b8f3a7b1acdd49497d83d0fb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "contracts_buyer_region_idx" ON "contracts"  ("buyer_region_code", "signed_date") `);
    await queryRunner.query(`CREATE INDEX "contracts_supplier_idx" ON "contracts"  ("supplier_organization_id", "signed_date") `);
    await queryRunner.query(`CREATE INDEX "contracts_buyer_idx" ON "contracts"  ("buyer_organization_id", "signed_date") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "contracts_quote_key" ON "contracts"  ("quote_id") WHERE quote_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "contracts_buyer_reference_key" ON "contracts"  ("buyer_organization_id", "buyer_reference") WHERE buyer_reference IS NOT NULL`);
    await queryRunner.query(`CREATE TABLE "contract_amendments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_id" uuid NOT NULL, "sequence" integer NOT NULL, "before" jsonb NOT NULL, "after" jsonb NOT NULL, "reason" text NOT NULL DEFAULT '', "effective_date" date NOT NULL, "amended_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08eb1387dc379408f2477217504" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "contract_amendments_contract_seq_key" ON "contract_amendments"  ("contract_id", "sequence") `);
    await queryRunner.query(`ALTER TABLE "quote_invitations" ADD CONSTRAINT "FK_ec100d9b8e78b240549627abaa3" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quote_invitations" ADD CONSTRAINT "FK_e673fb01a2afec1cf365cae1df6" FOREIGN KEY ("supplier_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quotes" ADD CONSTRAINT "FK_4296406bb7c864d21d51268a6b4" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quotes" ADD CONSTRAINT "FK_311cd66e8fede2a0305966122ea" FOREIGN KEY ("supplier_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quotes" ADD CONSTRAINT "FK_08b12252d21b3720ec04a646060" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "quote_revisions" ADD CONSTRAINT "FK_c303607067faa4776ef5a936598" FOREIGN KEY ("quote_id") REFERENCES "quotes"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "awards" ADD CONSTRAINT "FK_9e8d1fbde294a5eb6ec71679013" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_7ff105cc77243a46ff74f0d341d" FOREIGN KEY ("award_id") REFERENCES "awards"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_7ca2e56408c7e8a22a9dbe55026" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_7a47f68f5d8440793d2660b937b" FOREIGN KEY ("quote_id") REFERENCES "quotes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_ea14046370123144de0ff19244a" FOREIGN KEY ("buyer_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_8f64846a14566ad187579e4db76" FOREIGN KEY ("buyer_site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_93ec1a1867456f9d68163d6eb77" FOREIGN KEY ("supplier_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_d4449e284d6a16c6ff611d5e802" FOREIGN KEY ("supplier_site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "FK_e7b1414e33fb32634357f26e448" FOREIGN KEY ("category_code") REFERENCES "part_categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contract_amendments" ADD CONSTRAINT "FK_e3c3ded02ffe206062ade0ef31d" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contract_amendments" DROP CONSTRAINT "FK_e3c3ded02ffe206062ade0ef31d"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_e7b1414e33fb32634357f26e448"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_d4449e284d6a16c6ff611d5e802"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_93ec1a1867456f9d68163d6eb77"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_8f64846a14566ad187579e4db76"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_ea14046370123144de0ff19244a"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_7a47f68f5d8440793d2660b937b"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_7ca2e56408c7e8a22a9dbe55026"`);
    await queryRunner.query(`ALTER TABLE "contracts" DROP CONSTRAINT "FK_7ff105cc77243a46ff74f0d341d"`);
    await queryRunner.query(`ALTER TABLE "awards" DROP CONSTRAINT "FK_9e8d1fbde294a5eb6ec71679013"`);
    await queryRunner.query(`ALTER TABLE "quote_revisions" DROP CONSTRAINT "FK_c303607067faa4776ef5a936598"`);
    await queryRunner.query(`ALTER TABLE "quotes" DROP CONSTRAINT "FK_08b12252d21b3720ec04a646060"`);
    await queryRunner.query(`ALTER TABLE "quotes" DROP CONSTRAINT "FK_311cd66e8fede2a0305966122ea"`);
    await queryRunner.query(`ALTER TABLE "quotes" DROP CONSTRAINT "FK_4296406bb7c864d21d51268a6b4"`);
    await queryRunner.query(`ALTER TABLE "quote_invitations" DROP CONSTRAINT "FK_e673fb01a2afec1cf365cae1df6"`);
    await queryRunner.query(`ALTER TABLE "quote_invitations" DROP CONSTRAINT "FK_ec100d9b8e78b240549627abaa3"`);
    await queryRunner.query(`DROP INDEX "public"."contract_amendments_contract_seq_key"`);
    await queryRunner.query(`DROP TABLE "contract_amendments"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_buyer_reference_key"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_quote_key"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_buyer_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_supplier_idx"`);
    await queryRunner.query(`DROP INDEX "public"."contracts_buyer_region_idx"`);
    await queryRunner.query(`DROP TABLE "contracts"`);
    await queryRunner.query(`DROP INDEX "public"."awards_buyer_key"`);
    await queryRunner.query(`DROP INDEX "public"."awards_requirement_key"`);
    await queryRunner.query(`DROP TABLE "awards"`);
    await queryRunner.query(`DROP INDEX "public"."quote_revisions_quote_revision_key"`);
    await queryRunner.query(`DROP TABLE "quote_revisions"`);
    await queryRunner.query(`DROP INDEX "public"."quotes_requirement_supplier_key"`);
    await queryRunner.query(`DROP INDEX "public"."quotes_supplier_idx"`);
    await queryRunner.query(`DROP TABLE "quotes"`);
    await queryRunner.query(`DROP INDEX "public"."quote_invitations_requirement_supplier_key"`);
    await queryRunner.query(`DROP INDEX "public"."quote_invitations_supplier_idx"`);
    await queryRunner.query(`DROP TABLE "quote_invitations"`);
  }
}
