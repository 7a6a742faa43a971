import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { Decimal } from 'decimal.js';
import { decimalTransformer } from '../common/decimal.scalar.js';
import { Organization } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import { Requirement } from '../requirements/requirement.entity.js';
import { Quote } from '../quotes/quote.entity.js';

export enum ContractSource {
  /** Made on the platform by an award. */
  AWARDED = 'AWARDED',
  /** An existing contract the buyer reported (most purchasing predates the platform). */
  RECORDED = 'RECORDED',
}

export enum ContractStatus {
  SIGNED = 'SIGNED',
  ACTIVE = 'ACTIVE',
  COMPLETED = 'COMPLETED',
  TERMINATED = 'TERMINATED',
}

/** Review of a contract whose value is implausible for its buyer. */
export enum ReviewStatus {
  NONE = 'NONE',
  HELD = 'HELD',
  RELEASED = 'RELEASED',
  REJECTED = 'REJECTED',
}

/** What the supplier named by a recorded contract says about it. */
export enum SupplierConfirmation {
  UNCONFIRMED = 'UNCONFIRMED',
  CONFIRMED = 'CONFIRMED',
  DISPUTED = 'DISPUTED',
}

/**
 * One award call: its idempotency key is unique per buying organisation, so a retry finds
 * the contracts it made instead of making new ones.
 */
@Entity('awards')
@Index('awards_buyer_key', ['buyerOrganizationId', 'idempotencyKey'], { unique: true })
@Index('awards_requirement_key', ['requirementId'], { unique: true })
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  buyerOrganizationId: string;

  @Column('text')
  idempotencyKey: string;

  /** Hash of the award input: the same key with a different input is refused. */
  @Column('text')
  requestHash: string;

  @Column('uuid')
  requirementId: string;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id' })
  requirement?: Relation<Requirement>;

  @Column('uuid')
  awardedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A purchase contract between a buyer plant and a supplier plant, with the locality
 * snapshot taken at signing: later moves of a plant never rewrite it, and the local-sourcing
 * rate is judged from it.
 */
@Entity('contracts')
@Index('contracts_buyer_reference_key', ['buyerOrganizationId', 'buyerReference'], { unique: true, where: 'buyer_reference IS NOT NULL' })
@Index('contracts_quote_key', ['quoteId'], { unique: true, where: 'quote_id IS NOT NULL' })
@Index('contracts_buyer_idx', ['buyerOrganizationId', 'signedDate'])
@Index('contracts_supplier_idx', ['supplierOrganizationId', 'signedDate'])
@Index('contracts_buyer_region_idx', ['buyerRegionCode', 'signedDate'])
@Index('contracts_signed_idx', ['signedDate', 'id'])
@Index('contracts_award_idx', ['awardId'])
@Index('contracts_requirement_idx', ['requirementId'])
/**
 * Renewal candidates of a bureau's levers (src/sourcing-stats/sourcing-levers.repository.ts): non-local running contracts by buyer
 * region and end, covering the columns the lever reads (INCLUDE, which TypeORM cannot declare: created by migration
 * 1796454892655-RenewalCoveringIndex, left alone by the schema sync).
 */
