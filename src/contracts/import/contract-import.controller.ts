import { Controller, HttpCode, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../../access/access.decorator.js';
import { principalOfHttpRequest } from '../../access/access.guard.js';
import { Role } from '../../access/role.js';
import { AppError } from '../../common/app-error.js';
import { CSV_UPLOAD_LIMIT_BYTES, importUpload } from '../../common/csv-upload.js';
import { HttpAppErrorFilter } from '../../common/http-error.filter.js';
import { ContractImportService, type ContractImportReport } from './contract-import.service.js';

/**
 * `POST /imports/contracts` with a `text/csv` body (up to 20 MB, streamed): the same import,
 * access rule and report as the `importContracts` mutation, as JSON.
 */
@Controller('imports')
@UseFilters(HttpAppErrorFilter)
export class ContractImportController {
  constructor(private readonly imports: ContractImportService) {}

  @Post('contracts')
  @HttpCode(200)
  @Roles(Role.OEM_BUYER)
  upload(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<ContractImportReport> {
    const actor = principalOfHttpRequest(request);
    if (!actor) throw AppError.unauthenticated();
    return importUpload(request, response, CSV_UPLOAD_LIMIT_BYTES, (body) => this.imports.importCsv(actor, body));
  }
}
