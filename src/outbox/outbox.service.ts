import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxEvent, type OutboxEntity } from './outbox-event.entity.js';

/** Adds outbox rows in the caller's transaction, so a change and its notice commit together. */
@Injectable()
export class OutboxService {
  async enqueue(manager: EntityManager, entityType: OutboxEntity, entityIds: string | string[]): Promise<void> {
    const ids = Array.isArray(entityIds) ? entityIds : [entityIds];
    if (ids.length === 0) return;
    await manager.insert(OutboxEvent, ids.map((entityId) => ({ entityType, entityId })));
  }
}
