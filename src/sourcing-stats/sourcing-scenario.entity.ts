import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Region } from '../regions/region.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A bureau's saved scenario (issue 19): a named pick of levers and lever items for one region
 * within its jurisdiction. Only the bureau that saved it reads, changes or deletes it; the
 * projected rate is computed again from today's figures whenever it is evaluated.
 */
@Entity('sourcing_scenarios')
@Index('sourcing_scenarios_name_key', ['organizationId', 'name'], { unique: true })
@Check('sourcing_scenarios_levers_check', `levers <@ ARRAY['OPEN_REQUIREMENTS', 'DEMAND_GAPS', 'RENEWALS']::text[]`)
export class SourcingScenario {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The bureau. */
  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column({ type: 'char', length: 6 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code' })
  region?: Relation<Region>;

  @Column('text')
  name: string;

  /** Whole levers picked (every item of each). */
  @Column('text', { array: true, default: () => "'{}'" })
  levers: string[];

  /** Single items picked: open requirements, demand-gap categories, renewal contracts. */
  @Column('uuid', { array: true, default: () => "'{}'" })
  requirementIds: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  categoryCodes: string[];

  @Column('uuid', { array: true, default: () => "'{}'" })
  contractIds: string[];

  @Column('uuid')
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
