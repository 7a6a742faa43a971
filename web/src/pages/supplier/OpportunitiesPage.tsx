import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/messages';
import { supplierMenu } from './supplier.messages';

export default function OpportunitiesPage() {
  const t = useT(supplierMenu);
  return <PageHeader title={t('opportunities')} />;
}
