import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readMigrationData } from './data/frozen-data.js';

/**
 * The PostgreSQL search adapter's tables (generated), their GIN indexes (hand-written: the
 * entities declare them with synchronize: false), the synonym groups of docs/domain.md as they
 * stood then (frozen in data/1795551685423-search-synonyms.json; later groups come as new
 * migrations or through the addSearchSynonyms mutation),
 * the certificate-validity watermark, and an outbox row per existing supplier and
 * requirement so that the indexer fills the new index.
 */
export class SearchIndex1795551685423 implements MigrationInterface {
  name = 'SearchIndex1795551685423';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "search_suppliers" ("id" uuid NOT NULL, "document" jsonb NOT NULL, "lexemes" tsvector NOT NULL, "fuzzy" text NOT NULL, "filter_keys" text array NOT NULL, "sort_key" text NOT NULL, "indexed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bbae5e8f74d99b9e806314b2ecf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "search_requirements" ("id" uuid NOT NULL, "document" jsonb NOT NULL, "lexemes" tsvector NOT NULL, "fuzzy" text NOT NULL, "filter_keys" text array NOT NULL, "sort_key" text NOT NULL, "indexed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_60d8af3464e4cfcbf625b3a3169" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "search_synonyms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "terms" text array NOT NULL, "one_way" boolean NOT NULL DEFAULT false, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "search_synonyms_terms_check" CHECK (cardinality(terms) >= 2), CONSTRAINT "PK_ce183cb7609a798751043c85c5f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "search_state" ("name" text NOT NULL, "value" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c5da70875d87c861d85bd1994c2" PRIMARY KEY ("name"))`);
    for (const table of ['search_suppliers', 'search_requirements']) {
      await queryRunner.query(`CREATE INDEX "${table}_lexemes_idx" ON "${table}" USING gin ("lexemes")`);
      await queryRunner.query(`CREATE INDEX "${table}_fuzzy_idx" ON "${table}" USING gin ("fuzzy" gin_trgm_ops)`);
      await queryRunner.query(`CREATE INDEX "${table}_keys_idx" ON "${table}" USING gin ("filter_keys")`);
    }
    const { synonyms } = readMigrationData<{ synonyms: { terms: string[]; oneWay: boolean }[] }>('1795551685423-search-synonyms.json');
    for (const group of synonyms) {
      await queryRunner.query(`INSERT INTO "search_synonyms" ("terms", "one_way") VALUES ($1, $2)`, [group.terms, group.oneWay]);
    }
    await queryRunner.query(`INSERT INTO "search_state" ("name", "value") VALUES ('certificates-swept-through', ((now() AT TIME ZONE 'Asia/Shanghai')::date)::text)`);
    await queryRunner.query(`INSERT INTO "outbox" ("entity_type", "entity_id")
      SELECT 'Organization', id::text FROM "organizations" WHERE kind = 'SUPPLIER'
      UNION ALL SELECT 'Requirement', id::text FROM "requirements"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['search_requirements', 'search_suppliers']) {
      for (const index of ['keys', 'fuzzy', 'lexemes']) await queryRunner.query(`DROP INDEX "public"."${table}_${index}_idx"`);
    }
    await queryRunner.query(`DROP TABLE "search_state"`);
    await queryRunner.query(`DROP TABLE "search_synonyms"`);
    await queryRunner.query(`DROP TABLE "search_requirements"`);
    await queryRunner.query(`DROP TABLE "search_suppliers"`);
  }
}
