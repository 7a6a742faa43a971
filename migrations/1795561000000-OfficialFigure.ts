import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Verification and the official figure.
 * - contracts.buyer_verified: whether the buying organisation is verified, kept by triggers
 *   (set from organizations on insert; rewritten for all its contracts when the organisation's
 *   verified flag changes), so the rollup triggers see it as one of a contract's facts.
 * - contracts.review_status: NONE, HELD (an implausible value held for review), RELEASED,
 *   REJECTED, with the reviewer's note.
 * - sourcing_rollups gets `standing` in its key: EXCLUDED (buyer unverified, or HELD, or
 *   REJECTED), CONFIRMED (an award, or a recorded contract its supplier confirmed),
 *   UNCONFIRMED (any other recorded contract). The official figure reads CONFIRMED and
 *   UNCONFIRMED rows, or CONFIRMED only; its unconfirmed part is summed from the same rows. A
 *   read stays a read of the region's few hundred rollup rows (at most three times as many as
 *   before), instead of filtering contracts at query time.
 * - organizations: the platform's verification decision (note, when, by whom, refused or not).
 * The rollup trigger functions are replaced (same statement-level design as SourcingDrillDown,
 * with the standing) and the rollup rebuilt.
 */
const FACTS = 'signed_date, buyer_region_code, buyer_organization_id, category_code, source, status, total_value, delivered_value, same_province, same_city, buyer_verified, review_status, supplier_confirmation';
const STANDING = `CASE WHEN NOT ch.buyer_verified OR ch.review_status IN ('HELD', 'REJECTED') THEN 'EXCLUDED'
  WHEN ch.source = 'AWARDED' OR ch.supplier_confirmation = 'CONFIRMED' THEN 'CONFIRMED' ELSE 'UNCONFIRMED' END`;

function upsert(changes: string): string {
  return `
    INSERT INTO sourcing_rollups AS r (dimension, region_code, year, quarter, dim_key, source, standing, contracts, counted,
      counted_province_local, counted_city_local, contracts_province_local, contracts_city_local, value, value_province_local, value_city_local)
    SELECT d.dimension, reg.code, c.year, c.quarter, d.dim_key, c.source, c.standing,
      sum(c.sign), sum(c.sign * c.n),
      sum(CASE WHEN c.same_province THEN c.sign * c.n ELSE 0 END), sum(CASE WHEN c.same_city THEN c.sign * c.n ELSE 0 END),
      sum(CASE WHEN c.same_province THEN c.sign ELSE 0 END), sum(CASE WHEN c.same_city THEN c.sign ELSE 0 END),
      sum(c.sign * c.v), sum(CASE WHEN c.same_province THEN c.sign * c.v ELSE 0 END), sum(CASE WHEN c.same_city THEN c.sign * c.v ELSE 0 END)
    FROM (
      SELECT ch.sign, extract(year FROM ch.signed_date)::smallint AS year, extract(quarter FROM ch.signed_date)::smallint AS quarter,
        ch.buyer_region_code, ch.buyer_organization_id, ch.category_code, ch.source, ch.same_province, ch.same_city,
        ${STANDING} AS standing,
        CASE WHEN ch.status = 'TERMINATED' THEN COALESCE(ch.delivered_value, 0) ELSE ch.total_value END AS v,
        CASE WHEN ch.status = 'TERMINATED' AND COALESCE(ch.delivered_value, 0) = 0 THEN 0 ELSE 1 END AS n
      FROM (${changes}) ch
    ) c
    CROSS JOIN LATERAL (SELECT DISTINCT l.code FROM (VALUES (substr(c.buyer_region_code, 1, 2) || '0000'), (substr(c.buyer_region_code, 1, 4) || '00'), (c.buyer_region_code::text)) l(code)) reg
    CROSS JOIN LATERAL (VALUES ('ALL', ''), ('OEM', c.buyer_organization_id::text), ('CATEGORY', c.category_code::text)) d(dimension, dim_key)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (dimension, region_code, year, quarter, dim_key, source, standing) DO UPDATE SET
      contracts = r.contracts + EXCLUDED.contracts,
      counted = r.counted + EXCLUDED.counted,
      counted_province_local = r.counted_province_local + EXCLUDED.counted_province_local,
      counted_city_local = r.counted_city_local + EXCLUDED.counted_city_local,
      contracts_province_local = r.contracts_province_local + EXCLUDED.contracts_province_local,
      contracts_city_local = r.contracts_city_local + EXCLUDED.contracts_city_local,
      value = r.value + EXCLUDED.value,
      value_province_local = r.value_province_local + EXCLUDED.value_province_local,
      value_city_local = r.value_city_local + EXCLUDED.value_city_local`;
}

