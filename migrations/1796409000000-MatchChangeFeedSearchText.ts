import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The match index holds each supplier's search text (lexemes and strong vector of
 * `search_suppliers`, written by the search indexer after the supplier's own change), so the
 * change feed names a supplier again when its search row is inserted, deleted, or updated with
 * other text: statement-level triggers with transition tables, in the writing transaction.
 */
export class MatchChangeFeedSearchText1796409000000 implements MigrationInterface {
  name = 'MatchChangeFeedSearchText1796409000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE FUNCTION match_changes_search_suppliers() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_changes (organization_id) SELECT DISTINCT id FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO match_changes (organization_id) SELECT DISTINCT id FROM old_rows;
    ELSE
      INSERT INTO match_changes (organization_id)
        SELECT DISTINCT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
        WHERE o.id IS NULL OR n.lexemes IS DISTINCT FROM o.lexemes OR n.strong IS DISTINCT FROM o.strong
        UNION SELECT o.id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL;
    END IF;
    RETURN NULL;
  END
$fn$`);
    await queryRunner.query(`CREATE TRIGGER search_suppliers_match_changes_insert AFTER INSERT ON search_suppliers REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_search_suppliers()`);
    await queryRunner.query(`CREATE TRIGGER search_suppliers_match_changes_update AFTER UPDATE ON search_suppliers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_search_suppliers()`);
    await queryRunner.query(`CREATE TRIGGER search_suppliers_match_changes_delete AFTER DELETE ON search_suppliers REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_search_suppliers()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const op of ['delete', 'update', 'insert']) await queryRunner.query(`DROP TRIGGER search_suppliers_match_changes_${op} ON search_suppliers`);
    await queryRunner.query(`DROP FUNCTION match_changes_search_suppliers()`);
  }
}
