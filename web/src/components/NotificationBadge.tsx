import { useEffect, useMemo } from 'react';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from 'urql';
import { UnreadNotificationCountDocument } from './notifications.generated';
import { Link } from '../app/router';
import { useT } from '../i18n/messages';
import { badgeMessages } from './notifications.messages';

/** How often the badge asks again; marking notices read in the inbox refreshes it at once. */
const POLL_MS = 30_000;

/** The bell in the header: unread notifications, a link to the inbox (a plain count: antd's Badge would weigh on every route). */
export function NotificationBadge() {
  const t = useT(badgeMessages);
  // Marking read answers NotificationsMarked: urql's cache then fetches the count again.
  const context = useMemo(() => ({ additionalTypenames: ['NotificationsMarked'] }), []);
  const [{ data }, refetch] = useQuery({ query: UnreadNotificationCountDocument, context });
  useEffect(() => {
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [refetch]);
  const count = data?.unreadNotificationCount ?? 0;
  return (
    <Link to="/inbox" aria-label={t('label', { count })} data-testid="notification-badge" data-count={count} className="zlt-bell">
      <BellOutlined style={{ fontSize: 18 }} />
      {count > 0 && <span className="zlt-bell-count">{count > 99 ? '99+' : count}</span>}
    </Link>
  );
}
