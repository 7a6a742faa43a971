/**
 * Which kind of text each input field holds, for the text policy (`text-policy.ts`) that the
 * validation pipe applies to every string of every input. A string field without one of these
 * decorators is one line of text, taken as sent (codes, e-mails, passwords, search queries).
 * On an array field the kind applies to each element.
 */
import type { TextKind } from './text-policy.js';

export interface TextField {
  kind: TextKind | 'csv';
  allowEmpty: boolean;
}

const FIELDS = new WeakMap<object, Map<string, TextField>>();

function mark(field: TextField): PropertyDecorator {
  return (target, key) => {
    let own = FIELDS.get(target);
    if (!own) FIELDS.set(target, (own = new Map()));
    own.set(String(key), field);
  };
}

/** A name or title: trimmed, one line, at least one visible character (`allowEmpty`: or empty). */
export function IsName(options: { allowEmpty?: boolean } = {}): PropertyDecorator {
  return mark({ kind: 'name', allowEmpty: options.allowEmpty ?? false });
}

/** Free text (a description, a note, an address): tab and line breaks allowed. */
export function IsFreeText(): PropertyDecorator {
  return mark({ kind: 'text', allowEmpty: true });
}

/** A whole CSV file: its cells are checked one by one by `readCsv`, so that a bad cell names its row and column. */
export function IsCsvText(): PropertyDecorator {
  return mark({ kind: 'csv', allowEmpty: true });
}

/** The kind declared for `key` on an input object's class or one of its base classes. */
export function textFieldOf(instance: object, key: string): TextField | undefined {
  for (let proto = Object.getPrototypeOf(instance) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    const field = FIELDS.get(proto)?.get(key);
    if (field) return field;
  }
  return undefined;
}

const NOT_NULL = new WeakMap<object, Set<string>>();

/**
 * A field that may be left out but not sent as null: in changes (`update…`, `amend…`) null
 * would not mean "keep" and there is nothing to clear. Checked by the validation pipe, since
 * `@IsOptional()` lets null through.
 */
export function NotNull(): PropertyDecorator {
  return (target, key) => {
    let own = NOT_NULL.get(target);
    if (!own) NOT_NULL.set(target, (own = new Set()));
    own.add(String(key));
  };
}

export function isNotNull(instance: object, key: string): boolean {
  for (let proto = Object.getPrototypeOf(instance) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    if (NOT_NULL.get(proto)?.has(key)) return true;
  }
  return false;
}
