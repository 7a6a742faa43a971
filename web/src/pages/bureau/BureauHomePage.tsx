import { Card, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/messages';
import { bureauMessages } from './bureau.messages';

/** The bureau analyst's landing page: a pointer to the dashboard until its pages move into the workspace. */
export default function BureauHomePage() {
  const t = useT(bureauMessages);
  return (
    <>
      <PageHeader title={t('homeTitle')} />
      <Card>
        <Typography.Paragraph>{t('dashboardHint')}</Typography.Paragraph>
        <a href="/dashboard">{t('dashboardLink')}</a>
      </Card>
    </>
  );
}
