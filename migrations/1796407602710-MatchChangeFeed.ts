import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The match index's change feed (src/matching/match-index.service.ts): `match_changes` gets one
 * row per organisation whose matching facts a statement changed — the organisation itself (name,
 * designations), its plants, capabilities, capability plants and certificates — written by
 * statement-level triggers with transition tables, so in the same transaction as the change,
 * whichever code path writes (GraphQL, CSV import, seeding, a test's INSERT), one INSERT per
 * statement. Every API process polls the feed by sequence number and reloads those organisations.
 */
const TABLES: { table: string; organization: (alias: string) => string; from: (rows: string) => string }[] = [
  { table: 'organizations', organization: (a) => `${a}.id`, from: (rows) => `${rows} r` },
  { table: 'sites', organization: (a) => `${a}.organization_id`, from: (rows) => `${rows} r` },
  { table: 'capabilities', organization: (a) => `${a}.organization_id`, from: (rows) => `${rows} r` },
  { table: 'supplier_certifications', organization: (a) => `${a}.organization_id`, from: (rows) => `${rows} r` },
  { table: 'capability_sites', organization: () => 'c.organization_id', from: (rows) => `${rows} r JOIN capabilities c ON c.id = r.capability_id` },
];

function logFunction({ table, organization, from }: (typeof TABLES)[number]): string {
  const select = (rows: string) => `SELECT ${organization('r')} AS organization_id FROM ${from(rows)}`;
  return `CREATE FUNCTION match_changes_${table}() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_changes (organization_id) SELECT DISTINCT organization_id FROM (${select('new_rows')}) x;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO match_changes (organization_id) SELECT DISTINCT organization_id FROM (${select('old_rows')}) x;
    ELSE
      INSERT INTO match_changes (organization_id) SELECT DISTINCT organization_id FROM (${select('new_rows')} UNION ${select('old_rows')}) x;
    END IF;
    RETURN NULL;
  END
$fn$`;
}

export class MatchChangeFeed1796407602710 implements MigrationInterface {
  name = 'MatchChangeFeed1796407602710';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "match_changes" ("seq" BIGSERIAL NOT NULL, "organization_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fda0e1e17ea48ed0b6cffc67f8c" PRIMARY KEY ("seq"))`);
    for (const spec of TABLES) {
      const { table } = spec;
      await queryRunner.query(logFunction(spec));
      await queryRunner.query(`CREATE TRIGGER ${table}_match_changes_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_${table}()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_match_changes_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_${table}()`);
      await queryRunner.query(`CREATE TRIGGER ${table}_match_changes_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_changes_${table}()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of [...TABLES].reverse()) {
      for (const op of ['delete', 'update', 'insert']) await queryRunner.query(`DROP TRIGGER ${table}_match_changes_${op} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION match_changes_${table}()`);
    }
    await queryRunner.query(`DROP TABLE "match_changes"`);
  }
}
