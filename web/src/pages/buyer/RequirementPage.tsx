import { App as AntApp, Button, Descriptions, Popconfirm, Space, Spin, Tabs, Tag } from 'antd';
import { useMutation, useQuery } from 'urql';
import { BuyerCancelRequirementDocument, BuyerPublishRequirementDocument, BuyerReferenceDataDocument, BuyerRequirementDocument } from './requirements.generated';
import type { PageProps } from '../../app/route-types';
import { Link, navigate, useLocation } from '../../app/router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../i18n/format';
import { useLocale } from '../../i18n/locale';
import { useT } from '../../i18n/messages';
import { MatchesPanel } from './MatchesPanel';
import { QuotesPanel } from './QuotesPanel';
import { requirementMessages } from './requirements.messages';
import { RequirementStatusTag } from './status';

const TABS = ['overview', 'matches', 'quotes'] as const;

/** One requirement: its terms; publish, edit, cancel; its ranked matches; its quotes side by side and the award. */
export default function RequirementPage({ params }: PageProps) {
  const t = useT(requirementMessages);
  const f = useFormat();
  const { locale } = useLocale();
  const { message } = AntApp.useApp();
  const { search, pathname } = useLocation();
  const [{ data, error }, refetch] = useQuery({ query: BuyerRequirementDocument, variables: { id: params.id } });
  const [reference] = useQuery({ query: BuyerReferenceDataDocument, requestPolicy: 'cache-first' });
  const [publishing, publish] = useMutation(BuyerPublishRequirementDocument);
  const [cancelling, cancel] = useMutation(BuyerCancelRequirementDocument);
  const requirement = data?.requirement;
  const tab = (TABS as readonly string[]).includes(search.get('tab') ?? '') ? (search.get('tab') as (typeof TABS)[number]) : requirement?.status === 'DRAFT' ? 'overview' : 'matches';

  if (!requirement) return error ? <ApiErrorAlert error={error} /> : <Spin />;
  const certName = (code: string) => {
    const type = reference.data?.certificationTypes.find((c) => c.code === code);
    return type ? (locale === 'zh-CN' && type.nameZh ? type.nameZh : type.name) : code;
  };
  const changeStatus = async (action: typeof publish | typeof cancel) => {
    const result = await action({ input: { id: requirement.id, version: requirement.version } });
    if (!result.error) message.success(t('saved'));
  };
  const open = requirement.status === 'OPEN';

  return (
    <>
      <PageHeader
        title={requirement.title}
        sub={
          <Space wrap>
            <RequirementStatusTag status={requirement.status} />
            <span>{locale === 'en-US' ? requirement.category.nameEn : requirement.category.nameZh}</span>
            <Link to="/buyer/requirements">{t('back')}</Link>
            <Link to={`/buyer/requirements/${requirement.id}/qa`}>{t('questionsAndDocuments')}</Link>
          </Space>
        }
        extra={
          <>
            {requirement.status === 'DRAFT' && (
              <Popconfirm title={t('publishConfirm')} okText={t('yes')} cancelText={t('no')} onConfirm={() => changeStatus(publish)} okButtonProps={{ id: 'confirm-publish' }}>
                <Button type="primary" loading={publishing.fetching} id="publish-requirement">
                  {t('publish')}
                </Button>
              </Popconfirm>
            )}
            {(requirement.status === 'DRAFT' || requirement.status === 'OPEN') && <Button onClick={() => navigate(`/buyer/requirements/${requirement.id}/edit`)}>{t('edit')}</Button>}
            {(requirement.status === 'DRAFT' || requirement.status === 'OPEN') && (
              <Popconfirm title={t('cancelConfirm')} okText={t('yes')} cancelText={t('no')} onConfirm={() => changeStatus(cancel)}>
                <Button danger loading={cancelling.fetching}>
                  {t('cancel')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <ApiErrorAlert error={publishing.error ?? cancelling.error} />
      <Tabs
        activeKey={tab}
        onChange={(key) => navigate(`${pathname}?tab=${key}`, { replace: true })}
        items={[
          {
            key: 'overview',
            label: t('tabOverview'),
            children: (
              <div className="zlt-panel">
                <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
                  <Descriptions.Item label={t('plant')}>{requirement.deliverySite.name}</Descriptions.Item>
                  <Descriptions.Item label={t('annualVolume')}>{t('units', { count: requirement.annualVolume })}</Descriptions.Item>
                  <Descriptions.Item label={t('targetUnitPrice')}>{f.money(requirement.targetUnitPrice)}</Descriptions.Item>
                  <Descriptions.Item label={t('sopDate')}>{f.date(requirement.sopDate)}</Descriptions.Item>
                  <Descriptions.Item label={t('quoteDeadline')}>{f.dateTime(requirement.quoteDeadline)}</Descriptions.Item>
                  <Descriptions.Item label={t('published')}>{f.dateTime(requirement.publishedAt)}</Descriptions.Item>
                  <Descriptions.Item label={t('certifications')} span={2}>
                    <Space wrap>
                      {requirement.requiredCertifications.map((c) => (
                        <Tag key={c.typeCode}>{c.minLevel ? `${certName(c.typeCode)} ≥ ${c.minLevel}` : certName(c.typeCode)}</Tag>
                      ))}
                    </Space>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('specs')} span={2}>
                    {requirement.specs.map((s) => (
                      <div key={s.key}>
                        {s.key}: {s.value}
                      </div>
                    ))}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fieldDescription')} span={2}>
                    {requirement.description}
                  </Descriptions.Item>
                </Descriptions>
              </div>
            ),
          },
          { key: 'matches', label: t('tabMatches'), children: tab === 'matches' && <MatchesPanel requirementId={requirement.id} open={open} savedWeights={requirement.matchWeights ?? null} /> },
          { key: 'quotes', label: t('tabQuotes'), children: tab === 'quotes' && <QuotesPanel requirementId={requirement.id} open={open} onAwarded={() => refetch({ requestPolicy: 'network-only' })} /> },
        ]}
      />
    </>
  );
}
