import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppError } from '../common/app-error.js';
import { decodeCursor, encodeCursor, type Connection } from '../common/pagination.js';
import type { Principal } from '../access/role.js';
import { NOTIFICATION_KINDS, type Language, type NotificationKind } from './notification-kinds.js';
import { renderNotification, type NotificationParams } from './templates.js';
import { NotificationLanguage, type NotificationModel, type NotificationSettingsModel, type NotificationsMarkedModel } from './notification.models.js';
import type { UpdateNotificationSettingsInput } from './dto/notification.inputs.js';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  params: NotificationParams;
  subjectType: string | null;
  subjectId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

const COLUMNS = `id::text AS id, kind, params, subject_type AS "subjectType", subject_id AS "subjectId", created_at AS "createdAt", read_at AS "readAt"`;

/**
 * The signed-in user's inbox and settings. Every query is keyed by the caller's own user id:
 * no one reads or marks another user's notifications, whatever ids they send.
 */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, keyset-paged by id. */
  async list(actor: Principal, first: number, after: string | null | undefined, unreadOnly: boolean, language: Language | null = null): Promise<Connection<NotificationModel>> {
    const cursor = decodeCursor(after, 1);
    if (after != null && (!cursor || typeof cursor[0] !== 'string' || !/^\d{1,18}$/.test(cursor[0]))) throw AppError.badInput('after', 'is not a cursor returned by this list');
    const unread = unreadOnly ? 'AND read_at IS NULL' : '';
    const [rows, [{ total }], userLanguage] = await Promise.all([
      this.dataSource.query<NotificationRow[]>(
        `SELECT ${COLUMNS} FROM notifications WHERE user_id = $1 AND in_inbox ${unread} AND ($2::bigint IS NULL OR id < $2::bigint) ORDER BY notifications.id DESC LIMIT $3`,
        [actor.userId, cursor ? cursor[0] : null, first + 1],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM notifications WHERE user_id = $1 AND in_inbox ${unread}`, [actor.userId]),
      language ?? this.language(actor.userId),
    ]);
    const page = rows.slice(0, first).map((row) => this.toModel(row, userLanguage));
    return {
      edges: page.map((node) => ({ cursor: encodeCursor([node.id]), node })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? encodeCursor([page[page.length - 1].id]) : null },
      totalCount: total,
    };
  }

  async unreadCount(actor: Principal): Promise<number> {
    const [{ n }] = await this.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND in_inbox AND read_at IS NULL`, [actor.userId]);
    return n;
  }

  /** Marks the caller's own notifications read; ids of others' or unknown ones are ignored. */
  async markRead(actor: Principal, ids: string[] | null): Promise<NotificationsMarkedModel> {
    const marked: unknown[] = await this.dataSource.query(
      // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count], not the rows.
      `WITH marked AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND in_inbox AND read_at IS NULL AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[])) RETURNING id)
       SELECT id FROM marked`,
      [actor.userId, ids],
    );
    return { marked: marked.length, unreadCount: await this.unreadCount(actor) };
  }

  /** One of the caller's notifications as the inbox shows it (the live subscription uses it); null if not theirs or not in the inbox. */
  async one(userId: string, id: string): Promise<NotificationModel | null> {
    const [row] = await this.dataSource.query<NotificationRow[]>(`SELECT ${COLUMNS} FROM notifications WHERE id = $1 AND user_id = $2 AND in_inbox`, [id, userId]);
    return row ? this.toModel(row, await this.language(userId)) : null;
  }

  async settings(actor: Principal): Promise<NotificationSettingsModel> {
    const [language, [setting], rows] = await Promise.all([
      this.language(actor.userId),
      this.dataSource.query<{ emailDigest: boolean }[]>(`SELECT email_digest AS "emailDigest" FROM notification_settings WHERE user_id = $1`, [actor.userId]),
      this.dataSource.query<{ kind: NotificationKind; inbox: boolean; email: boolean }[]>(`SELECT kind, inbox, email FROM notification_preferences WHERE user_id = $1`, [actor.userId]),
    ]);
    const chosen = new Map(rows.map((r) => [r.kind, r]));
    return {
      language: language === 'en' ? NotificationLanguage.en : NotificationLanguage.zh,
      emailDigest: setting?.emailDigest ?? false,
      preferences: NOTIFICATION_KINDS.map((kind) => ({ kind, inbox: chosen.get(kind)?.inbox ?? true, email: chosen.get(kind)?.email ?? true })),
    };
  }

  /** Changes the caller's language, digest choice and preferences, in one transaction. */
  async updateSettings(actor: Principal, input: UpdateNotificationSettingsInput): Promise<NotificationSettingsModel> {
    const preferences = input.preferences ?? [];
    const seen = new Set<string>();
    preferences.forEach((p, index) => {
      if (seen.has(p.kind)) throw AppError.badInput(`input.preferences.${index}.kind`, `${p.kind} is given twice`);
      seen.add(p.kind);
    });
    await this.dataSource.transaction(async (manager) => {
      if (input.language !== undefined) await manager.query(`UPDATE users SET language = $2 WHERE id = $1`, [actor.userId, input.language]);
      if (input.emailDigest !== undefined) {
        await manager.query(
          `INSERT INTO notification_settings (user_id, email_digest) VALUES ($1, $2) ON CONFLICT (user_id) DO UPDATE SET email_digest = EXCLUDED.email_digest`,
          [actor.userId, input.emailDigest],
        );
      }
      if (preferences.length) {
        await manager.query(
          `INSERT INTO notification_preferences (user_id, kind, inbox, email) SELECT $1, * FROM unnest($2::text[], $3::boolean[], $4::boolean[])
           ON CONFLICT (user_id, kind) DO UPDATE SET inbox = EXCLUDED.inbox, email = EXCLUDED.email`,
          [actor.userId, preferences.map((p) => p.kind), preferences.map((p) => p.inbox), preferences.map((p) => p.email)],
        );
      }
    });
    return this.settings(actor);
  }

  private async language(userId: string): Promise<Language> {
    const [row] = await this.dataSource.query<{ language: Language }[]>(`SELECT language FROM users WHERE id = $1`, [userId]);
    return row?.language ?? 'zh';
  }

  private toModel(row: NotificationRow, language: Language): NotificationModel {
    const { title, body } = renderNotification(row.kind, row.params, language);
    return { id: row.id, kind: row.kind, title, body, subjectType: row.subjectType, subjectId: row.subjectId, createdAt: row.createdAt, readAt: row.readAt };
  }
}
