import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { Decimal } from 'decimal.js';
import { decimalTransformer } from '../common/decimal.scalar.js';

/** The breakdowns the rollup keeps: everything, per buying OEM, per part category. */
export enum RollupDimension {
  ALL = 'ALL',
  OEM = 'OEM',
  CATEGORY = 'CATEGORY',
}

/**
 * Contract sums for the local-sourcing rate, kept by triggers on `contracts` (see the
 * SourcingStats migration): each contract adds to one row per (buyer-plant region at each
 * level — province, city, county — × dimension), in the quarter it was signed, for its source.
 * A bureau's figure for region J reads only the rows of J itself, a few dozen to a few
 * thousand, whatever the number of contracts. Never written by the application.
 */
@Entity('sourcing_rollups')
@Check('sourcing_rollups_quarter_check', 'quarter BETWEEN 1 AND 4')
@Check('sourcing_rollups_standing_check', `standing IN ('CONFIRMED', 'UNCONFIRMED', 'EXCLUDED')`)
export class SourcingRollup {
  /** First in the primary key: a figure reads one dimension of one region, or of a range of regions (its cities or counties). */
  @PrimaryColumn('varchar', { length: 8 })
  dimension: RollupDimension;

  /** The province, city or county that contains the buyer plant (one row for each level). */
  @PrimaryColumn({ type: 'char', length: 6 })
  regionCode: string;

  @PrimaryColumn('smallint')
  year: number;

  @PrimaryColumn('smallint')
  quarter: number;

  /** '' for ALL, the buyer organisation's id for OEM, the category code for CATEGORY. */
  @PrimaryColumn('varchar', { length: 64 })
  dimKey: string;

  /** AWARDED or RECORDED. */
  @PrimaryColumn('text')
  source: string;

  /**
   * EXCLUDED (buyer unverified, or the contract held for review or rejected): not in the official
   * figure; CONFIRMED (an award, or a recorded contract its supplier confirmed); UNCONFIRMED.
   */
  @PrimaryColumn('text', { default: 'UNCONFIRMED' })
  standing: string;

  /** Contracts signed, counting or not. */
  @Column('int')
  contracts: number;

  /** Contracts that count: all but those TERMINATED without delivered value. */
  @Column('int')
  counted: number;

  @Column('int')
  countedProvinceLocal: number;

  @Column('int')
  countedCityLocal: number;

  /** Contracts local to the buyer plant's province at signing, counting or not (the drill-down's totalCount). */
  @Column('int', { default: 0 })
  contractsProvinceLocal: number;

  @Column('int', { default: 0 })
  contractsCityLocal: number;

  /** Counted value, CNY: current total value; delivered value for a TERMINATED contract. */
  @Column('numeric', { precision: 22, scale: 2, transformer: decimalTransformer })
  value: Decimal;

  @Column('numeric', { precision: 22, scale: 2, transformer: decimalTransformer })
  valueProvinceLocal: Decimal;

  @Column('numeric', { precision: 22, scale: 2, transformer: decimalTransformer })
  valueCityLocal: Decimal;
}