const columnsOf = (alias: string) => FACTS.split(', ').map((c) => `${alias}.${c}`).join(', ');
const changed = `(${columnsOf('o')}) IS DISTINCT FROM (${columnsOf('n')})`;

const APPLY = `CREATE OR REPLACE FUNCTION sourcing_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      ${upsert(`SELECT 1 AS sign, ${FACTS} FROM new_rows`)};
    ELSIF TG_OP = 'DELETE' THEN
      ${upsert(`SELECT -1 AS sign, ${FACTS} FROM old_rows`)};
    ELSIF TG_OP = 'UPDATE' THEN
      ${upsert(`SELECT -1 AS sign, ${columnsOf('o')} FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}
                UNION ALL
                SELECT 1 AS sign, ${columnsOf('n')} FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}`)};
    END IF;
    RETURN NULL;
  END
$fn$`;

const REBUILD = `CREATE OR REPLACE FUNCTION sourcing_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
  BEGIN
    LOCK TABLE contracts IN SHARE MODE;
    DELETE FROM sourcing_rollups;
    ${upsert(`SELECT 1 AS sign, ${FACTS} FROM contracts`)};
  END
$fn$`;

export class OfficialFigure1795561000000 implements MigrationInterface {
  name = 'OfficialFigure1795561000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contracts" ADD "buyer_verified" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "review_status" text NOT NULL DEFAULT 'NONE'`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "review_note" text`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "reviewed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD "reviewed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "contracts" ADD CONSTRAINT "contracts_review_status_check" CHECK (review_status IN ('NONE', 'HELD', 'RELEASED', 'REJECTED'))`);
    await queryRunner.query(`CREATE INDEX "contracts_review_idx" ON "contracts" ("review_status", "signed_date") WHERE review_status = 'HELD'`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_note" text`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_refused" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "organizations" ADD "verification_decided_by" uuid`);
    await queryRunner.query(`CREATE INDEX "organizations_verification_queue_idx" ON "organizations" ("created_at", "id") WHERE NOT verified AND NOT verification_refused`);

    await queryRunner.query(`CREATE FUNCTION contracts_buyer_verified_set() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        NEW.buyer_verified := COALESCE((SELECT o.verified FROM organizations o WHERE o.id = NEW.buyer_organization_id), false);
        RETURN NEW;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER contracts_buyer_verified_insert BEFORE INSERT ON contracts FOR EACH ROW EXECUTE FUNCTION contracts_buyer_verified_set()`);
    await queryRunner.query(`CREATE FUNCTION organizations_verified_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        UPDATE contracts SET buyer_verified = NEW.verified WHERE buyer_organization_id = NEW.id AND buyer_verified IS DISTINCT FROM NEW.verified;
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER organizations_verified_sync AFTER UPDATE OF verified ON organizations FOR EACH ROW WHEN (OLD.verified IS DISTINCT FROM NEW.verified) EXECUTE FUNCTION organizations_verified_sync()`);

    await queryRunner.query(`ALTER TABLE "sourcing_rollups" ADD "standing" text NOT NULL DEFAULT 'UNCONFIRMED'`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" ADD CONSTRAINT "sourcing_rollups_standing_check" CHECK (standing IN ('CONFIRMED', 'UNCONFIRMED', 'EXCLUDED'))`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" DROP CONSTRAINT "PK_5ccfadc05c8faf74898a3419393"`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" ADD CONSTRAINT "PK_5ccfadc05c8faf74898a3419393" PRIMARY KEY ("dimension", "region_code", "year", "quarter", "dim_key", "source", "standing")`);
    await queryRunner.query(APPLY);
    await queryRunner.query(REBUILD);
    // Backfill the buyer's verification (the UPDATE goes through the new rollup function), then rebuild.
    await queryRunner.query(`UPDATE contracts c SET buyer_verified = o.verified FROM organizations o WHERE o.id = c.buyer_organization_id AND c.buyer_verified IS DISTINCT FROM o.verified`);
    await queryRunner.query(`SELECT sourcing_rollups_rebuild()`);
  }

  public async down(): Promise<void> {
    throw new Error('OfficialFigure cannot be reverted: restore from a backup (the previous rollup cannot tell the excluded contracts apart)');
  }
}
