import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Decimal } from 'decimal.js';
import { decimalTransformer } from '../common/decimal.scalar.js';
import { Region } from '../regions/region.entity.js';
import type { Basis, Scope } from './sourcing-figures.js';

/**
 * A jurisdiction's baseline for the +10 pp target: a year, whose rate is computed from that
 * year's contracts — or, when the bureau has a published figure, entered with its source,
 * for one basis and scope.
 */
@Entity('sourcing_baselines')
@Check('sourcing_baselines_increase_check', 'target_increase_pp > 0 AND target_increase_pp <= 100')
@Check('sourcing_baselines_entered_check', `(entered_rate IS NULL AND entered_basis IS NULL AND entered_scope IS NULL) OR (entered_rate BETWEEN 0 AND 1 AND entered_basis IN ('VALUE', 'COUNT') AND entered_scope IN ('PROVINCE', 'CITY') AND source_note <> '')`)
@Check('sourcing_baselines_year_check', 'baseline_year BETWEEN 2000 AND 2100')
export class SourcingBaseline {
  @PrimaryColumn({ type: 'char', length: 6 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Relation<Region>;

  @Column('smallint')
  baselineYear: number;

  /** Percentage points above the baseline; the plan says 10. */
  @Column('numeric', { precision: 6, scale: 3, default: 10, transformer: decimalTransformer })
  targetIncreasePp: Decimal;

  /** A rate (fraction 0–1) entered from a published source; null: computed from the contracts. */
  @Column('numeric', { precision: 9, scale: 8, nullable: true, transformer: decimalTransformer })
  enteredRate: Decimal | null;

  @Column('text', { nullable: true })
  enteredBasis: Basis | null;

  @Column('text', { nullable: true })
  enteredScope: Scope | null;

  /** Where an entered rate comes from (required with one); any remark otherwise. */
  @Column('text', { default: '' })
  sourceNote: string;

  @Column('uuid')
  setBy: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
