import { registerEnumType } from '@nestjs/graphql';

/** What a notification tells its user; preferences are kept per kind and channel. */
export enum NotificationKind {
  REQUIREMENT_MATCHED = 'REQUIREMENT_MATCHED',
  INVITED = 'INVITED',
  QUOTE_SUBMITTED = 'QUOTE_SUBMITTED',
  QUOTE_REVISED = 'QUOTE_REVISED',
  QUOTE_WITHDRAWN = 'QUOTE_WITHDRAWN',
  DEADLINE_SOON = 'DEADLINE_SOON',
  DEADLINE_PASSED = 'DEADLINE_PASSED',
  AWARDED = 'AWARDED',
  NOT_AWARDED = 'NOT_AWARDED',
  CONTRACT_AMENDED = 'CONTRACT_AMENDED',
  CONTRACT_TERMINATED = 'CONTRACT_TERMINATED',
  CONTRACT_TO_CONFIRM = 'CONTRACT_TO_CONFIRM',
  CERTIFICATE_EXPIRING = 'CERTIFICATE_EXPIRING',
  CERTIFICATE_EXPIRED = 'CERTIFICATE_EXPIRED',
  ORGANIZATION_VERIFIED = 'ORGANIZATION_VERIFIED',
  ORGANIZATION_REFUSED = 'ORGANIZATION_REFUSED',
  QUESTION_ASKED = 'QUESTION_ASKED',
  ANSWER_GIVEN = 'ANSWER_GIVEN',
}
registerEnumType(NotificationKind, { name: 'NotificationKind', description: 'What a notification tells (see the events table in README).' });

export const NOTIFICATION_KINDS = Object.values(NotificationKind);

export type Language = 'zh' | 'en';
export const LANGUAGES: readonly Language[] = ['zh', 'en'];

/** What the notification is about, for a link in the workspace. */
export type SubjectType = 'Requirement' | 'Quote' | 'Contract' | 'SupplierCertification' | 'Organization' | 'Question';
