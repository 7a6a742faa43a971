import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A small inline tsvector of the strong fields (name or title, categories, products) that
 * scoring reads, so that the full lexemes (GIN-indexed for matching) can live out of line:
 * the rows a search touches become narrow enough to stay in memory. Existing rows take their
 * A and B lexemes from the full vector.
 */
export class SearchStrongLexemes1795553482105 implements MigrationInterface {
  name = 'SearchStrongLexemes1795553482105';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['search_suppliers', 'search_requirements']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "strong" tsvector NOT NULL DEFAULT ''`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "strong" DROP DEFAULT`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "strong" SET STORAGE MAIN, ALTER COLUMN "lexemes" SET STORAGE EXTENDED, ALTER COLUMN "filter_keys" SET STORAGE EXTENDED`);
      await queryRunner.query(`UPDATE "${table}" SET strong = setweight(ts_filter(lexemes, '{a,b}'), 'A')`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['search_requirements', 'search_suppliers']) {
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "lexemes" SET STORAGE MAIN, ALTER COLUMN "filter_keys" SET STORAGE MAIN`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "strong"`);
    }
  }
}
