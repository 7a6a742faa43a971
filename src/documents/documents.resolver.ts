import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentUser, Roles } from '../access/access.decorator.js';
import { Role, type Principal } from '../access/role.js';
import type { GraphQLRequestContext } from '../access/request-context.js';
import { RequirementModel } from '../requirements/requirement.model.js';
import { SupplierCertificationModel } from '../suppliers/supplier.models.js';
import { ContractModel } from '../contracts/contract.models.js';
import { DocumentParentKind } from './document.entity.js';
import { DocumentModel } from './document.models.js';
import { DeleteDocumentInput } from './dto/document.inputs.js';
import type { DocumentLoaders } from './document.loaders.js';
import { DocumentsService } from './documents.service.js';

type RequestContext = GraphQLRequestContext<DocumentLoaders>;

@Resolver(() => DocumentModel)
export class DocumentsResolver {
  constructor(private readonly documents: DocumentsService) {}

  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN)
  @Mutation(() => Boolean, { description: 'Deletes a document your organisation attached, while it may still attach to the parent. (Uploads: POST /documents/…, see the README.)' })
  deleteDocument(@CurrentUser() actor: Principal, @Args('input') input: DeleteDocumentInput): Promise<boolean> {
    return this.documents.delete(actor, input.id);
  }
}

// Each parent's documents, under the parent's own rule: the requirement and the contract are
// already readable where these fields are reached; a certification's scans are filtered (holder and OEM buyers).
@Resolver(() => RequirementModel)
export class RequirementDocumentsResolver {
  @ResolveField(() => [DocumentModel], { description: 'Drawings and specifications, for whoever reads the requirement.' })
  documents(@Parent() r: RequirementModel, @Context() ctx: RequestContext): Promise<DocumentModel[]> {
    return ctx.loaders.documents.load(`${DocumentParentKind.REQUIREMENT}:${r.id}`);
  }
}

@Resolver(() => SupplierCertificationModel)
export class CertificationDocumentsResolver {
  @ResolveField(() => [DocumentModel], { description: 'Certificate scans: shown to the holder and to OEM buyers; empty for anyone else.' })
  documents(@Parent() c: SupplierCertificationModel, @Context() ctx: RequestContext): Promise<DocumentModel[]> {
    return ctx.loaders.documents.load(`${DocumentParentKind.CERTIFICATION}:${c.id}`);
  }
}

@Resolver(() => ContractModel)
export class ContractDocumentsResolver {
  @ResolveField(() => [DocumentModel], { description: 'Documents attached by either party, for whoever reads the contract.' })
  documents(@Parent() c: ContractModel, @Context() ctx: RequestContext): Promise<DocumentModel[]> {
    return ctx.loaders.documents.load(`${DocumentParentKind.CONTRACT}:${c.id}`);
  }
}
