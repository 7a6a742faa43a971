import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Form, Input, Row } from 'antd';
import { useMutation, useQuery } from 'urql';
import { CreatePlantDocument, OwnPlantsDocument } from './plants.generated';
import type { OwnPlantsQuery } from '../gql/graphql';
import { apiProblem, showFieldErrors, type FieldProblem } from '../app/api-errors';
import { useLocale } from '../i18n/locale';
import { useT } from '../i18n/messages';
import { DataTable } from './DataTable';
import { ApiErrorAlert } from './ApiErrorAlert';
import { PageHeader } from './PageHeader';
import { plantsMessages } from './plants.messages';

type Plant = OwnPlantsQuery['me']['organization']['sites'][number];
interface PlantForm {
  name: string;
  regionCode: string;
  address: string;
}

/** The organisation's plants (buyer's delivery plants, supplier's producing plants) and a form to add one. */
export function PlantsPanel() {
  const t = useT(plantsMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<PlantForm>();
  const [{ data, fetching, error }, refetch] = useQuery({ query: OwnPlantsDocument });
  const [creating, create] = useMutation(CreatePlantDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();

  const submit = async (values: PlantForm) => {
    const result = await create({ input: { name: values.name.trim(), regionCode: values.regionCode.trim(), address: (values.address ?? '').trim() } });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    form.resetFields();
    setLeftover(undefined);
    message.success(t('added'));
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <>
      <PageHeader title={t('title')} />
      <ApiErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <DataTable<Plant>
            rowKey={(r) => r.id}
            loading={fetching}
            rows={data?.me.organization.sites ?? []}
                minWidth={640}
            empty={t('none')}
            columns={[
              { title: t('name'), key: 'name', render: (p) => p.name },
              { title: t('region'), key: 'region', render: (p) => (p.region ? `${p.region.name} · ${p.region.code}` : (p.regionCode ?? '—')) },
              { title: t('address'), key: 'address', render: (p) => p.address || '—' },
              { title: t('location'), key: 'location', render: (p) => `${p.lat.toFixed(3)}, ${p.lon.toFixed(3)}${p.locationApprox ? ` ${t('approx')}` : ''}` },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('add')} size="small">
            <ApiErrorAlert error={creating.error} leftover={leftover} />
            <Form<PlantForm> form={form} layout="vertical" name="plant" onFinish={submit}>
              <Form.Item name="name" label={t('name')} rules={[{ required: true, message: t('name') }]}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="regionCode" label={t('regionCode')} rules={[{ required: true, message: t('regionCode') }]}>
                <Input inputMode="numeric" maxLength={6} placeholder="330282" />
              </Form.Item>
              <Form.Item name="address" label={t('address')}>
                <Input maxLength={500} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={creating.fetching}>
                {t('add')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
