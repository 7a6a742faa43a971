import type { EntityManager } from 'typeorm';
import type { DomainEventKind, DomainEventPayloads } from '../outbox/domain-events.js';
import { NotificationKind, type SubjectType } from './notification-kinds.js';
import type { NotificationParams } from './templates.js';
import type { NotificationsRepository, Recipient } from './notifications.repository.js';

/** One notice to make: for whom, of what kind, with which facts, about what. */
export interface Delivery {
  recipient: Recipient;
  kind: NotificationKind;
  params: NotificationParams;
  subjectType: SubjectType | null;
  subjectId: string | null;
}

export interface PendingEvent {
  id: string;
  kind: DomainEventKind;
  payload: Record<string, unknown>;
  actorUserId: string | null;
}

/** The top-N eligible suppliers for a requirement, by the matching scorer (injected: matching is on the floor below). */
export type RankEligible = (requirementId: string, limit: number) => Promise<string[]>;

/**
 * Who is told of an event, and what. The rules (README, "Notifications"): the buyer hears of
 * quotes and questions; suppliers of invitations, outcomes, deadlines, their certificates and
 * contracts; every organisation of its verification. The user who acted is never told of
 * their own action. A published answer names no asker.
 */
export class NotificationFanout {
  constructor(
    private readonly repository: NotificationsRepository,
    private readonly rankEligible: RankEligible,
    private readonly topN: number,
  ) {}

  async deliveries(manager: EntityManager, event: PendingEvent): Promise<Delivery[]> {
    const all = await this.build(manager, event);
    return all.filter((d) => d.recipient.userId !== event.actorUserId);
  }

