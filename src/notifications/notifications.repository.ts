import type { EntityManager } from 'typeorm';
import type { Language } from './notification-kinds.js';

/** A user who may be told: active, with an address and a language. */
export interface Recipient {
  userId: string;
  organizationId: string;
  email: string;
  language: Language;
}

export interface RequirementFacts {
  id: string;
  title: string;
  buyerId: string;
  buyerName: string;
  quoteDeadline: string;
}

export interface ContractFacts {
  id: string;
  reference: string;
  buyerId: string;
  buyerName: string;
  supplierId: string;
  requirementTitle: string | null;
  terminationReason: string | null;
}

/**
 * The named queries of notifications: who is told, and the facts the texts are made from. Read
 * through the worker's transaction (`manager`), so the fan-out sees one consistent state.
 */
export class NotificationsRepository {
  /** Active users of these organisations. */
  async usersOf(manager: EntityManager, organizationIds: readonly string[]): Promise<Recipient[]> {
    if (organizationIds.length === 0) return [];
    return manager.query(
      `SELECT id AS "userId", organization_id AS "organizationId", email, language
       FROM users WHERE organization_id = ANY($1::uuid[]) AND active ORDER BY id`,
      [[...new Set(organizationIds)]],
    );
  }

  async requirement(manager: EntityManager, id: string): Promise<RequirementFacts | null> {
    const [row] = await manager.query(
      `SELECT r.id, r.title, r.organization_id AS "buyerId", o.legal_name AS "buyerName", r.quote_deadline AS "quoteDeadline"
       FROM requirements r JOIN organizations o ON o.id = r.organization_id WHERE r.id = $1`,
      [id],
    );
    return row ? { ...row, quoteDeadline: new Date(row.quoteDeadline).toISOString() } : null;
  }

  async organizationName(manager: EntityManager, id: string): Promise<string> {
    const [row] = await manager.query(`SELECT legal_name AS name FROM organizations WHERE id = $1`, [id]);
    return row?.name ?? '';
  }

  /** Suppliers with a live or past quote on the requirement (withdrawn ones included when asked). */
  async quotingSuppliers(manager: EntityManager, requirementId: string, includeWithdrawn: boolean): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT supplier_id AS id FROM quotes WHERE requirement_id = $1 AND ($2 OR status <> 'WITHDRAWN') ORDER BY 1`,
      [requirementId, includeWithdrawn],
    );
    return rows.map((r) => r.id);
  }

  async invitedSuppliers(manager: EntityManager, requirementId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT supplier_id AS id FROM quote_invitations WHERE requirement_id = $1 ORDER BY 1`, [requirementId]);
    return rows.map((r) => r.id);
  }

  /** Suppliers that asked a question on a requirement (with the invited and quoting ones: those who read a published answer). */
  async askingSuppliers(manager: EntityManager, requirementId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(`SELECT DISTINCT supplier_id AS id FROM clarification_questions WHERE requirement_id = $1 ORDER BY 1`, [requirementId]);
    return rows.map((r) => r.id);
  }

  async contract(manager: EntityManager, id: string): Promise<ContractFacts | null> {
    const [row] = await manager.query(
      `SELECT c.id, COALESCE(c.buyer_reference, left(c.id::text, 8)) AS reference, c.buyer_organization_id AS "buyerId", b.legal_name AS "buyerName",
              c.supplier_organization_id AS "supplierId", r.title AS "requirementTitle", c.termination_reason AS "terminationReason"
       FROM contracts c JOIN organizations b ON b.id = c.buyer_organization_id LEFT JOIN requirements r ON r.id = c.requirement_id
       WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async certificate(manager: EntityManager, id: string): Promise<{ organizationId: string; label: string } | null> {
    const [row] = await manager.query(
      `SELECT organization_id AS "organizationId", type_code || ' ' || certificate_number AS label FROM supplier_certifications WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  /**
   * Time-based events due now, recorded once each (the key names the row and the date it is
   * about, so a changed deadline or a renewed certificate is announced again): quote deadlines
   * within 48 hours and passed (OPEN requirements), certificates at 60, 30 and 7 days before
   * expiry (the nearest threshold reached) and expired in the last 30 days. Returns how many.
   */
  async recordDueEvents(manager: EntityManager): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date AS d),
       due AS (
         SELECT 'QuoteDeadlineSoon' AS kind, jsonb_build_object('requirementId', id, 'deadline', to_jsonb(quote_deadline)) AS payload,
                'deadline-soon:' || id || ':' || extract(epoch FROM quote_deadline)::bigint AS key
         FROM requirements WHERE status = 'OPEN' AND quote_deadline > now() AND quote_deadline <= now() + interval '48 hours'
         UNION ALL
         SELECT 'QuoteDeadlinePassed', jsonb_build_object('requirementId', id, 'deadline', to_jsonb(quote_deadline)),
                'deadline-passed:' || id || ':' || extract(epoch FROM quote_deadline)::bigint
         FROM requirements WHERE status = 'OPEN' AND quote_deadline <= now() AND quote_deadline > now() - interval '7 days'
         UNION ALL
         SELECT 'CertificateExpiring',
                jsonb_build_object('certificationId', c.id, 'organizationId', c.organization_id, 'validUntil', c.valid_until::text, 'days', t.days),
                'certificate-expiring:' || c.id || ':' || c.valid_until || ':' || t.days
         FROM supplier_certifications c, today,
              LATERAL (SELECT min(x) AS days FROM unnest(ARRAY[60, 30, 7]) x WHERE c.valid_until - today.d <= x) t
         WHERE c.valid_until >= today.d AND c.valid_until - today.d <= 60
         UNION ALL
         SELECT 'CertificateExpired', jsonb_build_object('certificationId', c.id, 'organizationId', c.organization_id, 'validUntil', c.valid_until::text),
                'certificate-expired:' || c.id || ':' || c.valid_until
         FROM supplier_certifications c, today WHERE c.valid_until < today.d AND c.valid_until >= today.d - 30
       ),
       ins AS (INSERT INTO domain_events (kind, payload, key) SELECT kind, payload, key FROM due ON CONFLICT (key) WHERE key IS NOT NULL DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
    );
    return rows[0]?.n ?? 0;
  }

  /** Takes the named job's lease if it has lapsed (another process holding it is skipped, not waited for). */
  async takeLease(manager: EntityManager, name: string, leaseMs: number, everyMs: number): Promise<boolean> {
    await manager.query(`INSERT INTO notification_jobs (name) VALUES ($1) ON CONFLICT (name) DO NOTHING`, [name]);
    const rows: unknown[] = await manager.query(
      `WITH taken AS (UPDATE notification_jobs SET lease_until = now() + $2 * interval '1 millisecond', last_run_at = now()
         WHERE name = $1 AND lease_until < now() AND (last_run_at IS NULL OR last_run_at <= now() - $3 * interval '1 millisecond')
         RETURNING name)
       SELECT name FROM taken`,
      [name, leaseMs, everyMs],
    );
    return rows.length > 0;
  }

  async releaseLease(manager: EntityManager, name: string): Promise<void> {
    await manager.query(`UPDATE notification_jobs SET lease_until = '-infinity' WHERE name = $1`, [name]);
  }
}
