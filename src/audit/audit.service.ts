import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity.js';
import type { Principal } from '../access/role.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

/** Writes audit events through the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: Principal | null, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEvent, {
      actorUserId: actor?.userId ?? null,
      actorOrganizationId: actor?.organizationId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : toJson(entry.before),
      after: entry.after === undefined ? null : toJson(entry.after),
    });
  }
}

/** Decimals and dates become strings; secrets never reach the audit log. */
function toJson(value: unknown): object | null {
  const json = JSON.stringify(value, (key, v: unknown) => (key === 'passwordHash' ? undefined : v));
  return json === undefined ? null : (JSON.parse(json) as object | null);
}
