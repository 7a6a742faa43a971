import type { EntityManager } from 'typeorm';

/**
 * Of `requirementIds`, those a supplier organisation is involved in: invited to, quoted on (in
 * any state), or holding a contract for. One query for a whole batch (the requirement loader's).
 * The tables belong to quotes and contracts, above this floor: read by name, not imported.
 */
export async function requirementsInvolving(manager: Pick<EntityManager, 'query'>, supplierId: string, requirementIds: readonly string[]): Promise<Set<string>> {
  if (requirementIds.length === 0) return new Set();
  const rows = await manager.query<{ requirement_id: string }[]>(
    `SELECT requirement_id FROM quote_invitations WHERE supplier_id = $1 AND requirement_id = ANY($2::uuid[])
     UNION SELECT requirement_id FROM quotes WHERE supplier_id = $1 AND requirement_id = ANY($2::uuid[])
     UNION SELECT requirement_id FROM contracts WHERE supplier_organization_id = $1 AND requirement_id = ANY($2::uuid[])`,
    [supplierId, requirementIds],
  );
  return new Set(rows.map((r) => r.requirement_id));
}
