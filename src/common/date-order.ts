import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * Two dates or instants of one input in order: `later` is not before `earlier`. A missing one
 * is in order. Dates compare as `YYYY-MM-DD` strings, instants by time.
 */
export function inOrder(earlier: unknown, later: unknown): boolean {
  if (earlier == null || later == null) return true;
  if (earlier instanceof Date && later instanceof Date) return later.getTime() >= earlier.getTime();
  if (typeof earlier === 'string' && typeof later === 'string') return later >= earlier;
  return true;
}

/** On the later of two date fields of an input: refused (naming this field) when it falls before `earlierField`. */
export function IsNotBefore(earlierField: string): PropertyDecorator {
  return (target, key) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: String(key),
      constraints: [earlierField],
      validator: {
        validate: (value: unknown, args: ValidationArguments) => inOrder((args.object as Record<string, unknown>)[earlierField], value),
        defaultMessage: (args: ValidationArguments) => `${args.property} must not be before ${earlierField}`,
      },
    });
}
