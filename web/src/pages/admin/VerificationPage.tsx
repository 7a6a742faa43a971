import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { AdminRefuseVerificationDocument, AdminVerificationQueueDocument, AdminVerifyOrganizationDocument } from './admin.generated';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { verificationMessages } from './admin.messages';
import './admin.css';

interface Candidate {
  id: string;
  kind: string;
  legalName: string;
  nameEn?: string | null;
  creditCode: string;
}

interface Decision {
  organization: Candidate;
  verify: boolean;
}

const PAGE = 50;

/**
 * The verification queue: OEMs and suppliers that signed up, oldest first; verify or refuse
 * each, with the reason. A plain table and an inline form keep the page within the per-route
 * JavaScript budget (web/README.md).
 */
export default function VerificationPage() {
  const t = useT(verificationMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [first, setFirst] = useState(PAGE);
  const [{ data, error }, refetch] = useQuery({ query: AdminVerificationQueueDocument, variables: { first }, requestPolicy: 'cache-and-network' });
  const [verifying, verify] = useMutation(AdminVerifyOrganizationDocument);
  const [refusing, refuse] = useMutation(AdminRefuseVerificationDocument);
  const [decision, setDecision] = useState<Decision | null>(null);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const [form] = Form.useForm<{ reason: string }>();
  const queue = data?.organizationsAwaitingVerification;
  const rows: Candidate[] = queue?.edges.map((e) => e.node) ?? [];
  const nameOf = (o: Candidate) => (locale === 'en-US' && o.nameEn ? o.nameEn : o.legalName);

  const open = (organization: Candidate, verifyIt: boolean) => {
    form.resetFields();
    setLeftover(undefined);
    setDecision({ organization, verify: verifyIt });
  };

  const submit = async ({ reason }: { reason: string }) => {
    if (!decision) return;
    const input = { id: decision.organization.id, reason };
    const result = decision.verify ? await verify({ input }) : await refuse({ input });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    message.success(t(decision.verify ? 'verified' : 'refused', { name: nameOf(decision.organization) }));
    setDecision(null);
    refetch({ requestPolicy: 'network-only' });
  };

  const busy = verifying.fetching || refusing.fetching;
  return (
    <>
      <PageHeader title={t('title')} />
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <ApiErrorAlert error={error} />
      <Card>
        <Typography.Paragraph data-testid="verification-count">{queue ? (queue.totalCount === 0 ? t('empty') : t('waiting', { count: queue.totalCount })) : null}</Typography.Paragraph>
        {rows.length > 0 && (
          <div className="zlt-admin-table-wrap">
            <table className="zlt-admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('legalName')}</th>
                  <th scope="col">{t('kind')}</th>
                  <th scope="col">{t('creditCode')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o) => (
                  <tr key={o.id}>
                    <td>{nameOf(o)}</td>
                    <td>
                      <Tag>{t(o.kind === 'OEM' ? 'kindOEM' : 'kindSUPPLIER')}</Tag>
                    </td>
                    <td>{o.creditCode}</td>
                    <td>
                      <Space wrap>
                        <Button type="primary" onClick={() => open(o, true)} aria-label={`${t('verify')} ${nameOf(o)}`}>
                          {t('verify')}
                        </Button>
                        <Button danger onClick={() => open(o, false)} aria-label={`${t('refuse')} ${nameOf(o)}`}>
                          {t('refuse')}
                        </Button>
                      </Space>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {queue?.pageInfo.hasNextPage && (
          <Button style={{ marginTop: 16 }} onClick={() => setFirst(first + PAGE)}>
            {t('more')}
          </Button>
        )}
      </Card>
      {decision && (
        <Card title={t(decision.verify ? 'verifyTitle' : 'refuseTitle', { name: nameOf(decision.organization) })} style={{ marginTop: 16, maxWidth: 640 }} data-testid="verification-decision">
          <ApiErrorAlert error={decision.verify ? verifying.error : refusing.error} leftover={leftover} />
          <Form form={form} layout="vertical" name="verification" onFinish={submit}>
            <Form.Item name="reason" label={t('reason')} extra={t('reasonHelp')} rules={[{ required: true, whitespace: true, message: t('reasonHelp') }]}>
              <Input.TextArea rows={3} maxLength={1000} autoFocus />
            </Form.Item>
            <Space>
              <Button type="primary" danger={!decision.verify} htmlType="submit" id="verification-confirm" loading={busy}>
                {t('confirm')}
              </Button>
              <Button onClick={() => setDecision(null)}>{t('cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
    </>
  );
}
