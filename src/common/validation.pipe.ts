import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { Transform, Type, plainToInstance } from 'class-transformer';
import { Allow, validate, type ValidationError } from 'class-validator';
import { AppError, type FieldError } from './app-error.js';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** What a client sends: GraphQL arguments (Nest reports @Args as 'body'), REST bodies and query strings. */
const CLIENT_INPUT = new Set<ArgumentMetadata['type']>(['body', 'query']);

/**
 * The one validation pipe, global, for GraphQL and REST alike: every class-typed client input
 * — a resolver argument, a REST `@Body()` or `@Query()` (@Parent, @Context, @Param and @Req
 * are not validated here) — is checked with class-validator; unknown properties are refused.
 * Failures become BAD_USER_INPUT listing each offending field by its path: from the named
 * argument in GraphQL (`input.specs.0.key`), from the body or query string's root in REST
 * (`filter.region`, `startYear`).
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    if (!type || PRIMITIVES.has(type) || value == null || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length > 0) throw AppError.invalid(flatten(errors, metadata.data ?? ''));
    return instance;
  }
}

/**
 * For values that a GraphQL scalar has already parsed and checked (Decimal, Date, our Date
 * strings): allowed through the whitelist, and passed on by class-transformer as they are.
 */
export function KeepParsed(): PropertyDecorator {
  return (target, key) => {
    // Typed as String so that class-transformer does not try to rebuild the object, then
    // the original value is put back.
    Allow()(target, key);
    Type(() => String)(target, key);
    Transform(({ obj, key: name }) => (obj as Record<string, unknown>)[name], { toClassOnly: true })(target, key);
  };
}
