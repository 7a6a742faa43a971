import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/** One message in both languages, Chinese first: ICU syntax (`{count, number}`, `{name}`). */
export type Bilingual = readonly [zh: string, en: string];

export interface Messages<K extends string> {
  readonly namespace: string;
  readonly table: Readonly<Record<K, Bilingual>>;
}

/**
 * A feature's messages, kept in its own file next to its pages (`<feature>.messages.ts`), so
 * that parallel work never edits one big file. The namespace prefixes the ids react-intl sees.
 */
export function defineMessages<K extends string>(namespace: string, table: Record<K, Bilingual>): Messages<K> {
  return { namespace, table };
}

export type Values = Record<string, string | number | Date | null | undefined>;
export type Translate<K extends string> = (key: K, values?: Values) => string;

/** `const t = useT(messages); t('title', { count: 3 })`: the message in the chosen language, formatted by react-intl. */
export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const intl = useIntl();
  return useCallback(
    (key: K, values?: Values) => {
      const pair = messages.table[key];
      return intl.formatMessage({ id: `${messages.namespace}.${key}`, defaultMessage: pair[intl.locale === 'en-US' ? 1 : 0] }, values as Record<string, string | number | Date>);
    },
    [intl, messages],
  );
}

/** A message named for later (a menu label in a route table), shown with <Msg>. */
export interface MessageRef {
  readonly messages: Messages<string>;
  readonly key: string;
}

export function ref<K extends string>(messages: Messages<K>, key: K): MessageRef {
  return { messages: messages as unknown as Messages<string>, key };
}

export function Msg({ m, values }: { m: MessageRef; values?: Values }) {
  const t = useT(m.messages);
  return <>{t(m.key, values)}</>;
}
