import type { CombinedError } from 'urql';
import type { FormInstance } from 'antd';
import { FIELD_MESSAGES_ZH } from './errors.messages';

/** `extensions.fields` of an API error: a path such as `input.specs.2.value`, and what is wrong. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface ApiProblem {
  /** `extensions.code` (BAD_USER_INPUT, FORBIDDEN, …), or NETWORK when no answer came. */
  code: string;
  message: string;
  fields: FieldProblem[];
}

/** The first error of a failed operation, with the fields it names. */
export function apiProblem(error: CombinedError | undefined | null): ApiProblem | null {
  if (!error) return null;
  if (error.networkError && error.graphQLErrors.length === 0) return { code: 'NETWORK', message: error.networkError.message, fields: [] };
  const first = error.graphQLErrors[0];
  if (!first) return { code: 'INTERNAL', message: error.message, fields: [] };
  const fields = Array.isArray(first.extensions?.fields) ? (first.extensions.fields as FieldProblem[]) : [];
  return { code: typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL', message: first.message, fields };
}

/** A field message in the chosen language: Chinese for the known ones, the server's English otherwise. */
export function fieldMessage(message: string, locale: string): string {
  if (locale !== 'zh-CN') return message;
  for (const [pattern, zh] of FIELD_MESSAGES_ZH) if (pattern.test(message)) return message.replace(new RegExp(`^.*?${pattern.source}.*$`), zh);
  return `输入有误：${message}`;
}

/** `input.specs.2.value` → ['specs', 2, 'value']: the form's name path for an API field path. */
export function formPath(apiField: string, prefix = 'input'): (string | number)[] {
  const parts = apiField.split('.');
  const rest = parts[0] === prefix ? parts.slice(1) : parts;
  return rest.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the API's field errors on the form's fields (Form.Item `name`s matching the input's
 * field names). Returns the problems no field of the form took, for a message above the form.
 */
export function showFieldErrors(form: FormInstance, problem: ApiProblem, locale: string, prefix = 'input'): FieldProblem[] {
  const known = new Set(
    form
      .getFieldsError()
      .map((entry) => JSON.stringify(entry.name)),
  );
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const left: FieldProblem[] = [];
  for (const field of problem.fields) {
    const name = formPath(field.field, prefix);
    if (known.has(JSON.stringify(name))) placed.push({ name, errors: [fieldMessage(field.message, locale)] });
    else left.push(field);
  }
  form.setFields(placed);
  return left;
}
