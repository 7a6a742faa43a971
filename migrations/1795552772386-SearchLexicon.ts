import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Typo tolerance moves from a trigram index over every document's text (slow: similarity was
 * computed per matching row) to a lexicon of the indexed Latin words, where a query word is
 * corrected once per query. Facets get a narrower key array of their own. And the hot columns
 * (lexemes, keys, sort key) are kept inline while the document is pushed out of line, so that
 * scoring a match reads no TOAST.
 */
export class SearchLexicon1795552772386 implements MigrationInterface {
  name = 'SearchLexicon1795552772386';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."search_suppliers_fuzzy_idx"`);
    await queryRunner.query(`DROP INDEX "public"."search_requirements_fuzzy_idx"`);
    await queryRunner.query(`CREATE TABLE "search_lexicon" ("word" text NOT NULL, CONSTRAINT "PK_f6c612117b13569b578ce27c961" PRIMARY KEY ("word"))`);
    await queryRunner.query(`CREATE INDEX "search_lexicon_trgm_idx" ON "search_lexicon" USING gin ("word" gin_trgm_ops)`);
    await queryRunner.query(`ALTER TABLE "search_suppliers" DROP COLUMN "fuzzy"`);
    await queryRunner.query(`ALTER TABLE "search_requirements" DROP COLUMN "fuzzy"`);
    const facetPrefixes: Record<string, string[]> = { search_suppliers: ['c:', 't:', 'p:', 'y:', 'd:', 'v:'], search_requirements: ['c:', 's:', 'p:', 'y:'] };
    for (const table of ['search_suppliers', 'search_requirements']) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "facet_keys" text array NOT NULL DEFAULT '{}'`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "facet_keys" DROP DEFAULT`);
      await queryRunner.query(`UPDATE "${table}" SET facet_keys = ARRAY(SELECT k FROM unnest(filter_keys) k WHERE left(k, 2) = ANY($1::text[]))`, [facetPrefixes[table]]);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "facet_keys" SET STORAGE MAIN`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "lexemes" SET STORAGE MAIN, ALTER COLUMN "filter_keys" SET STORAGE MAIN, ALTER COLUMN "sort_key" SET STORAGE MAIN`);
      await queryRunner.query(`ALTER TABLE "${table}" SET (toast_tuple_target = 128)`);
      await queryRunner.query(`INSERT INTO "search_lexicon" ("word")
        SELECT DISTINCT w FROM "${table}", unnest(tsvector_to_array(lexemes)) AS w
        WHERE length(w) >= 3 AND w ~ '^[a-z0-9][a-z0-9-]*$' AND w ~ '[a-z]'
        ON CONFLICT DO NOTHING`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['search_requirements', 'search_suppliers']) {
      await queryRunner.query(`ALTER TABLE "${table}" RESET (toast_tuple_target)`);
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "facet_keys"`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "lexemes" SET STORAGE EXTENDED, ALTER COLUMN "filter_keys" SET STORAGE EXTENDED, ALTER COLUMN "sort_key" SET STORAGE EXTENDED`);
      // The trigram text is rebuilt by `npm run reindex` on the older code.
      await queryRunner.query(`ALTER TABLE "${table}" ADD "fuzzy" text NOT NULL DEFAULT ''`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "fuzzy" DROP DEFAULT`);
      await queryRunner.query(`CREATE INDEX "${table}_fuzzy_idx" ON "${table}" USING gin ("fuzzy" gin_trgm_ops)`);
    }
    await queryRunner.query(`DROP TABLE "search_lexicon"`);
  }
}
