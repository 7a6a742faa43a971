import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who changed what, when, from what to what. Written in the transaction of the change.
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained: a trigger
 * links each new row to the previous one (`prevId`) and sets `hash` = SHA-256 of the
 * previous hash and the row's content, so an edit made by bypassing the triggers is found by
 * `npm run audit:verify`.
 */
@Entity('audit_events')
@Index('audit_events_entity_idx', ['entityType', 'entityId'])
@Index('audit_events_prev_key', ['prevId'], { unique: true })
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { nullable: true })
  actorUserId: string | null;

  @Column('uuid', { nullable: true })
  actorOrganizationId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entityType: string;

  @Column('text')
  entityId: string;

  @Column('jsonb', { nullable: true })
  before: object | null;

  @Column('jsonb', { nullable: true })
  after: object | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** The row before this one in the chain (null for the first); set by the trigger. */
  @Column('bigint', { nullable: true })
  prevId: string | null;

  /** Hex SHA-256 over the previous hash and this row; set by the trigger. */
  @Column('text', { nullable: true })
  hash: string | null;
}
