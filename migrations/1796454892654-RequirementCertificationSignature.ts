import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * requirements.certification_signature: the requirement's required certificates as one text —
 * `TYPE:'LEVEL'` (or `TYPE:NULL` without a minimum level) for each, sorted by type, joined by
 * commas; '' when none is required. Requirements with the same category, signature and SOP date
 * are judged alike by the qualification rule, so the sourcing levers judge such a group once.
 * Kept up to date by a trigger on requirement_certifications (insert, update, delete), and
 * filled here for the rows that exist. Frozen SQL: migrations do not import live code.
 */
export class RequirementCertificationSignature1796454892654 implements MigrationInterface {
  name = 'RequirementCertificationSignature1796454892654';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "requirements" ADD "certification_signature" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`CREATE FUNCTION requirement_certification_signature(req uuid) RETURNS text LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(string_agg(rc.type_code || ':' || coalesce(quote_literal(rc.min_level), 'NULL'), ',' ORDER BY rc.type_code COLLATE "C"), '')
      FROM requirement_certifications rc WHERE rc.requirement_id = req
    $fn$`);
    await queryRunner.query(`CREATE FUNCTION requirement_certification_signature_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE requirements SET certification_signature = requirement_certification_signature(OLD.requirement_id)
          WHERE id = OLD.requirement_id AND certification_signature IS DISTINCT FROM requirement_certification_signature(OLD.requirement_id);
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          UPDATE requirements SET certification_signature = requirement_certification_signature(NEW.requirement_id)
          WHERE id = NEW.requirement_id AND certification_signature IS DISTINCT FROM requirement_certification_signature(NEW.requirement_id);
        END IF;
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER requirement_certification_signature_sync AFTER INSERT OR UPDATE OR DELETE ON requirement_certifications
      FOR EACH ROW EXECUTE FUNCTION requirement_certification_signature_sync()`);
    await queryRunner.query(`UPDATE requirements q SET certification_signature = requirement_certification_signature(q.id)
      WHERE EXISTS (SELECT 1 FROM requirement_certifications rc WHERE rc.requirement_id = q.id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER requirement_certification_signature_sync ON requirement_certifications`);
    await queryRunner.query(`DROP FUNCTION requirement_certification_signature_sync()`);
    await queryRunner.query(`DROP FUNCTION requirement_certification_signature(uuid)`);
    await queryRunner.query(`ALTER TABLE "requirements" DROP COLUMN "certification_signature"`);
  }
}
