import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppError } from './app-error.js';

/** For a lone `id`-like argument: a UUID, or BAD_USER_INPUT naming the argument. */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !isUUID(value)) throw AppError.badInput(metadata.data ?? 'id', 'must be a UUID');
    return value;
  }
}
