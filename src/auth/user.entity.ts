import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';
import { Region } from '../regions/region.entity.js';
import type { Role } from '../access/role.js';

@Entity('users')
@Check('users_language_check', `language IN ('zh', 'en')`)
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower case. */
  @Index('users_email_key', { unique: true })
  @Column('text')
  email: string;

  @Column('text')
  passwordHash: string;

  @Column('text')
  displayName: string;

  @Column('text')
  role: Role;

  @Index()
  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Relation<Organization>;

  /** May add users to its own organisation. */
  @Column('boolean', { default: false })
  orgAdmin: boolean;

  /** For a bureau analyst: the region whose figures it may read. */
  @Column({ type: 'char', length: 6, nullable: true })
  jurisdictionCode: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'jurisdiction_code' })
  jurisdiction?: Relation<Region>;

  /** A disabled user cannot sign in, and its tokens are refused. */
  @Column('boolean', { default: true })
  active: boolean;

  /** Carried in every token (`ver`); bumped to revoke all of the user's tokens at once. */
  @Column('integer', { default: 0 })
  tokenVersion: number;

  /** The language of the user's notifications and e-mails: zh (default) or en. */
  @Column('text', { default: 'zh' })
  language: 'zh' | 'en';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
