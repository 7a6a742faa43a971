import type { DataSource } from 'typeorm';

export interface ChainReport {
  ok: boolean;
  rows: number;
  problems: string[];
}

/**
 * Checks the audit log's hash chain: every row's hash recomputed from its predecessor's hash
 * and its own content, one first row, no row missing from the chain, and the chain's recorded
 * end equal to its last row. An edit or deletion made past the append-only triggers shows up.
 */
export async function verifyAuditChain(dataSource: DataSource): Promise<ChainReport> {
  const problems: string[] = [];
  const mismatched = await dataSource.query<{ id: string; reason: string }[]>(
    `SELECT e.id, CASE WHEN e.prev_id IS NOT NULL AND p.id IS NULL THEN 'its predecessor ' || e.prev_id || ' is missing'
                       ELSE 'its hash does not match its content' END AS reason
     FROM audit_events e LEFT JOIN audit_events p ON p.id = e.prev_id
     WHERE (e.prev_id IS NOT NULL AND p.id IS NULL)
        OR e.hash IS DISTINCT FROM encode(digest(coalesce(p.hash, '') || '|' || audit_event_content(e), 'sha256'), 'hex')
     ORDER BY e.id LIMIT 100`,
  );
  for (const row of mismatched) problems.push(`audit event ${row.id}: ${row.reason}`);
  const [summary] = await dataSource.query<{ rows: number; roots: number; tail_id: string | null; tail_hash: string | null; head_id: string | null; head_hash: string }[]>(
    `SELECT (SELECT count(*)::int FROM audit_events) AS rows,
            (SELECT count(*)::int FROM audit_events WHERE prev_id IS NULL) AS roots,
            t.id AS tail_id, t.hash AS tail_hash, h.last_id AS head_id, h.last_hash AS head_hash
     FROM audit_chain_head h
     LEFT JOIN audit_events t ON t.id = (SELECT e.id FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_events n WHERE n.prev_id = e.id) ORDER BY e.id DESC LIMIT 1)`,
  );
  if (summary.rows > 0 && summary.roots !== 1) problems.push(`the chain has ${summary.roots} first rows (expected 1)`);
  if (summary.rows > 0 && (summary.head_id !== summary.tail_id || summary.head_hash !== summary.tail_hash)) {
    problems.push(`the chain ends at ${String(summary.tail_id)} but its recorded end is ${String(summary.head_id)}: rows were removed or altered at the end`);
  }
  return { ok: problems.length === 0, rows: summary.rows, problems };
}
