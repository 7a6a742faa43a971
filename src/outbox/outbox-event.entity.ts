import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Kinds of rows whose changes the search index follows. */
export type OutboxEntity = 'Requirement' | 'Capability' | 'SupplierCertification' | 'Site' | 'Organization' | 'Contract';

/**
 * A change to be carried to the search index (and other followers), written in the same
 * transaction as the change itself; a worker drains it with retry and back-off.
 */
@Entity('outbox')
@Index('outbox_pending_idx', ['availableAt', 'id'], { where: 'processed_at IS NULL' })
export class OutboxEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  entityType: OutboxEntity;

  @Column('text')
  entityId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  availableAt: Date;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  processedAt: Date | null;
}
