import { useState } from 'react';
import { Alert, App as AntApp, Button, Col, Form, Input, Modal, Row, Segmented, Select } from 'antd';
import { useMutation, useQuery } from 'urql';
import { BuyerImportContractsDocument, BuyerRecordContractDocument } from './record-contracts.generated';
import { OwnPlantsDocument } from '../../components/plants.generated';
import type { BuyerImportContractsMutation } from '../../gql/graphql';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { DataTable } from '../../components/DataTable';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { recordMessages } from './record-contracts.messages';

type Report = BuyerImportContractsMutation['importContracts'];
type Problem = Report['rejected'][number];
const MAX_CSV_CHARACTERS = 250_000;

interface RecordForm {
  buyerReference: string;
  buyerSiteId: string;
  supplier: { creditCode: string; legalName: string; plant: { name: string; regionCode: string } };
  categoryCode: string;
  totalValue: string;
  volume: string;
  signedDate: string;
}

/** Contracts signed before the platform: one by one (recordContract) or a CSV file (importContracts) with its rejected rows. */
export function RecordContracts({ onRecorded }: { onRecorded: () => void }) {
  const t = useT(recordMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'one' | 'csv'>('one');
  const [form] = Form.useForm<RecordForm>();
  const [plants] = useQuery({ query: OwnPlantsDocument, pause: !open, requestPolicy: 'cache-first' });
  const [recording, record] = useMutation(BuyerRecordContractDocument);
  const [importing, importCsv] = useMutation(BuyerImportContractsDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const [report, setReport] = useState<Report | null>(null);
  const [tooLarge, setTooLarge] = useState(false);

  const submit = async (values: RecordForm) => {
    const result = await record({
      input: {
        buyerReference: values.buyerReference.trim(),
        buyerSiteId: values.buyerSiteId,
        supplier: { creditCode: values.supplier.creditCode.trim(), legalName: values.supplier.legalName?.trim() || undefined, plant: { name: values.supplier.plant.name.trim(), regionCode: values.supplier.plant.regionCode.trim() } },
        categoryCode: values.categoryCode.trim(),
        totalValue: String(values.totalValue).trim(),
        volume: Number(values.volume),
        signedDate: values.signedDate,
      },
    });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    setLeftover(undefined);
    message.success(result.data?.recordContract.created ? t('recorded') : t('unchanged'));
    form.resetFields();
    onRecorded();
  };

  const upload = async (file: File | undefined) => {
    setReport(null);
    setTooLarge(false);
    if (!file) return;
    const csv = await file.text();
    if (csv.length > MAX_CSV_CHARACTERS) {
      setTooLarge(true);
      return;
    }
    const result = await importCsv({ csv });
    if (result.data) {
      setReport(result.data.importContracts);
      onRecorded();
    }
  };

  const required = [{ required: true, message: t('required') }];
  return (
    <>
      <Button onClick={() => setOpen(true)} id="record-contracts">
        {t('open')}
      </Button>
      <Modal open={open} title={t('title')} onCancel={() => setOpen(false)} footer={null} width={760} destroyOnHidden>
        <Segmented
          value={mode}
          onChange={(value) => setMode(value as 'one' | 'csv')}
          options={[
            { value: 'one', label: t('oneByOne') },
            { value: 'csv', label: t('csv') },
          ]}
          style={{ marginBottom: 16 }}
        />
        {mode === 'one' ? (
          <>
            <ApiErrorAlert error={recording.error} leftover={leftover} />
            <Form<RecordForm> form={form} layout="vertical" name="record" onFinish={submit}>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name="buyerReference" label={t('reference')} rules={required}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="buyerSiteId" label={t('buyerPlant')} rules={required}>
                    <Select options={(plants.data?.me.organization.sites ?? []).map((s) => ({ value: s.id, label: s.name }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['supplier', 'creditCode']} label={t('supplierCreditCode')} rules={required}>
                    <Input maxLength={18} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['supplier', 'legalName']} label={t('supplierName')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['supplier', 'plant', 'name']} label={t('supplierPlant')} rules={required}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['supplier', 'plant', 'regionCode']} label={t('supplierRegion')} rules={required}>
                    <Input inputMode="numeric" maxLength={6} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="categoryCode" label={t('category')} rules={required}>
                    <Input placeholder="CHASSIS.BRAKE_BY_WIRE" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="totalValue" label={t('totalValue')} rules={required}>
                    <Input inputMode="decimal" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="volume" label={t('volume')} rules={required}>
                    <Input type="number" min={1} step={1} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="signedDate" label={t('signedDate')} rules={required}>
                    <Input type="date" />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" loading={recording.fetching}>
                {t('save')}
              </Button>
            </Form>
          </>
        ) : (
          <>
            <p>{t('csvHelp')}</p>
            <label htmlFor="contracts-csv" style={{ display: 'block', marginBottom: 8 }}>
              {t('file')}
            </label>
            <input id="contracts-csv" type="file" accept=".csv,text/csv" onChange={(event) => upload(event.target.files?.[0])} disabled={importing.fetching} />
            <ApiErrorAlert error={importing.error} />
            {tooLarge && <Alert type="error" showIcon title={t('tooLarge')} style={{ marginTop: 12 }} />}
            {report && (
              <div style={{ marginTop: 16 }} data-testid="import-report">
                <Alert
                  type={report.rejected.length > 0 ? 'warning' : 'success'}
                  showIcon
                  title={t('report', { rows: report.rows, created: report.created, unchanged: report.unchanged, rejected: report.rejected.length })}
                  style={{ marginBottom: 12 }}
                />
                {report.rejected.length > 0 && (
                  <DataTable<Problem>
                    rowKey={(p) => `${p.line}:${p.column}:${p.message}`}
                    rows={report.rejected}
                    rowProps={(p) => ({ 'data-line': String(p.line) })}
                    columns={[
                      { key: 'line', title: t('line'), align: 'right', width: 64, render: (p) => p.line },
                      { key: 'column', title: t('column'), render: (p) => p.column },
                      { key: 'problem', title: t('problem'), render: (p) => p.message },
                    ]}
                  />
                )}
              </div>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
