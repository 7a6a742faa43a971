import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';

/** The bureau dashboard's static page and assets (see dashboard.controller.ts). */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
