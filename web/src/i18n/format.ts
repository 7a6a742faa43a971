import { useMemo } from 'react';
import { useLocale } from './locale';

/** Numbers, money (CNY, from the API's decimal strings), percentages and dates in the chosen locale. */
export function useFormat() {
  const { locale } = useLocale();
  return useMemo(() => {
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', maximumFractionDigits: 2 });
    const moneyShort = new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY', notation: 'compact', maximumFractionDigits: 1 });
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const num = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? null : Number(value));
    const orDash = (value: number | null, format: (n: number) => string) => (value === null || Number.isNaN(value) ? '—' : format(value));
    return {
      money: (value: string | number | null | undefined) => orDash(num(value), (n) => money.format(n)),
      moneyShort: (value: string | number | null | undefined) => orDash(num(value), (n) => moneyShort.format(n)),
      number: (value: string | number | null | undefined) => orDash(num(value), (n) => number.format(n)),
      /** A rate given as a fraction ("0.4123" → 41.2 %). */
      percent: (value: string | number | null | undefined) => orDash(num(value), (n) => percent.format(n)),
      /** A calendar date ("2027-12-01"), shown without a time zone shift. */
      date: (value: string | null | undefined) => (value ? date.format(new Date(`${value.slice(0, 10)}T00:00:00`)) : '—'),
      dateTime: (value: string | null | undefined) => (value ? dateTime.format(new Date(value)) : '—'),
    };
  }, [locale]);
}
