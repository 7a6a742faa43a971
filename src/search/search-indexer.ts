import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { DocumentSync } from './document-sync.js';
import { TODAY_SQL, type DocumentTargets, type SearchDocumentsRepository } from './search-documents.repository.js';
import { DEFAULT_BACKOFF, describeFailure, retryDelayMs, type BackoffPolicy } from './retry.js';
import type { OutboxService } from '../outbox/outbox.service.js';

export interface IndexerOptions {
  /** Pause between runs of the loop; 0 leaves the loop off (drain() still works). */
  intervalMs: number;
  /** Outbox rows claimed per transaction. */
  batchSize: number;
  backoff: BackoffPolicy;
}

export const DEFAULT_INDEXER_OPTIONS: IndexerOptions = { intervalMs: 1000, batchSize: 100, backoff: DEFAULT_BACKOFF };

export interface DrainReport {
  /** Outbox rows marked processed. */
  processed: number;
  /** Outbox rows that failed and were rescheduled. */
  failed: number;
  batches: number;
}

interface OutboxRow {
  id: string;
  entityType: string;
  entityId: string;
  attempts: number;
}

const SWEEP_STATE = 'certificates-swept-through';
const SWEEP_EVERY_MS = 10 * 60_000;

/**
 * The outbox worker. Each batch is one transaction: claim pending rows with
 * `FOR UPDATE SKIP LOCKED` (so several workers, in this process or others, share the work),
 * take a transaction-scoped advisory lock per document (so two workers never write the same
 * document out of order), rebuild the documents from the database, write them to the index,
 * and mark the rows processed. A failure rolls back to a savepoint, retries the rows one by
 * one to isolate a bad one, and reschedules each failing row with exponential back-off,
 * recording the error: a search outage delays the index and loses nothing.
 *
 * It also notices certificates that began or ceased to be valid since the last sweep (a
 * supplier's "valid today" certifications change without anyone writing) and enqueues their
 * suppliers.
 */
export class SearchIndexer {
  private readonly logger = new Logger('SearchIndexer');
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private lastSweep = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SearchDocumentsRepository,
    private readonly sync: DocumentSync,
    private readonly outbox: OutboxService,
    readonly options: IndexerOptions = DEFAULT_INDEXER_OPTIONS,
  ) {}

  get started(): boolean {
    return this.running;
  }

  /** Starts the loop (no-op if running, or if the interval is 0). */
  start(): void {
    if (this.running || this.options.intervalMs <= 0) return;
    this.running = true;
    this.schedule();
  }

  /** Stops the loop and waits for a batch in progress to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain.catch(() => undefined);
  }

  /** Processes every row available now, batch after batch, then returns (for tests and the CLI). */
  drain(): Promise<DrainReport> {
    return this.exclusive(() => this.drainLoop(Number.POSITIVE_INFINITY));
  }

  /** Enqueues suppliers whose certificates' validity changed since the last sweep; returns how many. */
  sweepCertificates(): Promise<number> {
    return this.exclusive(() => this.sweep());
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      if (Date.now() - this.lastSweep > SWEEP_EVERY_MS) {
        this.lastSweep = Date.now();
        await this.sweepCertificates();
      }
      await this.exclusive(() => this.drainLoop(10));
    } catch (error) {
      this.logger.error(`indexer run failed: ${describeFailure(error)}`);
    } finally {
      if (this.running) this.schedule();
    }
  }

  /** One run at a time in this process; other processes are kept apart by row locks. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async drainLoop(maxBatches: number): Promise<DrainReport> {
    const report: DrainReport = { processed: 0, failed: 0, batches: 0 };
    while (report.batches < maxBatches) {
      const batch = await this.runBatch();
      if (batch.claimed === 0) break;
      report.batches++;
      report.processed += batch.processed;
      report.failed += batch.failed;
    }
    return report;
  }

  private async runBatch(): Promise<{ claimed: number; processed: number; failed: number }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: OutboxRow[] = await runner.query(
        `SELECT id::text AS id, entity_type AS "entityType", entity_id AS "entityId", attempts
         FROM outbox WHERE processed_at IS NULL AND available_at <= now()
         ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return { claimed: 0, processed: 0, failed: 0 };
      }
      const failures = await this.process(runner, rows);
      const done = rows.filter((r) => !failures.has(r.id)).map((r) => r.id);
      if (done.length) await runner.query(`UPDATE outbox SET processed_at = now() WHERE id = ANY($1::bigint[])`, [done]);
      if (failures.size) {
        const failed = rows.filter((r) => failures.has(r.id));
        await runner.query(
          `UPDATE outbox o SET attempts = o.attempts + 1, last_error = f.error, available_at = now() + f.delay_ms * interval '1 millisecond'
           FROM unnest($1::bigint[], $2::text[], $3::float8[]) AS f(id, error, delay_ms) WHERE o.id = f.id`,
          [failed.map((r) => r.id), failed.map((r) => describeFailure(failures.get(r.id))), failed.map((r) => retryDelayMs(r.attempts + 1, this.options.backoff))],
        );
        this.logger.warn(`${failed.length} outbox row(s) failed and were rescheduled: ${describeFailure(failures.values().next().value, 300)}`);
      }
      await runner.commitTransaction();
      return { claimed: rows.length, processed: done.length, failed: failures.size };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** The whole batch at once; if that fails, each row alone, so one bad row holds up no other. */
  private async process(runner: QueryRunner, rows: OutboxRow[]): Promise<Map<string, unknown>> {
    try {
      await this.processRows(runner, rows);
      return new Map();
    } catch (error) {
      if (rows.length === 1) return new Map([[rows[0].id, error]]);
      const failures = new Map<string, unknown>();
      for (const row of rows) {
        try {
          await this.processRows(runner, [row]);
        } catch (rowError) {
          failures.set(row.id, rowError);
        }
      }
      return failures;
    }
  }

  private async processRows(runner: QueryRunner, rows: OutboxRow[]): Promise<void> {
    await runner.query('SAVEPOINT search_rows');
    try {
      const targets = await this.repository.targetsOf(rows, runner.manager);
      await lockDocuments(runner.manager, targets);
      await this.sync.sync(targets, runner.manager);
      await runner.query('RELEASE SAVEPOINT search_rows');
    } catch (error) {
      await runner.query('ROLLBACK TO SAVEPOINT search_rows');
      throw error;
    }
  }

  private async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [state]: { value: string; today: string }[] = await manager.query(
        `SELECT value, ${TODAY_SQL}::text AS today FROM search_state WHERE name = $1 FOR UPDATE SKIP LOCKED`,
        [SWEEP_STATE],
      );
      if (!state || state.value >= state.today) return 0;
      const suppliers = await this.repository.suppliersWithCertificateChanges(state.value, state.today, manager);
      await this.outbox.enqueue(manager, 'Organization', suppliers);
      await manager.query(`UPDATE search_state SET value = $2, updated_at = now() WHERE name = $1`, [SWEEP_STATE, state.today]);
      if (suppliers.length) this.logger.log(`certificate validity changed for ${suppliers.length} supplier(s) since ${state.value}: re-indexing`);
      return suppliers.length;
    });
  }
}

/** Transaction-scoped advisory locks on the documents, in a fixed order (no deadlocks). */
export async function lockDocuments(manager: EntityManager, targets: DocumentTargets): Promise<void> {
  const keys = [...[...targets.suppliers].map((id) => `search:suppliers:${id}`), ...[...targets.requirements].map((id) => `search:requirements:${id}`)].sort();
  if (keys.length === 0) return;
  await manager.query(`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT unnest($1::text[]) AS k ORDER BY 1) keys`, [keys]);
}
