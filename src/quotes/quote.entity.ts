import type { QualificationFailure } from './quote-rules.js';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Decimal } from 'decimal.js';
import { decimalTransformer } from '../common/decimal.scalar.js';
import { Requirement } from '../requirements/requirement.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';

export enum QuoteStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** A buyer's invitation to a supplier to quote on an OPEN requirement. */
@Entity('quote_invitations')
@Index('quote_invitations_requirement_supplier_key', ['requirementId', 'supplierId'], { unique: true })
@Index('quote_invitations_supplier_idx', ['supplierId', 'createdAt'])
export class QuoteInvitation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id' })
  requirement?: Relation<Requirement>;

  @Column('uuid')
  supplierId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Relation<Organization>;

  @Column('uuid')
  invitedBy: string;

  @Column('text', { default: '' })
  message: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A supplier's offer on a requirement; one live quote per supplier and requirement, revised
 * in place with every revision kept in quote_revisions.
 */
@Entity('quotes')
@Index('quotes_requirement_supplier_key', ['requirementId', 'supplierId'], { unique: true })
@Index('quotes_supplier_idx', ['supplierId', 'createdAt'])
@Check('quotes_price_check', 'unit_price > 0')
@Check('quotes_volume_check', 'volume > 0')
export class Quote {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id' })
  requirement?: Relation<Requirement>;

  @Column('uuid')
  supplierId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id' })
  supplier?: Relation<Organization>;

  /** The producing plant, one of the supplier's own. */
  @Column('uuid')
  siteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'site_id' })
  site?: Relation<Site>;

  @Column('numeric', { precision: 18, scale: 4, transformer: decimalTransformer })
  unitPrice: Decimal;

  /** Units per year offered. */
  @Column('int')
  volume: number;

  @Column('int')
  leadTimeDays: number;

  @Column('date')
  validUntil: string;

  @Column('text', { default: '' })
  note: string;

  @Column('text', { default: QuoteStatus.SUBMITTED })
  status: QuoteStatus;

  /** 1 for the first submission, +1 for each revision. */
  @Column('int', { default: 1 })
  revision: number;

  @Column('int', { default: 1 })
  version: number;

  @Column('uuid')
  submittedBy: string;

  /**
   * The hard filters the supplier failed with this quote's plant, judged (on the SOP date) at
   * its last submission or revision; empty: eligible. Only an invited supplier's quote can
   * carry failures (src/quotes/quote-rules.ts, quoteGateRefusal).
   */
  @Column('jsonb', { default: () => "'[]'" })
  qualificationFailures: QualificationFailure[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Every submitted state of a quote, as it was. */
@Entity('quote_revisions')
@Index('quote_revisions_quote_revision_key', ['quoteId', 'revision'], { unique: true })
export class QuoteRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  quoteId: string;

  @ManyToOne(() => Quote, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'quote_id' })
  quote?: Relation<Quote>;

  @Column('int')
  revision: number;

  @Column('uuid')
  siteId: string;

  @Column('numeric', { precision: 18, scale: 4, transformer: decimalTransformer })
  unitPrice: Decimal;

  @Column('int')
  volume: number;

  @Column('int')
  leadTimeDays: number;

  @Column('date')
  validUntil: string;

  @Column('uuid')
  submittedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
