import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drill-down at scale, for the bureau statistics:
 * - the rollup's primary key leads with the dimension (a breakdown by city or county reads a
 *   range of region codes within one dimension; region first made it scan every dimension);
 * - the rollup also counts every contract local to the buyer plant's province / city (counted
 *   or not), so the drill-down's totalCount comes from the rollup instead of counting contracts;
 * - contracts get an index on (signed_date, id), the drill-down's order (newest first), so its
 *   first page over a whole province reads a page of rows, not the province.
 * The trigger functions are replaced to keep the two new columns; the rollup is rebuilt.
 */
const FACTS = 'signed_date, buyer_region_code, buyer_organization_id, category_code, source, status, total_value, delivered_value, same_province, same_city';

/**
 * An INSERT … SELECT that adds `changes` (rows of contracts columns with a `sign` of ±1) to the
 * rollup; `withLocalContracts: false` is the previous migration's version (for down()).
 */
function upsertOf(withLocalContracts: boolean) {
  return (changes: string) => `
    INSERT INTO sourcing_rollups AS r (dimension, region_code, year, quarter, dim_key, source, contracts, counted,
      counted_province_local, counted_city_local, ${withLocalContracts ? 'contracts_province_local, contracts_city_local, ' : ''}value, value_province_local, value_city_local)
    SELECT d.dimension, reg.code, c.year, c.quarter, d.dim_key, c.source,
      sum(c.sign), sum(c.sign * c.n),
      sum(CASE WHEN c.same_province THEN c.sign * c.n ELSE 0 END), sum(CASE WHEN c.same_city THEN c.sign * c.n ELSE 0 END),
      ${withLocalContracts ? 'sum(CASE WHEN c.same_province THEN c.sign ELSE 0 END), sum(CASE WHEN c.same_city THEN c.sign ELSE 0 END),' : ''}
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
    ON CONFLICT (dimension, region_code, year, quarter, dim_key, source) DO UPDATE SET
      contracts = r.contracts + EXCLUDED.contracts,
      counted = r.counted + EXCLUDED.counted,
      counted_province_local = r.counted_province_local + EXCLUDED.counted_province_local,
      counted_city_local = r.counted_city_local + EXCLUDED.counted_city_local,
      ${withLocalContracts ? `contracts_province_local = r.contracts_province_local + EXCLUDED.contracts_province_local,
      contracts_city_local = r.contracts_city_local + EXCLUDED.contracts_city_local,` : ''}
      value = r.value + EXCLUDED.value,
      value_province_local = r.value_province_local + EXCLUDED.value_province_local,
      value_city_local = r.value_city_local + EXCLUDED.value_city_local`;
}

const changed = `(${FACTS.split(', ').map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${FACTS.split(', ').map((c) => `n.${c}`).join(', ')})`;
const columnsOf = (alias: string) => FACTS.split(', ').map((c) => `${alias}.${c}`).join(', ');

function applyFunction(add: (changes: string) => string): string {
  return `CREATE OR REPLACE FUNCTION sourcing_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${add(`SELECT 1 AS sign, ${FACTS} FROM new_rows`)};
        ELSIF TG_OP = 'DELETE' THEN
          ${add(`SELECT -1 AS sign, ${FACTS} FROM old_rows`)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${add(`SELECT -1 AS sign, ${columnsOf('o')} FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}
                    UNION ALL
                    SELECT 1 AS sign, ${columnsOf('n')} FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ${changed}`)};
        END IF;
        RETURN NULL;
      END
    $fn$`;
}

function rebuildFunction(add: (changes: string) => string): string {
  return `CREATE OR REPLACE FUNCTION sourcing_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $fn$
      BEGIN
        LOCK TABLE contracts IN SHARE MODE;
        DELETE FROM sourcing_rollups;
        ${add(`SELECT 1 AS sign, ${FACTS} FROM contracts`)};
      END
    $fn$`;
}

const upsert = upsertOf(true);
const previousUpsert = upsertOf(false);

export class SourcingDrillDown1795556259471 implements MigrationInterface {
  name = 'SourcingDrillDown1795556259471';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" DROP CONSTRAINT "PK_5ccfadc05c8faf74898a3419393"`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" ADD CONSTRAINT "PK_5ccfadc05c8faf74898a3419393" PRIMARY KEY ("dimension", "region_code", "year", "quarter", "dim_key", "source")`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" ADD "contracts_province_local" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" ADD "contracts_city_local" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE INDEX "contracts_signed_idx" ON "contracts" ("signed_date", "id") `);
    await queryRunner.query(applyFunction(upsert));
    await queryRunner.query(rebuildFunction(upsert));
    await queryRunner.query(`SELECT sourcing_rollups_rebuild()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(applyFunction(previousUpsert));
    await queryRunner.query(rebuildFunction(previousUpsert));
    await queryRunner.query(`DROP INDEX "public"."contracts_signed_idx"`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" DROP COLUMN "contracts_city_local"`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" DROP COLUMN "contracts_province_local"`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" DROP CONSTRAINT "PK_5ccfadc05c8faf74898a3419393"`);
    await queryRunner.query(`ALTER TABLE "sourcing_rollups" ADD CONSTRAINT "PK_5ccfadc05c8faf74898a3419393" PRIMARY KEY ("region_code", "dimension", "year", "quarter", "dim_key", "source")`);
  }
}
