import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { Transform, Type, plainToInstance } from 'class-transformer';
import { Allow, validate, type ValidationError } from 'class-validator';
import { AppError, type FieldError } from './app-error.js';
import { checkText, instantRangeProblem } from './text-policy.js';
import { isNotNull, textFieldOf, type TextField } from './text-fields.js';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

function flatten(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field: path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

const LINE: TextField = { kind: 'line', allowEmpty: true };

/**
 * The text policy over a whole input, in place: every string checked (names trimmed), every
 * instant kept within range; each refusal named by its path. Descends into nested inputs and
 * lists; a field's kind comes from its decorator (`text-fields.ts`), one line by default.
 */
function applyTextPolicy(value: unknown, path: string, field: TextField, errors: FieldError[]): unknown {
  if (typeof value === 'string') {
    if (field.kind === 'csv') return value;
    const outcome = checkText(value, field.kind, { allowEmpty: field.allowEmpty });
    if (outcome.problem) errors.push({ field: path, message: outcome.problem });
    return outcome.value;
  }
  if (value instanceof Date) {
    const problem = instantRangeProblem(value);
    if (problem) errors.push({ field: path, message: problem });
    return value;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => (value[index] = applyTextPolicy(item, `${path}.${index}`, field, errors)));
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const at = path ? `${path}.${key}` : key;
      if (record[key] === null && isNotNull(record, key)) errors.push({ field: at, message: 'must not be null: leave it out to keep it as it is' });
      else record[key] = applyTextPolicy(record[key], at, textFieldOf(record, key) ?? LINE, errors);
    }
  }
  return value;
}

/** What a client sends: GraphQL arguments (Nest reports @Args as 'body'), REST bodies and query strings. */
const CLIENT_INPUT = new Set<ArgumentMetadata['type']>(['body', 'query']);

/**
 * The one validation pipe, global, for GraphQL and REST alike: every class-typed client input
 * — a resolver argument, a REST `@Body()` or `@Query()` (@Parent, @Context, @Param and @Req
 * are not validated here) — is checked with class-validator; unknown properties are refused.
 * Failures become BAD_USER_INPUT listing each offending field by its path: from the named
 * argument in GraphQL (`input.specs.0.key`), from the body or query string's root in REST
 * (`filter.region`, `startYear`). Before that, the text policy (`text-policy.ts`) over every
 * string and instant of the input: control and bidirectional characters refused, names and
 * titles (`@IsName()`) trimmed and not blank, line breaks only in free text (`@IsFreeText()`),
 * instants within 2000–2100.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!CLIENT_INPUT.has(metadata.type)) return value;
    const path = metadata.data ?? '';
    if (typeof value === 'string') {
      // A scalar argument (a code, a query string parameter): one line of text.
      const problems: FieldError[] = [];
      applyTextPolicy(value, path, LINE, problems);
      if (problems.length > 0) throw AppError.invalid(problems);
      return value;
    }
    if (!type || PRIMITIVES.has(type) || value == null || typeof value !== 'object') return value;
    const instance = plainToInstance(type, value) as object;
    // The text policy first, so that names are trimmed before their lengths are checked.
    const problems: FieldError[] = [];
    applyTextPolicy(instance, path, LINE, problems);
    // Validators are not given what the policy refused (validator.js throws on a lone surrogate).
    if (problems.length > 0) throw AppError.invalid(problems);
    const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length > 0) throw AppError.invalid(flatten(errors, path));
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
