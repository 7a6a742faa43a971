import { Alert } from 'antd';
import type { CombinedError } from 'urql';
import { apiProblem, fieldMessage, type FieldProblem } from '../app/api-errors';
import { errorMessages } from '../app/errors.messages';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/messages';

/**
 * An API error in the chosen language: what its code means, and the field problems that no
 * form field showed (`leftover`, from showFieldErrors). Nothing when there is no error.
 */
export function ApiErrorAlert({ error, leftover, className }: { error: CombinedError | null | undefined; leftover?: FieldProblem[]; className?: string }) {
  const t = useT(errorMessages);
  const { locale } = useLocale();
  const problem = apiProblem(error);
  if (!problem) return null;
  const code = (problem.code in errorMessages.table ? problem.code : 'INTERNAL') as keyof typeof errorMessages.table;
  const fields = leftover ?? problem.fields;
  const detail = fields.length > 0 ? fields.map((f) => `${f.field.replace(/^input\./, '')}: ${fieldMessage(f.message, locale)}`).join('；') : code === 'CONFLICT' || code === 'FORBIDDEN' || code === 'NOT_FOUND' ? problem.message : undefined;
  return <Alert className={className} type="error" showIcon role="alert" title={t(code)} description={detail} data-error-code={problem.code} style={{ marginBottom: 16 }} />;
}
