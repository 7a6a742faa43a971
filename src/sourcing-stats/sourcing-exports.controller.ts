import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import { Roles } from '../access/access.decorator.js';
import { principalOfHttpRequest } from '../access/access.guard.js';
import { Role } from '../access/role.js';
import { AppError } from '../common/app-error.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';
import { ExportQuery } from './dto/export.query.js';
import { EXPORT_TABLES, SourcingExportsService, type ExportTable } from './sourcing-exports.service.js';

/**
 * CSV downloads of the bureau tables: `GET /exports/sourcing/<table>.csv?region=…&startYear=…`
 * with the same bearer token and the same access rules as the GraphQL queries
 * (`text/csv; charset=utf-8`, UTF-8 with a byte-order mark for Excel).
 */
@Controller('exports/sourcing')
@UseFilters(HttpAppErrorFilter)
@Roles(Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
export class SourcingExportsController {
  constructor(private readonly exports: SourcingExportsService) {}

  // The query string is validated by the global InputValidationPipe (src/common/validation.pipe.ts).
  @Get(':file')
  async download(@Req() request: Request, @Res() response: Response, @Param('file') file: string, @Query() query: ExportQuery): Promise<void> {
    const table = file.endsWith('.csv') ? file.slice(0, -4) : '';
    if (!(EXPORT_TABLES as readonly string[]).includes(table)) throw AppError.notFound(`Export ${file} (one of ${EXPORT_TABLES.map((t) => `${t}.csv`).join(', ')})`);
    const actor = principalOfHttpRequest(request);
    if (!actor) throw AppError.unauthenticated();
    const chunks = this.exports.csv(actor, table as ExportTable, query);
    // Nothing is sent before the first chunk: access and input errors keep their status.
    const first = await chunks.next();
    response.status(200);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${this.exports.fileName(table as ExportTable, query)}"`);
    response.setHeader('Cache-Control', 'no-store');
    if (!first.done && !(await write(response, first.value))) return;
    for await (const chunk of chunks) {
      if (!(await write(response, chunk))) return; // the client went away: stop reading
    }
    response.end();
  }
}

/** Writes with back-pressure; false once the connection is gone. */
async function write(response: Response, chunk: string): Promise<boolean> {
  if (response.destroyed) return false;
  if (chunk.length > 0 && !response.write(chunk)) await Promise.race([once(response, 'drain'), once(response, 'close')]);
  return !response.destroyed;
}
