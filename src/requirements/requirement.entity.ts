import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Decimal } from 'decimal.js';
import { Organization } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import { CertificationType } from '../taxonomy/certification-type.entity.js';
import { decimalTransformer } from '../common/decimal.scalar.js';
import type { RequirementStatus } from './requirement-status.js';

export interface SpecEntry {
  key: string;
  value: string;
}

/** A buyer's weights for matching; unset ones take the defaults. */
export type WeightOverrides = Partial<Record<'fit' | 'locality' | 'certification' | 'capacity' | 'designation', number>>;

/** An OEM's need for a part at one of its plants. */
@Entity('requirements')
@Index('requirements_org_created_idx', ['organizationId', 'createdAt', 'id'])
@Index('requirements_status_category_idx', ['status', 'categoryCode'])
@Check('requirements_volume_check', 'annual_volume > 0')
@Check('requirements_price_check', 'target_unit_price >= 0')
export class Requirement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Index()
  @Column('uuid')
  deliverySiteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'delivery_site_id' })
  deliverySite?: Relation<Site>;

  @Column('varchar', { length: 64 })
  categoryCode: string;

  @ManyToOne(() => PartCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Relation<PartCategory>;

  @Column('text')
  title: string;

  @Column('text', { default: '' })
  description: string;

  @Column('jsonb', { default: () => "'[]'" })
  specs: SpecEntry[];

  @Column('int')
  annualVolume: number;

  /** CNY per unit. */
  @Column('numeric', { precision: 18, scale: 4, transformer: decimalTransformer })
  targetUnitPrice: Decimal;

  @Column('date')
  sopDate: string;

  @Column('timestamptz')
  quoteDeadline: Date;

  @Column('jsonb', { nullable: true })
  matchWeights: WeightOverrides | null;

  @Column('text', { default: 'DRAFT' })
  status: RequirementStatus;

  @Column('int', { default: 1 })
  version: number;

  @Column('uuid')
  createdBy: string;

  /**
   * The required certificates as one text (`TYPE:'LEVEL'` or `TYPE:NULL`, sorted by type, comma-joined; '' for none), kept by a
   * trigger on requirement_certifications (migration 1796454892654-RequirementCertificationSignature): the sourcing levers judge
   * requirements of one category, signature and SOP date once. Never written by the application.
   */
  @Column({ type: 'text', default: '', select: false, insert: false, update: false })
  certificationSignature?: string;

  @Column('timestamptz', { nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A certification the requirement demands, at a minimum level (null: held is enough). */
@Entity('requirement_certifications')
export class RequirementCertification {
  @PrimaryColumn('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'requirement_id' })
  requirement?: Relation<Requirement>;

  @PrimaryColumn('varchar', { length: 32 })
  typeCode: string;

  @ManyToOne(() => CertificationType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'type_code' })
  type?: Relation<CertificationType>;

  @Column('text', { nullable: true })
  minLevel: string | null;
}
