import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795550324229 implements MigrationInterface {
  name = 'InitialSchema1795550324229';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "regions" ("code" character(6) NOT NULL, "name" text NOT NULL, "name_en" text, "level" text NOT NULL, "parent_code" character(6), "province_code" character(6) NOT NULL, "lat" double precision, "lon" double precision, "centroid_approx" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_4f6dc5a464961e7c65a395ea4c6" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_7241ca7859f4288fb12567dd95" ON "regions"  ("parent_code") `);
    await queryRunner.query(`CREATE TABLE "part_categories" ("code" character varying(64) NOT NULL, "parent_code" character varying(64), "name_zh" text NOT NULL, "name_en" text NOT NULL, "focus_area" character varying(16), "keywords" text array NOT NULL DEFAULT '{}', "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_0a2f0f9a24a9ed8d819a418847b" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a9e2ff23764e250d164ee8bb87" ON "part_categories"  ("parent_code") `);
    await queryRunner.query(`CREATE TABLE "certification_types" ("code" character varying(32) NOT NULL, "name" text NOT NULL, "name_zh" text, "level_scheme" character varying(16) NOT NULL, "typical_use" text NOT NULL, CONSTRAINT "PK_70174c24522b16b37d6b4a07236" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "legal_name" text NOT NULL, "name_en" text, "credit_code" character(18) NOT NULL, "designations" text array NOT NULL DEFAULT '{}', "verified" boolean NOT NULL DEFAULT false, "jurisdiction_code" character(6), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_43b31b255111c328c76c0c26113" UNIQUE ("credit_code"), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "sites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "name" text NOT NULL, "country_code" character(2) NOT NULL DEFAULT 'CN', "region_code" character(6), "address" text NOT NULL DEFAULT '', "lat" double precision NOT NULL, "lon" double precision NOT NULL, "location_approx" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sites_place_check" CHECK ((country_code = 'CN' AND region_code IS NOT NULL) OR (country_code <> 'CN' AND region_code IS NULL)), CONSTRAINT "PK_4f5eccb1dfde10c9170502595a7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_a529bc14b2d48521668c19b242" ON "sites"  ("region_code") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "sites_organization_name_key" ON "sites"  ("organization_id", "name") `);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "password_hash" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "organization_id" uuid NOT NULL, "org_admin" boolean NOT NULL DEFAULT false, "jurisdiction_code" character(6), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "users_email_key" ON "users"  ("email") `);
    await queryRunner.query(`CREATE INDEX "IDX_21a659804ed7bf61eb91688dea" ON "users"  ("organization_id") `);
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" BIGSERIAL NOT NULL, "actor_user_id" uuid, "actor_organization_id" uuid, "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "audit_events_entity_idx" ON "audit_events"  ("entity_type", "entity_id") `);
    await queryRunner.query(`ALTER TABLE "regions" ADD CONSTRAINT "FK_7241ca7859f4288fb12567dd959" FOREIGN KEY ("parent_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "part_categories" ADD CONSTRAINT "FK_a9e2ff23764e250d164ee8bb87b" FOREIGN KEY ("parent_code") REFERENCES "part_categories"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD CONSTRAINT "FK_bf0a933b3f206a720b759fc43a0" FOREIGN KEY ("jurisdiction_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sites" ADD CONSTRAINT "FK_b96b37d323d21068b5162941546" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sites" ADD CONSTRAINT "FK_a529bc14b2d48521668c19b242f" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a" FOREIGN KEY ("jurisdiction_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_17a2c5a4db4628b150ed8f7e25a"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await queryRunner.query(`ALTER TABLE "sites" DROP CONSTRAINT "FK_a529bc14b2d48521668c19b242f"`);
    await queryRunner.query(`ALTER TABLE "sites" DROP CONSTRAINT "FK_b96b37d323d21068b5162941546"`);
    await queryRunner.query(`ALTER TABLE "organizations" DROP CONSTRAINT "FK_bf0a933b3f206a720b759fc43a0"`);
    await queryRunner.query(`ALTER TABLE "part_categories" DROP CONSTRAINT "FK_a9e2ff23764e250d164ee8bb87b"`);
    await queryRunner.query(`ALTER TABLE "regions" DROP CONSTRAINT "FK_7241ca7859f4288fb12567dd959"`);
    await queryRunner.query(`DROP INDEX "public"."audit_events_entity_idx"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_21a659804ed7bf61eb91688dea"`);
    await queryRunner.query(`DROP INDEX "public"."users_email_key"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."sites_organization_name_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a529bc14b2d48521668c19b242"`);
    await queryRunner.query(`DROP TABLE "sites"`);
    await queryRunner.query(`DROP TABLE "organizations"`);
    await queryRunner.query(`DROP TABLE "certification_types"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a9e2ff23764e250d164ee8bb87"`);
    await queryRunner.query(`DROP TABLE "part_categories"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7241ca7859f4288fb12567dd95"`);
    await queryRunner.query(`DROP TABLE "regions"`);
  }
}
