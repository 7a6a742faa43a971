import { Tag } from 'antd';
import { useT } from '../../i18n/messages';
import { requirementMessages } from './requirements.messages';

export const REQUIREMENT_STATUSES = ['DRAFT', 'OPEN', 'AWARDED', 'CLOSED', 'CANCELLED'] as const;
export type RequirementStatusName = (typeof REQUIREMENT_STATUSES)[number];

const COLORS: Record<RequirementStatusName, string> = { DRAFT: 'default', OPEN: 'blue', AWARDED: 'green', CLOSED: 'default', CANCELLED: 'red' };

export function RequirementStatusTag({ status }: { status: RequirementStatusName }) {
  const t = useT(requirementMessages);
  return (
    <Tag color={COLORS[status]} data-status={status}>
      {t(`status${status}`)}
    </Tag>
  );
}
