import { useState } from 'react';
import { App as AntApp, Button, Card, Form, Input, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { AdminAddSearchSynonymsDocument, AdminRemoveSearchSynonymsDocument, AdminSearchSynonymsDocument } from './admin.generated';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { synonymsMessages } from './admin.messages';
import './admin.css';

interface Group {
  id: string;
  terms: string[];
  oneWay: boolean;
  createdAt: string;
}

interface NewGroup {
  terms: string;
  direction: 'two' | 'one';
}

/** Terms as typed: separated by commas (either width), semicolons or new lines. */
export function splitTerms(text: string): string[] {
  return text
    .split(/[,，;；\n]/)
    .map((term) => term.trim())
    .filter(Boolean);
}

/** The synonym groups search expands queries with: list, add, remove (with a second click to confirm). */
export default function SynonymsPage() {
  const t = useT(synonymsMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [{ data, error }, refetch] = useQuery({ query: AdminSearchSynonymsDocument, requestPolicy: 'cache-and-network' });
  const [adding, add] = useMutation(AdminAddSearchSynonymsDocument);
  const [removing, remove] = useMutation(AdminRemoveSearchSynonymsDocument);
  const [form] = Form.useForm<NewGroup>();
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const [confirming, setConfirming] = useState<string | null>(null);
  const groups: Group[] = [...(data?.searchSynonyms ?? [])].reverse();

  const submit = async (values: NewGroup) => {
    const result = await add({ input: { terms: splitTerms(values.terms), oneWay: values.direction === 'one' } });
    const problem = apiProblem(result.error);
    if (problem) {
      // input.terms.1 → the one text field holding every term.
      setLeftover(showFieldErrors(form, { ...problem, fields: problem.fields.map((p) => ({ ...p, field: p.field.replace(/^input\.terms\.\d+$/, 'input.terms') })) }, locale));
      return;
    }
    setLeftover(undefined);
    form.resetFields();
    message.success(t('added'));
    refetch({ requestPolicy: 'network-only' });
  };

  const drop = async (id: string) => {
    const result = await remove({ id });
    setConfirming(null);
    if (!result.error) {
      message.success(t('removed'));
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <>
      <PageHeader title={t('title')} />
      <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      <ApiErrorAlert error={error ?? removing.error} />
      <Card style={{ marginBottom: 16, maxWidth: 720 }}>
        <ApiErrorAlert error={adding.error} leftover={leftover} />
        <Form<NewGroup> form={form} layout="vertical" name="synonyms" onFinish={submit} initialValues={{ terms: '', direction: 'two' }}>
          <Form.Item
            name="terms"
            label={t('terms')}
            extra={t('termsHelp')}
            rules={[{ validator: (_, value: string) => (splitTerms(value ?? '').length >= 2 ? Promise.resolve() : Promise.reject(new Error(t('termsHelp')))) }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="direction" label={t('direction')}>
            <select className="zlt-admin-select" aria-label={t('direction')}>
              <option value="two">{t('twoWay')}</option>
              <option value="one">{t('oneWay')}</option>
            </select>
          </Form.Item>
          <Button type="primary" htmlType="submit" id="synonyms-add" loading={adding.fetching}>
            {t('add')}
          </Button>
        </Form>
      </Card>
      <Card>
        <Typography.Paragraph>{t('count', { count: groups.length })}</Typography.Paragraph>
        <div className="zlt-admin-table-wrap">
          <table className="zlt-admin-table">
            <thead>
              <tr>
                <th scope="col">{t('terms')}</th>
                <th scope="col">{t('direction')}</th>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id} data-testid="synonym-group">
                  <td>
                    {g.terms.map((term) => (
                      <Tag key={term}>{term}</Tag>
                    ))}
                  </td>
                  <td>{g.oneWay ? t('oneWay') : t('twoWay')}</td>
                  <td>{f.dateTime(g.createdAt)}</td>
                  <td>
                    {confirming === g.id ? (
                      <Space wrap>
                        <Button danger type="primary" onClick={() => drop(g.id)} loading={removing.fetching} aria-label={`${t('removeConfirm')} ${g.terms.join(' / ')}`}>
                          {t('removeConfirm')}
                        </Button>
                        <Button onClick={() => setConfirming(null)}>{t('cancel')}</Button>
                      </Space>
                    ) : (
                      <Button danger onClick={() => setConfirming(g.id)} aria-label={`${t('remove')} ${g.terms.join(' / ')}`}>
                        {t('remove')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
