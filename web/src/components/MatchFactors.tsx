import { Tooltip, Typography } from 'antd';
import { useT } from '../i18n/messages';
import { matchingMessages } from './matching.messages';

export interface Factor {
  name: string;
  value: number;
  weight: number;
  contribution: number;
  reason: string;
}

const COLORS: Record<string, string> = { locality: '#1d5fbf', fit: '#2f9e72', certification: '#d48806', capacity: '#8c5bd6', designation: '#c2410c' };

/** The score as one bar split into the five factors' contributions (0–100), each with its reason on hover and focus. */
export function ScoreBar({ factors, score }: { factors: Factor[]; score: number }) {
  const t = useT(matchingMessages);
  return (
    <div className="zlt-scorebar" role="img" aria-label={`${t('score')} ${score.toFixed(1)}: ${factors.map((f) => `${t(`factor_${f.name}` as 'factor_fit')} ${f.contribution.toFixed(1)}`).join(', ')}`}>
      <div className="zlt-scorebar-track">
        {factors.map((f) => (
          <Tooltip key={f.name} title={`${t(`factor_${f.name}` as 'factor_fit')}: ${f.contribution.toFixed(1)} · ${f.reason}`}>
            <span className="zlt-scorebar-part" style={{ width: `${Math.max(0, f.contribution)}%`, background: COLORS[f.name] ?? '#999' }} />
          </Tooltip>
        ))}
      </div>
      <Typography.Text strong className="zlt-scorebar-value">
        {score.toFixed(1)}
      </Typography.Text>
    </div>
  );
}

/** Each factor as its own bar (its value 0–1, weighted contribution in points) with the reason in words. */
export function FactorList({ factors }: { factors: Factor[] }) {
  const t = useT(matchingMessages);
  return (
    <ul className="zlt-factors" aria-label={t('reasons')}>
      {factors.map((f) => (
        <li key={f.name} data-factor={f.name}>
          <div className="zlt-factor-head">
            <span>{t(`factor_${f.name}` as 'factor_fit')}</span>
            <Typography.Text type="secondary">
              {t('points', { points: Number(f.contribution.toFixed(1)) })} · {t('weight', { weight: f.weight })}
            </Typography.Text>
          </div>
          <div className="zlt-factor-track" role="meter" aria-valuemin={0} aria-valuemax={1} aria-valuenow={f.value} aria-label={t(`factor_${f.name}` as 'factor_fit')}>
            <span style={{ width: `${Math.round(f.value * 100)}%`, background: COLORS[f.name] ?? '#999' }} />
          </div>
          <Typography.Text type="secondary" className="zlt-factor-reason">
            {f.reason}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
}

/** A change of the local rate in percentage points, rounded to two decimals for reading (the API gives more). */
export function ImpactPp({ value }: { value: string }) {
  const t = useT(matchingMessages);
  const n = Number(value);
  const rounded = Math.abs(n).toFixed(2);
  const sign = n > 0 && rounded !== '0.00' ? '+' : n < 0 && rounded !== '0.00' ? '−' : '';
  return (
    <span className={n > 0 ? 'zlt-impact-up' : n < 0 ? 'zlt-impact-down' : undefined} data-impact={value} title={value}>
      {t('pp', { sign, pp: rounded })}
    </span>
  );
}

export function TierLabel({ tier }: { tier: string | null | undefined }) {
  const t = useT(matchingMessages);
  return <span data-tier={tier ?? ''}>{tier ? t(`tier_${tier}` as 'tier_CHINA') : t('tierUnknown')}</span>;
}
