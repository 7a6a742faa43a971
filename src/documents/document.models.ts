import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentParentKind } from './document.entity.js';

registerEnumType(DocumentParentKind, { name: 'DocumentParentKind', description: 'What a document is attached to.' });

@ObjectType('Document', { description: 'A file attached to a requirement, a certification or a contract; its bytes are downloaded from downloadPath with the same bearer token.' })
export class DocumentModel {
  @Field(() => ID) id: string;
  @Field(() => DocumentParentKind) parentKind: DocumentParentKind;
  @Field(() => ID) parentId: string;
  @Field({ description: 'The name it downloads under (the type\'s extension added when the sent name carried another).' }) fileName: string;
  @Field({ description: 'Judged from the bytes, not from the name or the sender.' }) contentType: string;
  @Field(() => Int) sizeBytes: number;
  @Field({ description: 'Hex SHA-256 of the bytes.' }) sha256: string;
  @Field(() => ID, { description: 'The organisation that attached it (only it may delete it).' }) organizationId: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field({ description: '`GET` this path (relative to the service) for the bytes, as an attachment.' }) downloadPath: string;
}
