import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { CertificationType } from '../taxonomy/certification-type.entity.js';

/** A certificate a supplier holds; it counts only within its validity window. */
@Entity('supplier_certifications')
@Index('supplier_certifications_org_type_idx', ['organizationId', 'typeCode'])
@Index('supplier_certifications_number_key', ['organizationId', 'typeCode', 'certificateNumber'], { unique: true })
@Check('supplier_certifications_validity_check', 'valid_from <= valid_until')
export class SupplierCertification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  @Column('varchar', { length: 32 })
  typeCode: string;

  @ManyToOne(() => CertificationType, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'type_code' })
  type?: Relation<CertificationType>;

  /** In the type's level scheme; null for held-or-not types. */
  @Column('text', { nullable: true })
  level: string | null;

  @Column('text')
  certificateNumber: string;

  @Column('text', { default: '' })
  issuer: string;

  @Column('date')
  validFrom: string;

  @Column('date')
  validUntil: string;

  @Column('int', { default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
