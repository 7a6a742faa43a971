import { InputNumber, Space } from 'antd';
import { useCurrentUser } from '../../app/session';
import { navigate, useLocation } from '../../app/router';
import { useT } from '../../i18n/messages';
import { bureauMessages } from './bureau.messages';

/** The region and year a bureau page shows: the analyst's jurisdiction (or ?region= within it) and ?year= (default this year). */
export function useScope(): { region: string | null; year: number; setYear: (year: number) => void; query: (extra?: Record<string, string>) => string } {
  const { user } = useCurrentUser();
  const { pathname, search } = useLocation();
  const region = search.get('region') ?? user?.jurisdictionCode ?? null;
  const year = Number(search.get('year') ?? new Date().getFullYear());
  const query = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams({ ...(search.get('region') ? { region: search.get('region') as string } : {}), year: String(year), ...extra });
    return params.toString();
  };
  const setYear = (next: number) => {
    const params = new URLSearchParams(search);
    params.set('year', String(next));
    navigate(`${pathname}?${params.toString()}`, { replace: true });
  };
  return { region, year, setYear, query };
}

export function YearPicker() {
  const t = useT(bureauMessages);
  const { year, setYear } = useScope();
  return (
    <Space>
      <label htmlFor="bureau-year">{t('year')}</label>
      <InputNumber id="bureau-year" min={2000} max={2100} value={year} onChange={(value) => value && setYear(value)} />
    </Space>
  );
}

/** Rounded half-up for reading ("0.41235" → 41.24). */
export function pct(rate: string | null | undefined, places = 2): string {
  if (rate === null || rate === undefined) return '—';
  return (Math.round(Number(rate) * 10 ** (places + 2)) / 10 ** places).toFixed(places);
}
