import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { describeFailure, retryDelayMs, type BackoffPolicy } from '../search/retry.js';
import type { Delivery, NotificationFanout, PendingEvent } from './notification-fanout.js';
import type { NotificationsRepository } from './notifications.repository.js';
import type { MailTransport } from './mail-transport.js';
import { renderDigest, renderEmail, type NotificationParams } from './templates.js';
import type { Language, NotificationKind } from './notification-kinds.js';

export interface NotificationWorkerOptions {
  /** Pause between runs of the loop; 0 leaves the loop off (drain() still works). */
  intervalMs: number;
  /** Domain events claimed per transaction. */
  batchSize: number;
  backoff: BackoffPolicy;
  /** Sender address; its domain names the message ids. */
  from: string;
  /** Hour (China time) from which the daily digests go out. */
  digestHour: number;
}

export const NOTIFY_CHANNEL = 'zlt_notifications';
const TIME_EVENTS_JOB = 'time-events';
const DIGESTS_JOB = 'digests';
const JOB_EVERY_MS = 60_000;
const JOB_LEASE_MS = 5 * 60_000;

export interface NotificationDrainReport {
  /** Domain events handled (marked processed) and rescheduled after a failure. */
  events: number;
  failedEvents: number;
  /** Notifications made. */
  notifications: number;
  /** E-mails handed to the transport, and those that failed and wait for a retry. */
  sent: number;
  failedMails: number;
}

/** The message id of a notification's e-mail: fixed when the e-mail row is made. */
export function notificationMessageId(notificationId: string, from: string): string {
  return `<notification-${notificationId}@${from.split('@')[1]}>`;
}

export function digestMessageId(userId: string, date: string, from: string): string {
  return `<digest-${date}-${userId}@${from.split('@')[1]}>`;
}

/** The hour and date in China (UTC+8, no daylight saving). */
export function chinaClock(now: Date): { date: string; hour: number } {
  const shifted = new Date(now.getTime() + 8 * 3_600_000);
  return { date: shifted.toISOString().slice(0, 10), hour: shifted.getUTCHours() };
}

/**
 * The notifications worker; any number may run, in the API processes and in `worker-cli`.
 *
 * - Fan-out: claims domain events with `FOR UPDATE SKIP LOCKED`, makes each recipient's
 *   notification (unique per event, user and kind) and, for immediate e-mail, the e-mail row
 *   with its fixed message id, announces new inbox rows with `pg_notify` (delivered at commit to
 *   every process's live subscriptions), and marks the event — all in one transaction, so an
 *   event is handled exactly once; a failing event is rescheduled with back-off.
 * - E-mail: one e-mail per transaction, claimed with `FOR UPDATE SKIP LOCKED`, sent, marked.
 *   A crash after sending and before the mark commits leaves it unsent: it goes again with the
 *   same Message-ID (at least once, de-duplicable by id). A failure is retried with back-off.
 * - Time-based events (deadlines, certificate expiry) and daily digests: periodic jobs under a
 *   lease in PostgreSQL, and idempotent by key, so several processes never record one twice.
 */
