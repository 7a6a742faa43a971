import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The match index also holds the OPEN requirements, for `opportunitiesForSupplier` (the mirror
 * ranking: requirements for a supplier). The change feed (`match_changes`) names a requirement
 * in `requirement_id` when its row is inserted, updated or deleted (its required certificates
 * update the row's `certification_signature`, so they are covered) and when its search row is
 * written with other text. Rows name either an organisation or a requirement. The delivery
 * plant is an organisation's site, already in the feed: a process reloads the requirements
 * delivered to the plants of a changed organisation (match-index.service.ts).
 */
/** The trigger function of `table`: the requirement ids of the inserted or deleted rows, and those `updated` selects on update. */
function logFunction(table: string, updated: string): string {
  return `CREATE FUNCTION match_changes_${table}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_changes (requirement_id) SELECT DISTINCT id FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO match_changes (requirement_id) SELECT DISTINCT id FROM old_rows;
    ELSE
      INSERT INTO match_changes (requirement_id) ${updated};
    END IF;
    RETURN NULL;
  END
$fn$`;
}

export class MatchChangeFeedRequirements1796600000000 implements MigrationInterface {
  name = 'MatchChangeFeedRequirements1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "match_changes" ALTER COLUMN "organization_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "match_changes" ADD "requirement_id" uuid`);
    // A requirement row is named on any update; a search row only when its text changed (or it went).
    await queryRunner.query(logFunction('requirements', 'SELECT id FROM new_rows UNION SELECT id FROM old_rows'));
    await queryRunner.query(
      logFunction(
        'search_requirements',
        `SELECT DISTINCT n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id
        WHERE o.id IS NULL OR n.lexemes IS DISTINCT FROM o.lexemes OR n.strong IS DISTINCT FROM o.strong
        UNION SELECT o.id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL`,
      ),
    );
    for (const table of ['requirements', 'search_requirements']) {
      await queryRunner.query(`CREATE TRIGGER ${table}_match_changes_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_${table}()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_match_changes_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_${table}()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_match_changes_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_${table}()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['search_requirements', 'requirements']) {
      for (const op of ['delete', 'update', 'insert']) await queryRunner.query(`DROP TRIGGER ${table}_match_changes_${op} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION match_changes_${table}()`);
    }
    await queryRunner.query(`DELETE FROM "match_changes" WHERE "organization_id" IS NULL`);
    await queryRunner.query(`ALTER TABLE "match_changes" DROP COLUMN "requirement_id"`);
    await queryRunner.query(`ALTER TABLE "match_changes" ALTER COLUMN "organization_id" SET NOT NULL`);
  }
}
