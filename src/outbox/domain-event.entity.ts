import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainEventKind } from './domain-events.js';

/**
 * A domain event (see domain-events.ts), written in the transaction that causes it. The
 * notifications worker claims pending rows with `FOR UPDATE SKIP LOCKED`, fans each out to
 * per-user notifications and marks it processed. Apart from the search outbox (`outbox`),
 * whose rows name changed entities: each follower drains its own table.
 */
@Entity('domain_events')
@Index('domain_events_pending_idx', ['availableAt', 'id'], { where: 'processed_at IS NULL' })
@Index('domain_events_key_key', ['key'], { unique: true, where: 'key IS NOT NULL' })
export class DomainEventRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  kind: DomainEventKind;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { nullable: true })
  key: string | null;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

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
