import { Space } from 'antd';
import { useQuery } from 'urql';
import { RequirementQuestionsDocument } from './requirement-extras.generated';
import type { PageProps } from '../../app/route-types';
import { ApiErrorAlert } from '../ApiErrorAlert';
import { PageHeader } from '../PageHeader';
import { useT } from '../../i18n/messages';
import { questionsMessages } from './requirement-extras.messages';
import { RequirementDocuments } from './RequirementDocuments';
import { RequirementQuestions } from './RequirementQuestions';

/**
 * A requirement's questions and attachments on a page of their own, for the buyer
 * (`/buyer/requirements/:id/qa`) and for suppliers (`/supplier/requirements/:id/qa`). A
 * requirement page can embed <RequirementQuestions> and <RequirementDocuments> instead.
 */
export function RequirementExtrasPage({ params }: PageProps) {
  const t = useT(questionsMessages);
  const [{ data, error }] = useQuery({ query: RequirementQuestionsDocument, variables: { id: params.id } });
  return (
    <>
      <PageHeader title={t('pageTitle')} sub={data?.requirement?.title} />
      <ApiErrorAlert error={error} />
      {data?.requirement && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <RequirementDocuments requirementId={params.id} />
          <RequirementQuestions requirementId={params.id} />
        </Space>
      )}
    </>
  );
}
