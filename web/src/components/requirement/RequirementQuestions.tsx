import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Divider, Form, Input, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery } from 'urql';
import { AnswerQuestionDocument, AskQuestionDocument, RequirementQuestionsDocument } from './requirement-extras.generated';
import type { RequirementQuestionsQuery } from '../../gql/graphql';
import { apiProblem, showFieldErrors, type FieldProblem } from '../../app/api-errors';
import { useCurrentUser } from '../../app/session';
import { ApiErrorAlert } from '../ApiErrorAlert';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { questionsMessages } from './requirement-extras.messages';

/** No bullets, no indent. */
const PLAIN_LIST = { listStyle: 'none', margin: 0, padding: 0 } as const;

type Question = NonNullable<RequirementQuestionsQuery['requirement']>['questions'][number];

function AnswerForm({ question, onDone }: { question: Question; onDone: () => void }) {
  const t = useT(questionsMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const [{ fetching, error }, answer] = useMutation(AnswerQuestionDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const [publishing, setPublishing] = useState(false);
  const send = async (publish: boolean) => {
    let values: { answer: string };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setPublishing(publish);
    const result = await answer({ input: { id: question.id, version: question.version, answer: values.answer, publish } });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    message.success(t('answered'));
    onDone();
  };
  return (
    <Form form={form} name={`answer-${question.id}`} layout="vertical" style={{ marginTop: 8 }}>
      <ApiErrorAlert error={error} leftover={leftover} />
      <Form.Item name="answer" label={t('answerLabel')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Space wrap>
        <Button type="primary" onClick={() => void send(true)} loading={fetching && publishing}>
          {t('answerPublished')}
        </Button>
        <Button onClick={() => void send(false)} loading={fetching && !publishing}>
          {t('answerPrivately')}
        </Button>
      </Space>
    </Form>
  );
}

function AskForm({ requirementId, onDone }: { requirementId: string; onDone: () => void }) {
  const t = useT(questionsMessages);
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ question: string }>();
  const [{ fetching, error }, ask] = useMutation(AskQuestionDocument);
  const [leftover, setLeftover] = useState<FieldProblem[] | undefined>();
  const submit = async (values: { question: string }) => {
    const result = await ask({ input: { requirementId, question: values.question } });
    const problem = apiProblem(result.error);
    if (problem) {
      setLeftover(showFieldErrors(form, problem, locale));
      return;
    }
    form.resetFields();
    setLeftover(undefined);
    message.success(t('asked'));
    onDone();
  };
  return (
    <Form form={form} name="ask-question" layout="vertical" onFinish={submit}>
      <ApiErrorAlert error={error} leftover={leftover} />
      <Form.Item name="question" label={t('askLabel')} extra={t('askHint')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={fetching} id="ask-question-submit">
        {t('ask')}
      </Button>
    </Form>
  );
}

/**
 * The clarification questions of a requirement as the signed-in user may read them (the API
 * applies the rule: the buyer sees every question with its asker; a supplier its own and the
 * published ones). The buyer answers, privately or published; a supplier asks, until the deadline.
 */
export function RequirementQuestions({ requirementId }: { requirementId: string }) {
  const t = useT(questionsMessages);
  const format = useFormat();
  const { user } = useCurrentUser();
  const [{ data, error, fetching }, refetch] = useQuery({ query: RequirementQuestionsDocument, variables: { id: requirementId } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const requirement = data?.requirement;
  const isBuyer = Boolean(requirement && user && user.role === 'OEM_BUYER' && user.organization.id === requirement.organizationId);
  const isSupplier = user?.role === 'SUPPLIER_ADMIN';
  const open = Boolean(requirement && requirement.status === 'OPEN' && Date.parse(String(requirement.quoteDeadline)) > Date.now());

  return (
    <Card title={<span id="questions-title">{t('title')}</span>} loading={fetching && !data} data-testid="requirement-questions">
      <ApiErrorAlert error={error} />
      {requirement && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('deadline', { when: format.dateTime(String(requirement.quoteDeadline)) })}</Typography.Text>
          {!open && <Alert type="info" showIcon title={t('closed')} />}
          {requirement.questions.length === 0 ? (
            <Typography.Text type="secondary">{t('none')}</Typography.Text>
          ) : (
            <ol style={PLAIN_LIST}>
              {requirement.questions.map((q, index) => (
                <li key={q.id} data-testid="question">
                  {index > 0 && <Divider style={{ margin: '12px 0' }} />}
                  <Space wrap size={[8, 4]}>
                    {q.mine && <Tag color="blue" data-testid="question-mine">{t('mine')}</Tag>}
                    {q.answer === null ? <Tag color="orange">{t('awaiting')}</Tag> : q.visibility === 'PUBLISHED' ? <Tag color="green">{t('published')}</Tag> : <Tag>{t('private')}</Tag>}
                    {q.askerName && <Typography.Text type="secondary">{t('askedBy', { name: q.askerName })}</Typography.Text>}
                    <Typography.Text type="secondary">{t('askedAt', { when: format.dateTime(String(q.askedAt)) })}</Typography.Text>
                  </Space>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }} data-testid="question-text">
                    {q.question}
                  </Typography.Paragraph>
                  {q.answer !== null && (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0', paddingLeft: 12, borderLeft: '3px solid #d9d9d9' }} data-testid="question-answer">
                      {q.answer}
                      <br />
                      <Typography.Text type="secondary">{t('answeredAt', { when: format.dateTime(String(q.answeredAt)) })}</Typography.Text>
                    </Typography.Paragraph>
                  )}
                  {isBuyer && open && q.answer === null && <AnswerForm question={q} onDone={reload} />}
                </li>
              ))}
            </ol>
          )}
          {isSupplier && open && <AskForm requirementId={requirementId} onDone={reload} />}
        </Space>
      )}
    </Card>
  );
}
