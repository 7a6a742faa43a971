import { Module } from '@nestjs/common';
import { LoadersFactory } from './loaders.js';

@Module({ providers: [LoadersFactory], exports: [LoadersFactory] })
export class CommonModule {}
