import { useEffect, useState, type ReactNode } from 'react';
import { App as AntApp, Button, Form, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { AmendContractDocument, OwnContractsDocument, TerminateContractDocument } from './contracts.generated';
import type { ContractRowFragment } from '../gql/graphql';
import { apiProblem, showFieldErrors, type FieldProblem } from '../app/api-errors';
import { useFormat } from '../i18n/format';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/messages';
import { DataTable } from './DataTable';
import { ApiErrorAlert } from './ApiErrorAlert';
import { PageHeader } from './PageHeader';
import { contractsMessages } from './contracts.messages';

type Action = { kind: 'amend' | 'terminate'; contract: ContractRowFragment } | null;

function ChangeDialog({ action, onClose }: { action: Action; onClose: () => void }) {
  const t = useT(contractsMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm();
  const [amending, amend] = useMutation(AmendContractDocument);
  const [terminating, terminate] = useMutation(TerminateContractDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  if (!action) return null;
  const { contract, kind } = action;

  const submit = async (values: Record<string, string | number | undefined>) => {
    const result =
      kind === 'amend'
        ? await amend({
            input: {
              id: contract.id,
              version: contract.version,
              reason: String(values.reason ?? '').trim(),
              ...(values.unitPrice ? { unitPrice: String(values.unitPrice).trim() } : {}),
              ...(values.volume ? { volume: Number(values.volume) } : {}),
              ...(values.effectiveDate ? { effectiveDate: String(values.effectiveDate) } : {}),
            },
          })
        : await terminate({
            input: { id: contract.id, version: contract.version, reason: String(values.reason ?? '').trim(), ...(values.deliveredValue ? { deliveredValue: String(values.deliveredValue).trim() } : {}) },
          });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    message.success(t('done'));
    onClose();
  };

  return (
    <Modal open title={kind === 'amend' ? t('amend') : t('terminate')} onCancel={onClose} footer={null} destroyOnHidden>
      <ApiErrorAlert error={amending.error ?? terminating.error} leftover={leftover} />
      <Form form={form} layout="vertical" name={`contract-${kind}`} onFinish={submit}>
        {kind === 'amend' ? (
          <>
            <Form.Item name="unitPrice" label={t('newUnitPrice')}>
              <Input inputMode="decimal" placeholder={contract.unitPrice} />
            </Form.Item>
            <Form.Item name="volume" label={t('newVolume')}>
              <Input type="number" min={1} step={1} inputMode="numeric" placeholder={String(contract.volume)} />
            </Form.Item>
            <Form.Item name="effectiveDate" label={t('effectiveDate')}>
              <Input type="date" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="deliveredValue" label={t('deliveredValue')}>
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true, message: t('reason') }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" danger={kind === 'terminate'} loading={amending.fetching || terminating.fetching}>
            {kind === 'amend' ? t('save') : t('terminate')}
          </Button>
          <Button onClick={onClose}>{t('close')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

/**
 * The organisation's contracts (the API shows each party its own), with amendments; a buyer
 * may amend or terminate its contracts. `extra` goes in the page header (e.g. recording contracts);
 * a new `refreshKey` reads the list again.
 */
export function ContractsPanel({ side, extra, refreshKey = 0 }: { side: 'buyer' | 'supplier'; extra?: ReactNode; refreshKey?: number }) {
  const t = useT(contractsMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OwnContractsDocument, variables: { first: 100 } });
  const [action, setAction] = useState<Action>(null);
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  const name = (o: { legalName: string; nameEn?: string | null }) => (locale === 'en-US' && o.nameEn ? o.nameEn : o.legalName);

  return (
    <>
      <PageHeader title={t('title')} extra={extra} />
      <ApiErrorAlert error={error} />
      <DataTable<ContractRowFragment>
        rowKey={(r) => r.id}
        loading={fetching}
        rows={data?.contracts.edges.map((e) => e.node) ?? []}
        minWidth={1000}
        empty={t('none')}
        data-testid="contracts-table"
        expand={{
          label: t('amendments'),
          when: (c) => c.amendments.length > 0,
          render: (c) => (
            <Timeline
              items={c.amendments.map((a) => ({
                content: (
                  <span>
                    #{a.sequence} {f.date(a.effectiveDate)} — {a.reason} ({t('unitPrice')} {f.money(a.after.unitPrice)}, {t('volume')} {f.number(a.after.volume)}, {t('totalValue')} {f.money(a.after.totalValue)})
                  </span>
                ),
              }))}
            />
          ),
        }}
        columns={[
          {
            title: side === 'buyer' ? t('supplier') : t('buyer'),
            key: 'party',
            render: (c) => (
              <Space direction="vertical" size={0}>
                <span>{name(side === 'buyer' ? c.supplierOrganization : c.buyerOrganization)}</span>
                {c.requirement && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.requirement.title}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { title: t('category'), key: 'category', render: (c) => (locale === 'en-US' ? c.category.nameEn : c.category.nameZh) },
          { title: t('unitPrice'), key: 'price', align: 'right', render: (c) => f.money(c.unitPrice) },
          { title: t('volume'), key: 'volume', align: 'right', render: (c) => f.number(c.volume) },
          { title: t('totalValue'), key: 'total', align: 'right', render: (c) => <span data-total={c.totalValue}>{f.money(c.totalValue)}</span> },
          { title: t('signed'), key: 'signed', render: (c) => f.date(c.signedDate) },
          {
            title: t('status'),
            key: 'status',
            render: (c) => (
              <Space size={4} wrap>
                <Tag color={c.status === 'TERMINATED' ? 'red' : c.status === 'COMPLETED' ? 'default' : 'green'}>{t(`status_${c.status}`)}</Tag>
                <Tag>{t(`source_${c.source}`)}</Tag>
                <Tag color={c.localitySnapshot.sameProvince ? 'blue' : 'default'}>{c.localitySnapshot.sameProvince ? t('local') : t('notLocal')}</Tag>
                {c.source === 'RECORDED' && <Tag>{t(`confirmation_${c.supplierConfirmation}`)}</Tag>}
              </Space>
            ),
          },
          ...(side === 'buyer'
            ? [
                {
                  title: '',
                  key: 'actions',
                  render: (c: ContractRowFragment) =>
                    c.status === 'TERMINATED' || c.status === 'COMPLETED' ? null : (
                      <Space>
                        <Button size="small" onClick={() => setAction({ kind: 'amend', contract: c })}>
                          {t('amend')}
                        </Button>
                        <Button size="small" danger onClick={() => setAction({ kind: 'terminate', contract: c })}>
                          {t('terminate')}
                        </Button>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {data && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
          {t('total', { count: data.contracts.totalCount })}
        </Typography.Text>
      )}
      <ChangeDialog
        action={action}
        onClose={() => {
          setAction(null);
          refetch({ requestPolicy: 'network-only' });
        }}
      />
    </>
  );
}
