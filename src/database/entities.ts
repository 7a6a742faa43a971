import { Region } from '../regions/region.entity.js';
import { PartCategory } from '../taxonomy/part-category.entity.js';
import { CertificationType } from '../taxonomy/certification-type.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Site } from '../organizations/site.entity.js';
import { User } from '../auth/user.entity.js';
import { LoginThrottle } from '../auth/login-throttle.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Requirement, RequirementCertification } from '../requirements/requirement.entity.js';
import { Capability, CapabilitySite } from '../suppliers/capability.entity.js';
import { SupplierCertification } from '../suppliers/supplier-certification.entity.js';
import { OutboxEvent } from '../outbox/outbox-event.entity.js';
import { DomainEventRow } from '../outbox/domain-event.entity.js';
import { SearchLexiconWord, SearchRequirementRow, SearchState, SearchSupplierRow, SearchSynonymGroup } from '../search/search.entities.js';
import { Quote, QuoteInvitation, QuoteRevision } from '../quotes/quote.entity.js';
import { Award, Contract, ContractAmendment } from '../contracts/contract.entity.js';
import { SourcingBaseline } from '../sourcing-stats/sourcing-baseline.entity.js';
import { ClarificationQuestion } from '../questions/question.entity.js';
import { Document } from '../documents/document.entity.js';
import { Notification, NotificationEmail, NotificationJob, NotificationPreference, NotificationSetting } from '../notifications/notification.entity.js';
import { SourcingScenario } from '../sourcing-stats/sourcing-scenario.entity.js';
import { SourcingRollup } from '../sourcing-stats/sourcing-rollup.entity.js';
import { MatchChange } from '../matching/match-change.entity.js';

/** Every entity, listed once: the app and the migration CLI both use this list. */
export const ENTITIES = [
  Region, PartCategory, CertificationType, Organization, Site, User, LoginThrottle, AuditEvent,
  Requirement, RequirementCertification, Capability, CapabilitySite, SupplierCertification, OutboxEvent, DomainEventRow,
  SearchSupplierRow, SearchRequirementRow, SearchSynonymGroup, SearchState, SearchLexiconWord,
  QuoteInvitation, Quote, QuoteRevision, Award, Contract, ContractAmendment,
  SourcingRollup, SourcingBaseline, SourcingScenario, ClarificationQuestion, Document,
  Notification, NotificationEmail, NotificationPreference, NotificationSetting, NotificationJob, MatchChange,
];
