import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/messages';
import { buyerMenu } from './buyer.messages';

export default function RequirementsPage() {
  const t = useT(buyerMenu);
  return <PageHeader title={t('requirements')} />;
}
