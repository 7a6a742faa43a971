import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsOptional, Matches, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/pagination.js';
import { NotNull } from '../../common/text-fields.js';
import { NotificationKind } from '../notification-kinds.js';
import { NotificationLanguage } from '../notification.models.js';

const NOTIFICATION_ID = /^[1-9]\d{0,17}$/;

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Only the unread ones.' })
  @IsBoolean()
  unreadOnly: boolean = false;

  @Field(() => NotificationLanguage, { nullable: true, description: 'Render titles and bodies in this language (default: yours, from notificationSettings).' })
  @IsOptional()
  @IsEnum(NotificationLanguage)
  language?: NotificationLanguage | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { description: 'Your notifications to mark read (1–100); others\' ids are ignored.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(NOTIFICATION_ID, { each: true, message: 'each id must be a notification id' })
  ids: string[];
}

@InputType()
export class NotificationPreferenceInput {
  @Field(() => NotificationKind)
  @IsEnum(NotificationKind)
  kind: NotificationKind;

  @Field()
  @IsBoolean()
  inbox: boolean;

  @Field()
  @IsBoolean()
  email: boolean;
}

@InputType()
export class UpdateNotificationSettingsInput {
  @Field(() => NotificationLanguage, { nullable: true, description: 'The language of your notices and e-mails.' })
  @IsOptional()
  @NotNull()
  @IsEnum(NotificationLanguage)
  language?: NotificationLanguage;

  @Field({ nullable: true })
  @IsOptional()
  @NotNull()
  @IsBoolean()
  emailDigest?: boolean;

  @Field(() => [NotificationPreferenceInput], { nullable: true, description: 'Kinds to change; others stay as they are.' })
  @IsOptional()
  @NotNull()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceInput)
  preferences?: NotificationPreferenceInput[];
}
