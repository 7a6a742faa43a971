import { useMemo, useState } from 'react';
import { App as AntApp, Button, Card, Empty, List, Space, Switch, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { InboxMarkAllReadDocument, InboxMarkReadDocument, InboxNotificationsDocument } from './inbox.generated';
import { UnreadNotificationCountDocument } from '../../components/notifications.generated';
import type { Language } from '../../gql/graphql';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { inboxMessages } from './inbox.messages';

const PAGE = 20;

/** Marking read answers NotificationsMarked: urql's cache then fetches these queries again. */
function useRefreshedOnMark() {
  return useMemo(() => ({ additionalTypenames: ['NotificationsMarked'] }), []);
}

/** The inbox: newest first, unread ones marked, mark one or all read, more on demand (Relay paging). */
export default function InboxPage() {
  const t = useT(inboxMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const language: Language = locale === 'en-US' ? 'en' : 'zh';
  const context = useRefreshedOnMark();
  const [{ data: counts }] = useQuery({ query: UnreadNotificationCountDocument, context });
  const [marking, markAll] = useMutation(InboxMarkAllReadDocument);
  const [markingOne, markRead] = useMutation(InboxMarkReadDocument);

  return (
    <>
      <PageHeader
        title={t('title')}
        sub={counts ? <span data-testid="inbox-unread">{t('unreadCount', { unread: counts.unreadNotificationCount })}</span> : undefined}
        extra={
          <Space wrap>
            <Space>
              <Switch
                id="inbox-unread-only"
                checked={unreadOnly}
                onChange={(value) => {
                  setUnreadOnly(value);
                  setCursors([null]);
                }}
              />
              <label htmlFor="inbox-unread-only">{t('unreadOnly')}</label>
            </Space>
            <Button
              loading={marking.fetching}
              onClick={async () => {
                const result = await markAll({});
                if (result.data) void message.success(t('markedAll', { count: result.data.markAllNotificationsRead.marked }));
              }}
            >
              {t('markAllRead')}
            </Button>
          </Space>
        }
      />
      <ApiErrorAlert error={marking.error ?? markingOne.error} />
      <Card>
        {cursors.map((after, index) => (
          <InboxPart
            key={after ?? 'first'}
            after={after}
            unreadOnly={unreadOnly}
            language={language}
            last={index === cursors.length - 1}
            onMore={(cursor) => setCursors((list) => [...list, cursor])}
            onRead={(id) => void markRead({ input: { ids: [id] } })}
          />
        ))}
      </Card>
    </>
  );
}

function InboxPart({ after, unreadOnly, language, last, onMore, onRead }: {
  after: string | null;
  unreadOnly: boolean;
  language: Language;
  last: boolean;
  onMore: (cursor: string) => void;
  onRead: (id: string) => void;
}) {
  const t = useT(inboxMessages);
  const f = useFormat();
  const context = useRefreshedOnMark();
  const [{ data, fetching, error }] = useQuery({ query: InboxNotificationsDocument, variables: { first: PAGE, after, unreadOnly, language }, context });
  const connection = data?.notifications;
  const nodes = connection?.edges.map((e) => e.node) ?? [];
  if (after !== null && nodes.length === 0) return null;
  return (
    <>
      <ApiErrorAlert error={error} />
      <List
        loading={fetching && !data}
        dataSource={nodes}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        renderItem={(n) => (
          <List.Item
            data-testid="notification"
            data-unread={n.readAt ? 'false' : 'true'}
            actions={n.readAt ? [] : [<Button key="read" size="small" onClick={() => onRead(n.id)}>{t('markRead')}</Button>]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  {!n.readAt && <Tag color="blue">{t('unread')}</Tag>}
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 4 }}>{n.body}</Typography.Paragraph>
                  <Typography.Text type="secondary">{f.dateTime(n.createdAt as string)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {last && connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
        <Button block onClick={() => onMore(connection.pageInfo.endCursor as string)}>
          {t('more')}
        </Button>
      )}
    </>
  );
}