export class NotificationWorker {
  private readonly logger = new Logger('NotificationWorker');
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: NotificationsRepository,
    private readonly fanout: NotificationFanout,
    private readonly transport: MailTransport,
    readonly options: NotificationWorkerOptions,
  ) {}

  start(): void {
    if (this.running || this.options.intervalMs <= 0) return;
    this.running = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.chain.catch(() => undefined);
  }

  /** Handles every event and e-mail available now, then returns (for tests and the CLI). */
  drain(): Promise<NotificationDrainReport> {
    return this.exclusive(() => this.drainAll(Number.POSITIVE_INFINITY));
  }

  /** Records the time-based events due now (under the job's lease); returns how many, or null if another process holds the lease. */
  recordDueEvents(force = false): Promise<number | null> {
    return this.exclusive(() => this.leased(TIME_EVENTS_JOB, force, (manager) => this.repository.recordDueEvents(manager)));
  }

  /** Sends the daily digests due (from the digest hour; `force`: now, whatever the hour); returns how many were queued. */
  queueDigests(force = false, now = new Date()): Promise<number | null> {
    return this.exclusive(() => this.leased(DIGESTS_JOB, force, () => this.digests(force, now)));
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.exclusive(async () => {
        await this.leased(TIME_EVENTS_JOB, false, (manager) => this.repository.recordDueEvents(manager));
        await this.leased(DIGESTS_JOB, false, () => this.digests(false, new Date()));
        await this.drainAll(10);
      });
    } catch (error) {
      this.logger.error(`notifications run failed: ${describeFailure(error)}`);
    } finally {
      if (this.running) this.schedule();
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async leased<T>(job: string, force: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T | null> {
    if (!(await this.repository.takeLease(this.dataSource.manager, job, JOB_LEASE_MS, force ? 0 : JOB_EVERY_MS))) return null;
    try {
      return await this.dataSource.transaction((manager) => work(manager));
    } finally {
      await this.repository.releaseLease(this.dataSource.manager, job);
    }
  }

  private async drainAll(maxBatches: number): Promise<NotificationDrainReport> {
    const report: NotificationDrainReport = { events: 0, failedEvents: 0, notifications: 0, sent: 0, failedMails: 0 };
    for (let batches = 0; batches < maxBatches; batches++) {
      const batch = await this.fanOutBatch();
      if (batch.claimed === 0) break;
      report.events += batch.processed;
      report.failedEvents += batch.failed;
      report.notifications += batch.notifications;
    }
    for (let mails = 0; mails < maxBatches * this.options.batchSize; mails++) {
      const outcome = await this.sendOne();
      if (outcome === 'none') break;
      if (outcome === 'sent') report.sent++;
      else report.failedMails++;
    }
    return report;
  }

  // ───────────────────────────── fan-out ─────────────────────────────

  private async fanOutBatch(): Promise<{ claimed: number; processed: number; failed: number; notifications: number }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const events: (PendingEvent & { attempts: number })[] = await runner.query(
        `SELECT id::text AS id, kind, payload, actor_user_id AS "actorUserId", attempts FROM domain_events
         WHERE processed_at IS NULL AND available_at <= now() ORDER BY available_at, domain_events.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      let notifications = 0;
      const failures = new Map<string, unknown>();
      for (const event of events) {
        await runner.query('SAVEPOINT notification_event');
        try {
          notifications += await this.handle(runner, event);
          await runner.query('RELEASE SAVEPOINT notification_event');
        } catch (error) {
          await runner.query('ROLLBACK TO SAVEPOINT notification_event');
          failures.set(event.id, error);
        }
      }
      const done = events.filter((e) => !failures.has(e.id)).map((e) => e.id);
      if (done.length) await runner.query(`UPDATE domain_events SET processed_at = now() WHERE id = ANY($1::bigint[])`, [done]);
      if (failures.size) {
        const failed = events.filter((e) => failures.has(e.id));
        await runner.query(
          `UPDATE domain_events d SET attempts = d.attempts + 1, last_error = f.error, available_at = now() + f.delay_ms * interval '1 millisecond'
           FROM unnest($1::bigint[], $2::text[], $3::float8[]) AS f(id, error, delay_ms) WHERE d.id = f.id`,
          [failed.map((e) => e.id), failed.map((e) => describeFailure(failures.get(e.id))), failed.map((e) => retryDelayMs(e.attempts + 1, this.options.backoff))],
        );
        this.logger.warn(`${failed.length} domain event(s) failed and were rescheduled: ${describeFailure(failures.values().next().value, 300)}`);
      }
      await runner.commitTransaction();
      return { claimed: events.length, processed: done.length, failed: failures.size, notifications };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** One event's notifications, e-mails and live announcements; returns how many notifications were made. */
  private async handle(runner: QueryRunner, event: PendingEvent): Promise<number> {
    const deliveries = await this.fanout.deliveries(runner.manager, event);
    if (deliveries.length === 0) return 0;
    const userIds = [...new Set(deliveries.map((d) => d.recipient.userId))];
    const preferences: { userId: string; kind: string; inbox: boolean; email: boolean }[] = await runner.query(
      `SELECT user_id AS "userId", kind, inbox, email FROM notification_preferences WHERE user_id = ANY($1::uuid[])`, [userIds],
    );
    const digest: { userId: string }[] = await runner.query(`SELECT user_id AS "userId" FROM notification_settings WHERE user_id = ANY($1::uuid[]) AND email_digest`, [userIds]);
    const prefs = new Map(preferences.map((p) => [`${p.userId}:${p.kind}`, p]));
    const digesting = new Set(digest.map((d) => d.userId));
    const rows = deliveries.flatMap((d) => {
      const pref = prefs.get(`${d.recipient.userId}:${d.kind}`);
      const inInbox = pref?.inbox ?? true;
      const email = pref?.email ?? true;
      if (!inInbox && !email) return [];
      return [{ d, inInbox, emailState: email ? (digesting.has(d.recipient.userId) ? 'DIGEST' : 'QUEUED') : 'NONE' }];
    });
    if (rows.length === 0) return 0;
    const inserted: { id: string; userId: string; kind: string }[] = await runner.query(
      `INSERT INTO notifications (user_id, event_id, kind, params, subject_type, subject_id, in_inbox, email_state)
       SELECT * FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::jsonb[], $5::text[], $6::uuid[], $7::boolean[], $8::text[])
       ON CONFLICT (event_id, user_id, kind) DO NOTHING
       RETURNING id::text AS id, user_id AS "userId", kind`,
      [
        rows.map((r) => r.d.recipient.userId), rows.map(() => event.id), rows.map((r) => r.d.kind), rows.map((r) => JSON.stringify(r.d.params)),
        rows.map((r) => r.d.subjectType), rows.map((r) => r.d.subjectId), rows.map((r) => r.inInbox), rows.map((r) => r.emailState),
      ],
    );
    const byKey = new Map(rows.map((r) => [`${r.d.recipient.userId}:${r.d.kind}`, r]));
    const mails = inserted.flatMap((n) => {
      const row = byKey.get(`${n.userId}:${n.kind}`);
      return row && row.emailState === 'QUEUED' ? [{ id: n.id, delivery: row.d }] : [];
    });
    if (mails.length) await this.queueMails(runner.manager, mails);
    const live = inserted.filter((n) => byKey.get(`${n.userId}:${n.kind}`)?.inInbox);
    if (live.length) {
      await runner.query(`SELECT pg_notify($1, x) FROM unnest($2::text[]) x`, [NOTIFY_CHANNEL, live.map((n) => JSON.stringify({ id: n.id, userId: n.userId }))]);
    }
    return inserted.length;
  }

  private async queueMails(manager: EntityManager, mails: { id: string; delivery: Delivery }[]): Promise<void> {
    const rendered = mails.map(({ id, delivery }) => ({ id, delivery, ...renderEmail(delivery.kind, delivery.params, delivery.recipient.language) }));
    await manager.query(
      `INSERT INTO notification_emails (message_id, user_id, to_address, subject, body)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[]) ON CONFLICT (message_id) DO NOTHING`,
      [
        rendered.map((m) => notificationMessageId(m.id, this.options.from)), rendered.map((m) => m.delivery.recipient.userId),
        rendered.map((m) => m.delivery.recipient.email), rendered.map((m) => m.subject), rendered.map((m) => m.text),
      ],
    );
  }

  // ───────────────────────────── e-mail ─────────────────────────────

  private async sendOne(): Promise<'sent' | 'failed' | 'none'> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [mail]: { id: string; messageId: string; toAddress: string; subject: string; body: string; attempts: number }[] = await runner.query(
        `SELECT id::text AS id, message_id AS "messageId", to_address AS "toAddress", subject, body, attempts FROM notification_emails
         WHERE sent_at IS NULL AND available_at <= now() ORDER BY available_at, notification_emails.id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!mail) {
        await runner.commitTransaction();
        return 'none';
      }
      let outcome: 'sent' | 'failed' = 'sent';
      try {
        await this.transport.send({ messageId: mail.messageId, from: this.options.from, to: mail.toAddress, subject: mail.subject, text: mail.body });
        await runner.query(`UPDATE notification_emails SET sent_at = now(), transport = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [mail.id, this.transport.name]);
      } catch (error) {
        outcome = 'failed';
        await runner.query(
          `UPDATE notification_emails SET attempts = attempts + 1, last_error = $2, available_at = now() + $3 * interval '1 millisecond' WHERE id = $1`,
          [mail.id, describeFailure(error), retryDelayMs(mail.attempts + 1, this.options.backoff)],
        );
        this.logger.warn(`e-mail ${mail.messageId} failed and was rescheduled: ${describeFailure(error, 300)}`);
      }
      await runner.commitTransaction();
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  // ───────────────────────────── digests ─────────────────────────────

  /** One e-mail per user with notifications waiting for the digest, once per China date, from the digest hour. */
  private async digests(force: boolean, now: Date): Promise<number> {
    const clock = chinaClock(now);
    if (!force && clock.hour < this.options.digestHour) return 0;
    const users: { userId: string; email: string; language: Language }[] = await this.dataSource.query(
      `SELECT DISTINCT u.id AS "userId", u.email, u.language FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.email_state = 'DIGEST' AND u.active`,
    );
    let queued = 0;
    for (const user of users) {
      queued += await this.dataSource.transaction(async (manager) => {
        const items: { id: string; kind: NotificationKind; params: NotificationParams }[] = await manager.query(
          `SELECT id::text AS id, kind, params FROM notifications WHERE user_id = $1 AND email_state = 'DIGEST' ORDER BY notifications.id DESC FOR UPDATE SKIP LOCKED`,
          [user.userId],
        );
        if (items.length === 0) return 0;
        const mail = renderDigest(items, clock.date, user.language);
        const inserted: unknown[] = await manager.query(
          `INSERT INTO notification_emails (message_id, user_id, to_address, subject, body) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (message_id) DO NOTHING RETURNING id`,
          [digestMessageId(user.userId, clock.date, this.options.from), user.userId, user.email, mail.subject, mail.text],
        );
        // Today's digest already went: the rest waits for tomorrow's.
        if (inserted.length === 0) return 0;
        await manager.query(`UPDATE notifications SET email_state = 'DIGESTED' WHERE id = ANY($1::bigint[])`, [items.map((i) => i.id)]);
        return 1;
      });
    }
    return queued;
  }
}
