import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed's trigger on `capability_sites` (1796407602710-MatchChangeFeed) finds each
 * link's organisation through its capability. Written as a join with the transition table, it
 * was planned as a hash join over the whole `capabilities` table (the transition table has no
 * statistics): ~400 ms for a 5,000-row CSV import batch on the large data set. A lookup per link
 * through the capabilities' primary key costs the same few buffer hits for one link or many.
 * A link whose capability is gone in the same statement (a cascade from a deleted capability)
 * finds none; that capability's own trigger has logged its organisation.
 */
const lookup = (rows: string) => `SELECT (SELECT c.organization_id FROM capabilities c WHERE c.id = r.capability_id) AS organization_id FROM ${rows} r`;
const join = (rows: string) => `SELECT c.organization_id AS organization_id FROM ${rows} r JOIN capabilities c ON c.id = r.capability_id`;

function logFunction(select: (rows: string) => string): string {
  return `CREATE OR REPLACE FUNCTION match_changes_capability_sites() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      INSERT INTO match_changes (organization_id) SELECT DISTINCT organization_id FROM (${select('new_rows')}) x WHERE organization_id IS NOT NULL;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO match_changes (organization_id) SELECT DISTINCT organization_id FROM (${select('old_rows')}) x WHERE organization_id IS NOT NULL;
    ELSE
      INSERT INTO match_changes (organization_id) SELECT DISTINCT organization_id FROM (${select('new_rows')} UNION ${select('old_rows')}) x WHERE organization_id IS NOT NULL;
    END IF;
    RETURN NULL;
  END
$fn$`;
}

export class MatchChangeLinkLookup1796500000000 implements MigrationInterface {
  name = 'MatchChangeLinkLookup1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(logFunction(lookup));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(logFunction(join));
  }
}