  private async build(manager: EntityManager, event: PendingEvent): Promise<Delivery[]> {
    const r = this.repository;
    const to = (recipients: Recipient[], kind: NotificationKind, params: NotificationParams, subjectType: SubjectType | null, subjectId: string | null): Delivery[] =>
      recipients.map((recipient) => ({ recipient, kind, params, subjectType, subjectId }));
    switch (event.kind) {
      case 'RequirementPublished': {
        const p = event.payload as DomainEventPayloads['RequirementPublished'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        const suppliers = await this.rankEligible(req.id, this.topN);
        return to(await r.usersOf(manager, suppliers), NotificationKind.REQUIREMENT_MATCHED, { requirementTitle: req.title, buyerName: req.buyerName, deadline: req.quoteDeadline }, 'Requirement', req.id);
      }
      case 'SupplierInvited': {
        const p = event.payload as DomainEventPayloads['SupplierInvited'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        return to(await r.usersOf(manager, [p.supplierId]), NotificationKind.INVITED, { requirementTitle: req.title, buyerName: req.buyerName, deadline: req.quoteDeadline }, 'Requirement', req.id);
      }
      case 'QuoteSubmitted':
      case 'QuoteRevised':
      case 'QuoteWithdrawn': {
        const p = event.payload as DomainEventPayloads['QuoteSubmitted'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        const kind = { QuoteSubmitted: NotificationKind.QUOTE_SUBMITTED, QuoteRevised: NotificationKind.QUOTE_REVISED, QuoteWithdrawn: NotificationKind.QUOTE_WITHDRAWN }[event.kind];
        return to(await r.usersOf(manager, [req.buyerId]), kind, { requirementTitle: req.title, supplierName: await r.organizationName(manager, p.supplierId) }, 'Quote', p.quoteId);
      }
      case 'QuoteDeadlineSoon': {
        const p = event.payload as DomainEventPayloads['QuoteDeadlineSoon'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        const suppliers = [...new Set([...(await r.invitedSuppliers(manager, req.id)), ...(await r.quotingSuppliers(manager, req.id, false))])];
        return to(await r.usersOf(manager, suppliers), NotificationKind.DEADLINE_SOON, { requirementTitle: req.title, deadline: p.deadline }, 'Requirement', req.id);
      }
      case 'QuoteDeadlinePassed': {
        const p = event.payload as DomainEventPayloads['QuoteDeadlinePassed'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        return to(await r.usersOf(manager, [req.buyerId]), NotificationKind.DEADLINE_PASSED, { requirementTitle: req.title, deadline: p.deadline }, 'Requirement', req.id);
      }
      case 'RequirementAwarded': {
        const p = event.payload as DomainEventPayloads['RequirementAwarded'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        const winners = new Set(p.awardedSupplierIds);
        const quoting = await r.quotingSuppliers(manager, req.id, true);
        const params = { requirementTitle: req.title, buyerName: req.buyerName };
        return [
          ...to(await r.usersOf(manager, quoting.filter((s) => winners.has(s))), NotificationKind.AWARDED, params, 'Requirement', req.id),
          ...to(await r.usersOf(manager, quoting.filter((s) => !winners.has(s))), NotificationKind.NOT_AWARDED, params, 'Requirement', req.id),
        ];
      }
      case 'ContractAmended':
      case 'ContractTerminated': {
        const p = event.payload as DomainEventPayloads['ContractAmended'];
        const contract = await r.contract(manager, p.contractId);
        if (!contract) return [];
        const kind = event.kind === 'ContractAmended' ? NotificationKind.CONTRACT_AMENDED : NotificationKind.CONTRACT_TERMINATED;
        const params: NotificationParams = { contract: contract.reference, requirementTitle: contract.requirementTitle ?? '', ...(contract.terminationReason ? { reason: contract.terminationReason } : {}) };
        return to(await r.usersOf(manager, [contract.buyerId, contract.supplierId]), kind, params, 'Contract', contract.id);
      }
      case 'ContractRecorded': {
        const p = event.payload as DomainEventPayloads['ContractRecorded'];
        const contract = await r.contract(manager, p.contractId);
        if (!contract) return [];
        return to(await r.usersOf(manager, [contract.supplierId]), NotificationKind.CONTRACT_TO_CONFIRM, { contract: contract.reference, buyerName: contract.buyerName }, 'Contract', contract.id);
      }
      case 'CertificateExpiring':
      case 'CertificateExpired': {
        const p = event.payload as DomainEventPayloads['CertificateExpiring'];
        const certificate = await r.certificate(manager, p.certificationId);
        if (!certificate) return [];
        const kind = event.kind === 'CertificateExpiring' ? NotificationKind.CERTIFICATE_EXPIRING : NotificationKind.CERTIFICATE_EXPIRED;
        const params: NotificationParams = { certificate: certificate.label, validUntil: p.validUntil, ...(event.kind === 'CertificateExpiring' ? { days: p.days } : {}) };
        return to(await r.usersOf(manager, [certificate.organizationId]), kind, params, 'SupplierCertification', p.certificationId);
      }
      case 'OrganizationVerified':
        return to(await r.usersOf(manager, [String(event.payload.organizationId)]), NotificationKind.ORGANIZATION_VERIFIED, {}, 'Organization', String(event.payload.organizationId));
      case 'OrganizationRefused': {
        const p = event.payload as DomainEventPayloads['OrganizationRefused'];
        return to(await r.usersOf(manager, [p.organizationId]), NotificationKind.ORGANIZATION_REFUSED, { reason: p.reason }, 'Organization', p.organizationId);
      }
      case 'QuestionAsked': {
        const p = event.payload as DomainEventPayloads['QuestionAsked'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        return to(await r.usersOf(manager, [req.buyerId]), NotificationKind.QUESTION_ASKED, { requirementTitle: req.title }, 'Requirement', req.id);
      }
      case 'AnswerGiven': {
        const p = event.payload as DomainEventPayloads['AnswerGiven'];
        const req = await r.requirement(manager, p.requirementId);
        if (!req) return [];
        // A published answer reaches every supplier that may read it (questions/question-rules.ts): invited, quoting or asking.
        const suppliers = p.published
          ? [...new Set([p.askerOrganizationId, ...(await r.invitedSuppliers(manager, req.id)), ...(await r.quotingSuppliers(manager, req.id, true)), ...(await r.askingSuppliers(manager, req.id))])]
          : [p.askerOrganizationId];
        return to(await r.usersOf(manager, suppliers), NotificationKind.ANSWER_GIVEN, { requirementTitle: req.title, published: p.published }, 'Requirement', req.id);
      }
    }
  }
}
