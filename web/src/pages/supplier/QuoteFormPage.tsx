import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Col, Descriptions, Form, Input, Popconfirm, Row, Select, Space, Spin, Tag } from 'antd';
import { useMutation, useQuery } from 'urql';
import { SupplierRequirementDocument, SupplierReviseQuoteDocument, SupplierSubmitQuoteDocument, SupplierWithdrawQuoteDocument } from './supplier.generated';
import { OwnPlantsDocument } from '../../components/plants.generated';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import type { PageProps } from '../../app/route-types';
import { Link } from '../../app/router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { supplierMessages } from './supplier.messages';

interface QuoteForm {
  siteId: string;
  unitPrice: string;
  volume: number;
  leadTimeDays: number;
  validUntil: string;
  note: string;
}

/** A requirement as the supplier sees it, and its quote: submit one, revise it, or withdraw it. */
export default function QuoteFormPage({ params }: PageProps) {
  const t = useT(supplierMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<QuoteForm>();
  const [{ data, error }, refetch] = useQuery({ query: SupplierRequirementDocument, variables: { id: params.id } });
  const [plants] = useQuery({ query: OwnPlantsDocument, requestPolicy: 'cache-first' });
  const [submitting, submit] = useMutation(SupplierSubmitQuoteDocument);
  const [revising, revise] = useMutation(SupplierReviseQuoteDocument);
  const [withdrawing, withdraw] = useMutation(SupplierWithdrawQuoteDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const requirement = data?.requirement;
  const current = data?.myQuotes.edges.map((e) => e.node).find((q) => q.status === 'SUBMITTED') ?? null;
  const sites = plants.data?.me.organization.sites ?? [];

  useEffect(() => {
    if (current) {
      form.setFieldsValue({ siteId: current.siteId, unitPrice: current.unitPrice, volume: current.volume, leadTimeDays: current.leadTimeDays, validUntil: current.validUntil, note: current.note });
    } else if (requirement && sites.length > 0 && !form.getFieldValue('siteId')) {
      form.setFieldsValue({ siteId: sites[0].id, volume: requirement.annualVolume });
    }
  }, [current, requirement, sites, form]);

  if (!requirement) return error ? <ApiErrorAlert error={error} /> : <Spin />;

  const send = async (values: QuoteForm) => {
    const fields = {
      siteId: values.siteId,
      unitPrice: String(values.unitPrice).trim(),
      volume: Number(values.volume),
      leadTimeDays: Number(values.leadTimeDays),
      validUntil: values.validUntil,
      note: (values.note ?? '').trim(),
    };
    const result = current ? await revise({ input: { id: current.id, version: current.version, ...fields } }) : await submit({ input: { requirementId: requirement.id, ...fields } });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    setLeftover(undefined);
    message.success(t('submitted'));
    refetch({ requestPolicy: 'network-only' });
  };
  const open = requirement.status === 'OPEN';
  const required = [{ required: true, message: t('required') }];

  return (
    <>
      <PageHeader title={t('quoteTitle', { title: requirement.title })} sub={<Space wrap><Link to="/supplier/opportunities">{t('back')}</Link><Link to={`/supplier/requirements/${requirement.id}/qa`}>{t('questionsAndDocuments')}</Link></Space>} />
      <ApiErrorAlert error={submitting.error ?? revising.error ?? withdrawing.error} leftover={leftover} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <div className="zlt-panel">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('buyer')}>{locale === 'en-US' && requirement.organization.nameEn ? requirement.organization.nameEn : requirement.organization.legalName}</Descriptions.Item>
              <Descriptions.Item label={t('annualVolume')}>{f.number(requirement.annualVolume)}</Descriptions.Item>
              <Descriptions.Item label={t('target')}>{f.money(requirement.targetUnitPrice)}</Descriptions.Item>
              <Descriptions.Item label={t('sop')}>{f.date(requirement.sopDate)}</Descriptions.Item>
              <Descriptions.Item label={t('deadline')}>{f.dateTime(requirement.quoteDeadline)}</Descriptions.Item>
              <Descriptions.Item label={t('certifications')}>
                <Space wrap>
                  {requirement.requiredCertifications.map((c) => (
                    <Tag key={c.typeCode}>{c.minLevel ? `${c.typeCode} ≥ ${c.minLevel}` : c.typeCode}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('specs')}>
                <div>
                  {requirement.specs.map((s) => (
                    <div key={s.key}>
                      {s.key}: {s.value}
                    </div>
                  ))}
                </div>
              </Descriptions.Item>
            </Descriptions>
            <p style={{ whiteSpace: 'pre-wrap' }}>{requirement.description}</p>
          </div>
        </Col>
        <Col xs={24} xl={12}>
          <div className="zlt-panel">
            {!open && <Alert type="info" showIcon title={t('notOpen')} style={{ marginBottom: 16 }} />}
            {current && current.qualificationFailures.length > 0 && (
              <Alert type="warning" showIcon title={t('ineligible')} description={current.qualificationFailures.map((x) => x.reason).join('；')} style={{ marginBottom: 16 }} />
            )}
            {current && (
              <p>
                <Tag color="blue" data-testid="current-quote">
                  {t('current')}: {f.money(current.unitPrice)} · {t('revision')} {current.revision}
                </Tag>
              </p>
            )}
            <Form<QuoteForm> form={form} layout="vertical" name="quote" onFinish={send} disabled={!open} initialValues={{ note: '' }}>
              <Form.Item name="siteId" label={t('plant')} rules={required}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item name="unitPrice" label={t('unitPrice')} rules={[...required, { pattern: /^\d{1,14}(\.\d{1,4})?$/, message: '0.00' }]}>
                    <Input inputMode="decimal" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="volume" label={t('volume')} rules={required}>
                    <Input type="number" min={1} step={1} inputMode="numeric" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="leadTimeDays" label={t('leadTimeDays')} rules={required}>
                    <Input type="number" min={0} step={1} inputMode="numeric" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="validUntil" label={t('validUntil')} rules={required}>
                    <Input type="date" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="note" label={t('note')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Space wrap>
                <Button type="primary" htmlType="submit" loading={submitting.fetching || revising.fetching} id="submit-quote">
                  {current ? t('saveRevision') : t('submit')}
                </Button>
                {current && (
                  <Popconfirm
                    title={t('withdrawConfirm')}
                    okText={t('yes')}
                    cancelText={t('no')}
                    onConfirm={async () => {
                      const result = await withdraw({ input: { id: current.id, version: current.version } });
                      if (!result.error) refetch({ requestPolicy: 'network-only' });
                    }}
                  >
                    <Button danger loading={withdrawing.fetching}>
                      {t('withdraw')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </Form>
          </div>
        </Col>
      </Row>
    </>
  );
}
