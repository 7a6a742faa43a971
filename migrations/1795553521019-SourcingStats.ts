import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bureau statistics: baselines, and the contract rollup behind the local-sourcing rates.
 *
 * `sourcing_rollups` is kept by statement-level triggers on `contracts` with transition
 * tables, in the same transaction as the contract write — whichever code path writes
 * (award, recording, amendment, termination, bulk COPY seeding, a test's INSERT), and with
 * one grouped upsert per statement, so a bulk load of a million rows costs one pass, not a
 * million. An UPDATE takes out the old facts of the rows whose facts changed and adds the
 * new. Rows are upserted in key order, so concurrent writers lock them in the same order
 * (no deadlock between two contract writes). TRUNCATE empties the rollup.
 * `sourcing_rollups_rebuild()` recomputes everything from `contracts` (run here to fill the
 * table, and available to an operator).
 *
 * How a contract counts is the rule of src/sourcing-stats/sourcing-figures.ts and
 * counted-value.ts: current total value; TERMINATED → delivered value (0 if unknown), and it
 * counts on the COUNT basis only if something was delivered.
 */
const FACTS = 'signed_date, buyer_region_code, buyer_organization_id, category_code, source, status, total_value, delivered_value, same_province, same_city';

/** An INSERT … SELECT that adds `changes` (rows of contracts columns with a `sign` of ±1) to the rollup. */
function upsert(changes: string): string {
  return `
    INSERT INTO sourcing_rollups AS r (region_code, dimension, year, quarter, dim_key, source, contracts, counted,
      counted_province_local, counted_city_local, value, value_province_local, value_city_local)
    SELECT reg.code, d.dimension, c.year, c.quarter, d.dim_key, c.source,
      sum(c.sign), sum(c.sign * c.n),
      sum(CASE WHEN c.same_province THEN c.sign * c.n ELSE 0 END), sum(CASE WHEN c.same_city THEN c.sign * c.n ELSE 0 END),
      sum(c.sign * c.v), sum(CASE WHEN c.same_province THEN c.sign * c.v ELSE 0 END), sum(CASE WHEN c.same_city THEN c.sign * c.v ELSE 0 END)
    FROM (
      SELECT ch.sign, extract(year FROM ch.signed_date)::smallint AS year, extract(quarter FROM ch.signed_date)::smallint AS quarter,
        ch.buyer_region_code, ch.buyer_organization_id, ch.category_code, ch.source, ch.same_province, ch.same_city,
        CASE WHEN ch.status = 'TERMINATED' THEN COALESCE(ch.delivered_value, 0) ELSE ch.total_value END AS v,
        CASE WHEN ch.status = 'TERMINATED' AND COALESCE(ch.delivered_value, 0) = 0 THEN 0 ELSE 1 END AS n
      FROM (${changes}) ch
    ) c
    CROSS JOIN LATERAL (SELECT DISTINCT l.code FROM (VALUES (substr(c.buyer_region_code, 1, 2) || '0000'), (substr(c.buyer_region_code, 1, 4) || '00'), (c.buyer_region_code::text)) l(code)) reg
    CROSS JOIN LATERAL (VALUES ('ALL', ''), ('OEM', c.buyer_organization_id::text), ('CATEGORY', c.category_code::text)) d(dimension, dim_key)
    GROUP BY 1, 2, 3, 4, 5, 6
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (region_code, dimension, year, quarter, dim_key, source) DO UPDATE SET
      contracts = r.contracts + EXCLUDED.contracts,
      counted = r.counted + EXCLUDED.counted,
      counted_province_local = r.counted_province_local + EXCLUDED.counted_province_local,
      counted_city_local = r.counted_city_local + EXCLUDED.counted_city_local,
      value = r.value + EXCLUDED.value,
      value_province_local = r.value_province_local + EXCLUDED.value_province_local,
      value_city_local = r.value_city_local + EXCLUDED.value_city_local`;
}

const changed = `(${FACTS.split(', ').map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${FACTS.split(', ').map((c) => `n.${c}`).join(', ')})`;
const columnsOf = (alias: string) => FACTS.split(', ').map((c) => `${alias}.${c}`).join(', ');

export class SourcingStats1795553521019 implements MigrationInterface {
  name = 'SourcingStats1795553521019';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sourcing_baselines" ("region_code" character(6) NOT NULL, "baseline_year" smallint NOT NULL, "target_increase_pp" numeric(6,3) NOT NULL DEFAULT '10', "entered_rate" numeric(9,8), "entered_basis" text, "entered_scope" text, "source_note" text NOT NULL DEFAULT '', "set_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "sourcing_baselines_year_check" CHECK (baseline_year BETWEEN 2000 AND 2100), CONSTRAINT "sourcing_baselines_entered_check" CHECK ((entered_rate IS NULL AND entered_basis IS NULL AND entered_scope IS NULL) OR (entered_rate BETWEEN 0 AND 1 AND entered_basis IN ('VALUE', 'COUNT') AND entered_scope IN ('PROVINCE', 'CITY') AND source_note <> '')), CONSTRAINT "sourcing_baselines_increase_check" CHECK (target_increase_pp > 0 AND target_increase_pp <= 100), CONSTRAINT "PK_ba2f250ee0aabf330fea98c0751" PRIMARY KEY ("region_code"))`);
    await queryRunner.query(`CREATE TABLE "sourcing_rollups" ("region_code" character(6) NOT NULL, "dimension" character varying(8) NOT NULL, "year" smallint NOT NULL, "quarter" smallint NOT NULL, "dim_key" character varying(64) NOT NULL, "source" text NOT NULL, "contracts" integer NOT NULL, "counted" integer NOT NULL, "counted_province_local" integer NOT NULL, "counted_city_local" integer NOT NULL, "value" numeric(22,2) NOT NULL, "value_province_local" numeric(22,2) NOT NULL, "value_city_local" numeric(22,2) NOT NULL, CONSTRAINT "sourcing_rollups_quarter_check" CHECK (quarter BETWEEN 1 AND 4), CONSTRAINT "PK_5ccfadc05c8faf74898a3419393" PRIMARY KEY ("region_code", "dimension", "year", "quarter", "dim_key", "source"))`);
    await queryRunner.query(`ALTER TABLE "sourcing_baselines" ADD CONSTRAINT "FK_ba2f250ee0aabf330fea98c0751" FOREIGN KEY ("region_code") REFERENCES "regions"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await queryRunner.query(`CREATE FUNCTION sourcing_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
    $fn$`);
    await queryRunner.query(`CREATE FUNCTION sourcing_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        DELETE FROM sourcing_rollups;
        RETURN NULL;
      END
    $fn$`);
    await queryRunner.query(`CREATE FUNCTION sourcing_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        LOCK TABLE contracts IN SHARE MODE;
        DELETE FROM sourcing_rollups;
        ${upsert(`SELECT 1 AS sign, ${FACTS} FROM contracts`)};
      END
    $fn$`);
    await queryRunner.query(`CREATE TRIGGER contracts_sourcing_rollups_insert AFTER INSERT ON contracts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sourcing_rollups_apply()`);
    await queryRunner.query(`CREATE TRIGGER contracts_sourcing_rollups_update AFTER UPDATE ON contracts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sourcing_rollups_apply()`);
    await queryRunner.query(`CREATE TRIGGER contracts_sourcing_rollups_delete AFTER DELETE ON contracts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sourcing_rollups_apply()`);
    await queryRunner.query(`CREATE TRIGGER contracts_sourcing_rollups_truncate AFTER TRUNCATE ON contracts FOR EACH STATEMENT EXECUTE FUNCTION sourcing_rollups_truncate()`);
    await queryRunner.query(`SELECT sourcing_rollups_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER contracts_sourcing_rollups_truncate ON contracts`);
    await queryRunner.query(`DROP TRIGGER contracts_sourcing_rollups_delete ON contracts`);
    await queryRunner.query(`DROP TRIGGER contracts_sourcing_rollups_update ON contracts`);
    await queryRunner.query(`DROP TRIGGER contracts_sourcing_rollups_insert ON contracts`);
    await queryRunner.query(`DROP FUNCTION sourcing_rollups_rebuild()`);
    await queryRunner.query(`DROP FUNCTION sourcing_rollups_truncate()`);
    await queryRunner.query(`DROP FUNCTION sourcing_rollups_apply()`);
    await queryRunner.query(`ALTER TABLE "sourcing_baselines" DROP CONSTRAINT "FK_ba2f250ee0aabf330fea98c0751"`);
    await queryRunner.query(`DROP TABLE "sourcing_rollups"`);
    await queryRunner.query(`DROP TABLE "sourcing_baselines"`);
  }
}
