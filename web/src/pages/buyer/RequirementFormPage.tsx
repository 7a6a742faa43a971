import { useEffect, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Row, Select, Space, Spin } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from 'urql';
import { BuyerCreateRequirementDocument, BuyerReferenceDataDocument, BuyerRequirementDocument, BuyerUpdateRequirementDocument } from './requirements.generated';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import type { PageProps } from '../../app/route-types';
import { navigate } from '../../app/router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { requirementMessages } from './requirements.messages';

interface RequirementForm {
  title: string;
  description: string;
  categoryCode: string;
  deliverySiteId: string;
  annualVolume: number;
  targetUnitPrice: string;
  sopDate: string;
  quoteDeadline: string;
  specs: { key: string; value: string }[];
  requiredCertifications: { typeCode: string; minLevel?: string | null }[];
}

/** An instant as the value of <input type="datetime-local"> in the browser's time zone. */
function localDateTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Creates a requirement (as a draft) or edits one: specs, volume, target price, SOP, deadline, required certifications. */
export default function RequirementFormPage({ params }: PageProps) {
  const editing = params.id;
  const t = useT(requirementMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<RequirementForm>();
  const [reference] = useQuery({ query: BuyerReferenceDataDocument, requestPolicy: 'cache-first' });
  const [existing] = useQuery({ query: BuyerRequirementDocument, variables: { id: editing ?? '' }, pause: !editing });
  const [created, create] = useMutation(BuyerCreateRequirementDocument);
  const [updated, update] = useMutation(BuyerUpdateRequirementDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const requirement = existing.data?.requirement;

  useEffect(() => {
    if (!requirement) return;
    form.setFieldsValue({
      title: requirement.title,
      description: requirement.description,
      categoryCode: requirement.categoryCode,
      deliverySiteId: requirement.deliverySiteId,
      annualVolume: requirement.annualVolume,
      targetUnitPrice: requirement.targetUnitPrice,
      sopDate: requirement.sopDate,
      quoteDeadline: localDateTime(requirement.quoteDeadline),
      specs: requirement.specs.map((s) => ({ key: s.key, value: s.value })),
      requiredCertifications: requirement.requiredCertifications.map((c) => ({ typeCode: c.typeCode, minLevel: c.minLevel })),
    });
  }, [requirement, form]);

  const sites = reference.data?.me.organization.sites ?? [];
  const categories = (reference.data?.partCategories ?? []).filter((c) => c.parentCode);
  const certTypes = reference.data?.certificationTypes ?? [];

  const submit = async (values: RequirementForm) => {
    const input = {
      title: values.title.trim(),
      description: (values.description ?? '').trim(),
      categoryCode: values.categoryCode,
      deliverySiteId: values.deliverySiteId,
      annualVolume: Number(values.annualVolume),
      targetUnitPrice: String(values.targetUnitPrice).trim(),
      sopDate: values.sopDate,
      quoteDeadline: new Date(values.quoteDeadline).toISOString(),
      specs: (values.specs ?? []).filter((s) => s && (s.key || s.value)).map((s) => ({ key: s.key?.trim() ?? '', value: s.value?.trim() ?? '' })),
      requiredCertifications: (values.requiredCertifications ?? []).filter((c) => c?.typeCode).map((c) => ({ typeCode: c.typeCode, ...(c.minLevel ? { minLevel: c.minLevel } : {}) })),
    };
    const result = requirement ? await update({ input: { ...input, id: requirement.id, version: requirement.version } }) : await create({ input });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    const saved = result.data && ('createRequirement' in result.data ? result.data.createRequirement : result.data.updateRequirement);
    if (saved) {
      message.success(t('saved'));
      navigate(`/buyer/requirements/${saved.id}`);
    }
  };

  if (editing && !requirement && !existing.error) return <Spin />;
  const required = [{ required: true, message: t('required') }];
  return (
    <>
      <PageHeader title={editing ? t('formEdit') : t('formNew')} />
      <ApiErrorAlert error={existing.error ?? created.error ?? updated.error} leftover={leftover} />
      {reference.data && sites.length === 0 && <Alert type="warning" showIcon title={t('noPlant')} style={{ marginBottom: 16 }} />}
      <Card>
        <Form<RequirementForm> form={form} layout="vertical" name="requirement" onFinish={submit} initialValues={{ specs: [], requiredCertifications: [], description: '' }} scrollToFirstError>
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item name="title" label={t('fieldTitle')} rules={required}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="categoryCode" label={t('category')} rules={required}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={categories.map((c) => ({ value: c.code, label: `${locale === 'en-US' ? c.nameEn : c.nameZh} · ${c.code}` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="deliverySiteId" label={t('plant')} rules={required}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={sites.map((s) => ({ value: s.id, label: s.name }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="annualVolume" label={t('annualVolume')} rules={required}>
                <Input type="number" min={1} step={1} inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="targetUnitPrice" label={`${t('targetUnitPrice')} (CNY)`} rules={[...required, { pattern: /^\d{1,14}(\.\d{1,4})?$/, message: '0.00' }]}>
                <Input inputMode="decimal" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="sopDate" label={t('sopDate')} rules={required}>
                <Input type="date" />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="quoteDeadline" label={t('quoteDeadline')} rules={required}>
                <Input type="datetime-local" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="description" label={t('fieldDescription')}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Form.Item label={t('specs')}>
                <Form.List name="specs">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field) => (
                        <Space key={field.key} align="baseline" wrap>
                          <Form.Item name={[field.name, 'key']} rules={required}>
                            <Input placeholder={t('specKey')} aria-label={t('specKey')} />
                          </Form.Item>
                          <Form.Item name={[field.name, 'value']} rules={required}>
                            <Input placeholder={t('specValue')} aria-label={t('specValue')} />
                          </Form.Item>
                          <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('remove')} onClick={() => remove(field.name)} />
                        </Space>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', value: '' })}>
                        {t('addSpec')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item label={t('certifications')}>
                <Form.List name="requiredCertifications">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((field) => (
                        <Form.Item key={field.key} noStyle shouldUpdate>
                          {({ getFieldValue }) => {
                            const typeCode = getFieldValue(['requiredCertifications', field.name, 'typeCode']) as string | undefined;
                            const levels = certTypes.find((c) => c.code === typeCode)?.levels ?? [];
                            return (
                              <Space align="baseline" wrap>
                                <Form.Item name={[field.name, 'typeCode']} rules={required}>
                                  <Select
                                    aria-label={t('certType')}
                                    showSearch={{ optionFilterProp: 'label' }}
                                    placeholder={t('certType')}
                                    style={{ minWidth: 200 }}
                                    options={certTypes.map((c) => ({ value: c.code, label: locale === 'zh-CN' && c.nameZh ? `${c.name} · ${c.nameZh}` : c.name }))}
                                  />
                                </Form.Item>
                                <Form.Item name={[field.name, 'minLevel']}>
                                  <Select
                                    aria-label={t('minLevel')}
                                    placeholder={t('anyLevel')}
                                    style={{ minWidth: 140 }}
                                    allowClear
                                    disabled={levels.length === 0}
                                    options={levels.map((l) => ({ value: l, label: l }))}
                                  />
                                </Form.Item>
                                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('remove')} onClick={() => remove(field.name)} />
                              </Space>
                            );
                          }}
                        </Form.Item>
                      ))}
                      <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ typeCode: undefined })}>
                        {t('addCert')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </Form.Item>
            </Col>
          </Row>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={created.fetching || updated.fetching} id="save-requirement">
              {editing ? t('save') : t('saveDraft')}
            </Button>
            <Button onClick={() => navigate(editing ? `/buyer/requirements/${editing}` : '/buyer/requirements')}>{t('cancelEdit')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
