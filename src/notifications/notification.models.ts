import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '../common/pagination.js';
import { NotificationKind } from './notification-kinds.js';

export enum NotificationLanguage {
  zh = 'zh',
  en = 'en',
}
registerEnumType(NotificationLanguage, { name: 'Language', description: 'zh (Chinese, the default) or en (English).' });

@ObjectType('Notification', { description: 'A notice to the signed-in user, in the user\'s language.' })
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field()
  title: string;

  @Field()
  body: string;

  @Field(() => String, { nullable: true, description: 'What it is about: Requirement, Quote, Contract, SupplierCertification or Organization.' })
  subjectType: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of what it is about (read it with the query for that type, under that query\'s rule).' })
  subjectId: string | null;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  readAt: Date | null;
}

export const NotificationConnection = ConnectionType(NotificationModel, 'Notification');

@ObjectType('NotificationsMarked')
export class NotificationsMarkedModel {
  @Field(() => Int, { description: 'Notifications that were unread and are now read.' })
  marked: number;

  @Field(() => Int)
  unreadCount: number;
}

@ObjectType('NotificationPreference', { description: 'Where notices of one kind go.' })
export class NotificationPreferenceModel {
  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({ description: 'In the inbox, and live over the subscription.' })
  inbox: boolean;

  @Field({ description: 'By e-mail (each at once, or in the daily digest).' })
  email: boolean;
}

@ObjectType('NotificationSettings')
export class NotificationSettingsModel {
  @Field(() => NotificationLanguage)
  language: NotificationLanguage;

  @Field({ description: 'One e-mail a day with the day\'s notices instead of one e-mail each.' })
  emailDigest: boolean;

  @Field(() => [NotificationPreferenceModel], { description: 'Every kind, defaults (inbox and e-mail) included.' })
  preferences: NotificationPreferenceModel[];
}
