import { Card, Typography } from 'antd';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/messages';
import { adminMessages } from './admin.messages';

/** The platform admin's landing page. */
export default function AdminHomePage() {
  const t = useT(adminMessages);
  return (
    <>
      <PageHeader title={t('homeTitle')} />
      <Card>
        <Typography.Paragraph>{t('hint')}</Typography.Paragraph>
        <a href="/explorer">{t('explorer')}</a>
      </Card>
    </>
  );
}
