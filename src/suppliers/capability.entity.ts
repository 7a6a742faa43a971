import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import type { SpecEntry } from '../requirements/requirement.entity.js';

/** What a supplier makes in one part category, and at which of its plants. */
@Entity('capabilities')
@Index('capabilities_org_idx', ['organizationId'])
@Index('capabilities_category_idx', ['categoryCode'])
@Check('capabilities_capacity_check', 'annual_capacity IS NULL OR annual_capacity > 0')
@Check('capabilities_lead_time_check', 'lead_time_days IS NULL OR lead_time_days >= 0')
export class Capability {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('varchar', { length: 64 })
  categoryCode: string;

  @ManyToOne(() => PartCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Relation<PartCategory>;

  @Column('text', { default: '' })
  description: string;

  @Column('text', { array: true, default: () => "'{}'" })
  products: string[];

  @Column('jsonb', { default: () => "'[]'" })
  specs: SpecEntry[];

  /** Units per year; null when not stated. */
  @Column('int', { nullable: true })
  annualCapacity: number | null;

  @Column('int', { nullable: true })
  leadTimeDays: number | null;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Which plants produce a capability. */
@Entity('capability_sites')
export class CapabilitySite {
  @PrimaryColumn('uuid')
  capabilityId: string;

  @ManyToOne(() => Capability, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'capability_id' })
  capability?: Relation<Capability>;

  @Index()
  @PrimaryColumn('uuid')
  siteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id' })
  site?: Relation<Site>;
}
