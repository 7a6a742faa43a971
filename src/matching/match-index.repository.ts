import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LevelScheme } from '../taxonomy/certification-levels.js';
import { parseTsvector } from './match-text.js';
import type { IndexCapabilityRow, IndexCertificationRow, IndexOrganizationRow, IndexSiteRow, IndexTextRow, TextPacker } from './match-index.js';

/**
 * A supplier's search row as text relevance reads it: its lexemes (without positions, which it
 * does not read: a third less text to send and parse) and its strong vector, in their text form
 * (parsed by `parseTsvector`).
 */
const TEXT_SELECT = `SELECT id, strip(lexemes)::text AS lexemes, strong::text AS strong FROM search_suppliers`;

function textRow(row: { id: string; lexemes: string; strong: string }): IndexTextRow {
  const strong = parseTsvector(row.strong);
  return { id: row.id, lexemes: parseTsvector(row.lexemes).lexemes, strong: strong.lexemes, masks: strong.masks };
}

/** Rows read per statement while building: bounds the memory a build holds in row objects. */
const CHUNK = 20_000;

@Injectable()
export class MatchIndexRepository {
  constructor(@InjectDataSource() private readonly dataSource: Pick<DataSource, 'query'>) {}

  /** The newest change-feed number (0 when empty): a build replays everything after it. */
  async lastChange(): Promise<number> {
    const [row] = await this.dataSource.query<{ seq: string | null }[]>('SELECT max(seq) AS seq FROM match_changes');
    return Number(row.seq ?? 0);
  }

  /** Changes after `seq`, in order. */
  changesAfter(seq: number, limit: number): Promise<{ seq: string; organization_id: string | null; requirement_id: string | null }[]> {
    return this.dataSource.query('SELECT seq, organization_id, requirement_id FROM match_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [seq, limit]);
  }

  /** Feed rows older than a day are read by every live process long since. */
  async pruneChanges(): Promise<void> {
    await this.dataSource.query(`DELETE FROM match_changes WHERE created_at < now() - interval '1 day'`);
  }

  async organizations(): Promise<IndexOrganizationRow[]> {
    return this.chunks<IndexOrganizationRow>('SELECT id, legal_name AS name, designations FROM organizations', 'id');
  }

  async sites(): Promise<IndexSiteRow[]> {
    // Region and city names from the regions (a few thousand) rather than two strings per plant.
    const regions = await this.dataSource.query<{ code: string; name: string; city: string }[]>(
      `SELECT r.code, r.name, CASE WHEN r.level = 'COUNTY' THEN pc.name ELSE r.name END AS city FROM regions r LEFT JOIN regions pc ON pc.code = r.parent_code`,
    );
    const byCode = new Map(regions.map((r) => [r.code, r]));
    const rows = await this.chunks<IndexSiteRow>(
      `SELECT s.id, s.organization_id AS "organizationId", s.name, rtrim(s.country_code) AS "countryCode", s.region_code AS "regionCode",
         NULL::text AS "regionName", NULL::text AS "cityName", s.lat, s.lon, s.location_approx AS "locationApprox"
       FROM sites s`,
      's.id',
    );
    for (const row of rows) {
      const region = row.regionCode === null ? undefined : byCode.get(row.regionCode);
      row.regionName = region?.name ?? null;
      row.cityName = region?.city ?? null;
    }
    return rows;
  }

  async capabilities(): Promise<IndexCapabilityRow[]> {
    return this.chunks<IndexCapabilityRow>(
      `SELECT c.id, c.organization_id AS "organizationId", c.category_code AS "categoryCode", c.annual_capacity AS "annualCapacity", c.lead_time_days AS "leadTimeDays", c.specs,
         ARRAY(SELECT cs.site_id FROM capability_sites cs WHERE cs.capability_id = c.id ORDER BY cs.site_id) AS "siteIds"
       FROM capabilities c`,
      'c.id',
    );
  }

  async certifications(): Promise<IndexCertificationRow[]> {
    return this.chunks<IndexCertificationRow & { scheme: LevelScheme }>(
      `SELECT sc.id, sc.organization_id AS "organizationId", sc.type_code AS "typeCode", t.level_scheme AS scheme, sc.level, sc.valid_from AS "validFrom", sc.valid_until AS "validUntil"
       FROM supplier_certifications sc JOIN certification_types t ON t.code = sc.type_code`,
      'sc.id',
    );
  }

  /** Every supplier's search text (the PostgreSQL search adapter's rows), packed a chunk at a time. */
  async packTexts(packer: TextPacker): Promise<void> {
    await this.eachChunk<{ id: string; lexemes: string; strong: string }>(TEXT_SELECT, 'id', (rows) => {
      for (const row of rows) packer.add(textRow(row));
    });
  }

  /** The search text of these organisations (those without a search row are left out). */
  async textsOf(ids: readonly string[]): Promise<IndexTextRow[]> {
    const rows = await this.dataSource.query<{ id: string; lexemes: string; strong: string }[]>(`${TEXT_SELECT} WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(textRow);
  }

  /** All rows of `select` in `key` order. */
  private async chunks<T>(select: string, key: string): Promise<T[]> {
    const all: T[] = [];
    await this.eachChunk<T>(select, key, (rows) => {
      for (const row of rows) all.push(row);
    });
    return all;
  }

  /** The rows of `select` in `key` order, handed to `each` CHUNK at a time (keyset on the uuid `key`, selected as `id`). */
  private async eachChunk<T>(select: string, key: string, each: (rows: T[]) => void): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    let first = true;
    for (;;) {
      const rows = await this.dataSource.query<(T & { id: string })[]>(`${select} WHERE ${first ? `${key} >= $1` : `${key} > $1`} ORDER BY ${key} LIMIT ${CHUNK}`, [after]);
      each(rows);
      if (rows.length < CHUNK) return;
      after = rows[rows.length - 1].id;
      first = false;
    }
  }
}
