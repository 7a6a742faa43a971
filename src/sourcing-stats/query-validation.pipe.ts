import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { AppError, type FieldError } from '../common/app-error.js';

function flatten(errors: ValidationError[]): FieldError[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => ({ field: error.property, message })),
    ...flatten(error.children ?? []),
  ]);
}

/**
 * Validates a REST query string (`@Query()`) against its class, as the global pipe does for
 * GraphQL arguments: unknown parameters refused, failures BAD_USER_INPUT naming each parameter.
 */
@Injectable()
export class QueryValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (metadata.type !== 'query' || !type || typeof value !== 'object' || value === null) return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length > 0) throw AppError.invalid(flatten(errors));
    return instance;
  }
}
