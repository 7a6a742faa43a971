import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Input, Space, Tag } from 'antd';
import { useMutation, useQuery } from 'urql';
import { AccountDetailsDocument, ChangePasswordDocument } from '../../gql/graphql';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { appMessages } from '../../app/app.messages';
import { useSession } from '../../app/session';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { accountMessages } from './account.messages';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Who you are, for which organisation, and a new password (`changePassword` answers with a new token). */
export default function AccountPage() {
  const t = useT(accountMessages);
  const tApp = useT(appMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const { signIn } = useSession();
  const [{ data, error }] = useQuery({ query: AccountDetailsDocument });
  const [form] = Form.useForm<PasswordForm>();
  const [change, changePassword] = useMutation(ChangePasswordDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const me = data?.me;

  const submit = async (values: PasswordForm) => {
    const result = await changePassword({ input: { currentPassword: values.currentPassword, newPassword: values.newPassword } });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    if (result.data) {
      form.resetFields();
      setLeftover(undefined);
      message.success(t('changed'));
      signIn(result.data.changePassword);
    }
  };

  return (
    <>
      <PageHeader title={t('title')} />
      <ApiErrorAlert error={error} />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {me && (
          <Card>
            <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
              <Descriptions.Item label={t('displayName')}>{me.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('email')}>
                <span data-testid="account-email">{me.email}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('role')}>{tApp(`role${me.role}`)}</Descriptions.Item>
              <Descriptions.Item label={t('orgAdmin')}>{me.orgAdmin ? t('yes') : t('no')}</Descriptions.Item>
              <Descriptions.Item label={t('legalName')}>
                <span data-testid="account-organization">{locale === 'en-US' && me.organization.nameEn ? me.organization.nameEn : me.organization.legalName}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('verified')}>
                {me.organization.verified ? <Tag color="green">{t('verifiedYes')}</Tag> : <Tag color="orange">{t('verifiedNo')}</Tag>}
              </Descriptions.Item>
              {me.jurisdictionCode && <Descriptions.Item label={t('jurisdiction')}>{me.jurisdictionCode}</Descriptions.Item>}
            </Descriptions>
          </Card>
        )}
        <Card title={t('changePassword')} style={{ maxWidth: 560 }}>
          <ApiErrorAlert error={change.error} leftover={leftover} />
          <Form<PasswordForm> form={form} layout="vertical" onFinish={submit} name="change-password">
            <Form.Item name="currentPassword" label={t('currentPassword')} rules={[{ required: true, message: t('currentPassword') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Form.Item name="newPassword" label={t('newPassword')} extra={t('newPasswordHelp')} rules={[{ required: true, message: t('newPassword') }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('confirmPassword')}
              dependencies={['newPassword']}
              rules={[
                { required: true, message: t('confirmPassword') },
                ({ getFieldValue }) => ({ validator: (_, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('mismatch')))) }),
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={change.fetching}>
              {t('save')}
            </Button>
          </Form>
        </Card>
      </Space>
    </>
  );
}
