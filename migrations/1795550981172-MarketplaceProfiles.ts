import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MarketplaceProfiles1795550981172 implements MigrationInterface {
  name = 'MarketplaceProfiles1795550981172';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "requirements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "delivery_site_id" uuid NOT NULL, "category_code" character varying(64) NOT NULL, "title" text NOT NULL, "description" text NOT NULL DEFAULT '', "specs" jsonb NOT NULL DEFAULT '[]', "annual_volume" integer NOT NULL, "target_unit_price" numeric(18,4) NOT NULL, "sop_date" date NOT NULL, "quote_deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "match_weights" jsonb, "status" text NOT NULL DEFAULT 'DRAFT', "version" integer NOT NULL DEFAULT '1', "created_by" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "requirements_price_check" CHECK (target_unit_price >= 0), CONSTRAINT "requirements_volume_check" CHECK (annual_volume > 0), CONSTRAINT "PK_4e966e20a0ebaf89e4c1ed664a4" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_1e4f27d493c8d8d405a76dd03f" ON "requirements"  ("delivery_site_id") `);
    await queryRunner.query(`CREATE INDEX "requirements_status_category_idx" ON "requirements"  ("status", "category_code") `);
    await queryRunner.query(`CREATE INDEX "requirements_org_created_idx" ON "requirements"  ("organization_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TABLE "requirement_certifications" ("requirement_id" uuid NOT NULL, "type_code" character varying(32) NOT NULL, "min_level" text, CONSTRAINT "PK_6081fdcb14c0d28e80909add26d" PRIMARY KEY ("requirement_id", "type_code"))`);
    await queryRunner.query(`CREATE TABLE "capabilities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "category_code" character varying(64) NOT NULL, "description" text NOT NULL DEFAULT '', "products" text array NOT NULL DEFAULT '{}', "specs" jsonb NOT NULL DEFAULT '[]', "annual_capacity" integer, "lead_time_days" integer, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "capabilities_lead_time_check" CHECK (lead_time_days IS NULL OR lead_time_days >= 0), CONSTRAINT "capabilities_capacity_check" CHECK (annual_capacity IS NULL OR annual_capacity > 0), CONSTRAINT "PK_c94fe6cafdb7646522a915893fd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "capabilities_category_idx" ON "capabilities"  ("category_code") `);
    await queryRunner.query(`CREATE INDEX "capabilities_org_idx" ON "capabilities"  ("organization_id") `);
    await queryRunner.query(`CREATE TABLE "capability_sites" ("capability_id" uuid NOT NULL, "site_id" uuid NOT NULL, CONSTRAINT "PK_777db8b77a09d2a281456cab3ed" PRIMARY KEY ("capability_id", "site_id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_4c7a84178b5d55a58d6b58fd89" ON "capability_sites"  ("site_id") `);
    await queryRunner.query(`CREATE TABLE "supplier_certifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "type_code" character varying(32) NOT NULL, "level" text, "certificate_number" text NOT NULL, "issuer" text NOT NULL DEFAULT '', "valid_from" date NOT NULL, "valid_until" date NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "supplier_certifications_validity_check" CHECK (valid_from <= valid_until), CONSTRAINT "PK_a7a06f9e7b330039f443ab77043" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "supplier_certifications_number_key" ON "supplier_certifications"  ("organization_id", "type_code", "certificate_number") `);
    await queryRunner.query(`CREATE INDEX "supplier_certifications_org_type_idx" ON "supplier_certifications"  ("organization_id", "type_code") `);
    await queryRunner.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "available_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "outbox_pending_idx" ON "outbox"  ("available_at", "id") WHERE processed_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "requirements" ADD CONSTRAINT "FK_b46d857dc3c05c00a61f21fba23" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "requirements" ADD CONSTRAINT "FK_1e4f27d493c8d8d405a76dd03fb" FOREIGN KEY ("delivery_site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "requirements" ADD CONSTRAINT "FK_8f62d68c3caff5fdcc9ef103f2c" FOREIGN KEY ("category_code") REFERENCES "part_categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "requirement_certifications" ADD CONSTRAINT "FK_73b7a50e607aa2bac57dcc2487f" FOREIGN KEY ("requirement_id") REFERENCES "requirements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "requirement_certifications" ADD CONSTRAINT "FK_3ac9ea5bc221dcb0bd994f56c0c" FOREIGN KEY ("type_code") REFERENCES "certification_types"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "capabilities" ADD CONSTRAINT "FK_4507e940215c381ab8bd3f92604" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "capabilities" ADD CONSTRAINT "FK_cfea90179b6727f3820e493cbc1" FOREIGN KEY ("category_code") REFERENCES "part_categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "capability_sites" ADD CONSTRAINT "FK_0a139da9a32b6182681dac684ae" FOREIGN KEY ("capability_id") REFERENCES "capabilities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "capability_sites" ADD CONSTRAINT "FK_4c7a84178b5d55a58d6b58fd89a" FOREIGN KEY ("site_id") REFERENCES "sites"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "supplier_certifications" ADD CONSTRAINT "FK_80e16fcea06edae27e924b2318c" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "supplier_certifications" ADD CONSTRAINT "FK_1661091bb07b0d202d8881cb7b5" FOREIGN KEY ("type_code") REFERENCES "certification_types"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supplier_certifications" DROP CONSTRAINT "FK_1661091bb07b0d202d8881cb7b5"`);
    await queryRunner.query(`ALTER TABLE "supplier_certifications" DROP CONSTRAINT "FK_80e16fcea06edae27e924b2318c"`);
    await queryRunner.query(`ALTER TABLE "capability_sites" DROP CONSTRAINT "FK_4c7a84178b5d55a58d6b58fd89a"`);
    await queryRunner.query(`ALTER TABLE "capability_sites" DROP CONSTRAINT "FK_0a139da9a32b6182681dac684ae"`);
    await queryRunner.query(`ALTER TABLE "capabilities" DROP CONSTRAINT "FK_cfea90179b6727f3820e493cbc1"`);
    await queryRunner.query(`ALTER TABLE "capabilities" DROP CONSTRAINT "FK_4507e940215c381ab8bd3f92604"`);
    await queryRunner.query(`ALTER TABLE "requirement_certifications" DROP CONSTRAINT "FK_3ac9ea5bc221dcb0bd994f56c0c"`);
    await queryRunner.query(`ALTER TABLE "requirement_certifications" DROP CONSTRAINT "FK_73b7a50e607aa2bac57dcc2487f"`);
    await queryRunner.query(`ALTER TABLE "requirements" DROP CONSTRAINT "FK_8f62d68c3caff5fdcc9ef103f2c"`);
    await queryRunner.query(`ALTER TABLE "requirements" DROP CONSTRAINT "FK_1e4f27d493c8d8d405a76dd03fb"`);
    await queryRunner.query(`ALTER TABLE "requirements" DROP CONSTRAINT "FK_b46d857dc3c05c00a61f21fba23"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox"`);
    await queryRunner.query(`DROP INDEX "public"."supplier_certifications_org_type_idx"`);
    await queryRunner.query(`DROP INDEX "public"."supplier_certifications_number_key"`);
    await queryRunner.query(`DROP TABLE "supplier_certifications"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4c7a84178b5d55a58d6b58fd89"`);
    await queryRunner.query(`DROP TABLE "capability_sites"`);
    await queryRunner.query(`DROP INDEX "public"."capabilities_org_idx"`);
    await queryRunner.query(`DROP INDEX "public"."capabilities_category_idx"`);
    await queryRunner.query(`DROP TABLE "capabilities"`);
    await queryRunner.query(`DROP TABLE "requirement_certifications"`);
    await queryRunner.query(`DROP INDEX "public"."requirements_org_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."requirements_status_category_idx"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1e4f27d493c8d8d405a76dd03f"`);
    await queryRunner.query(`DROP TABLE "requirements"`);
  }
}