@Index('contracts_renewal_cover_idx', { synchronize: false })
@Check('contracts_value_check', 'total_value >= 0 AND unit_price >= 0 AND volume > 0')
@Check('contracts_dates_check', 'end_date IS NULL OR end_date >= start_date')
@Check(
  'contracts_qualification_override_check',
  '(qualification_override_reason IS NULL AND qualification_override_failures IS NULL AND qualification_overridden_at IS NULL) OR ' +
    '(qualification_override_reason IS NOT NULL AND qualification_override_failures IS NOT NULL AND qualification_overridden_at IS NOT NULL)',
)
@Check('contracts_supplier_confirmation_check', `supplier_confirmation IN ('UNCONFIRMED', 'CONFIRMED', 'DISPUTED')`)
@Check('contracts_review_status_check', `review_status IN ('NONE', 'HELD', 'RELEASED', 'REJECTED')`)
@Index('contracts_review_idx', ['reviewStatus', 'signedDate'], { where: `review_status = 'HELD'` })
@Check('contracts_supplier_plant_check', 'supplier_site_id IS NOT NULL OR supplier_plant_name IS NOT NULL')
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  source: ContractSource;

  @Column('uuid', { nullable: true })
  awardId: string | null;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id' })
  award?: Relation<Award>;

  @Column('uuid', { nullable: true })
  requirementId: string | null;

  @ManyToOne(() => Requirement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requirement_id' })
  requirement?: Relation<Requirement>;

  @Column('uuid', { nullable: true })
  quoteId: string | null;

  @ManyToOne(() => Quote, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'quote_id' })
  quote?: Relation<Quote>;

  /** The buyer's own reference (contract number); makes RECORDED imports idempotent. */
  @Column('text', { nullable: true })
  buyerReference: string | null;

  @Column('uuid')
  buyerOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_organization_id' })
  buyerOrganization?: Relation<Organization>;

  @Column('uuid')
  buyerSiteId: string;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_site_id' })
  buyerSite?: Relation<Site>;

  @Column('uuid')
  supplierOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_organization_id' })
  supplierOrganization?: Relation<Organization>;

  /**
   * The supplier's registered plant, when the contract names one: always for an award; for a
   * recorded contract only when the supplier has a plant of the declared name at the declared
   * place (the buyer's declaration never creates or edits the supplier's plants).
   */
  @Column('uuid', { nullable: true })
  supplierSiteId: string | null;

  @ManyToOne(() => Site, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_site_id' })
  supplierSite?: Relation<Site>;

  @Column('varchar', { length: 64 })
  categoryCode: string;

  @ManyToOne(() => PartCategory, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_code' })
  category?: Relation<PartCategory>;

  @Column('numeric', { precision: 18, scale: 4, transformer: decimalTransformer })
  unitPrice: Decimal;

  /** Units over the contract. */
  @Column('int')
  volume: number;

  /** CNY, current (after amendments). */
  @Column('numeric', { precision: 20, scale: 2, transformer: decimalTransformer })
  totalValue: Decimal;

  /** For a terminated contract: the value delivered before termination, if known. */
  @Column('numeric', { precision: 20, scale: 2, nullable: true, transformer: decimalTransformer })
  deliveredValue: Decimal | null;

  @Column('date')
  signedDate: string;

  @Column('date')
  startDate: string;

  @Column('date', { nullable: true })
  endDate: string | null;

  @Column('text', { default: ContractStatus.SIGNED })
  status: ContractStatus;

  @Column('text', { nullable: true })
  terminationReason: string | null;

  // Locality snapshot, taken at signing.
  @Column({ type: 'char', length: 6 })
  buyerRegionCode: string;

  @Column({ type: 'char', length: 6, nullable: true })
  supplierRegionCode: string | null;

  @Column({ type: 'char', length: 2 })
  supplierCountryCode: string;

  @Column('boolean')
  sameCounty: boolean;

  @Column('boolean')
  sameCity: boolean;

  @Column('boolean')
  sameProvince: boolean;

  @Column('double precision')
  distanceKm: number;

  // The supplying plant as the buyer declared it (recorded contracts), kept on the contract only.
  @Column('text', { nullable: true })
  supplierPlantName: string | null;

  @Column('text', { nullable: true })
  supplierPlantAddress: string | null;

  @Column('double precision', { nullable: true })
  supplierPlantLat: number | null;

  @Column('double precision', { nullable: true })
  supplierPlantLon: number | null;

  /** The supplier's answer to a recorded contract naming it; an award is CONFIRMED. */
  @Column('text', { default: SupplierConfirmation.UNCONFIRMED })
  supplierConfirmation: SupplierConfirmation;

  @Column('text', { nullable: true })
  supplierConfirmationNote: string | null;

  @Column('timestamptz', { nullable: true })
  supplierConfirmedAt: Date | null;

  @Column('uuid', { nullable: true })
  supplierConfirmedBy: string | null;

  /** Whether the buying organisation is verified; kept by triggers (migration OfficialFigure), never written by the application. */
  @Column({ type: 'boolean', default: false, insert: false, update: false })
  buyerVerified: boolean;

  /** HELD: an implausible value held for review, not counted until released (see contract-review.ts). */
  @Column('text', { default: ReviewStatus.NONE })
  reviewStatus: ReviewStatus;

  @Column('text', { nullable: true })
  reviewNote: string | null;

  @Column('uuid', { nullable: true })
  reviewedBy: string | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt: Date | null;

  @Column('int', { default: 1 })
  version: number;

  @Column('uuid', { nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  // Qualification override: set when the award chose a supplier failing the hard filters.
  /** The buyer's reason for awarding an ineligible supplier; null when none was overridden. */
  @Column('text', { nullable: true })
  qualificationOverrideReason: string | null;

  /** The hard filters the supplier failed at the award, as the qualification rule named them. */
  @Column('jsonb', { nullable: true })
  qualificationOverrideFailures: { filter: string; reason: string }[] | null;

  @Column('timestamptz', { nullable: true })
  qualificationOverriddenAt: Date | null;
}

/** A change of value, volume or dates, kept with what it changed from. */
@Entity('contract_amendments')
@Index('contract_amendments_contract_seq_key', ['contractId', 'sequence'], { unique: true })
export class ContractAmendment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  contractId: string;

  @ManyToOne(() => Contract, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contract_id' })
  contract?: Relation<Contract>;

  @Column('int')
  sequence: number;

  @Column('jsonb')
  before: Record<string, unknown>;

  @Column('jsonb')
  after: Record<string, unknown>;

  @Column('text', { default: '' })
  reason: string;

  @Column('date')
  effectiveDate: string;

  @Column('uuid')
  amendedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
