/**
 * The market's domain events: facts a feature records in its own transaction so that readers
 * of the market (notifications first) learn of them after the commit, exactly once.
 *
 * How a market feature records one (inside the transaction that makes the change):
 *
 *   await this.outbox.publish(manager, {
 *     kind: 'QuoteSubmitted',
 *     payload: { quoteId: quote.id, requirementId: quote.requirementId, supplierId: quote.supplierId },
 *   });
 *
 * `publish` inserts one row in `domain_events` through the caller's `manager`, so the event
 * commits or rolls back with the change. Pass `{ key }` to make a publication idempotent
 * (a second event with the same key is dropped: schedulers use it). Payloads carry ids, not
 * copies of the data: a reader loads what it shows when it handles the event, under its own
 * access rules. A new kind is added here (kind, payload type, one line in DOMAIN_EVENT_KINDS)
 * and handled in `src/notifications/`.
 */

/** The payload of each kind. Ids are UUIDs of the named rows. */
export interface DomainEventPayloads {
  /** A requirement went OPEN: suppliers that rank high for it are told. */
  RequirementPublished: { requirementId: string };
  /** A buyer invited a supplier to quote. */
  SupplierInvited: { requirementId: string; supplierId: string };
  /** A supplier submitted, revised or withdrew its quote: the buyer is told. */
  QuoteSubmitted: { quoteId: string; requirementId: string; supplierId: string };
  QuoteRevised: { quoteId: string; requirementId: string; supplierId: string };
  QuoteWithdrawn: { quoteId: string; requirementId: string; supplierId: string };
  /** The quote deadline is within 48 hours (scheduler): invited and quoting suppliers, the buyer. */
  QuoteDeadlineSoon: { requirementId: string; deadline: string };
  /** The quote deadline passed (scheduler): the buyer and the quoting suppliers. */
  QuoteDeadlinePassed: { requirementId: string; deadline: string };
  /** A requirement was awarded: each quoting supplier learns whether it won (never the winner's price). */
  RequirementAwarded: { requirementId: string; awardedSupplierIds: string[]; contractIds: string[] };
  /** A contract's terms were amended, or it was terminated: both parties. */
  ContractAmended: { contractId: string };
  ContractTerminated: { contractId: string };
  /** A buyer recorded a contract that names the supplier: the supplier confirms or disputes it. */
  ContractRecorded: { contractId: string; supplierId: string };
  /** A certificate expires in `days` days (60, 30 or 7), or has expired (scheduler). */
  CertificateExpiring: { certificationId: string; organizationId: string; validUntil: string; days: number };
  CertificateExpired: { certificationId: string; organizationId: string; validUntil: string };
  /** The platform verified or refused an organisation. */
  OrganizationVerified: { organizationId: string };
  OrganizationRefused: { organizationId: string; reason: string };
  /** A supplier asked a question on a requirement: the buyer is told (not who asked, beyond the organisation). */
  QuestionAsked: { questionId: string; requirementId: string; askerOrganizationId: string };
  /**
   * The buyer answered. `published: false` — only the asker's organisation is told;
   * `published: true` — every supplier taking part (invited, quoting or asking) is told, and the asker is not named.
   */
  AnswerGiven: { questionId: string; requirementId: string; askerOrganizationId: string; published: boolean };
}

export type DomainEventKind = keyof DomainEventPayloads;

/** One event, as `OutboxService.publish` takes it: a kind and that kind's payload. */
export type DomainEvent = { [K in DomainEventKind]: { kind: K; payload: DomainEventPayloads[K] } }[DomainEventKind];

/** Every kind, in a fixed order (for GraphQL enums, preferences and tests). */
export const DOMAIN_EVENT_KINDS = [
  'RequirementPublished',
  'SupplierInvited',
  'QuoteSubmitted',
  'QuoteRevised',
  'QuoteWithdrawn',
  'QuoteDeadlineSoon',
  'QuoteDeadlinePassed',
  'RequirementAwarded',
  'ContractAmended',
  'ContractTerminated',
  'ContractRecorded',
  'CertificateExpiring',
  'CertificateExpired',
  'OrganizationVerified',
  'OrganizationRefused',
  'QuestionAsked',
  'AnswerGiven',
] as const satisfies readonly DomainEventKind[];

/** Options of one publication. */
export interface PublishOptions {
  /** Idempotency key: a second event with the same key is not recorded (e.g. `deadline-soon:<requirementId>`). */
  key?: string;
  /** The user whose action caused the event (kept for the record; not told of their own action). */
  actorUserId?: string | null;
}
