import { useState } from 'react';
import { Alert, App as AntApp, Button, Col, Descriptions, Form, Input, Popconfirm, Row, Select, Space, Tag } from 'antd';
import { useMutation, useQuery } from 'urql';
import { SupplierAddCertificationDocument, SupplierProfileDocument, SupplierRemoveCertificationDocument } from './profile.generated';
import type { SupplierProfileQuery } from '../../gql/graphql';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { DataTable } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { profileMessages } from './profile.messages';

type Organization = SupplierProfileQuery['me']['organization'];
type Certification = Organization['certifications'][number];
type Capability = Organization['capabilities'][number];

/** Days ahead a certificate's expiry is announced: a renewal takes about a quarter. */
export const EXPIRY_WARNING_DAYS = 90;

/** Whole days from today (local calendar) to a date; negative once it has passed. */
function daysUntil(date: string): number {
  const today = new Date();
  const start = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - start) / 86_400_000);
}

interface CertificationForm {
  typeCode: string;
  level?: string;
  certificateNumber: string;
  issuer: string;
  validFrom: string;
  validUntil: string;
}

/** The supplier's profile: organisation, capabilities, certifications with expiry warnings ahead of time. */
export default function ProfilePage() {
  const t = useT(profileMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<CertificationForm>();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SupplierProfileDocument });
  const [adding, add] = useMutation(SupplierAddCertificationDocument);
  const [removing, remove] = useMutation(SupplierRemoveCertificationDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const organization = data?.me.organization;
  const types = data?.certificationTypes ?? [];
  const typeName = (code: string) => {
    const type = types.find((c) => c.code === code);
    return type ? (locale === 'zh-CN' && type.nameZh ? `${type.name} · ${type.nameZh}` : type.name) : code;
  };
  const expiring = (organization?.certifications ?? []).filter((c) => daysUntil(c.validUntil) <= EXPIRY_WARNING_DAYS);

  const submit = async (values: CertificationForm) => {
    const result = await add({
      input: { typeCode: values.typeCode, ...(values.level ? { level: values.level } : {}), certificateNumber: values.certificateNumber.trim(), issuer: (values.issuer ?? '').trim(), validFrom: values.validFrom, validUntil: values.validUntil },
    });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    form.resetFields();
    setLeftover(undefined);
    message.success(t('saved'));
    refetch({ requestPolicy: 'network-only' });
  };

  const expiry = (c: Certification) => {
    const days = daysUntil(c.validUntil);
    if (days < 0) return <Tag color="red">{t('expired')}</Tag>;
    if (days <= EXPIRY_WARNING_DAYS) return <Tag color="orange">{t('expiresIn', { days })}</Tag>;
    return <Tag color="green">{t('valid')}</Tag>;
  };

  return (
    <>
      <PageHeader title={t('title')} />
      <ApiErrorAlert error={error ?? removing.error} />
      {organization && (
        <div className="zlt-panel" style={{ marginBottom: 16 }}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('legalName')}>{locale === 'en-US' && organization.nameEn ? organization.nameEn : organization.legalName}</Descriptions.Item>
            <Descriptions.Item label={t('creditCode')}>{organization.creditCode}</Descriptions.Item>
            <Descriptions.Item label={t('verified')}>{organization.verified ? <Tag color="green">{t('verifiedYes')}</Tag> : <Tag color="orange">{t('verifiedNo')}</Tag>}</Descriptions.Item>
            <Descriptions.Item label={t('designations')}>
              <Space wrap>
                {organization.designations.map((d) => (
                  <Tag key={d}>{d}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
      {expiring.length > 0 && <Alert type="warning" showIcon title={t('expiryWarning', { count: expiring.length, days: EXPIRY_WARNING_DAYS })} style={{ marginBottom: 16 }} data-testid="expiry-warning" />}
      <h2 className="zlt-panel-title">{t('certifications')}</h2>
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        <Col xs={24} xl={16}>
          <DataTable<Certification>
            rowKey={(c) => c.id}
            rows={organization?.certifications ?? []}
            loading={fetching}
            empty={t('none')}
            minWidth={720}
            data-testid="certifications-table"
            rowProps={(c) => ({ 'data-certification': c.typeCode, 'data-days-left': String(daysUntil(c.validUntil)) })}
            columns={[
              { key: 'type', title: t('type'), render: (c) => `${typeName(c.typeCode)}${c.level ? ` (${c.level})` : ''}` },
              { key: 'number', title: t('number'), wide: true, render: (c) => c.certificateNumber },
              { key: 'until', title: t('validUntil'), render: (c) => f.date(c.validUntil) },
              { key: 'expiry', title: '', render: expiry },
              {
                key: 'remove',
                title: '',
                render: (c) => (
                  <Popconfirm
                    title={t('removeConfirm')}
                    okText={t('yes')}
                    cancelText={t('no')}
                    onConfirm={async () => {
                      const result = await remove({ input: { id: c.id, version: c.version } });
                      if (!result.error) refetch({ requestPolicy: 'network-only' });
                    }}
                  >
                    <Button size="small" danger>
                      {t('remove')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <div className="zlt-panel">
            <h2 className="zlt-panel-title">{t('add')}</h2>
            <ApiErrorAlert error={adding.error} leftover={leftover} />
            <Form<CertificationForm> form={form} layout="vertical" name="certification" onFinish={submit}>
              <Form.Item name="typeCode" label={t('type')} rules={[{ required: true, message: t('required') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={types.map((c) => ({ value: c.code, label: typeName(c.code) }))} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const levels = types.find((c) => c.code === getFieldValue('typeCode'))?.levels ?? [];
                  return levels.length > 0 ? (
                    <Form.Item name="level" label={t('level')} rules={[{ required: true, message: t('required') }]}>
                      <Select options={levels.map((l) => ({ value: l, label: l }))} />
                    </Form.Item>
                  ) : null;
                }}
              </Form.Item>
              <Form.Item name="certificateNumber" label={t('number')} rules={[{ required: true, message: t('required') }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="issuer" label={t('issuer')}>
                <Input maxLength={200} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item name="validFrom" label={t('validFrom')} rules={[{ required: true, message: t('required') }]}>
                    <Input type="date" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name="validUntil" label={t('validUntil')} rules={[{ required: true, message: t('required') }]}>
                    <Input type="date" />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" loading={adding.fetching}>
                {t('add')}
              </Button>
            </Form>
          </div>
        </Col>
      </Row>
      <h2 className="zlt-panel-title">{t('capabilities')}</h2>
      <DataTable<Capability>
        rowKey={(c) => c.id}
        rows={organization?.capabilities ?? []}
        loading={fetching}
        empty={t('none')}
        minWidth={720}
        columns={[
          { key: 'category', title: t('category'), render: (c) => `${locale === 'en-US' ? c.category.nameEn : c.category.nameZh} · ${c.categoryCode}` },
          { key: 'products', title: t('products'), render: (c) => c.products.join('、') || c.description },
          { key: 'capacity', title: t('capacity'), align: 'right', render: (c) => f.number(c.annualCapacity) },
          { key: 'plants', title: t('plants'), wide: true, render: (c) => c.sites.map((s) => s.name).join('、') },
        ]}
      />
    </>
  );
}
