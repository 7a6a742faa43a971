import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxEvent, type OutboxEntity } from './outbox-event.entity.js';
import type { DomainEvent, PublishOptions } from './domain-events.js';

/**
 * Adds outbox rows in the caller's transaction, so a change and its notice commit together.
 *
 * - `enqueue(manager, 'Requirement', id)`: an entity changed; the search indexer rebuilds its documents.
 * - `publish(manager, { kind: 'QuoteSubmitted', payload: { quoteId, requirementId, supplierId } })`:
 *   a domain event (kinds and payloads in domain-events.ts); notifications tell the users concerned.
 *   `publish(manager, event, { key })` records an event at most once per key; `actorUserId` names who acted.
 */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, entityType: OutboxEntity, entityIds: string | string[]): Promise<void> {
    const ids = Array.isArray(entityIds) ? entityIds : [entityIds];
    if (ids.length === 0) return;
    await manager.insert(OutboxEvent, ids.map((entityId) => ({ entityType, entityId })));
  }

  /** Records a domain event in the caller's transaction; returns false if its key was already used. */
  async publish(manager: EntityManager, event: DomainEvent, options: PublishOptions = {}): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO domain_events (kind, payload, key, actor_user_id) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (key) WHERE key IS NOT NULL DO NOTHING RETURNING id`,
      [event.kind, JSON.stringify(event.payload), options.key ?? null, options.actorUserId ?? null],
    );
    return rows.length > 0;
  }
}
