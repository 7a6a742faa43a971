import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Roles } from '../access/access.decorator.js';
import { principalOfHttpRequest } from '../access/access.guard.js';
import { Role } from '../access/role.js';
import { AppError } from '../common/app-error.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';
import { ReportPdfQuery } from './dto/report-pdf.query.js';
import { ReportPdfService } from './report-pdf.service.js';

/**
 * The quarterly report as a PDF: `GET /exports/report.pdf?region=…&year=…&lang=zh|en`, with
 * the same bearer token and access rule as the CSV exports.
 */
@Controller('exports')
@UseFilters(HttpAppErrorFilter)
@Roles(Role.BUREAU_ANALYST, Role.PLATFORM_ADMIN)
export class ReportPdfController {
  constructor(private readonly reports: ReportPdfService) {}

  @Get('report.pdf')
  async download(@Req() request: Request, @Res() response: Response, @Query() query: ReportPdfQuery): Promise<void> {
    const actor = principalOfHttpRequest(request);
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (!actor || !token) throw AppError.unauthenticated();
    // The service's own loopback address, on the port this request came in on.
    const origin = `http://127.0.0.1:${request.socket.localPort}`;
    const pdf = await this.reports.render(origin, token, query);
    response.status(200);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${this.reports.fileName(query)}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.end(pdf);
  }
}
