import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Region } from '../regions/region.entity.js';

export enum OrganizationKind {
  OEM = 'OEM',
  SUPPLIER = 'SUPPLIER',
  BUREAU = 'BUREAU',
  PLATFORM = 'PLATFORM',
}

/** Government designations for specialised firms, set by a platform admin or bureau. */
export enum Designation {
  /** 专精特新 中小企业 */
  SPECIALIZED_SME = 'SPECIALIZED_SME',
  /** 专精特新 "小巨人" */
  LITTLE_GIANT = 'LITTLE_GIANT',
  /** 制造业单项冠军 */
  SINGLE_CHAMPION = 'SINGLE_CHAMPION',
}

@Entity('organizations')
@Index('organizations_verification_queue_idx', ['createdAt', 'id'], { where: 'NOT verified AND NOT verification_refused' })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: OrganizationKind;

  @Column('text')
  legalName: string;

  @Column('text', { nullable: true })
  nameEn: string | null;

  /** 统一社会信用代码, checked against GB 32100-2015. */
  @Column({ type: 'char', length: 18, unique: true })
  creditCode: string;

  @Column('text', { array: true, default: () => "'{}'" })
  designations: Designation[];

  @Column('boolean', { default: false })
  verified: boolean;

  /** A bureau's jurisdiction (province, city or county). */
  @Column({ type: 'char', length: 6, nullable: true })
  jurisdictionCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Relation<Region>;

  /** The platform's verification decision: its reason, whether it refused, when and by whom. */
  @Column('text', { nullable: true })
  verificationNote: string | null;

  @Column('boolean', { default: false })
  verificationRefused: boolean;

  @Column('timestamptz', { nullable: true })
  verificationDecidedAt: Date | null;

  @Column('uuid', { nullable: true })
  verificationDecidedBy: string | null;

  /** The organisation whose import created this one (a bureau's or the platform's), if any. */
  @Column('uuid', { nullable: true })
  createdByOrganizationId: string | null;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
