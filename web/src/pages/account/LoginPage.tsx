import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from 'urql';
import { LoginDocument } from '../../gql/graphql';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { appMessages } from '../../app/app.messages';
import { useSession } from '../../app/session';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { loginMessages } from './account.messages';

interface LoginForm {
  email: string;
  password: string;
}

/** Sign-in: e-mail and password through the `login` mutation; the token is kept in localStorage (app/session.tsx). */
export default function LoginPage() {
  const t = useT(loginMessages);
  const tApp = useT(appMessages);
  const { locale } = useLocale();
  const { signIn } = useSession();
  const [form] = Form.useForm<LoginForm>();
  const [{ fetching, error }, login] = useMutation(LoginDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();

  const submit = async (values: LoginForm) => {
    const result = await login({ input: { email: values.email.trim(), password: values.password } });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    if (result.data) signIn(result.data.login);
  };
  const problem = apiProblem(error);

  return (
    <main className="zlt-login">
      <Card className="zlt-login-card">
        <div className="zlt-login-head">
          <div>
            <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
              {tApp('name')}
            </Typography.Title>
            <Typography.Text type="secondary">{tApp('tagline')}</Typography.Text>
          </div>
          <LanguageSwitch />
        </div>
        <Typography.Title level={2} style={{ fontSize: 18 }}>
          {t('title')}
        </Typography.Title>
        {problem?.code === 'UNAUTHENTICATED' ? (
          <Alert type="error" showIcon role="alert" title={t('failed')} style={{ marginBottom: 16 }} data-error-code="UNAUTHENTICATED" />
        ) : problem?.code === 'RATE_LIMITED' ? (
          <Alert type="error" showIcon role="alert" title={t('rateLimited')} style={{ marginBottom: 16 }} data-error-code="RATE_LIMITED" />
        ) : (
          <ApiErrorAlert error={error} leftover={leftover} />
        )}
        <Form<LoginForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} name="login">
          <Form.Item name="email" label={t('email')} rules={[{ required: true, message: t('email') }]}>
            <Input type="email" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('password') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={fetching} id="login-submit">
            {t('submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          {t('api')}: <a href="/explorer">/graphql</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
