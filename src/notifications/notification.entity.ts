import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationKind, SubjectType } from './notification-kinds.js';
import type { NotificationParams } from './templates.js';

/** What became of a notification's e-mail. */
export type EmailState = 'NONE' | 'QUEUED' | 'DIGEST' | 'DIGESTED';

/**
 * One user's notice of one domain event. Made once per (event, user, kind): the unique key
 * makes the fan-out idempotent, whichever worker or retry gets there. `inInbox` is false when
 * the user turned the inbox off for the kind (the row still carries the e-mail's state).
 */
@Entity('notifications')
@Index('notifications_event_user_kind_key', ['eventId', 'userId', 'kind'], { unique: true })
@Index('notifications_inbox_idx', ['userId', 'id'], { where: 'in_inbox' })
@Index('notifications_unread_idx', ['userId'], { where: 'in_inbox AND read_at IS NULL' })
@Index('notifications_digest_idx', ['userId', 'id'], { where: `email_state = 'DIGEST'` })
export class Notification {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid')
  userId: string;

  @Column('bigint')
  eventId: string;

  @Column('text')
  kind: NotificationKind;

  @Column('jsonb')
  params: NotificationParams;

  @Column('text', { nullable: true })
  subjectType: SubjectType | null;

  @Column('uuid', { nullable: true })
  subjectId: string | null;

  @Column('boolean')
  inInbox: boolean;

  @Column('text', { default: 'NONE' })
  emailState: EmailState;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  readAt: Date | null;
}

/**
 * An e-mail to send (or, with no SMTP server, kept for the development mailbox). The message
 * id is fixed when the row is made: a retry after a crash between sending and marking sends the
 * same Message-ID again, so the receiving side can drop the duplicate.
 */
@Entity('notification_emails')
@Index('notification_emails_pending_idx', ['availableAt', 'id'], { where: 'sent_at IS NULL' })
@Index('notification_emails_user_idx', ['userId', 'id'])
export class NotificationEmail {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index('notification_emails_message_id_key', { unique: true })
  @Column('text')
  messageId: string;

  @Column('uuid')
  userId: string;

  @Column('text')
  toAddress: string;

  @Column('text')
  subject: string;

  @Column('text')
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { default: () => 'now()' })
  availableAt: Date;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;

  /** 'smtp' once handed to the SMTP server; 'mailbox' when kept for the development mailbox. */
  @Column('text', { nullable: true })
  transport: 'smtp' | 'mailbox' | null;
}

/** A user's choice for one kind; a kind without a row goes to the inbox and by e-mail. */
@Entity('notification_preferences')
export class NotificationPreference {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('text')
  kind: NotificationKind;

  @Column('boolean')
  inbox: boolean;

  @Column('boolean')
  email: boolean;
}

/** A user's e-mail rhythm: each notice as it happens, or one digest a day. */
@Entity('notification_settings')
export class NotificationSetting {
  @PrimaryColumn('uuid')
  userId: string;

  @Column('boolean', { default: false })
  emailDigest: boolean;
}

/**
 * A lease on a periodic job (the time-based events, the digests): the process that takes it
 * runs the job; others skip until it lapses.
 */
@Entity('notification_jobs')
@Check('notification_jobs_name_check', `name <> ''`)
export class NotificationJob {
  @PrimaryColumn('text')
  name: string;

  @Column('timestamptz', { default: () => `'-infinity'` })
  leaseUntil: Date;

  @Column('timestamptz', { nullable: true })
  lastRunAt: Date | null;
}
