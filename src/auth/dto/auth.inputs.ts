import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { OrganizationKind } from '../../organizations/organization.entity.js';
import { UserModel } from '../user.model.js';
import { IsName } from '../../common/text-fields.js';

@InputType()
export class LoginInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @Length(1, 200)
  password: string;
}

@InputType()
export class NewUserInput {
  @Field()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field({ description: '10 to 200 characters.' })
  @IsString()
  @Length(10, 200)
  password: string;

  @Field()
  @IsName()
  @IsString()
  @Length(1, 100)
  displayName: string;
}

@InputType()
export class RegisterInput extends NewUserInput {
  @Field(() => OrganizationKind, { description: 'OEM or SUPPLIER; bureaus and the platform are onboarded by a platform admin.' })
  @IsIn([OrganizationKind.OEM, OrganizationKind.SUPPLIER], { message: 'organizationKind must be OEM or SUPPLIER' })
  organizationKind: OrganizationKind;

  @Field()
  @IsName()
  @IsString()
  @Length(2, 200)
  legalName: string;

  @Field({ description: '统一社会信用代码, 18 characters.' })
  @IsString()
  @Length(18, 18)
  creditCode: string;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => OrganizationKind)
  @IsEnum(OrganizationKind)
  kind: OrganizationKind;

  @Field()
  @IsName()
  @IsString()
  @Length(2, 200)
  legalName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsName({ allowEmpty: true })
  @IsString()
  @MaxLength(200)
  nameEn?: string | null;

  @Field()
  @IsString()
  @Length(18, 18)
  creditCode: string;

  @Field(() => String, { nullable: true, description: 'Required for a bureau: the region it oversees.' })
  @IsOptional()
  @IsString()
  @Length(6, 6)
  jurisdictionCode?: string | null;

  @Field(() => NewUserInput, { description: 'The organisation\'s first user, its administrator.' })
  @ValidateNested()
  @Type(() => NewUserInput)
  admin: NewUserInput;
}

@InputType()
export class CreateUserInput extends NewUserInput {
  @Field(() => ID, { nullable: true, description: 'Defaults to your own organisation.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @Field({ defaultValue: false, description: 'May add users to the organisation.' })
  @IsBoolean()
  orgAdmin: boolean = false;

  @Field(() => String, { nullable: true, description: 'For a bureau analyst: within the bureau\'s jurisdiction; defaults to it.' })
  @IsOptional()
  @IsString()
  @Length(6, 6)
  jurisdictionCode?: string | null;
}

@InputType()
export class ChangePasswordInput {
  @Field()
  @IsString()
  @Length(1, 200)
  currentPassword: string;

  @Field({ description: '10 to 200 characters.' })
  @IsString()
  @Length(10, 200)
  newPassword: string;
}

@InputType()
export class UserStatusInput {
  @Field(() => ID)
  @IsUUID()
  userId: string;
}

@ObjectType()
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <token>`.' })
  token: string;

  @Field()
  expiresAt: Date;

  @Field(() => UserModel)
  user: UserModel;
}
