import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../access/access.decorator.js';
import { HttpAppErrorFilter } from '../common/http-error.filter.js';

/** Where the bureau's pages live now: the workspace (web/src/pages/bureau/, served at /). */
export const BUREAU_HOME = '/bureau';

/**
 * /dashboard, the bureau dashboard's old address: it moved into the workspace (one app, one
 * sign-in), so bookmarks and links are sent there with a 302 (the workspace asks for sign-in
 * when there is no session). The old static page and its assets are gone.
 */
@Controller('dashboard')
@UseFilters(HttpAppErrorFilter)
@Public()
export class DashboardController {
  @Get()
  page(@Res() response: Response): void {
    response.redirect(302, BUREAU_HOME);
  }
}
