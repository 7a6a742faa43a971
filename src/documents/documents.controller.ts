import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { Roles } from '../access/access.decorator.js';
import { principalOfHttpRequest } from '../access/access.guard.js';
import { Role, type Principal } from '../access/role.js';
import { AppError } from '../common/app-error.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';
import { UuidPipe } from '../common/uuid.pipe.js';
import { DocumentParentKind } from './document.entity.js';
import type { DocumentModel } from './document.models.js';
import { attachmentDisposition } from './document-types.js';
import { withUploadBody } from './document-upload.js';
import { DocumentsService } from './documents.service.js';

const KINDS: Readonly<Record<string, DocumentParentKind>> = {
  requirements: DocumentParentKind.REQUIREMENT,
  certifications: DocumentParentKind.CERTIFICATION,
  contracts: DocumentParentKind.CONTRACT,
};

function callerOf(request: Request): Principal {
  const actor = principalOfHttpRequest(request);
  if (!actor) throw AppError.unauthenticated();
  return actor;
}

/**
 * Documents over HTTP, with the same bearer token as GraphQL:
 * - `POST /documents/<requirements|certifications|contracts>/<id>?name=<file name>` with the
 *   file's bytes as the body (`Content-Type: application/octet-stream`, streamed, at most
 *   DOCUMENT_MAX_BYTES): 201 and the document as JSON;
 * - `GET /documents/<id>`: the bytes, as an attachment, for whoever may read the parent.
 * Errors as `{ "error": { "code", "message", "fields"? } }` (413 too large, 415 not an allowed type).
 */
@Controller('documents')
@UseFilters(HttpAppErrorFilter)
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Post(':kind/:parentId')
  @HttpCode(201)
  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN)
  upload(@Req() request: Request, @Res({ passthrough: true }) response: Response, @Param('kind') kindName: string, @Param('parentId', UuidPipe) parentId: string, @Query('name') name: unknown): Promise<DocumentModel> {
    const actor = callerOf(request);
    return withUploadBody(request, response, this.documents.maxBytes, async (body) => {
      const kind = KINDS[kindName];
      if (!kind) throw AppError.notFound(`Document parent kind ${kindName} (one of ${Object.keys(KINDS).join(', ')})`);
      const fileName = await this.documents.checkAttach(actor, kind, parentId, typeof name === 'string' ? name : undefined);
      return this.documents.upload(actor, kind, parentId, fileName, body);
    });
  }

  @Get(':id')
  @Roles(Role.OEM_BUYER, Role.SUPPLIER_ADMIN, Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
  async download(@Req() request: Request, @Res() response: Response, @Param('id', UuidPipe) id: string): Promise<void> {
    const { document, bytes } = await this.documents.open(callerOf(request), id);
    response.status(200);
    response.setHeader('Content-Type', document.contentType);
    response.setHeader('Content-Length', String(document.sizeBytes));
    response.setHeader('Content-Disposition', attachmentDisposition(document.fileName));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('Cache-Control', 'private, no-store');
    response.setHeader('Repr-Digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`);
    try {
      await pipeline(bytes, response);
    } catch {
      // The client went away, or the storage failed half-way: the response is cut off, never completed wrongly.
      response.destroy();
    }
  }
}
