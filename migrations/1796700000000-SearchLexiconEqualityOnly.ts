import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lexicon of indexed Latin words is only ever read by equality (is a query word known, and
 * which of its one-edit variants are: postgres-search-index.ts). Its trigram index served no
 * query, yet pg_trgm answers `=` too, and the planner chose it for `word = ANY($1)`: about 6 ms
 * per call on 2,346 words, where the primary key or a scan of the table takes a fraction of a
 * millisecond. Every search and every ranking asks the lexicon once, so the index goes.
 */
export class SearchLexiconEqualityOnly1796700000000 implements MigrationInterface {
  name = 'SearchLexiconEqualityOnly1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."search_lexicon_trgm_idx"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "search_lexicon_trgm_idx" ON "search_lexicon" USING gin ("word" gin_trgm_ops)`);
  }
}
